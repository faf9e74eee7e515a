export * from "./store"
