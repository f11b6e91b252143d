/**
 * The store's private connection, for tests that check what was stored row by row, or write rows the
 * way only the store may (test code: never in dist). Everything else reads and writes through the
 * store's named functions: `Store.db`, `Store.sqlite` and `Store.transaction` are private to src/data/store.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { RawConnection, Store } from "../data/store/index.js";
import type { Database } from "../data/store/schema.js";

interface Internals {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database | null;
  transaction<T>(work: (db: Kysely<Database>, raw: RawConnection) => Promise<T>): Promise<T>;
}

/** `store`'s Kysely over the record's tables. */
export function storeDb(store: Store): Kysely<Database> {
  return (store as unknown as Internals).db;
}

/** Runs `work` in one transaction of `store` (its private `transaction`). */
export function storeTransaction<T>(
  store: Store,
  work: (db: Kysely<Database>, raw: RawConnection) => Promise<T>,
): Promise<T> {
  return (store as unknown as Internals).transaction.call(store, work) as Promise<T>;
}

/** `store`'s better-sqlite3 handle (pragmas, integrity checks); null on PostgreSQL. */
export function storeSqlite(store: Store): BetterSqlite3.Database | null {
  return (store as unknown as Internals).sqlite;
}
