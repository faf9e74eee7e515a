import { Module } from "@medusajs/framework/utils"
import IapModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const IAP_MODULE = "iap"

export default Module(IAP_MODULE, {
  service: IapModuleService,
  loaders: [validateOptionsLoader],
})

export { IapModuleService }
