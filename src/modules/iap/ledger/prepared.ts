import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Runs one named (prepared) statement on a pooled connection. The ONE place that reaches the raw
 * `pg` client under knex, because knex cannot send named statements, which Postgres plans once
 * per connection (provider hot path: bench/scenarios/http.js). `text` uses `$1…$n` placeholders
 * (`numbered` turns knex's `?` into them); `pg` serializes values exactly as knex does.
 *
 * @example
 * const rows = await prepared(knex, "iap_debit", "SELECT iap_debit($1, …) AS result", values)
 */
export async function prepared(knex: Knex, name: string, text: string, values: unknown[]): Promise<any[]> {
  const client = (knex as any).client
  const connection = await client.acquireConnection()
  try {
    const { rows } = await connection.query({ name, text, values })
    return rows
  } finally {
    await client.releaseConnection(connection)
  }
}


/** knex's `?` placeholders as `$1…$n`, for SQL built from fragments shared with knex queries. */
export function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}
