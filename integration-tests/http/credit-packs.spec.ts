import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { checkoutFixturesEachTest, storefront } from "./helpers/checkout-fixtures"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)

    const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected the request to fail") }, (e: any) => e.response)

    it("creates a pack product in one call: one digital variant per pack, priced, published in the chosen channels, shipped by Instant delivery", async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [product] } = await query.graph({
        entity: "product",
        fields: ["status", "shipping_profile.name", "sales_channels.name", "variants.title", "variants.manage_inventory", "variants.prices.amount", "variants.prices.currency_code", "variants.iap_credit_pack.credits"],
        filters: { id: f.product.id },
      })
      expect(product.status).toBe("published")
      // The profile of the plugin's free "Instant delivery" (docs/storefront.md): its lines ship with it.
      expect((product as any).shipping_profile?.name).toBe("Digital (credit packs)")
      expect(product.sales_channels!.map((c: any) => c.name).sort()).toEqual(["B2B portal", "Webshop"])
      const variants = product.variants!.map((v: any) => [v.title, v.manage_inventory, v.prices.map((p: any) => [p.currency_code, p.amount]), v.iap_credit_pack.credits])
      expect(variants.sort()).toEqual([
        ["100 SMS", false, [["eur", 10]], 100],
        ["500 SMS", false, [["eur", 40]], 500],
      ])

      const { data } = await api.get(`/admin/iap/packs?service_id=${f.service.id}&order=created_at`, f.adminHeaders)
      expect(data).toMatchObject({ count: 2, limit: 20, offset: 0 })
      expect(data.packs.map((p: any) => [p.credits, p.category, p.expires_after_days, p.service.technical_name, p.product_variant.title, p.product_variant.product.title]).sort()).toEqual([
        [100, "paid", null, "sms", "100 SMS", "SMS credits"],
        [500, "paid", null, "sms", "500 SMS", "SMS credits"],
      ])
    })

    it("validates pack products: unknown channel 404, duplicate titles 400, fractional credits for a whole-credit service 400", async () => {
      const base = { service_id: f.service.id, title: "More SMS", packs: [{ credits: 50, prices: [{ currency_code: "eur", amount: 5 }] }] }
      expect(await failure(api.post("/admin/iap/packs/products", { ...base, sales_channel_ids: ["sc_missing"] }, f.adminHeaders))).toMatchObject({
        status: 404, data: { type: "not_found", message: "Sales channel with id: sc_missing was not found" },
      })
      expect(await failure(api.post("/admin/iap/packs/products", { ...base, packs: [base.packs[0], base.packs[0]] }, f.adminHeaders))).toMatchObject({
        status: 400, data: { type: "invalid_data", message: 'Each pack of a product needs its own title: two packs are titled "50 SMS"' },
      })
      expect(await failure(api.post("/admin/iap/packs/products", { ...base, packs: [{ ...base.packs[0], credits: 1.5 }] }, f.adminHeaders))).toMatchObject({
        status: 400, data: { type: "invalid_data", message: "credits must be a whole number for service sms" },
      })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: products } = await query.graph({ entity: "product", fields: ["id"], filters: { title: "More SMS" } })
      expect(products).toHaveLength(0)
    })

    it("makes an existing variant a pack, once; updates it, deletes it", async () => {
      const { result: [product] } = await createProductsWorkflow(getContainer()).run({
        input: { products: [{ title: "Postal letters", options: [{ title: "Size", values: ["10"] }], variants: [{ title: "10 letters", options: { Size: "10" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 12 }] }] }] },
      })
      const variantId = product.variants[0].id
      const { service: mail } = await f.iap.createService({ technical_name: "snailmail", name: "Postal mail", unit_name: "letters" })
      const created = await api.post("/admin/iap/packs", { service_id: mail.id, variant_id: variantId, credits: "10.5", expires_after_days: 365 }, f.adminHeaders)
      expect(created.status).toBe(201)
      const pack = created.data.pack
      expect(pack).toMatchObject({ credits: 10.5, expires_after_days: 365, category: "paid", service: { technical_name: "snailmail" }, product_variant: { id: variantId } })

      expect(await failure(api.post("/admin/iap/packs", { service_id: mail.id, variant_id: variantId, credits: 1 }, f.adminHeaders))).toMatchObject({
        status: 422, data: { type: "duplicate_error", message: `Product variant ${variantId} is already sold as credit pack ${pack.id}` },
      })
      expect(await failure(api.post("/admin/iap/packs", { service_id: mail.id, variant_id: "variant_missing", credits: 1 }, f.adminHeaders))).toMatchObject({
        status: 404, data: { message: "Product variant with id: variant_missing was not found" },
      })
      expect(await failure(api.post("/admin/iap/packs", { service_id: mail.id, variant_id: variantId, credits: 0 }, f.adminHeaders))).toMatchObject({ status: 400 })
      expect(await failure(api.post("/admin/iap/packs", { service_id: mail.id, variant_id: variantId, credits: 1, price: 3 }, f.adminHeaders))).toMatchObject({ status: 400 })

      const updated = await api.post(`/admin/iap/packs/${pack.id}`, { credits: 12, expires_after_days: null }, f.adminHeaders)
      expect(updated.data.pack).toMatchObject({ id: pack.id, credits: 12, expires_after_days: null })
      expect((await api.get(`/admin/iap/packs?variant_id=${variantId}`, f.adminHeaders)).data.packs.map((p: any) => p.id)).toEqual([pack.id])

      expect((await api.delete(`/admin/iap/packs/${pack.id}`, f.adminHeaders)).data).toEqual({ id: pack.id, object: "iap_credit_pack", deleted: true })
      expect(await failure(api.get(`/admin/iap/packs/${pack.id}`, f.adminHeaders))).toMatchObject({ status: 404 })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [variant] } = await query.graph({ entity: "product_variant", fields: ["id", "iap_credit_pack.id"], filters: { id: variantId } })
      expect((variant as any).iap_credit_pack ?? null).toBeNull()
      // The variant is free again: it can become a pack anew.
      expect((await api.post("/admin/iap/packs", { service_id: mail.id, variant_id: variantId, credits: 10 }, f.adminHeaders)).status).toBe(201)
    })

    it("needs an admin", async () => {
      expect(await failure(api.get("/admin/iap/packs"))).toMatchObject({ status: 401 })
    })

    it("lists the packs for sale in the publishable key's sales channel, priced for the region", async () => {
      const { service: reveal } = await f.iap.createService({ technical_name: "reveal", name: "Lead enrichment", integer_credits: true })
      await api.post(
        "/admin/iap/packs/products",
        { service_id: reveal.id, title: "Reveal credits", sales_channel_ids: [f.webshop.id], packs: [{ credits: 50, prices: [{ currency_code: "eur", amount: 25 }, { currency_code: "usd", amount: 27 }] }] },
        f.adminHeaders
      )
      await api.post(
        "/admin/iap/packs/products",
        { service_id: reveal.id, title: "Reveal draft", status: "draft", sales_channel_ids: [f.webshop.id, f.b2b.id], packs: [{ credits: 10, prices: [{ currency_code: "eur", amount: 5 }] }] },
        f.adminHeaders
      )
      const list = async (key: string, query: Record<string, string> = {}) =>
        (await storefront(api, key).client.fetch<any>("/store/iap/packs", { query })).packs.map((p: any) => [
          p.service.technical_name, p.credits, p.variant_title, p.calculated_price?.calculated_amount ?? null,
        ])

      expect(await list(f.keys.webshop, { region_id: f.region.id })).toEqual([
        ["reveal", 50, "50 credits", 25],
        ["sms", 100, "100 SMS", 10],
        ["sms", 500, "500 SMS", 40],
      ])
      expect(await list(f.keys.b2b, { region_id: f.region.id, service: "sms" })).toEqual([
        ["sms", 100, "100 SMS", 10],
        ["sms", 500, "500 SMS", 40],
      ])
      // Only what has a price in the currency; without a region or currency, no price.
      expect(await list(f.keys.webshop, { currency_code: "usd" })).toEqual([["reveal", 50, "50 credits", 27]])
      expect(await list(f.keys.b2b)).toEqual([
        ["sms", 100, "100 SMS", null],
        ["sms", 500, "500 SMS", null],
      ])
      await f.iap.updateService(f.service.id, { status: "archived" })
      expect(await list(f.keys.b2b)).toEqual([])
      const { packs } = await storefront(api, f.keys.webshop).client.fetch<any>("/store/iap/packs", { query: { region_id: f.region.id, service: "reveal" } })
      expect(packs[0]).toMatchObject({ variant_id: expect.stringMatching(/^variant_/), product: { title: "Reveal credits" }, service: { name: "Lead enrichment", unit_name: "credits" } })
    })
  },
})
