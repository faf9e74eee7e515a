import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { GetAutoRechargeParams, UpsertAutoRecharge } from "../../../utils/auto-recharge"
import { ensureAdminIapAccount } from "./ensure-account"
import { listAdminIapAccountQueryConfig, retrieveAdminIapAccountQueryConfig } from "./query-config"
import {
  AdminAdjustIapCredits,
  AdminCreateIapAccount,
  AdminGetIapAccountParams,
  AdminGetIapAccountsParams,
  AdminGrantIapCredits,
  AdminUpdateIapAccount,
  AdminVoidIapLot,
} from "./validators"

export const adminIapAccountsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/accounts",
    middlewares: [validateAndTransformQuery(AdminGetIapAccountsParams, listAdminIapAccountQueryConfig)],
  },
  { method: ["POST"], matcher: "/admin/iap/accounts", middlewares: [validateAndTransformBody(AdminCreateIapAccount)] },
  {
    method: ["GET"],
    matcher: "/admin/iap/accounts/:id",
    middlewares: [validateAndTransformQuery(AdminGetIapAccountParams, retrieveAdminIapAccountQueryConfig)],
  },
  { method: ["POST"], matcher: "/admin/iap/accounts/:id", middlewares: [validateAndTransformBody(AdminUpdateIapAccount)] },
  { method: ["POST"], matcher: "/admin/iap/accounts/:id/grant", middlewares: [validateAndTransformBody(AdminGrantIapCredits)] },
  { method: ["POST"], matcher: "/admin/iap/accounts/:id/adjust", middlewares: [validateAndTransformBody(AdminAdjustIapCredits)] },
  {
    method: ["POST"],
    matcher: "/admin/iap/accounts/:id/lots/:lot_id/void",
    middlewares: [validateAndTransformBody(AdminVoidIapLot)],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/iap/accounts/:id/auto-recharge",
    middlewares: [validateAndTransformQuery(GetAutoRechargeParams, {}), ensureAdminIapAccount],
  },
  {
    method: ["POST"],
    matcher: "/admin/iap/accounts/:id/auto-recharge",
    middlewares: [ensureAdminIapAccount, validateAndTransformBody(UpsertAutoRecharge)],
  },
  {
    method: ["GET"],
    matcher: "/admin/iap/accounts/:id/payment-methods",
    middlewares: [validateAndTransformQuery(GetAutoRechargeParams, {}), ensureAdminIapAccount],
  },
]
