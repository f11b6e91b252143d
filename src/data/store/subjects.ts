/**
 * The subjects the UN indexed roll calls under (UNBIS Thesaurus and the Library's authorities, kept as
 * a JSON list in `roll_calls.subjects`): the subject filter of the votes index (/votes, /api/votes).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";

/** `text` with LIKE's wildcards escaped (the escape character is `\`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Ids of the roll calls indexed under `subject` (one whole subject, letter case aside). The JSON list is
 * matched on the subject as a JSON string (`"SANCTIONS"`), so a subject never matches inside another.
 */
export async function rollCallIdsWithSubject(db: Kysely<Database>, subject: string): Promise<number[]> {
  const pattern = `%${likeLiteral(JSON.stringify(subject.trim()).toLowerCase())}%`;
  const rows = await db
    .selectFrom("roll_calls")
    .select(["id", "subjects"])
    .where("subjects", "is not", null)
    .where(sql<boolean>`lower(${sql.ref("subjects")}) like ${pattern} escape '\\'`)
    .execute();
  // LIKE finds the candidates; the exact comparison decides (a subject holding an escaped quote, say).
  const wanted = subject.trim().toLowerCase();
  return rows
    .filter((r) => (JSON.parse(r.subjects!) as string[]).some((s) => s.toLowerCase() === wanted))
    .map((r) => r.id);
}

/** Every subject with the number of roll calls indexed under it, most used first (then by name). */
export async function subjectCounts(db: Kysely<Database>): Promise<{ subject: string; count: number }[]> {
  const rows = await db
    .selectFrom("roll_calls")
    .select("subjects")
    .where("subjects", "is not", null)
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const subject of new Set(JSON.parse(row.subjects!) as string[])) {
      counts.set(subject, (counts.get(subject) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([subject, count]) => ({ subject, count }))
    .sort((a, b) => b.count - a.count || a.subject.localeCompare(b.subject, "en"));
}
