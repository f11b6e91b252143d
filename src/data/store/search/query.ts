/**
 * Text queries over the store's full-text index of roll calls (./migrations.ts): the words of a
 * query, the query in each dialect's syntax (FTS5 on SQLite, tsquery on PostgreSQL), and the matching
 * roll call ids, best first. What a search page does with them is the web's (src/web/search).
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connection.js";
import type { Database } from "../schema.js";

/** Words of a query, lower case, letters and digits only. */
export function queryTerms(q: string): string[][] {
  return q
    .normalize("NFKC")
    .split(/\s+/)
    .map((word) => (word.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8))
    .filter((tokens) => tokens.length > 0)
    .slice(0, 12);
}

/** An FTS5 query: every word must match (a word of several tokens, like ES-11/7, as a phrase); the last is a prefix. */
export function fts5Query(q: string): string | null {
  const words = queryTerms(q);
  if (!words.length) return null;
  return words
    .map((tokens, i) => {
      const phrase = `"${tokens.join(" ")}"`;
      const last = tokens[tokens.length - 1]!;
      return i === words.length - 1 && last.length >= 2 && !/^\d+$/.test(last) ? `${phrase}*` : phrase;
    })
    .join(" ");
}

/** A PostgreSQL tsquery text for to_tsquery: tokens joined by &, the last a prefix. */
export function tsQuery(q: string): string | null {
  const tokens = queryTerms(q).flat();
  if (!tokens.length) return null;
  return tokens.map((t, i) => (i === tokens.length - 1 && t.length >= 2 ? `${t}:*` : t)).join(" & ");
}

/** Roll call ids matching a text query, best first (rank 0 = best). Null for an empty query. */
export async function textMatches(
  db: Kysely<Database>,
  dialect: Dialect,
  q: string,
): Promise<Map<number, number> | null> {
  if (dialect === "postgres") {
    const query = tsQuery(q);
    if (!query) return null;
    const { rows } = await sql<{ id: number }>`
      SELECT roll_call_id AS id FROM roll_call_search,
        (SELECT to_tsquery('english', ${query}) || to_tsquery('simple', ${query}) AS query) q
      WHERE document @@ q.query
      ORDER BY ts_rank(document, q.query) DESC, roll_call_id DESC`.execute(db);
    return new Map(rows.map((r, i) => [Number(r.id), i]));
  }
  const query = fts5Query(q);
  if (!query) return null;
  const { rows } = await sql<{ id: number }>`
    SELECT rowid AS id FROM roll_call_search WHERE roll_call_search MATCH ${query}
    ORDER BY bm25(roll_call_search, 10.0, 5.0, 2.0, 1.0), rowid DESC`.execute(db);
  return new Map(rows.map((r, i) => [Number(r.id), i]));
}
