import type { MedusaContainer } from "@medusajs/framework/types"
import { generateJwtToken, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../../src/modules/iap"
import type IapModuleService from "../../../src/modules/iap/service"

/** Fixtures of the IAP portal tests: an admin JWT, sales channels with keys, signed-in customers. */

export type Headers = { headers: Record<string, string> }

/** An admin user and the headers of its JWT (what the dashboard sends). */
export async function adminSession(container: MedusaContainer, email = "admin@iap.test") {
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: identity.id, app_metadata: { user_id: user.id } },
    { secret: "supersecret", expiresIn: "1d" }
  )
  return { user, headers: { headers: { authorization: `Bearer ${token}` } } as Headers }
}

/** Sales channels by name, each with its own publishable key. */
export async function channelsWithKeys(container: MedusaContainer, names: string[]) {
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: names.map((name) => ({ name })) },
  })
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: names.map((title) => ({ title, type: "publishable" as const, created_by: "" })) },
  })
  const out: Record<string, { id: string; key: string }> = {}
  for (const [i, channel] of channels.entries()) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[i].id, add: [channel.id] } })
    out[channel.name] = { id: channel.id, key: keys[i].token }
  }
  return out
}

/**
 * Registers a customer through the store API (register → create customer → log in) and
 * returns its id and a function giving the headers of a store request with some publishable key.
 */
export async function signedInCustomer(api: any, publishableKey: string, email: string, password = "supersecret") {
  const pk = { "x-publishable-api-key": publishableKey }
  const registered = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post(
    "/store/customers",
    { email, first_name: email.split("@")[0] },
    { headers: { ...pk, authorization: `Bearer ${registered.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  const token = login.data.token as string
  return {
    id: created.data.customer.id as string,
    email,
    headers: (key: string = publishableKey): Headers => ({
      headers: { "x-publishable-api-key": key, authorization: `Bearer ${token}` },
    }),
  }
}

export function iapOf(container: MedusaContainer): IapModuleService {
  return container.resolve<IapModuleService>(IAP_MODULE)
}

/** An HTTP call's response whatever its status (axios throws on 4xx/5xx). */
export async function call<T = any>(p: Promise<T>): Promise<any> {
  return p.catch((e) => {
    if (!e.response) throw e
    return e.response
  })
}
