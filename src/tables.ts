/**
 * The application's store: the record's own tables plus those the newsroom and the web server's
 * request limiter keep in it (see src/data/store/tables.ts). Everything that opens the store for the
 * application — the CLI, the tests' temporary stores, the benchmarks — opens it here, so each store is
 * always migrated with the same list.
 */
import { Store, type OpenOptions } from "./data/store/index.js";
import { newsTables } from "./news/store/tables.js";
import { rateLimitTables } from "./web/rateLimits/tables.js";

export const APPLICATION_TABLES = [newsTables, rateLimitTables] as const;

/** `Store.open` with the application's tables. */
export function openStore(options: OpenOptions = {}): Promise<Store> {
  return Store.open({ tables: APPLICATION_TABLES, ...options });
}
