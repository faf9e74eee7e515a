/**
 * Which shipping options a cart is offered, given the shipping profiles of its lines that
 * require shipping and the profile of the plugin's digital delivery. Medusa lists every
 * option of the cart's sales channel and zone whatever the lines' profiles, and refuses at
 * completion a method whose profile no line has ("shipping profiles that are not satisfied"):
 * so "Instant delivery" is offered only with pack lines, and a cart of packs only is offered
 * nothing else. Options of other profiles are left alone for every other cart.
 *
 * @example
 * offeredOptions(options, new Set(["sp_digital"]), "sp_digital") // only "Instant delivery"
 */
export function offeredOptions<T extends { shipping_profile_id?: string | null }>(
  options: T[],
  lineProfiles: Set<string>,
  digitalProfileId: string
): T[] {
  const hasPacks = lineProfiles.has(digitalProfileId)
  const hasOthers = [...lineProfiles].some((p) => p !== digitalProfileId)
  return options.filter((o) => {
    if (!o?.shipping_profile_id) return true
    if (o.shipping_profile_id === digitalProfileId) return hasPacks
    return hasOthers || !hasPacks
  })
}
