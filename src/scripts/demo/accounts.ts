import type { AuthIdentityDTO, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createCustomerAccountWorkflow, createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { EnsureOutcome } from "./config"

type Credentials = { email: string; password: string; first_name: string; last_name: string }

/**
 * Returns the `emailpass` auth identity of an email, registering it with the password when
 * missing. One identity serves every actor type (user, customer) of that email.
 *
 * @example
 * const { identity, outcome } = await ensureEmailpassIdentity(container, "a@b.test", "secret")
 */
export async function ensureEmailpassIdentity(
  container: MedusaContainer,
  email: string,
  password: string
): Promise<{ identity: AuthIdentityDTO; outcome: EnsureOutcome }> {
  const auth = container.resolve(Modules.AUTH)
  const [provider] = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (provider?.auth_identity_id) {
    return { identity: await auth.retrieveAuthIdentity(provider.auth_identity_id), outcome: "reused" }
  }
  const { success, authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (!success || !authIdentity) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `demo seed: cannot register ${email}: ${error}`)
  }
  return { identity: authIdentity, outcome: "created" }
}

/** Points the identity's `app_metadata.<actor>_id` at the actor, keeping other actors. */
async function linkIdentity(container: MedusaContainer, identity: AuthIdentityDTO, key: string, actorId: string) {
  if (identity.app_metadata?.[key] === actorId) return false
  await container.resolve(Modules.AUTH).updateAuthIdentities({
    id: identity.id,
    app_metadata: { ...(identity.app_metadata ?? {}), [key]: actorId },
  })
  return true
}

/**
 * Makes an admin user who signs in with email + password (`/auth/user/emailpass`).
 *
 * @example
 * await ensureAdminUser(container, { email: "admin@iap.test", password: "supersecret", ... })
 */
export async function ensureAdminUser(container: MedusaContainer, who: Credentials): Promise<{ id: string }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const [existing] = await container.resolve(Modules.USER).listUsers({ email: who.email })
  const { identity } = await ensureEmailpassIdentity(container, who.email, who.password)
  let id = existing?.id
  if (!id) {
    const { result } = await createUserAccountWorkflow(container).run({
      input: {
        authIdentityId: identity.id,
        userData: { email: who.email, first_name: who.first_name, last_name: who.last_name },
      },
    })
    id = result.id
  } else {
    await linkIdentity(container, identity, "user_id", id)
  }
  logger.info(`demo seed: admin user ${who.email} ${existing ? "reused" : "created"} (${id})`)
  return { id }
}

/**
 * Makes a registered customer who signs in with email + password (`/auth/customer/emailpass`).
 *
 * @example
 * await ensureCustomer(container, { email: "customer@iap.test", password: "supersecret", ... })
 */
export async function ensureCustomer(container: MedusaContainer, who: Credentials): Promise<{ id: string }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const [existing] = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ email: who.email, has_account: true })
  const { identity } = await ensureEmailpassIdentity(container, who.email, who.password)
  let id = existing?.id
  if (!id) {
    const { result } = await createCustomerAccountWorkflow(container).run({
      input: {
        authIdentityId: identity.id,
        customerData: { email: who.email, first_name: who.first_name, last_name: who.last_name },
      },
    })
    id = result.id
  } else {
    await linkIdentity(container, identity, "customer_id", id)
  }
  logger.info(`demo seed: customer ${who.email} ${existing ? "reused" : "created"} (${id})`)
  return { id }
}
