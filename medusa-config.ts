import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import path from "path"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// REDIS_URL switches on the production set-up: Redis event bus, workflow engine and locking.
const redisUrl = process.env.REDIS_URL
const productionModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
        },
      },
    ]
  : []

// The demo store and the HTTP tests: the plugin's module loads from source, next to the
// Notification Module with the local provider on the `email` channel.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
    cookieOptions: { secure: false },
    redisUrl,
  },
  admin: {
    disable: process.env.IAP_ADMIN_DISABLED === "true",
  },
  modules: [
    {
      resolve: "./src/modules/iap",
      options: {
        grantOn: process.env.IAP_GRANT_ON || "payment_captured",
        creditsUrl: process.env.IAP_CREDITS_URL || "http://localhost:8000/credits?service={service}&credits={credits}",
        thirdPartyServices: process.env.IAP_THIRD_PARTY_SERVICES || "enabled",
        // The demo answers Odoo databases (`iap.endpoint` → this store); the plugin's default is "disabled".
        odooProtocol: process.env.IAP_ODOO_PROTOCOL || "enabled",
        autoRecharge: { enabled: process.env.IAP_AUTO_RECHARGE !== "false" },
        refundPolicy: process.env.IAP_REFUND_POLICY || "clamp",
        digitalFulfillment: process.env.IAP_DIGITAL_FULFILLMENT || "enabled",
      },
    },
    {
      // A card provider with saved cards and off-session payments (integration-tests only, never
      // shipped): auto-recharge runs on it in the tests and the demo store.
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [{ resolve: path.join(__dirname, "integration-tests/fixtures/test-payment-provider"), id: "card" }],
      },
    },
    {
      // Medusa's manual provider, plus the plugin's digital one that fulfils credit packs.
      resolve: "@medusajs/medusa/fulfillment",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
          { resolve: "./src/providers/digital-fulfillment", id: "iap-digital" },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: ["email"] },
          },
        ],
      },
    },
    ...productionModules,
  ],
})
