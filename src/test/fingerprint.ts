/**
 * A fingerprint of a store's record and newsroom: a SHA-256 over every row of the tables below, read in
 * a fixed order. Two stores (or one store before and after something) with equal fingerprints hold the
 * same roll calls, votes, issues, sources, imports and newsroom content, row for row.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Store } from "../data/store/index.js";
import { storeDb } from "./storeDb.js";

/** Table → the columns that order its rows completely. */
const TABLES: Record<string, string[]> = {
  roll_calls: ["id"],
  votes: ["roll_call_id", "member_id"],
  roll_call_issues: ["roll_call_id", "code"],
  provenance: ["roll_call_id", "source", "source_key"],
  vote_conflicts: ["roll_call_id", "member_id", "other_source", "other_vote"],
  imports: ["id"],
  news_users: ["id"],
  news_articles: ["id"],
  news_revisions: ["article_id", "number"],
  news_comments: ["id"],
  news_tags: ["slug"],
};

export async function storeFingerprint(
  store: Store,
): Promise<{ hash: string; rows: Record<string, number> }> {
  const hash = createHash("sha256");
  const rows: Record<string, number> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    // Names come from the constant above, never from input.
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.join(
      order.map((column) => sql.ref(column)),
    )}`.execute(storeDb(store));
    rows[table] = result.rows.length;
    hash.update(`${table}\n`);
    for (const row of result.rows) {
      const keys = Object.keys(row).sort();
      hash.update(JSON.stringify(keys.map((k) => [k, row[k]])) + "\n");
    }
  }
  return { hash: hash.digest("hex"), rows };
}
