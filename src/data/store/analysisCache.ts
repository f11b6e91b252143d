/**
 * The analysis cache: what the analysis derives from the votes and needs whole — the vote matrix, the
 * ideal points — kept in the store as one opaque entry per key, labelled with the data version it was
 * derived from. A command or a server starting reads an entry in one go instead of recomputing it;
 * an entry whose label is not the store's current data version is stale and never used.
 *
 * Why in the store rather than a file beside it: one design for both stores (PostgreSQL instances on
 * several machines share it); a backup, a copy or a restore carries the entries with the data they were
 * derived from, so the label stays true; a new store starts without entries; nothing to clean up on
 * disk. The payload's own integrity (truncation, damage) is checked by whoever decodes it
 * (src/analysis/snapshot.ts): the store only keeps bytes.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type BetterSqlite3 from "better-sqlite3";
import type { Dialect } from "./connection.js";
import type { Database } from "./schema.js";
import { dataVersion } from "./dataVersion.js";

export interface CacheEntry {
  key: string;
  /** The data version the entry was derived from. */
  dataVersion: number;
  /** The payload's encoding, so an entry written by another version of Plenary is not misread. */
  format: number;
  bytes: Uint8Array;
}

/** The entry of `key`, or null: none yet, or no cache table (a read-only store never migrated to it). */
export async function readCacheEntry(db: Kysely<Database>, key: string): Promise<CacheEntry | null> {
  let row;
  try {
    row = await db
      .selectFrom("analysis_cache")
      .select(["key", "data_version", "format", "bytes"])
      .where("key", "=", key)
      .executeTakeFirst();
  } catch {
    return null; // whatever failed here fails again, and is reported, where the data itself is read
  }
  if (!row) return null;
  return { key: row.key, dataVersion: Number(row.data_version), format: row.format, bytes: row.bytes };
}

/**
 * Stores an entry if the store is still at the entry's data version (an entry is never labelled with a
 * version its data is not from). Never waits for another writer and never fails: the cache is an
 * optimisation, so a busy, read-only or full store just keeps its old entry. Returns whether it was
 * written.
 */
export async function writeCacheEntry(
  connection: { db: Kysely<Database>; dialect: Dialect; sqlite: BetterSqlite3.Database | null },
  entry: CacheEntry,
  now = new Date().toISOString(),
): Promise<boolean> {
  try {
    if (connection.sqlite) return writeSqlite(connection.sqlite, entry, now);
    return await connection.db.transaction().execute(async (trx) => {
      // Another writer of the same key holds its row only for an instant: do not queue behind a stuck one.
      await sql`set local lock_timeout = '2s'`.execute(trx);
      if ((await dataVersion(trx)) !== entry.dataVersion) return false;
      await trx
        .insertInto("analysis_cache")
        .values(row(entry, now))
        .onConflict((oc) => oc.column("key").doUpdateSet(row(entry, now)))
        .execute();
      return true;
    });
  } catch {
    return false;
  }
}

function row(entry: CacheEntry, now: string) {
  return {
    key: entry.key,
    data_version: entry.dataVersion,
    format: entry.format,
    bytes: Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength),
    created_at: now,
  };
}

/**
 * SQLite: one synchronous block on the store's own handle, so no other query of this process can run in
 * between. It takes the write lock without waiting (an import holding it for seconds would otherwise
 * hold this command up: the entry is simply not written then), and skips when the handle is inside a
 * transaction of this process (it would join it).
 */
function writeSqlite(sqlite: BetterSqlite3.Database, entry: CacheEntry, now: string): boolean {
  if (sqlite.inTransaction || sqlite.readonly) return false;
  const waited = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const version = sqlite.prepare("SELECT value FROM meta WHERE key = 'data_version'").pluck().get() as
        string | undefined;
      if (Number(version ?? "0") !== entry.dataVersion) {
        sqlite.exec("ROLLBACK");
        return false;
      }
      const values = row(entry, now);
      sqlite
        .prepare(
          `INSERT INTO analysis_cache (key, data_version, format, bytes, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET data_version = excluded.data_version, format = excluded.format,
             bytes = excluded.bytes, created_at = excluded.created_at`,
        )
        .run(values.key, values.data_version, values.format, values.bytes, values.created_at);
      sqlite.exec("COMMIT");
      return true;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw error;
    }
  } finally {
    sqlite.pragma(`busy_timeout = ${Number(waited)}`);
  }
}

/** The cache's table: one row per key; `bytes` is a BLOB on SQLite, a bytea on PostgreSQL. */
export function analysisCacheMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0500_analysis_cache": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("analysis_cache")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("data_version", "bigint", (c) => c.notNull())
          .addColumn("format", "integer", (c) => c.notNull())
          .addColumn("bytes", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("analysis_cache").execute();
      },
    },
  };
}

/** Removes every entry (tests, and `plenary` commands that want a cold start measured). */
export async function clearCache(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom("analysis_cache").execute();
}
