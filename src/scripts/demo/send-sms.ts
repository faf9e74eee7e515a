import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { DEMO } from "./config"
import { ensureDemoSmsService, sendDemoSms } from "./sms-service"

/**
 * Sends one demo SMS for the demo customer and logs the credits before and after, to watch
 * credits move (the first use opens the account with 10 trial credits).
 *
 * @example
 * // npx medusa exec ./src/scripts/demo/send-sms.ts "+4915112345678" "Your order has shipped"
 */
export default async function sendSmsScript({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const [to = "+4915112345678", ...words] = args ?? []
  const text = words.join(" ") || "Hello from the IAP demo store"
  const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ email: DEMO.customer.email, has_account: true })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `demo sms: no customer ${DEMO.customer.email}: run the seed first (npm run dev)`)
  }
  const { id: serviceId } = await ensureDemoSmsService(container)
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  const before = await iap.resolveAccount({ service_id: serviceId, customer_id: customer.id })
  logger.info(`demo sms: ${DEMO.customer.email} has ${before.account.available} SMS credits`)
  const sent = await sendDemoSms(container, { to, text, customer_id: customer.id })
  const after = await iap.retrieveAccount(before.account.id)
  logger.info(`demo sms: charged ${sent.credits}, ${after.available} SMS credits left (account ${after.id})`)
}
