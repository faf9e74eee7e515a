import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Runs one named (prepared) statement on a connection of `knex`'s pool, past knex's query
 * runner: for the provider hot path's two statements (authenticate, debit). Postgres plans a
 * named statement once per connection, and planning cost several times running them; the
 * runner's binding rewrite and events cost as much again as our own work per request.
 * `text` uses `$1…$n` placeholders (`numbered` turns knex's `?` into them); values are
 * serialized by `pg` exactly as through knex.
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
