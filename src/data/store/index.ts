/**
 * The store: one object that opens the database (SQLite or PostgreSQL), migrates it, fills a new one
 * with the starter dataset, and answers the queries the CLI, the web server and the analytics ask.
 * Services start explicitly: `await Store.open()`; `await store.close()` ends it.
 *
 * Just over 500 lines on purpose: this is the store's whole public surface (the store is closed: no query
 * outside src/data/store), one short method a named query, each delegating to the file of its concept
 * (reads/, write*.ts, analysisCache.ts …); splitting the class would only split that list.
 */
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from "kysely";
import type pg from "pg";
import type { Body, RollCall, RollCallWithVotes } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import {
  connect,
  migrate,
  resolveStoreOptions,
  type Connection,
  type Dialect,
  type StoreOptions,
} from "./connection.js";
import {
  childrenOf,
  childrenWithVotes,
  listRollCallsWithVotes,
  sourcesByRollCall,
  countRollCalls,
  earlierTexts,
  findRollCallsByPartedSymbol,
  findRollCallsByResolutionNumber,
  findRollCallsBySymbol,
  getRollCall,
  holdsNoRollCall,
  listRollCalls,
  suggestSymbols,
  votesCount,
  type EarlierText,
  type RollCallFilter,
  coverageRows,
  type CoverageRow,
  votesBefore,
  titlesBySymbol,
  newestDate,
  rollCallIdsSince,
  recordReads,
  type RecordReads,
} from "./read.js";
import {
  countConflicts,
  listConflicts,
  listDisputes,
  type ConflictFilter,
  type ConflictRow,
  type DisputeRow,
} from "./reads/conflicts.js";
import { countImports, listImports, type ImportLogEntry } from "./reads/importLog.js";
import { vetoesPerMember, vetoesPerSeat, type MemberVetoes, type SeatVetoes } from "./reads/vetoes.js";
import {
  issueLabelsOf,
  memberVotesOf,
  rollCallRows,
  sourceKeys,
  type RollCallColumn,
  type RollCallRowFilter,
  type StoredRollCallRow,
} from "./reads/rollCallRows.js";
import { consistentReads, type ConsistentReads } from "./reads/consistent.js";
import { postgresDriver } from "./drivers.js";
import { clearCache, readCacheEntry, writeCacheEntry, type CacheEntry } from "./analysisCache.js";
import type { Database } from "./schema.js";
import type { TableSet } from "./tables.js";
import { runImportSession, type ImportSession } from "./importSession.js";
import { textMatches } from "./search/query.js";
import { dataVersion } from "./dataVersion.js";
import { updatedAtOf } from "./rollCallTimes.js";
import { rollCallIdsWithSubject, subjectCounts } from "./subjects.js";
import { writeRollCalls } from "./writer.js";
import type { WriteReport } from "./writeRows.js";
import type { WriteWaitLimit } from "./writeWait.js";
import type { RollCallRecord } from "../records.js";
import type { BundleProgress } from "../bundle/load.js";

/** The advisory lock key imports hold on PostgreSQL ("plen" in ASCII). */
export const WRITE_LOCK_KEY = 0x706c656e;
/** The NOTIFY channel that carries new data versions. */
export const DATA_CHANNEL = "plenary_data";

export interface OpenOptions extends StoreOptions {
  /**
   * What an empty store is filled with: `starter` (or true, the default) the starter dataset — the
   * votes of 24 February 2025, what the tests build on; `bundle` the whole record shipped with Plenary
   * (bundle/record.bundle, 1946–2026, a few seconds: what the CLI and `plenary serve` use); false nothing.
   */
  seed?: boolean | "starter" | "bundle";
  /** Progress of filling a new store from the bundle. */
  onSeedProgress?: (progress: BundleProgress) => void;
  /**
   * The tables other layers keep in this store (the newsroom's, the request limiter's; see tables.ts):
   * their migrations run with the store's own. A store once opened with a set must be opened with it.
   */
  tables?: readonly TableSet<unknown>[];
}

export class Store {
  private constructor(
    private readonly connection: Connection,
    private readonly tableSets: readonly TableSet<unknown>[],
  ) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    const resolved = resolveStoreOptions(options);
    const connection = connect(resolved);
    const tables = options.tables ?? [];
    const store = new Store(connection, tables);
    try {
      if (!resolved.readonly) await migrate(connection, tables);
      const seed = options.seed === undefined || options.seed === true ? "starter" : options.seed;
      if (seed && !resolved.readonly && (await store.isEmpty()))
        await store.fill(seed, options.onSeedProgress);
    } catch (error) {
      await connection.db.destroy();
      throw error;
    }
    return store;
  }

  /**
   * Fills a new store. Two instances may start on one empty database: each checks again holding the
   * write lock, so one fills it and the other finds it done.
   */
  private async fill(
    seed: "starter" | "bundle",
    onProgress?: (progress: BundleProgress) => void,
  ): Promise<void> {
    if (seed === "bundle") {
      const { loadBundle } = await import("../bundle/load.js");
      await loadBundle(this, { onlyIfEmpty: true, onProgress });
      return;
    }
    const { loadStarterDataset } = await import("../starter.js");
    await this.exclusiveTransaction(async (db) => {
      if (await holdsNoRollCall(db)) await writeRollCalls(db, loadStarterDataset());
    });
  }

  /**
   * The store's own connection: private, so every query is a named function of src/data/store (a layer
   * that owns tables of its own queries them through `tables`). Tests reach it through src/test/storeDb.ts.
   */
  private get db(): Kysely<Database> {
    return this.connection.db;
  }

  /**
   * The tables of `set`, for the layer that owns them (the newsroom queries its articles here): a
   * Kysely typed to those tables only. The set must have been given to `Store.open`.
   */
  tables<T>(set: TableSet<T>): Kysely<T> {
    if (!this.tableSets.includes(set as TableSet<unknown>))
      throw new Error(`This store was opened without the ${set.name} tables`);
    return this.connection.db as unknown as Kysely<T>;
  }

  /**
   * Runs `work` in one transaction on the tables of `set` (see `transaction`), with the record's reads
   * it may need on the same transaction: all of it is stored, or none.
   */
  tablesTransaction<T, R>(
    set: TableSet<T>,
    work: (db: Kysely<T>, record: RecordReads) => Promise<R>,
  ): Promise<R> {
    this.tables(set);
    return this.transaction((db) => work(db as unknown as Kysely<T>, recordReads(db)));
  }
  get dialect(): Dialect {
    return this.connection.dialect;
  }
  get location(): string {
    return this.connection.location;
  }
  /** The raw SQLite handle (the bulk write path, pragmas); null on PostgreSQL. Private, like `db`. */
  private get sqlite(): BetterSqlite3.Database | null {
    return this.connection.sqlite;
  }

  /**
   * Copies a SQLite store to `file` (a new file), page by page, so readers and writers keep working
   * while it runs; returns the pages copied. Null on PostgreSQL (pg_dump backs it up).
   */
  async backup(file: string): Promise<{ pages: number } | null> {
    if (!this.sqlite) return null;
    const { totalPages } = await this.sqlite.backup(file);
    return { pages: totalPages };
  }

  async close(): Promise<void> {
    await this.connection.db.destroy();
  }

  /**
   * Limits how long this store's writes wait for another process's write lock on SQLite (the web
   * server's: a request must not freeze the site while an import writes; see writeWait.ts). Returns a
   * function that restores the long wait. PostgreSQL writes do not block the process: nothing to do.
   */
  limitWriteWait(limit: WriteWaitLimit): () => void {
    return this.connection.writeWait?.restrict(limit) ?? (() => {});
  }

  /**
   * Runs `work` in one transaction: all of it is stored, or none. `work` also gets the raw connection the
   * transaction runs on (better-sqlite3's handle, or PostgreSQL's client), for the bulk paths Kysely does
   * not do (prepared statements, COPY): whatever they write belongs to the same transaction.
   */
  private async transaction<T>(work: (db: Kysely<Database>, raw: RawConnection) => Promise<T>): Promise<T> {
    const pool = this.connection.pool;
    if (!pool) return runTransaction(this.db, (trx) => work(trx, { sqlite: this.sqlite, postgres: null }));
    // PostgreSQL: one client for the whole transaction, and a Kysely over just that client, so the
    // client is known (Kysely's own transactions do not lend theirs).
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
      return await runTransaction(
        db,
        (trx) => work(trx, { sqlite: null, postgres: client }),
        (error) => (broken = error),
      );
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: the pool closes it instead of reusing it.
      client.release(broken);
    }
  }

  /**
   * A transaction that holds the store's write lock for its whole length, so two imports (from two
   * processes or machines) never interleave: PostgreSQL's transaction-scoped advisory lock; on SQLite
   * a first write that takes the database's write lock at once (a second writer waits busy_timeout).
   * Other instances are told when it commits (see `onDataChange`).
   */
  private async exclusiveTransaction<T>(
    work: (db: Kysely<Database>, raw: RawConnection) => Promise<T>,
  ): Promise<T> {
    const result = await this.transaction(async (db, raw) => {
      if (this.dialect === "postgres") {
        await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(db);
      } else {
        const now = new Date().toISOString();
        await db
          .insertInto("meta")
          .values({ key: "write_lock", value: now })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value: now }))
          .execute();
      }
      return work(db, raw);
    });
    await this.notifyDataChanged();
    return result;
  }

  /** Tells every listening instance the data may have changed (PostgreSQL NOTIFY; no-op on SQLite). */
  async notifyDataChanged(): Promise<void> {
    if (this.dialect !== "postgres") return;
    const version = await this.dataVersion();
    await sql`select pg_notify(${DATA_CHANNEL}, ${String(version)})`.execute(this.db);
  }

  /**
   * Calls `listener` with the new data version whenever another instance commits an import
   * (PostgreSQL LISTEN). Returns a function that stops listening. On SQLite there is no such channel:
   * readers notice a moved data version on their periodic check instead.
   */
  async onDataChange(listener: (version: number) => void): Promise<() => Promise<void>> {
    if (this.dialect !== "postgres" || !this.connection.url) return async () => {};
    const client = new (postgresDriver().Client)({ connectionString: this.connection.url });
    await client.connect();
    client.on("notification", (message) => {
      if (message.channel === DATA_CHANNEL) listener(Number(message.payload));
    });
    // A dropped LISTEN connection only costs promptness: the periodic check still catches up.
    client.on("error", () => {});
    await client.query(`LISTEN ${DATA_CHANNEL}`);
    return async () => {
      await client.end().catch(() => {});
    };
  }

  async isEmpty(): Promise<boolean> {
    return holdsNoRollCall(this.db);
  }

  /**
   * Runs an import: `work` streams records through the session's writer inside one exclusive
   * transaction, and the store keeps the bookkeeping (see importSession.ts). `now`: the import's time.
   */
  importSession<T>(now: string, work: (session: ImportSession) => Promise<T>): Promise<T> {
    return runImportSession((w) => this.exclusiveTransaction(w), this.sqlite, now, work);
  }

  write(records: RollCallRecord[]): Promise<WriteReport> {
    return this.exclusiveTransaction((db, raw) => writeRollCalls(db, records, raw));
  }

  findBySymbol(symbol: string): Promise<RollCall[]> {
    return findRollCallsBySymbol(this.db, symbol);
  }
  /** `A/RES/75/254` finds `A/RES/75/254 A-C`: a resolution cited without its parts. */
  findByPartedSymbol(symbol: string): Promise<RollCall[]> {
    return findRollCallsByPartedSymbol(this.db, symbol);
  }
  /** Roll calls on resolution `number` of `body` (null: either), one per symbol (read.ts). */
  findByResolutionNumber(number: string, body: Body | null): Promise<RollCall[]> {
    return findRollCallsByResolutionNumber(this.db, number, body);
  }
  get(id: number): Promise<RollCallWithVotes | null> {
    return getRollCall(this.db, id);
  }
  list(filter: RollCallFilter = {}): Promise<RollCall[]> {
    return listRollCalls(this.db, filter);
  }
  /** `list`, each roll call with its known votes (what its outcome is decided from). */
  listWithVotes(filter: RollCallFilter = {}): Promise<RollCallWithVotes[]> {
    return listRollCallsWithVotes(this.db, filter);
  }
  count(filter: RollCallFilter = {}): Promise<number> {
    return countRollCalls(this.db, filter);
  }
  children(parentId: number): Promise<RollCall[]> {
    return childrenOf(this.db, parentId);
  }
  childrenWithVotes(parentId: number): Promise<RollCallWithVotes[]> {
    return childrenWithVotes(this.db, parentId);
  }
  /** Whole texts of `body` put to a recorded vote before `before`, newest first (see read.ts). */
  earlierTexts(body: Body, before: string, limit?: number): Promise<EarlierText[]> {
    return earlierTexts(this.db, body, before, limit);
  }
  suggestSymbols(input: string, limit?: number): Promise<string[]> {
    return suggestSymbols(this.db, input, limit);
  }
  /** Every roll call's sources, by roll call id. */
  sourcesByRollCall(): Promise<Map<number, string[]>> {
    return sourcesByRollCall(this.db);
  }
  votesCount(): Promise<number> {
    return votesCount(this.db);
  }
  dataVersion(): Promise<number> {
    return dataVersion(this.db);
  }

  /**
   * Runs `work` on one consistent view of the data, with the data version of that view: everything it
   * reads is from that version, even while an import commits (SQLite: one read transaction in WAL mode; PostgreSQL: a read-only
   * repeatable-read transaction).
   */
  readConsistently<T>(work: (reads: ConsistentReads, dataVersion: number) => Promise<T>): Promise<T> {
    const transaction = this.db.transaction();
    const consistent =
      this.dialect === "postgres"
        ? transaction.setIsolationLevel("repeatable read").setAccessMode("read only")
        : transaction;
    return consistent.execute(async (db) => work(consistentReads(db, this.dialect), await dataVersion(db)));
  }

  /** Roll calls as stored rows, in the record's order (see reads/rollCallRows.ts). */
  rollCallRows<C extends RollCallColumn = RollCallColumn>(
    filter: RollCallRowFilter<C> = {},
  ): Promise<Pick<StoredRollCallRow, "id" | C>[]> {
    return rollCallRows(this.db, filter);
  }
  /** The known votes of `ids`, by roll call id, in member order. */
  memberVotesOf(ids: readonly number[]): Promise<Map<number, [member: string, vote: MemberVote][]>> {
    return memberVotesOf(this.db, ids);
  }
  /** The issues (code, label) of `ids`, by roll call id, in code order. */
  issueLabelsOf(ids: readonly number[]): Promise<Map<number, { code: string; label: string | null }[]>> {
    return issueLabelsOf(this.db, ids);
  }
  /** Each roll call's own key and citation in `source`, by store id. */
  sourceKeys(source: string): Promise<Map<number, { key: string; citation: string | null }>> {
    return sourceKeys(this.db, source);
  }

  /** An entry of the analysis cache (see analysisCache.ts), whatever its data version. */
  readCache(key: string): Promise<CacheEntry | null> {
    return readCacheEntry(this.db, key);
  }

  /** Stores an entry of the analysis cache if the data is still at its version; never waits or fails. */
  writeCache(entry: CacheEntry): Promise<boolean> {
    return writeCacheEntry(this.connection, entry);
  }

  /** Empties the analysis cache. */
  clearCache(): Promise<void> {
    return clearCache(this.db);
  }

  /** Roll call ids matching a text query, best first (rank 0 = best); null for an empty query (src/data/store/search). */
  textMatches(q: string): Promise<Map<number, number> | null> {
    return textMatches(this.db, this.dialect, q);
  }

  /** How many roll calls of `body` before `date` record a vote (Y, N or A) of `member`. */
  votesBefore(body: Body, member: string, date: string): Promise<number> {
    return votesBefore(this.db, body, member, date);
  }
  /** The titles of the roll calls whose symbol is one of `symbols`, by symbol. */
  titlesBySymbol(symbols: string[]): Promise<Map<string, string>> {
    return titlesBySymbol(this.db, symbols);
  }
  /** The date of the newest roll call, null for an empty store. */
  newestDate(): Promise<string | null> {
    return newestDate(this.db);
  }
  /** When each roll call of `ids` was last written by an import (rollCallTimes.ts), by id. */
  updatedAt(ids: readonly number[]): Promise<Map<number, string>> {
    return updatedAtOf(this.db, ids);
  }
  /** Ids of the roll calls indexed under a subject (UNBIS; letter case aside; subjects.ts). */
  rollCallIdsWithSubject(subject: string): Promise<number[]> {
    return rollCallIdsWithSubject(this.db, subject);
  }
  /** Every subject with its number of roll calls, most used first. */
  subjectCounts(): Promise<{ subject: string; count: number }[]> {
    return subjectCounts(this.db);
  }
  /** Ids of the roll calls on or after `since`, newest first, at most `limit`. */
  rollCallIdsSince(since: string, limit: number): Promise<number[]> {
    return rollCallIdsSince(this.db, since, limit);
  }

  /** Where two sources disagree on a member's vote (reads/conflicts.ts). */
  conflicts(filter: ConflictFilter = {}): Promise<ConflictRow[]> {
    return listConflicts(this.db, filter);
  }
  countConflicts(filter: Omit<ConflictFilter, "limit" | "offset"> = {}): Promise<number> {
    return countConflicts(this.db, filter);
  }
  /** Where a source contradicts itself. */
  disputes(filter: { source?: string } = {}): Promise<DisputeRow[]> {
    return listDisputes(this.db, filter);
  }
  /** The import log, newest first (`id`: that import alone). */
  importLog(limit = 20, offset = 0, id?: number): Promise<ImportLogEntry[]> {
    return listImports(this.db, limit, offset, id);
  }
  countImports(): Promise<number> {
    return countImports(this.db);
  }
  /** Security Council vetoes per member and per permanent seat. */
  vetoesPerMember(options: { from?: string; to?: string } = {}): Promise<MemberVetoes[]> {
    return vetoesPerMember(this.db, options);
  }
  vetoesPerSeat(options: { from?: string; to?: string } = {}): Promise<SeatVetoes[]> {
    return vetoesPerSeat(this.db, options);
  }

  /** The rows the record's coverage is computed from. */
  coverageRows(): Promise<CoverageRow[]> {
    return coverageRows(this.db);
  }
}

/** The raw connection a transaction runs on: exactly one of the two is set. */
export interface RawConnection {
  sqlite: BetterSqlite3.Database | null;
  postgres: pg.PoolClient | null;
}

/** Runs `work` between BEGIN and COMMIT on `db`; rolls back on failure. */
async function runTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
  onRollbackFailed?: (error: Error) => void,
): Promise<T> {
  const trx = await db.startTransaction().execute();
  try {
    const result = await work(trx);
    await trx.commit().execute();
    return result;
  } catch (error) {
    // When the database itself gave up (SQLite rolls back by itself on a full disk, at a write or at
    // COMMIT), the ROLLBACK fails too; the first failure is the one that says what happened.
    await trx
      .rollback()
      .execute()
      .catch((rollbackError: Error) => onRollbackFailed?.(rollbackError));
    throw error;
  }
}

/** A pool of one client that is never released by Kysely: the transaction's owner releases it. */
function singleClientPool(client: pg.PoolClient): PostgresPool {
  const lent = {
    query: client.query.bind(client),
    release: () => {},
  } as unknown as PostgresPoolClient;
  return {
    connect: async () => lent,
    end: async () => {},
  };
}

export type { CoverageRow, EarlierText, RollCallFilter, RecordReads } from "./read.js";
export type { ConsistentReads } from "./reads/consistent.js";
export type { PackedVotes } from "./reads/packedVotes.js";
export type { RollCallColumn, RollCallRowFilter, StoredRollCallRow } from "./reads/rollCallRows.js";
export type { ConflictFilter, ConflictRow, DisputeRow } from "./reads/conflicts.js";
export type { ImportLogEntry } from "./reads/importLog.js";
export { permanentSeatOf, type MemberVetoes, type SeatVetoes } from "./reads/vetoes.js";
export { queryTerms } from "./search/query.js";
export { contentHash, type FieldChange } from "./writeRows.js";
export type { WriteReport } from "./writeRows.js";
export type { CacheEntry } from "./analysisCache.js";
export type { ImportSession, ImportLogRow } from "./importSession.js";
export type { StoreOptions, Dialect } from "./connection.js";
export { tableSet, type TableSet } from "./tables.js";
