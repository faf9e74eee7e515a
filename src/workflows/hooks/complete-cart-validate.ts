import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertCartCanBuyCreditPacks } from "../packs/utils/cart-credit-packs"

export { GUEST_PACK_MESSAGE } from "../packs/utils/cart-credit-packs"

/**
 * Refuses to complete a cart holding credit packs unless a registered customer buys them for
 * an active service and an account that is not suspended (see `assertCartCanBuyCreditPacks`).
 * It runs before the order is created and the payment authorized, so a refusal creates
 * nothing. Medusa allows one handler per hook, so with the plugin installed a host app cannot
 * add its own `validate` handler; the check is exported to be reused elsewhere.
 */
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  await assertCartCanBuyCreditPacks(container, cart as any)
})
