/**
 * A real server over a temporary store for the tests of a suite: the store made and filled (`imports`, in
 * turn, then `prepare`), the server built and listening on a free port before the tests (beforeAll), all
 * closed and removed after them (afterAll). Its fields are read when a test runs:
 * `const site = suiteServer({ imports: RESEARCH_RECORD }); … fetch(site.base + "/")`.
 */
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { importFiles, type ImportOptions } from "../data/import/index.js";
import type { Store } from "../data/store/index.js";
import { buildServer, type ServerOptions } from "../web/server.js";
import { madeBeforeTests, tempStore, type TempStore } from "./tempStore.js";

/** The real UN data beside the clone. */
export const SHARED_DATA = path.resolve(import.meta.dirname, "../../../shared/data");

/** One import: a file or folder, or several at once with the import's options. */
export type Import = string | { paths: readonly string[]; options?: ImportOptions };

/** The research record (unvotes, 1946–2019) and the Council veto list (its malformed rows skipped). */
export const RESEARCH_RECORD: readonly Import[] = [
  path.join(SHARED_DATA, "unvotes"),
  {
    paths: [path.join(SHARED_DATA, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv")],
    options: { skipBadRows: true },
  },
];

export interface SuiteServerOptions {
  store?: Parameters<typeof tempStore>[0];
  /** Imports made in turn. */
  imports?: readonly Import[];
  /** Work on the store after the imports, before the server is built. */
  prepare?: (store: Store) => Promise<void>;
  /** The server's options (default: no practical rate limit, no ideal points). */
  server?: Omit<ServerOptions, "store">;
}

export interface SuiteServer {
  temp: TempStore;
  store: Store;
  app: FastifyInstance;
  /** `http://127.0.0.1:PORT` */
  base: string;
}

export function suiteServer(options: SuiteServerOptions = {}): SuiteServer {
  let made: SuiteServer | undefined;
  let temp: TempStore | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    temp = await tempStore(options.store);
    for (const item of options.imports ?? []) {
      const { paths, options: importOptions } = typeof item === "string" ? { paths: [item] } : item;
      await importFiles(temp.store, [...paths], importOptions);
    }
    await options.prepare?.(temp.store);
    app = await buildServer({
      store: temp.store,
      rateLimit: 1_000_000,
      siteOptions: { idealPoints: "off" },
      ...options.server,
    });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    made = { temp, store: temp.store, app, base };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await temp?.cleanup();
  });
  return madeBeforeTests(() => made, "server");
}
