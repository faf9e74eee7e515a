import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { LinkOdooTokenInput } from "../../../types/odoo"
import { iapModule } from "../../common/steps/utils"

export const linkOdooTokenStepId = "iap-link-odoo-token-step"

/**
 * Links an Odoo database's account token to an account. Compensation revokes the link only
 * when this step made it (a link that already existed belongs to an earlier request).
 *
 * @example
 * const { odoo_token } = linkOdooTokenStep({ account_id: "iapacc_1", token: "6f1c…", dbuuid: "1b4e…", sales_channel_id: "sc_1" })
 */
export const linkOdooTokenStep = createStep(
  linkOdooTokenStepId,
  async (input: LinkOdooTokenInput, { container }) => {
    const result = await iapModule(container).linkOdooToken(input)
    return new StepResponse(result, result.created ? result.odoo_token.id : null)
  },
  async (linkId, { container }) => {
    if (!linkId) return
    await iapModule(container).revokeOdooToken(linkId)
  }
)
