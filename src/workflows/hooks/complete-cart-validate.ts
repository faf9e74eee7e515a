import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertCartCanBuyCreditPacks } from "../packs/utils/cart-credit-packs"
import { runCompleteCartValidators } from "../packs/utils/cart-validators"

export { GUEST_PACK_MESSAGE } from "../packs/utils/cart-credit-packs"

/**
 * Refuses to complete a cart holding credit packs unless a registered customer buys them for
 * an active service and an account that is not suspended (see `assertCartCanBuyCreditPacks`).
 * It runs before the order is created and the payment authorized, so a refusal creates
 * nothing. Medusa allows one handler per hook, so this one also runs the host app's own checks
 * added with `addCompleteCartValidator` (docs/extending.md).
 */
completeCartWorkflow.hooks.validate(async (input, { container }) => {
  await assertCartCanBuyCreditPacks(container, input.cart as any)
  await runCompleteCartValidators(input as any, { container })
})
