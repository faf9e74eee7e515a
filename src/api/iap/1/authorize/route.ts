import { randomUUID } from "crypto"
import { MAX_HOLD_TTL_SECONDS } from "../../../../modules/iap/options"
import { authorizeCreditsWorkflow } from "../../../../workflows/holds/authorize-credits"
import { assertServiceCredits } from "../../v1/provider-account"
import { odooRpc } from "../json-rpc"
import { authenticateOdooKey, findOdooAccount, notLinked } from "../odoo-accounts"
import { OdooAuthorize } from "../validators"

/**
 * The idempotency key of an authorize: the JSON-RPC `id` when it can name one call (Odoo sends
 * a fresh uuid4 hex per call, so the same envelope sent again replays its hold), else a new key.
 * Never the params: two SMS with the same token and description are two holds.
 */
function authorizeKey(id: unknown): string {
  return typeof id === "string" && id.length >= 16 && id.length <= 200 ? `odoo-authorize:${id}` : `odoo-authorize:${randomUUID()}`
}

/** Odoo counts `ttl` in hours (default 4320 = 180 days): capped at the longest hold, 180 days. */
function ttlSeconds(hours: number | null | undefined): number {
  return Math.min(MAX_HOLD_TTL_SECONDS, Math.max(1, Math.round((hours ?? 4320) * 3600)))
}

/**
 * POST /iap/1/authorize `{ account_token, credit, key, description?, ttl?, dbuuid? }` → the
 * transaction token (our hold id). An unlinked token answers InsufficientCreditError with the
 * buy link, like an empty account.
 */
export const POST = odooRpc(OdooAuthorize, async (req, { id, params }) => {
  const service = await authenticateOdooKey(req, params.key)
  const account = await findOdooAccount(req, service, params.account_token, params.dbuuid ?? null)
  assertServiceCredits(service, params.credit, { field: "credit" })
  if (!account) throw notLinked(service, params.credit)
  const { result } = await authorizeCreditsWorkflow(req.scope).run({
    input: {
      service: service.technical_name,
      account_id: account.id,
      credits: params.credit,
      idempotency_key: authorizeKey(id),
      ttl_seconds: ttlSeconds(params.ttl),
      description: params.description ?? null,
    },
  })
  return result.hold.id
})
