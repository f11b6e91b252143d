/**
 * When the record of a roll call last changed: `roll_calls.updated_at`, set by the import that wrote or
 * changed the row (the writer leaves it alone when a re-import finds the roll call unchanged). The watch
 * feeds give it as an entry's `updated`.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** The `updated_at` of each roll call of `ids` that exists, by id (ISO date-times). */
export async function updatedAtOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("roll_calls")
      .select(["id", "updated_at"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) out.set(row.id, row.updated_at);
  }
  return out;
}
