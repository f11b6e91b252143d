/**
 * Test helpers: a real store in a fresh place — a SQLite file in a temporary folder, or a new database
 * on the suite's throw-away PostgreSQL server — removed afterwards. Store suites run on every kind
 * `storeKinds()` returns: `describe.each(storeKinds())(…)`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { Store, type OpenOptions } from "../data/store/index.js";
import type { Io } from "../cli/context.js";
import { openStore } from "../tables.js";

export type StoreKind = "sqlite" | "postgres";

export interface TempStore {
  kind: StoreKind;
  store: Store;
  /** SQLite file path (SQLite only; "" on PostgreSQL). */
  file: string;
  /** PostgreSQL URL (PostgreSQL only; "" on SQLite). */
  url: string;
  /** A temporary folder for the test's own files, on both kinds. */
  dir: string;
  /** CLI arguments that point a command at this store. */
  cliArgs: string[];
  cleanup(): Promise<void>;
}

export function postgresUrl(): string {
  try {
    return inject("postgresUrl") ?? "";
  } catch {
    return process.env.PLENARY_TEST_DATABASE_URL ?? "";
  }
}

/** The stores the suites run on: SQLite always, PostgreSQL where the suite's server is up. */
export function storeKinds(): StoreKind[] {
  return postgresUrl() ? ["sqlite", "postgres"] : ["sqlite"];
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the suite's server; returns its URL and a drop function. */
export async function tempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgresUrl();
  if (!admin) throw new Error("No PostgreSQL server for this test run");
  // The name is generated here (hex), never taken from input: safe to put in DDL, which takes no parameters.
  const name = `plenary_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function tempStore(options: OpenOptions & { kind?: StoreKind } = {}): Promise<TempStore> {
  const { kind = "sqlite", ...open } = options;
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-test-"));
  if (kind === "postgres") {
    const database = await tempPostgresDatabase();
    const store = await openStore({ ...open, databaseUrl: database.url });
    return {
      kind,
      store,
      file: "",
      url: database.url,
      dir,
      cliArgs: ["--database-url", database.url],
      async cleanup() {
        await store.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const file = path.join(dir, "plenary.db");
  const store = await openStore({ db: file, ...open });
  return {
    kind,
    store,
    file,
    url: "",
    dir,
    cliArgs: ["--db", file],
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A temporary store for the tests of the suite (or file) it is called in: made before them (beforeAll),
 * removed after (afterAll, after the suite's own later hooks). Its fields are read when a test or a later
 * hook runs: `const temp = suiteStore(); … temp.store`.
 */
export function suiteStore(options: Parameters<typeof tempStore>[0] = {}): TempStore {
  let current: TempStore | undefined;
  beforeAll(async () => {
    current = await tempStore(options);
  });
  afterAll(() => current?.cleanup());
  return madeBeforeTests(() => current, "store");
}

/**
 * An object whose fields are those of what `current()` returns once a suite's beforeAll has made it:
 * read in a test or a later hook, never before. Not a promise, and nothing to inspect before it is made
 * (`then`, symbols: undefined).
 */
export function madeBeforeTests<T extends object>(current: () => T | undefined, what: string): T {
  const made = (): T => {
    const value = current();
    if (!value) throw new Error(`The suite's ${what} is made before its tests run`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, field) => (typeof field === "symbol" || field === "then" ? undefined : made()[field as keyof T]),
  });
}

/** Captures what a CLI run prints. */
export function captureIo() {
  let out = "";
  let err = "";
  const io = {
    stdout: { write: (s: string) => ((out += s), true), isTTY: false },
    stderr: { write: (s: string) => ((err += s), true), isTTY: false },
    stdin: process.stdin,
  };
  return {
    io: io as unknown as Io,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
