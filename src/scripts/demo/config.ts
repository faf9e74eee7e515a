/**
 * What the demo store is made of. Later issues add IAP services and credit packs here and
 * a matching `ensure*` step in `../seed-demo.ts`.
 */
export const DEMO = {
  storeName: "IAP Demo Store",
  currencies: [
    { currency_code: "eur", is_default: true },
    { currency_code: "usd", is_default: false },
  ],
  salesChannels: [
    { name: "Webshop", description: "Consumer storefront" },
    { name: "B2B portal", description: "Business customers" },
  ],
  regions: [
    { name: "Europe", currency_code: "eur", countries: ["de", "fr", "it", "es", "nl", "be", "at"] },
    { name: "United States", currency_code: "usd", countries: ["us"] },
  ],
  stockLocation: {
    name: "IAP Demo Warehouse",
    address: { address_1: "", city: "Berlin", country_code: "DE" },
  },
  admin: { email: "admin@iap.test", password: "supersecret", first_name: "Ada", last_name: "Admin" },
  customer: {
    email: "customer@iap.test",
    password: "supersecret",
    first_name: "Carla",
    last_name: "Customer",
  },
  /** Read by `scripts/dev.js` to print keys and credentials. */
  summaryFile: ".data/demo.json",
} as const

/** "created" on the first run, "reused" on every later one. */
export type EnsureOutcome = "created" | "reused" | "updated"
