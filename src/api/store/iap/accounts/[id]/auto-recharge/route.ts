import { autoRechargeHandlers } from "../../../../../utils/auto-recharge"
import { withIapErrors } from "../../../../../utils/iap-errors"

/** GET: settings and recent attempts. POST: switch on / change (validated). DELETE: switch off and forget. */
export const GET = withIapErrors(autoRechargeHandlers.GET)
export const POST = withIapErrors(autoRechargeHandlers.POST)
export const DELETE = withIapErrors(autoRechargeHandlers.DELETE)
