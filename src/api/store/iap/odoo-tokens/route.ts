import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { IapOdooTokenListResponse, IapOdooTokenResponse } from "../../../../types/http/odoo"
import { linkOdooTokenWorkflow } from "../../../../workflows/odoo/link-odoo-token"
import { withIapErrors } from "../../../utils/iap-errors"
import { iapService } from "../../../utils/portal"
import type { StoreGetOdooTokensParamsType, StoreLinkOdooTokenType } from "./validators"

/** GET /store/iap/odoo-tokens: the Odoo databases linked to my accounts (hint and dbuuid, never the token). */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, StoreGetOdooTokensParamsType>, res: MedusaResponse<IapOdooTokenListResponse>) => {
  const { limit: _l, offset: _o, ...filters } = req.validatedQuery as StoreGetOdooTokensParamsType
  const page = await iapService(req).listOdooTokens(
    { ...filters, customer_id: [req.auth_context.actor_id] },
    { limit: req.queryConfig.pagination.take!, offset: req.queryConfig.pagination.skip! }
  )
  res.json({ odoo_tokens: page.data, count: page.count, limit: page.limit, offset: page.offset })
})

/** The channel a link is made in: one of the publishable key's, by default its only one. */
function linkChannel(req: AuthenticatedMedusaRequest, asked: string | undefined): string | null {
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  if (asked !== undefined && !channels.includes(asked)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "sales_channel_id must be one of this store's sales channels")
  }
  return asked ?? (channels.length === 1 ? channels[0] : null)
}

/**
 * POST /store/iap/odoo-tokens `{ service, account_token, dbuuid, sales_channel_id? }` →
 * `{ odoo_token, created }`: links this Odoo database's token to my account for the service
 * (the one account resolution picks in this channel, docs/rules.md rule 1; created with its trial credits if I have none).
 * The same link again answers `created: false`; a token linked elsewhere is a 409.
 */
export const POST = withIapErrors(
  async (req: AuthenticatedMedusaRequest<StoreLinkOdooTokenType>, res: MedusaResponse<IapOdooTokenResponse & { created: boolean }>) => {
    const { service, account_token, dbuuid, sales_channel_id } = req.validatedBody
    const { result } = await linkOdooTokenWorkflow(req.scope).run({
      input: { service, customer_id: req.auth_context.actor_id, sales_channel_id: linkChannel(req, sales_channel_id), token: account_token, dbuuid },
    })
    res.status(result.created ? 201 : 200).json({ odoo_token: result.odoo_token, created: result.created })
  }
)
