import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { adminCreditPackQueryConfig } from "./query-config"
import {
  AdminCreateCreditPack,
  AdminCreateCreditPackProduct,
  AdminGetCreditPack,
  AdminListCreditPacks,
  AdminUpdateCreditPack,
} from "./validators"

/** `/admin/iap/packs`: credit packs (admin auth is Medusa's default for `/admin`). */
export const adminCreditPackMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/iap/packs",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListCreditPacks, adminCreditPackQueryConfig.list)],
  },
  {
    matcher: "/admin/iap/packs",
    methods: ["POST"],
    middlewares: [
      validateAndTransformBody(AdminCreateCreditPack),
      validateAndTransformQuery(AdminGetCreditPack, adminCreditPackQueryConfig.retrieve),
    ],
  },
  {
    matcher: "/admin/iap/packs/products",
    methods: ["POST"],
    middlewares: [
      validateAndTransformBody(AdminCreateCreditPackProduct),
      validateAndTransformQuery(AdminGetCreditPack, adminCreditPackQueryConfig.retrieve),
    ],
  },
  {
    matcher: "/admin/iap/packs/:id",
    methods: ["GET", "DELETE"],
    middlewares: [validateAndTransformQuery(AdminGetCreditPack, adminCreditPackQueryConfig.retrieve)],
  },
  {
    matcher: "/admin/iap/packs/:id",
    methods: ["POST"],
    middlewares: [
      validateAndTransformBody(AdminUpdateCreditPack),
      validateAndTransformQuery(AdminGetCreditPack, adminCreditPackQueryConfig.retrieve),
    ],
  },
]
