/**
 * The module's source of time. Every expiry decision reads it (never SQL `now()`), so tests
 * can move time precisely with `clock.set()` and go back with `clock.reset()`.
 *
 * @example
 * clock.set(new Date("2030-01-01T00:00:00Z"))
 */
let fixed: number | null = null

export const clock = {
  now(): Date {
    return new Date(fixed ?? Date.now())
  },
  set(date: Date): void {
    fixed = date.getTime()
  },
  advance(ms: number): void {
    fixed = (fixed ?? Date.now()) + ms
  },
  reset(): void {
    fixed = null
  },
}
