/**
 * Opening the store: SQLite in a file by default (`./data/plenary.db`, `--db PATH` or `PLENARY_DB`),
 * PostgreSQL when a `postgres://` URL is given (`--database-url` or `PLENARY_DATABASE_URL`).
 * Both go through one Kysely instance so every query is written once.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import type pg from "pg";
import { PlenaryError } from "../../core/errors.js";
import { postgresDriver, sqliteNativeBinding } from "./drivers.js";
import { CodeMigrationProvider, migrations } from "./migrations.js";
import type { Database } from "./schema.js";
import type { TableSet } from "./tables.js";
import { watchedDatabase, WriteWait } from "./writeWait.js";

export type Dialect = "sqlite" | "postgres";

export interface StoreOptions {
  /** SQLite file path; `:memory:` for a throw-away store. */
  db?: string;
  /** PostgreSQL connection URL; takes precedence over `db`. */
  databaseUrl?: string;
  /** Open an existing SQLite file read-only (no migrations, no seeding). */
  readonly?: boolean;
}

export const DEFAULT_DB_PATH = "data/plenary.db";

/**
 * Where the store lives: PostgreSQL when a URL is given, else the SQLite file given, else the default.
 * (The CLI passes `--database-url` / `--db`, else PLENARY_DATABASE_URL / PLENARY_DB from src/config.ts.)
 */
export function resolveStoreOptions(options: StoreOptions = {}): StoreOptions {
  if (options.databaseUrl) return options;
  return { ...options, db: options.db ?? DEFAULT_DB_PATH };
}

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite handle, for the few things Kysely does not do (backup, pragmas). */
  sqlite: BetterSqlite3.Database | null;
  location: string;
  /** PostgreSQL only: the URL, for the LISTEN connection that hears other instances' imports. */
  url: string | null;
  /** PostgreSQL only: the pool, so a transaction can hold one client (and COPY on it). */
  pool: pg.Pool | null;
  /** SQLite only: how long a write waits for another process's write lock. */
  writeWait: WriteWait | null;
}

export function connect(options: StoreOptions): Connection {
  if (options.databaseUrl) {
    const pg = postgresDriver();
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // A stuck query must not hold a request forever.
      statement_timeout: 30_000,
    });
    // An idle pooled connection can be cut by the server (restart, failover, admin shutdown). pg then
    // emits 'error' on the pool, which would crash the process if unheard; the pool drops that client
    // and opens a new one for the next query, so noting it is enough.
    pool.on("error", (error) => {
      process.emitWarning(`PostgreSQL connection lost while idle: ${error.message}`);
    });
    // Plenary stores counts as integers; make bigint COUNT(*) come back as numbers, not strings.
    pg.types.setTypeParser(20, (value: string) => Number(value));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: "postgres",
      sqlite: null,
      location: redactUrl(options.databaseUrl),
      url: options.databaseUrl,
      pool,
      writeWait: null,
    };
  }
  const file = options.db ?? DEFAULT_DB_PATH;
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  let writeWait: WriteWait;
  try {
    const nativeBinding = sqliteNativeBinding();
    sqlite = new BetterSqlite3(file, {
      readonly: options.readonly ?? false,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    if (!options.readonly) {
      // WAL: readers (the web server) never block on an import; NORMAL sync is crash-safe in WAL mode.
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
    }
    sqlite.pragma("foreign_keys = ON");
    // Another process may hold the write lock for a whole import: a command waits for it rather than
    // fail; the web server limits its own wait (see writeWait.ts).
    writeWait = new WriteWait(sqlite);
  } catch (error) {
    if (file !== ":memory:" && !writable(path.dirname(path.resolve(file)))) {
      throw new PlenaryError("STORE_ERROR", `The store at ${file} is on a read-only disk or folder`, {
        help: "SQLite needs to write beside the store (its journal): move it to a writable place or fix the mount.",
        cause: error,
      });
    }
    throw new PlenaryError("STORE_ERROR", `Cannot open the store at ${file}: ${(error as Error).message}`, {
      help: "Check the path given with --db or PLENARY_DB, and that the folder is writable.",
      cause: error,
    });
  }
  return {
    db: new Kysely<Database>({
      dialect: new SqliteDialect({ database: watchedDatabase(sqlite, writeWait) }),
    }),
    dialect: "sqlite",
    sqlite,
    location: file,
    url: null,
    pool: null,
    writeWait,
  };
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function migrate(
  connection: Connection,
  tables: readonly TableSet<unknown>[] = [],
): Promise<void> {
  if (await upToDate(connection, tables)) return;
  const migrator = new Migrator({
    db: connection.db,
    provider: new CodeMigrationProvider(connection.dialect, tables),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new PlenaryError("STORE_ERROR", `Migration ${failed ?? "?"} failed: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Whether every migration has run already — the case at almost every start. One read of Kysely's own
 * record of them, instead of the migrator's lock and bookkeeping queries on every command.
 */
async function upToDate(connection: Connection, tables: readonly TableSet<unknown>[]): Promise<boolean> {
  const wanted = Object.keys(migrations(connection.dialect, tables)).sort();
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(connection.db);
    const done = rows.map((row) => row.name).sort();
    return done.length === wanted.length && done.every((name, i) => name === wanted[i]);
  } catch {
    return false; // a new store: no record yet
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}
