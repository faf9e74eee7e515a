export * from "./store"
export * from "./admin"
export * from "./odoo"
export * from "./orders"
