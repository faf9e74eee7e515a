import type { AdditionalData } from "@medusajs/framework/types"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateIapAccountInput } from "../../types"
import { IapEvents } from "../events"
import { createIapAccountStep } from "./steps/create-iap-account"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { validateAccountReferencesStep } from "./steps/validate-account-references"

export const createIapAccountWorkflowId = "iap-create-account"

/** An account to create, plus custom data passed through to the `accountCreated` hook. */
export type CreateIapAccountWorkflowInput = CreateIapAccountInput & AdditionalData

/**
 * Creates an account for a customer (or the store, `customer_id: null`), optionally restricted
 * to some sales channels, after checking the customer and channels exist. Returns the account
 * token in plain text this once, and emits `iap.account.created`.
 *
 * @example
 * const { result } = await createIapAccountWorkflow(container).run({
 *   input: { service_id: "iapsvc_1", customer_id: "cus_1", sales_channel_ids: ["sc_b2b"] },
 * })
 * result.token // "iapt_…"
 *
 * @summary
 *
 * Create a credits account.
 *
 * @property hooks.accountCreated - Runs after the account is created, before the event: receives
 * `{ account, additional_data }` (not the token). Throwing undoes the creation.
 */
export const createIapAccountWorkflow = createWorkflow(createIapAccountWorkflowId, (input: CreateIapAccountWorkflowInput) => {
  validateAccountReferencesStep(
    transform({ input }, ({ input }) => ({ customer_id: input.customer_id, sales_channel_ids: input.sales_channel_ids }))
  )
  const result = createIapAccountStep(transform({ input }, ({ input: { additional_data: _, ...account } }) => account))
  const accountCreated = createHook("accountCreated", { account: result.account, additional_data: input.additional_data })
  emitIapEventsStep(
    transform({ result }, ({ result }) => [
      {
        name: IapEvents.ACCOUNT_CREATED,
        data: { id: result.account.id, service: result.account.service, customer_id: result.account.customer_id },
      },
    ])
  )
  return new WorkflowResponse(result, { hooks: [accountCreated] })
})
