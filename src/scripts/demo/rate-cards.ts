import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"

/**
 * The demo's rate cards (docs/rate-cards.md): `sms` priced per message part by destination country (a few
 * countries, `*` for the rest), `reveal` per lead with a cheaper tier past 100 leads a month.
 */
export const DEMO_RATE_CARDS: Record<string, { note: string; rates: Record<string, unknown>[] }> = {
  sms: {
    note: "Demo: per SMS part, by destination country",
    rates: [
      { metric: "sms_part", dimensions: { country: "BE" }, unit_credits: 1 },
      { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: 1 },
      { metric: "sms_part", dimensions: { country: "FR" }, unit_credits: 1 },
      { metric: "sms_part", dimensions: { country: "US" }, unit_credits: 2 },
      { metric: "sms_part", dimensions: { country: "BR" }, unit_credits: 3 },
      { metric: "sms_part", dimensions: { country: "*" }, unit_credits: 4 },
    ],
  },
  reveal: {
    note: "Demo: per lead revealed, cheaper past 100 leads a month",
    rates: [{ metric: "lead", tiers: [{ up_to: 100, unit_credits: 1 }, { up_to: null, unit_credits: "0.5" }] }],
  },
}

/**
 * Gives each demo service its rate card unless it already has one (idempotent).
 *
 * @example
 * await ensureDemoRateCards(container)
 */
export async function ensureDemoRateCards(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  for (const [name, card] of Object.entries(DEMO_RATE_CARDS)) {
    const service = await iap.retrieveServiceByName(name)
    if ((await iap.listRateVersions(service.id)).length) continue
    const version = await iap.createRateVersion(service.id, { note: card.note, rates: card.rates })
    logger.info(`demo seed: rate card v${version.version} of ${name} (${version.rate_count} rates)`)
  }
}
