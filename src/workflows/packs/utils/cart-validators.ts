import type { MedusaContainer } from "@medusajs/framework/types"

/** What Medusa passes to a `completeCartWorkflow.hooks.validate` handler. */
export type CompleteCartValidateInput = { input: { id: string } & Record<string, unknown>; cart: any }

/** A host's own check at cart completion: throw a `MedusaError` to refuse the cart. */
export type CompleteCartValidator = (
  input: CompleteCartValidateInput,
  context: { container: MedusaContainer }
) => void | Promise<void>

// Kept on globalThis: the plugin's hook file and a host's import may load this file under
// two module instances (compiled package vs. TypeScript source); both must see one list.
const KEY = Symbol.for("medusa-plugin-iap.complete-cart-validators")
const registry = ((globalThis as any)[KEY] ??= []) as CompleteCartValidator[]

/**
 * Adds a host's own check to the one `completeCartWorkflow.hooks.validate` handler the plugin
 * registers (Medusa allows one handler per hook). Checks run after the plugin's credit-pack
 * rule, in the order they were added, before the order is created or a payment authorized.
 * Call it at load time, e.g. from a file in the host's `src/workflows/hooks/`.
 *
 * @example
 * // src/workflows/hooks/cart-rules.ts in the host app
 * import { addCompleteCartValidator } from "medusa-plugin-iap/workflows"
 * addCompleteCartValidator(async ({ cart }) => {
 *   if (!cart.email) throw new MedusaError(MedusaError.Types.INVALID_DATA, "An email is required")
 * })
 */
export function addCompleteCartValidator(validator: CompleteCartValidator): () => void {
  registry.push(validator)
  return () => {
    const i = registry.indexOf(validator)
    if (i >= 0) registry.splice(i, 1)
  }
}

/** Runs the hosts' checks added with `addCompleteCartValidator`, one after the other. */
export async function runCompleteCartValidators(input: CompleteCartValidateInput, context: { container: MedusaContainer }) {
  for (const validator of [...registry]) await validator(input, context)
}
