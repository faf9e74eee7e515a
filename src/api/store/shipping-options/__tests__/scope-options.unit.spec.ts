import { offeredOptions } from "../scope-options"

const instant = { name: "Instant delivery", shipping_profile_id: "sp_digital" }
const standard = { name: "Standard shipping", shipping_profile_id: "sp_goods" }
const express = { name: "Express", shipping_profile_id: "sp_bulky" }
const names = (lineProfiles: string[]) => offeredOptions([instant, standard, express], new Set(lineProfiles), "sp_digital").map((o) => o.name)

describe("offeredOptions", () => {
  it("offers a cart of packs only Instant delivery", () => {
    expect(names(["sp_digital"])).toEqual(["Instant delivery"])
  })

  it("offers a mixed cart Instant delivery and every other option", () => {
    expect(names(["sp_digital", "sp_goods"])).toEqual(["Instant delivery", "Standard shipping", "Express"])
  })

  it("leaves carts without packs as Medusa lists them, minus Instant delivery", () => {
    expect(names(["sp_goods"])).toEqual(["Standard shipping", "Express"])
    expect(names([])).toEqual(["Standard shipping", "Express"])
  })

  it("keeps an option whose profile it cannot see", () => {
    expect(offeredOptions([{ name: "x" } as { name: string; shipping_profile_id?: string }], new Set(["sp_digital"]), "sp_digital")).toHaveLength(1)
  })
})
