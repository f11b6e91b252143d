/** The import log: the imports recorded in the store (`plenary imports`, the API). */
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

export interface ImportLogEntry {
  id: number;
  startedAt: string;
  finishedAt: string;
  format: string;
  files: string[];
  report: unknown;
}

/** The imports recorded in the store, latest first (or the one with `id`). */
export async function listImports(
  db: Kysely<Database>,
  limit = 20,
  offset = 0,
  id?: number,
): Promise<ImportLogEntry[]> {
  let query = db.selectFrom("imports").selectAll().orderBy("id", "desc").limit(limit).offset(offset);
  if (id !== undefined) query = query.where("id", "=", id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    format: r.format,
    files: JSON.parse(r.files) as string[],
    report: JSON.parse(r.report) as unknown,
  }));
}

export async function countImports(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("imports")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
