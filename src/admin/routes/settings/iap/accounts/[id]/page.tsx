import { Navigate, useParams } from "react-router-dom"

/** The account page moved under the main-sidebar "Credits" entry: old links still land on it. */
const MovedIapAccountPage = () => {
  const { id } = useParams()
  return <Navigate to={`/iap/accounts/${id}`} replace />
}

export default MovedIapAccountPage
