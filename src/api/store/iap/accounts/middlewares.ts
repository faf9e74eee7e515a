import {
  authenticate,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { GetAutoRechargeParams, UpsertAutoRecharge } from "../../../utils/auto-recharge"
import { ensureOwnIapAccount } from "./ensure-own-account"
import {
  listStoreIapAccountQueryConfig,
  listStoreIapTransactionQueryConfig,
  retrieveStoreIapAccountQueryConfig,
} from "./query-config"
import {
  StoreGetIapAccountParams,
  StoreGetIapAccountsParams,
  StoreGetIapTransactionsParams,
  StoreUpdateIapAccount,
} from "./validators"

const signedIn = authenticate("customer", ["session", "bearer"])

export const storeIapAccountsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/iap/accounts",
    middlewares: [signedIn, validateAndTransformQuery(StoreGetIapAccountsParams, listStoreIapAccountQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/store/iap/accounts/:id",
    middlewares: [
      signedIn,
      validateAndTransformQuery(StoreGetIapAccountParams, retrieveStoreIapAccountQueryConfig),
      ensureOwnIapAccount,
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/iap/accounts/:id",
    middlewares: [signedIn, ensureOwnIapAccount, validateAndTransformBody(StoreUpdateIapAccount)],
  },
  {
    method: ["POST"],
    matcher: "/store/iap/accounts/:id/rotate-token",
    middlewares: [signedIn, ensureOwnIapAccount],
  },
  {
    method: ["GET"],
    matcher: "/store/iap/accounts/:id/transactions",
    middlewares: [
      signedIn,
      ensureOwnIapAccount,
      validateAndTransformQuery(StoreGetIapTransactionsParams, listStoreIapTransactionQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/store/iap/accounts/:id/auto-recharge",
    middlewares: [signedIn, validateAndTransformQuery(GetAutoRechargeParams, {}), ensureOwnIapAccount],
  },
  {
    method: ["POST"],
    matcher: "/store/iap/accounts/:id/auto-recharge",
    middlewares: [signedIn, ensureOwnIapAccount, validateAndTransformBody(UpsertAutoRecharge)],
  },
  { method: ["GET"], matcher: "/store/iap/payment-methods", middlewares: [signedIn, validateAndTransformQuery(GetAutoRechargeParams, {})] },
]
