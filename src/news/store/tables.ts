/**
 * The newsroom's tables, handed to the store when it opens (`Store.open({ tables: [newsTables] })`):
 * the newsroom owns them and queries them through `newsDb(store)`; the data layer knows nothing of them.
 */
import type { Kysely } from "kysely";
import { tableSet, type RecordReads, type Store } from "../../data/store/index.js";
import { newsMigrations } from "./migrations.js";
import type { NewsDatabase } from "./schema.js";

export const newsTables = tableSet<NewsDatabase>("news", newsMigrations);

/** The newsroom's tables in `store`. */
export function newsDb(store: Store): Kysely<NewsDatabase> {
  return store.tables(newsTables);
}

/**
 * Runs `work` in one store transaction on the newsroom's tables (see `Store.tablesTransaction`), with the
 * record's reads it may need on the same transaction.
 */
export function newsTransaction<R>(
  store: Store,
  work: (db: Kysely<NewsDatabase>, record: RecordReads) => Promise<R>,
): Promise<R> {
  return store.tablesTransaction(newsTables, work);
}
