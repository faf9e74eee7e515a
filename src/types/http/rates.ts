import type { IapRateVersionDTO } from "../index"

/** Rate card responses of the admin and store APIs (docs/rate-cards.md). */

export type AdminIapRateVersionListResponse = { rate_versions: IapRateVersionDTO[] }

/** A version with its `rates`. */
export type AdminIapRateVersionResponse = { rate_version: IapRateVersionDTO }

export type StoreIapServiceRatesResponse = {
  service: { technical_name: string; name: string; unit_name: string; integer_credits: boolean }
  /** The version in effect now with its rates; null when the service has no rate card. */
  rate_version: IapRateVersionDTO | null
}
