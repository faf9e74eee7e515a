import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { thresholdWarnings } from "../utils/threshold-warning"
import { iapModule } from "../../common/steps/utils"

export const prepareThresholdWarningStepId = "iap-prepare-threshold-warning"

export type PrepareThresholdWarningInput = {
  account_id: string
  /** Identifies one downward crossing; redeliveries of its event carry the same value. */
  crossing_id?: string | null
  /** Available credits when the account crossed (from the event); else read now. */
  available?: number | null
}

/**
 * Builds the low-balance emails of one crossing: one per recipient, the account's
 * `warning_emails`, else its customer's email. Nothing when the warning was turned off
 * meanwhile or nobody is to be told.
 *
 * @example
 * const notifications = prepareThresholdWarningStep({ account_id: "iapacc_1", crossing_id: "01J…:4", available: 4 })
 */
export const prepareThresholdWarningStep = createStep(
  prepareThresholdWarningStepId,
  async (input: PrepareThresholdWarningInput, { container }) => {
    const iap = iapModule(container)
    const account = await iap.retrieveAccount(input.account_id)
    if (account.warning_threshold === null) return new StepResponse([] as CreateNotificationDTO[])
    let recipients = account.warning_emails
    if (!recipients.length && account.customer_id) {
      const [customer] = await container
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: account.customer_id }, { select: ["id", "email"], take: 1 })
      recipients = customer?.email ? [customer.email] : []
    }
    const options = iap.getOptions()
    const notifications = thresholdWarnings({
      account,
      service: await iap.retrieveServiceByName(account.service),
      recipients,
      crossing_id: input.crossing_id ?? null,
      available: input.available ?? account.available,
      template: options.warningEmailTemplate,
      creditsUrlTemplate: options.creditsUrl,
    })
    return new StepResponse(notifications)
  }
)
