/**
 * The store: one object that opens the database (SQLite or PostgreSQL), migrates it, fills a new one
 * with the starter dataset, and answers the queries the CLI, the web server and the analytics ask.
 * Services start explicitly: `await Store.open()`; `await store.close()` ends it.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { RollCall, RollCallWithVotes } from "../../core/rollCall.js";
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
  countRollCalls,
  findRollCallsBySymbol,
  getRollCall,
  listRollCalls,
  suggestSymbols,
  votesCount,
  type RollCallFilter,
} from "./read.js";
import type { Database } from "./schema.js";
import { dataVersion, writeRollCalls, type WriteReport } from "./write.js";
import type { RollCallRecord } from "../records.js";

export interface OpenOptions extends StoreOptions {
  /** Fill an empty store with the starter dataset (default true). */
  seed?: boolean;
}

export class Store {
  private constructor(private readonly connection: Connection) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    const resolved = resolveStoreOptions(options);
    const connection = connect(resolved);
    const store = new Store(connection);
    try {
      if (!resolved.readonly) await migrate(connection);
      if (options.seed !== false && !resolved.readonly && (await store.isEmpty())) {
        const { loadStarterDataset } = await import("../starter.js");
        await store.transaction((db) => writeRollCalls(db, loadStarterDataset()));
      }
    } catch (error) {
      await connection.db.destroy();
      throw error;
    }
    return store;
  }

  get db(): Kysely<Database> {
    return this.connection.db;
  }
  get dialect(): Dialect {
    return this.connection.dialect;
  }
  get location(): string {
    return this.connection.location;
  }
  /** The raw SQLite handle (backups, pragmas); null on PostgreSQL. */
  get sqlite(): BetterSqlite3.Database | null {
    return this.connection.sqlite;
  }

  async close(): Promise<void> {
    await this.connection.db.destroy();
  }

  /** Runs `work` in one transaction: all of it is stored, or none. */
  async transaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.connection.db.transaction().execute(work);
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom("roll_calls").select("id").limit(1).executeTakeFirst();
    return row === undefined;
  }

  write(records: RollCallRecord[]): Promise<WriteReport> {
    return this.transaction((db) => writeRollCalls(db, records));
  }

  findBySymbol(symbol: string): Promise<RollCall[]> {
    return findRollCallsBySymbol(this.db, symbol);
  }
  get(id: number): Promise<RollCallWithVotes | null> {
    return getRollCall(this.db, id);
  }
  list(filter: RollCallFilter = {}): Promise<RollCall[]> {
    return listRollCalls(this.db, filter);
  }
  count(filter: RollCallFilter = {}): Promise<number> {
    return countRollCalls(this.db, filter);
  }
  children(parentId: number): Promise<RollCall[]> {
    return childrenOf(this.db, parentId);
  }
  suggestSymbols(input: string, limit?: number): Promise<string[]> {
    return suggestSymbols(this.db, input, limit);
  }
  votesCount(): Promise<number> {
    return votesCount(this.db);
  }
  dataVersion(): Promise<number> {
    return dataVersion(this.db);
  }
}

export type { RollCallFilter } from "./read.js";
export type { WriteReport } from "./write.js";
export type { StoreOptions, Dialect } from "./connection.js";
