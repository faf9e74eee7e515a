import type { MedusaContainer } from "@medusajs/framework/types"
import type { AuthorizeCreditsInput, AuthorizeCreditsResult, CaptureHoldInput, CaptureHoldResult, IapProviderAddress } from "../../types"
import { holdAuthorizedEvents } from "./authorize-credits"
import { holdCapturedEvents } from "./capture-hold"
import { emitOrUndo, iapModule, reverseWrittenTransaction, writtenTransactionId } from "../common/steps/utils"

/**
 * The provider API's hot path for authorize and capture, as `chargeCreditsDirect` is for a
 * charge: the same module call and events as `authorizeCreditsWorkflow` / `captureHoldWorkflow`,
 * without the workflow engine (measured in bench scenario 3, its per-run cost was most of the
 * request's CPU). Safe for the same reasons: the route has already resolved the account (by
 * token, checked against the authenticated service), the module call commits before it
 * returns, the events go out after the commit, and if emitting fails the write is undone as the
 * workflow's compensation would (the hold canceled, the capture reversed). A replay emits
 * nothing. In-app callers keep using the workflows.
 *
 * @example
 * const result = await authorizeCreditsDirect(req.scope, { account_id, amount: 5, idempotency_key: "lead-9" })
 */
export async function authorizeCreditsDirect(container: MedusaContainer, input: AuthorizeCreditsInput): Promise<AuthorizeCreditsResult> {
  const result = await iapModule(container).authorizeCredits(input)
  await emitAuthorized(container, result)
  return result
}

/**
 * `authorizeCreditsDirect` for a provider call whose account was named by token (`address`,
 * re-checked in the authorization's one statement): null, having written and emitted nothing,
 * when that statement leaves the call (the route then authenticates it afresh).
 *
 * @example
 * const result = (await authorizeCreditsAddressed(req.scope, input, address)) ?? (await authorizeCreditsDirect(req.scope, input))
 */
export async function authorizeCreditsAddressed(
  container: MedusaContainer,
  input: AuthorizeCreditsInput,
  address: IapProviderAddress
): Promise<AuthorizeCreditsResult | null> {
  const result = await iapModule(container).authorizeAddressed(input, address)
  if (result) await emitAuthorized(container, result)
  return result
}

/**
 * `captureHoldWorkflow` without the engine (see `authorizeCreditsDirect`). `account_id` is the
 * account the provider addresses: another account's hold answers 404 like a missing one.
 *
 * @example
 * const result = await captureHoldDirect(req.scope, { account_id, hold_id, amount: 3, idempotency_key: "cap-9" })
 */
export async function captureHoldDirect(
  container: MedusaContainer,
  input: CaptureHoldInput & { account_id: string }
): Promise<CaptureHoldResult> {
  const result = await iapModule(container).captureHold(input)
  await emitCaptured(container, result)
  return result
}

/**
 * `captureHoldDirect` for a provider call whose account was named by token (`address`, re-checked
 * in the capture's one statement): null, having written and emitted nothing, when that statement
 * leaves the call (the route then authenticates it afresh and captures the general way).
 *
 * @example
 * const result = (await captureHoldAddressed(req.scope, input, address)) ?? (await captureHoldDirect(req.scope, input))
 */
export async function captureHoldAddressed(
  container: MedusaContainer,
  input: CaptureHoldInput & { account_id: string },
  address: IapProviderAddress
): Promise<CaptureHoldResult | null> {
  const result = await iapModule(container).captureAddressed(input, address)
  if (result) await emitCaptured(container, result)
  return result
}

/** The hold's events; if they cannot go out, the hold is canceled, as the workflow's compensation would. */
function emitAuthorized(container: MedusaContainer, result: AuthorizeCreditsResult) {
  return emitOrUndo(container, holdAuthorizedEvents(result), async () => {
    const iap = iapModule(container)
    await iap.cancelHold({ hold_id: result.hold.id, idempotency_key: `compensate:${result.hold.id}` }).catch(() => undefined)
  })
}

/** The capture's events; if they cannot go out, the capture is reversed. */
function emitCaptured(container: MedusaContainer, result: CaptureHoldResult) {
  return emitOrUndo(container, holdCapturedEvents(result), () => reverseWrittenTransaction(writtenTransactionId(result), { container }))
}
