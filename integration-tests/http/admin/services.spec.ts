import { adminSuite, type AdminSession } from "../helpers/admin-suite"
import { call } from "../helpers/portal-fixtures"

adminSuite(({ api, session }) => {
  /** The services `sms` (third party, whole credits, 5 trial credits), `lead_enrich` and `snailmail`, created over HTTP. */
  async function threeServices(admin: AdminSession) {
    const third = await api.post(
      "/admin/iap/services",
      { technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true, provider_type: "third_party", trial_credits: 5 },
      admin.headers
    )
    const first = await api.post("/admin/iap/services", { technical_name: "lead_enrich", name: "Lead enrichment" }, admin.headers)
    await api.post("/admin/iap/services", { technical_name: "snailmail", name: "Postal mail" }, admin.headers)
    return { third, first }
  }

  describe("POST /admin/iap/services", () => {
    it("creates a third-party service and shows its key once; a first-party service has no key", async () => {
      const { admin } = session()
      const { third, first } = await threeServices(admin)
      expect(third.status).toBe(201)
      expect(third.data.key).toMatch(/^iapk_/)
      expect(third.data.service).toMatchObject({
        technical_name: "sms",
        name: "SMS",
        unit_name: "SMS",
        integer_credits: true,
        trial_credits: 5,
        provider_type: "third_party",
        status: "active",
        key_hint: `iapk_…${third.data.key.slice(-4)}`,
      })
      expect(third.data.service).not.toHaveProperty("key_hash")
      expect(first.data.key).toBeNull()
    })

    it("answers 400 naming the field and 409 on a duplicate", async () => {
      const { admin } = session()
      const badName = await call(api.post("/admin/iap/services", { technical_name: "SMS!", name: "SMS" }, admin.headers))
      expect(badName.status).toBe(400)
      expect(badName.data).toEqual({
        type: "invalid_data",
        message:
          "Invalid request: technical_name must start with a lowercase letter and contain 2 to 63 lowercase letters, digits or underscores",
      })
      const badTrial = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS", trial_credits: 1.23456 }, admin.headers))
      expect(badTrial.status).toBe(400)
      expect(badTrial.data.message).toBe("Invalid request: trial_credits must have at most 4 decimal places")
      const unknown = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS", colour: "red" }, admin.headers))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("Invalid request: Unrecognized fields: 'colour'")
      const missing = await call(api.post("/admin/iap/services", { technical_name: "sms" }, admin.headers))
      expect(missing.status).toBe(400)
      expect(missing.data.message).toBe("Invalid request: Field 'name' is required")

      await api.post("/admin/iap/services", { technical_name: "sms", name: "SMS" }, admin.headers)
      const duplicate = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS 2" }, admin.headers))
      expect(duplicate.status).toBe(409)
      expect(duplicate.data).toEqual({ type: "conflict", message: "An IAP service named sms already exists" })
    })
  })

  describe("GET /admin/iap/services", () => {
    it("lists, paginates, filters and searches, never showing a key hash", async () => {
      const { admin } = session()
      await threeServices(admin)
      const all = await api.get("/admin/iap/services", admin.headers)
      expect(all.data.count).toBe(3)
      expect(all.data.services.map((s: any) => s.technical_name)).toEqual(["lead_enrich", "sms", "snailmail"])
      expect(all.data.services.every((s: any) => !("key_hash" in s))).toBe(true)

      const page = await api.get("/admin/iap/services?limit=1&offset=1", admin.headers)
      expect(page.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
      expect(page.data.services.map((s: any) => s.technical_name)).toEqual(["sms"])

      const third_only = await api.get("/admin/iap/services?provider_type=third_party", admin.headers)
      expect(third_only.data.services.map((s: any) => s.technical_name)).toEqual(["sms"])
      const searched = await api.get("/admin/iap/services?q=mail", admin.headers)
      expect(searched.data.services.map((s: any) => s.technical_name)).toEqual(["snailmail"])
      // A secret-derived column is not a field one may ask for: 400, nothing leaks.
      const leaked = await call(api.get("/admin/iap/services?fields=key_hash,technical_name", admin.headers))
      expect([leaked.status, leaked.data]).toEqual([400, { type: "invalid_data", message: "Invalid request: fields: key_hash is not allowed" }])
    })

    it("answers 401 without a session", async () => {
      const anonymous = await call(api.get("/admin/iap/services"))
      expect(anonymous.status).toBe(401)
    })
  })

  describe("GET /admin/iap/services/:id", () => {
    it("shows one service", async () => {
      const { admin } = session()
      const { third } = await threeServices(admin)
      const id = third.data.service.id
      const one = await api.get(`/admin/iap/services/${id}`, admin.headers)
      expect(one.data.service.id).toBe(id)
    })

    it("answers 404 when unknown", async () => {
      const { admin } = session()
      const absent = await call(api.get("/admin/iap/services/iapsvc_nope", admin.headers))
      expect(absent.status).toBe(404)
    })
  })

  describe("POST /admin/iap/services/:id", () => {
    it("updates the name and the default warning threshold", async () => {
      const { admin } = session()
      const { third } = await threeServices(admin)
      const id = third.data.service.id
      const updated = await api.post(`/admin/iap/services/${id}`, { name: "Text messages", default_warning_threshold: 20 }, admin.headers)
      expect(updated.data.service).toMatchObject({ name: "Text messages", default_warning_threshold: 20, technical_name: "sms" })
    })
  })

  describe("POST /admin/iap/services/:id/rotate-key", () => {
    it("replaces a third-party key (the old one stops working); a first-party service has none: 400", async () => {
      const { iap, admin } = session()
      const { third, first } = await threeServices(admin)
      const id = third.data.service.id
      const rotated = await api.post(`/admin/iap/services/${id}/rotate-key`, {}, admin.headers)
      expect(rotated.data.key).toMatch(/^iapk_/)
      expect(rotated.data.key).not.toBe(third.data.key)
      expect(rotated.data.service.key_hint).toBe(`iapk_…${rotated.data.key.slice(-4)}`)
      expect((await iap.authenticateProvider(third.data.key, null)).service).toBeNull()
      expect((await iap.authenticateProvider(rotated.data.key, null)).service?.id).toBe(id)

      const firstParty = await call(api.post(`/admin/iap/services/${first.data.service.id}/rotate-key`, {}, admin.headers))
      expect(firstParty.status).toBe(400)
      expect(firstParty.data.message).toBe("IAP service lead_enrich is first-party: it has no key")
    })
  })

  describe("DELETE /admin/iap/services/:id", () => {
    it("archives: the service leaves the active list", async () => {
      const { admin } = session()
      const { third } = await threeServices(admin)
      const id = third.data.service.id
      const archived = await api.delete(`/admin/iap/services/${id}`, admin.headers)
      expect(archived.data).toMatchObject({ id, object: "iap_service", archived: true, service: { status: "archived" } })
      const active = await api.get("/admin/iap/services?status=active", admin.headers)
      expect(active.data.services.map((s: any) => s.technical_name)).toEqual(["lead_enrich", "snailmail"])
    })
  })
})
