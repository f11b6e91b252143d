/**
 * The database drivers, as cheaply as they can be loaded. The PostgreSQL driver and its COPY streams
 * load on first use: a SQLite store never loads them. Both are CommonJS packages; required here
 * (synchronously, where a connection is made), they cost a command on SQLite nothing — imported at the
 * top of the store's modules they cost every command about 0.1 s of start-up (issue 17).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type Pg from "pg";
import type PgCopyStreams from "pg-copy-streams";

const require = createRequire(import.meta.url);

let pg: typeof Pg | null = null;
let copyStreams: typeof PgCopyStreams | null = null;

export function postgresDriver(): typeof Pg {
  return (pg ??= require("pg") as typeof Pg);
}

export function postgresCopyStreams(): typeof PgCopyStreams {
  return (copyStreams ??= require("pg-copy-streams") as typeof PgCopyStreams);
}

let sqliteAddon: string | null | undefined;

/**
 * better-sqlite3's compiled addon, by path: handed to the driver, it spares every start the `bindings`
 * package's search of a dozen candidate paths. Null (the driver searches as usual) when the build put
 * it elsewhere.
 */
export function sqliteNativeBinding(): string | null {
  if (sqliteAddon !== undefined) return sqliteAddon;
  try {
    const file = require.resolve("better-sqlite3/build/Release/better_sqlite3.node");
    sqliteAddon = existsSync(file) ? file : null;
  } catch {
    sqliteAddon = null;
  }
  return sqliteAddon;
}
