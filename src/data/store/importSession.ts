/**
 * An import session: one exclusive transaction (the store's write lock held throughout; all or
 * nothing) with the writer records stream through, and the import's bookkeeping — the log row, the
 * data version it leaves, and on SQLite the foreign-key checks set aside for the bulk write (a quarter
 * of the cost of storing 870,000 votes; the writer only ever references roll calls it has just stored
 * or read). The importers (src/data/import) say what to write; this says how the store takes it.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import { dataVersion } from "./dataVersion.js";
import type { RawConnection } from "./index.js";
import { holdsNoRollCall } from "./read.js";
import type { Database } from "./schema.js";
import { RollCallWriter } from "./writer.js";

export interface ImportLogRow {
  startedAt: string;
  finishedAt: string;
  format: string;
  files: unknown;
  report: unknown;
}

export interface ImportSession {
  /** The writer records go through, on the session's transaction. */
  readonly writer: RollCallWriter;
  /** Whether the store holds no roll call, as the session sees it. */
  isEmpty(): Promise<boolean>;
  /** The data version as the session leaves it. */
  dataVersion(): Promise<number>;
  /** Adds the import to the store's log; returns its number. */
  log(entry: ImportLogRow): Promise<number>;
}

type ExclusiveTransaction = <T>(work: (db: Kysely<Database>, raw: RawConnection) => Promise<T>) => Promise<T>;

export async function runImportSession<T>(
  exclusiveTransaction: ExclusiveTransaction,
  sqlite: BetterSqlite3.Database | null,
  now: string,
  work: (session: ImportSession) => Promise<T>,
): Promise<T> {
  // The foreign-key setting can only change outside a transaction; it is restored after.
  const foreignKeys = sqlite ? (sqlite.pragma("foreign_keys", { simple: true }) as number) : 0;
  if (sqlite && foreignKeys && !sqlite.inTransaction) sqlite.pragma("foreign_keys = OFF");
  try {
    return await exclusiveTransaction((trx, raw) =>
      work({
        writer: RollCallWriter.create(trx, { sqlite: raw.sqlite, postgres: raw.postgres, now }),
        isEmpty: () => holdsNoRollCall(trx),
        dataVersion: () => dataVersion(trx),
        async log(entry) {
          const row = await trx
            .insertInto("imports")
            .values({
              started_at: entry.startedAt,
              finished_at: entry.finishedAt,
              format: entry.format,
              files: JSON.stringify(entry.files),
              report: JSON.stringify(entry.report),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return row.id;
        },
      }),
    );
  } finally {
    if (sqlite && foreignKeys && !sqlite.inTransaction) sqlite.pragma("foreign_keys = ON");
  }
}
