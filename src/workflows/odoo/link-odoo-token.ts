import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { accountResolvedEvents } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { linkOdooTokenStep } from "./steps/link-odoo-token"
import { resolveIapAccountStep } from "../common/steps/resolve-iap-account"

export const linkOdooTokenWorkflowId = "iap-link-odoo-token"

export type LinkOdooTokenWorkflowInput = {
  /** The service's technical name. */
  service: string
  customer_id: string
  /** The channel of the store request: the account is resolved (docs/rules.md rule 1) and the link made in it. */
  sales_channel_id?: string | null
  /** The Odoo database's account token for this service, in plain text (only its hash is kept). */
  token: string
  dbuuid: string
}

/**
 * Links "this Odoo database" to the customer's account for a service: from then on the Odoo
 * database's own account token names that account in the Odoo IAP protocol (`/iap/1/...`).
 * The account is the one account resolution (docs/rules.md rule 1) picks for the customer in the request's sales channel (created
 * with its trial credits when missing, like a first purchase would).
 *
 * @example
 * const { result } = await linkOdooTokenWorkflow(container).run({
 *   input: { service: "sms", customer_id: "cus_1", sales_channel_id: "sc_1", token: "6f1c…", dbuuid: "1b4e…" },
 * })
 * result.odoo_token.token_hint // "…9f3a"
 */
export const linkOdooTokenWorkflow = createWorkflow(linkOdooTokenWorkflowId, (input: LinkOdooTokenWorkflowInput) => {
  const resolved = resolveIapAccountStep({
    service: input.service,
    customer_id: input.customer_id,
    sales_channel_id: input.sales_channel_id,
  })
  const linked = linkOdooTokenStep(
    transform({ input, resolved }, ({ input, resolved }) => ({
      account_id: resolved.account.id,
      token: input.token,
      dbuuid: input.dbuuid,
      sales_channel_id: input.sales_channel_id ?? null,
    }))
  )
  emitIapEventsStep(transform({ resolved }, ({ resolved }) => accountResolvedEvents(resolved)))
  return new WorkflowResponse(
    transform({ linked, resolved }, ({ linked, resolved }) => ({ ...linked, account_id: resolved.account.id }))
  )
})
