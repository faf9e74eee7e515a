import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"

export const resolveIapAccountStepId = "iap-resolve-account"

export type ResolveIapAccountStepInput = {
  /** The service's technical name. */
  service: string
  customer_id?: string | null
  sales_channel_id?: string | null
  /** Use this account (checked against the service) instead of resolving one. */
  account_id?: string | null
}

/**
 * Finds the account a use of `service` is charged to (docs/rules.md rule 1), creating the holder's
 * unrestricted account on first use.
 *
 * @example
 * const { account } = resolveIapAccountStep({ service: "sms", customer_id: "cus_1", sales_channel_id: "sc_1" })
 */
export const resolveIapAccountStep = createStep(
  resolveIapAccountStepId,
  async (input: ResolveIapAccountStepInput, { container }) => {
    const iap = container.resolve<IapModuleService>(IAP_MODULE)
    const service = await iap.retrieveServiceByName(input.service)
    if (input.account_id) {
      const account = await iap.retrieveAccount(input.account_id)
      if (account.service_id !== service.id) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${input.account_id} was not found`)
      }
      return new StepResponse({ account, created: false, trial_lot_id: null as string | null, trial_transaction: null })
    }
    const resolved = await iap.resolveAccount({
      service_id: service.id,
      customer_id: input.customer_id ?? null,
      sales_channel_id: input.sales_channel_id ?? null,
    })
    return new StepResponse(resolved)
  }
)
