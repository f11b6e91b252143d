/**
 * What every command shares: where the store is, how to print, and how errors become exit codes
 * (0 ok, 1 the user's input, 2 Plenary's own failure).
 */
import type { Command } from "commander";
import type { OpenOptions, Store } from "../data/store/index.js";

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

export interface GlobalOptions {
  db?: string;
  databaseUrl?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/**
 * Opens the store a command names. A new (empty) store is filled with the whole record from the bundle
 * first — on any command, so `plenary serve`, `npm start` and a first `plenary vote` all see 1946–2026 —
 * with its progress on stderr (a bar on a terminal, two plain lines elsewhere; stdout stays the
 * command's own).
 */
export async function openStore(
  command: Command,
  io: Io,
  seed: OpenOptions["seed"] = "bundle",
): Promise<Store> {
  const { db, databaseUrl } = globalOptions(command);
  // The store's modules (the query builder, the drivers) load only for commands that open it.
  const [tables, { bundleProgress }] = await Promise.all([
    import("../tables.js"),
    import("../data/import/progress.js"),
  ]);
  return tables.openStore({ db, databaseUrl, seed, onSeedProgress: bundleProgress(io.stderr, true) });
}

/** Opens the store, runs `work`, closes the store whatever happens. */
export async function withStore<T>(command: Command, io: Io, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(command, io);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export function print(io: Io, text = ""): void {
  io.stdout.write(text + "\n");
}

/** `--limit <n>` (described by `limitHelp`, default `limit`) and `--offset <n>`: a list's page. */
export function pagingOptions(command: Command, limit: number, limitHelp: string): Command {
  return command
    .option("--limit <n>", limitHelp, (v) => Number.parseInt(v, 10), limit)
    .option("--offset <n>", "skip this many", (v) => Number.parseInt(v, 10), 0);
}
