/**
 * What the site serves from, per data version: the vote matrix, the catalog of roll calls, memoised
 * views and the rendered responses. Everything here is immutable between imports, so it is cached by
 * the store's data version; when an import moves the version, the next request after the recheck
 * interval builds a new snapshot and the old one (with its caches) is dropped.
 *
 * Services start explicitly: `await site.start()` loads the matrix and builds the first snapshot before
 * the server listens; `await site.close()` stops a running ideal-point estimate.
 */
import type { VoteMatrix } from "../../analysis/matrix.js";
import { MatrixService } from "../../analysis/fromStore.js";
import type { IdealPointsResult } from "../../analysis/idealPoints.js";
import {
  DEFAULT_BOOTSTRAP,
  readIdealPoints,
  writeIdealPoints,
  type BootstrapRequest,
} from "../../analysis/idealCache.js";
import type { Store } from "../../data/store/index.js";
import type { Coverage } from "../../data/coverage.js";
import { cachedCoverage } from "../../analysis/coverageCache.js";
import { loadCatalogCached, type Catalog } from "./catalog.js";
import { IdealPointsJob } from "./idealPointsJob.js";
import { ViewPool, type ViewPoolOptions } from "./viewPool.js";
import { VoteStories } from "../../news/voteStories.js";

/**
 * A small least-recently-used map, bounded by its number of entries and, when given `maxBytes`, by the
 * bytes its entries hold as told by `set(key, value, bytes)` and `weigh` (an entry that grew, e.g. a
 * compressed form added): the least recently used entries go until both bounds hold (the newest entry
 * always stays, however large).
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private held = 0;
  constructor(
    private readonly limit: number,
    private readonly maxBytes = Infinity,
  ) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V, bytes = 0): void {
    this.delete(key);
    this.map.set(key, value);
    this.weights.set(key, bytes);
    this.held += bytes;
    this.evict();
  }
  /** Records that the entry under `key` (if still kept) now holds `bytes`. */
  weigh(key: K, bytes: number): void {
    const before = this.weights.get(key);
    if (before === undefined || before === bytes) return;
    this.weights.set(key, bytes);
    this.held += bytes - before;
    this.evict();
  }
  delete(key: K): void {
    this.map.delete(key);
    this.held -= this.weights.get(key) ?? 0;
    this.weights.delete(key);
  }
  clear(): void {
    this.map.clear();
    this.weights.clear();
    this.held = 0;
  }
  get size(): number {
    return this.map.size;
  }
  /** The bytes the entries hold, as told. */
  get bytes(): number {
    return this.held;
  }
  private evict(): void {
    while (this.map.size > 1 && (this.map.size > this.limit || this.held > this.maxBytes)) {
      this.delete(this.map.keys().next().value as K);
    }
  }
}

/** A response body ready to send, with its validator and compressed forms (made on first demand). */
export interface CachedBody {
  body: Buffer;
  etag: string;
  type: string;
  encoded: Map<string, Buffer>;
  headers?: Record<string, string>;
}

/** The bytes a cached body holds: the body and its compressed forms. */
export function bodyBytes(entry: CachedBody): number {
  let bytes = entry.body.length;
  for (const encoded of entry.encoded.values()) bytes += encoded.length;
  return bytes;
}

export type IdealStatus = "ready" | "pending" | "failed" | "off";

/**
 * What a snapshot's byte-bounded caches may hold. Counted in entries alone, the responses could hold
 * 500 × 0.6 MB (a page of 1,000 roll calls from /api/votes, with its compressed forms) — some 300 MB for
 * a client that varies a filter — and the pages 300 × 0.3 MB (member pages).
 */
export const CACHE_BYTES = {
  responses: 64 * 2 ** 20,
  cards: 32 * 2 ** 20,
  pages: 48 * 2 ** 20,
} as const;

export class Snapshot {
  /** Serialised responses (JSON, downloads) by request key. */
  readonly responses = new Lru<string, CachedBody>(500, CACHE_BYTES.responses);
  /** Share cards (PNG, 50–250 KB each) by request key: rendered once per data version while kept. */
  readonly cards = new Lru<string, CachedBody>(120, CACHE_BYTES.cards);
  /** Page parts (title, body …) by request key; bodies run to ~100 KB (members' ~250 KB), so fewer are kept. */
  readonly pages = new Lru<string, Promise<unknown>>(300, CACHE_BYTES.pages);
  private readonly memos = new Lru<string, Promise<unknown>>(2000);
  private readonly values = new Lru<string, unknown>(2000);
  idealPoints: IdealPointsResult | null = null;
  idealStatus: IdealStatus = "off";
  /** The background work on the ideal points is over: the bootstrap done, failed, or not to be done. */
  idealBackgroundDone = false;
  /** What the record covers and its gaps (said beside every figure that spans a gap). */
  coverage: Coverage = { bodies: [], years: [], gaps: [] };

  constructor(
    readonly version: number,
    readonly matrix: VoteMatrix,
    readonly catalog: Catalog,
  ) {}

  /** A value computed once per snapshot (failures are not kept). */
  memo<T>(
    key: string,
    compute: () => T | Promise<T>,
    cache: Lru<string, Promise<unknown>> = this.memos,
  ): Promise<T> {
    const hit = cache.get(key);
    if (hit) return hit as Promise<T>;
    const promise = Promise.resolve().then(compute);
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
    return promise;
  }

  /** A page's parts, computed once per snapshot and key. */
  page<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
    return this.memo(key, compute, this.pages);
  }

  /** A synchronously computed value, once per snapshot. */
  cached<T>(key: string, compute: () => T): T {
    if (this.values.get(key) === undefined) this.values.set(key, compute());
    return this.values.get(key) as T;
  }
}

export interface SiteOptions {
  /** How often a request may check the store's data version and articles' version (ms, default 1000). */
  recheckMs?: number;
  /**
   * Ideal points: `auto` (default) estimates them inline for a small record and in a child process for
   * a large one; `inline`; `background` (always a child process); `off`.
   */
  idealPoints?: "auto" | "inline" | "background" | "off";
  /** Heavy views (member, bloc, comparison): in a worker process for a large record (see viewPool.ts). */
  views?: ViewPoolOptions;
  /**
   * Background work (the ideal points' estimate and bootstrap) waits for `startBackground()`: the web
   * server calls it once it listens and has loaded its page modules, so the work (forking a child, copying
   * the matrix to it) does not lengthen the start-up. Without it, background work starts at once.
   */
  deferBackground?: boolean;
}

export class SiteService {
  readonly matrices: MatrixService;
  /** Computes the heavy views off the event loop, fairly between clients. */
  readonly views: ViewPool;
  /** The newsroom's stories citing each vote (read again when an article is written). */
  readonly stories: VoteStories;
  private current: Snapshot | null = null;
  private building: Promise<Snapshot> | null = null;
  private readonly job: IdealPointsJob;
  private readonly idealMode: NonNullable<SiteOptions["idealPoints"]>;
  private readonly background: Promise<void>;
  private releaseBackground: () => void = () => {};

  constructor(
    readonly store: Store,
    options: SiteOptions = {},
  ) {
    this.matrices = new MatrixService(store, options.recheckMs ?? 1000);
    this.stories = new VoteStories(store, options.recheckMs ?? 1000);
    this.idealMode = options.idealPoints ?? "auto";
    this.job = new IdealPointsJob();
    this.views = new ViewPool(options.views);
    this.background = options.deferBackground
      ? new Promise((resolve) => (this.releaseBackground = resolve))
      : Promise.resolve();
  }

  /** Lets background work begin (see SiteOptions.deferBackground). */
  startBackground(): void {
    this.releaseBackground();
  }

  async start(): Promise<void> {
    const matrix = await this.matrices.load();
    // Other instances' imports (PostgreSQL NOTIFY) make the next request check the version at once.
    await this.matrices.listen();
    this.current = await this.build(matrix);
  }

  /** The snapshot of the current data version (rebuilt after an import). */
  async snapshot(): Promise<Snapshot> {
    const matrix = await this.matrices.current();
    const current = this.current;
    if (current && current.matrix === matrix) return current;
    this.building ??= this.build(matrix).then(
      (snapshot) => {
        this.current = snapshot;
        this.building = null;
        return snapshot;
      },
      (error) => {
        this.building = null;
        throw error;
      },
    );
    return this.building;
  }

  private async build(matrix: VoteMatrix): Promise<Snapshot> {
    const [{ catalog }, coverage] = await Promise.all([
      loadCatalogCached(this.store, matrix, this.matrices.dataVersion),
      cachedCoverage(this.store, new Date().toISOString().slice(0, 10)),
    ]);
    const snapshot = new Snapshot(this.matrices.dataVersion, matrix, catalog);
    snapshot.coverage = coverage;
    this.estimateIdealPoints(snapshot);
    return snapshot;
  }

  /**
   * The snapshot's ideal points, never computed on a request: read from the store's analysis cache when
   * it holds them for this data version; otherwise estimated in the background (a child process for a
   * large record) and stored. Then, in the background too, their bootstrap standard errors (the default
   * 50 replicates, seed 1), which replace the points without a bootstrap when done.
   */
  private estimateIdealPoints(snapshot: Snapshot): void {
    if (this.idealMode === "off") {
      snapshot.idealBackgroundDone = true;
      return;
    }
    const small = snapshot.matrix.voteCount < 60_000;
    const inline = this.idealMode === "inline" || (this.idealMode === "auto" && small);
    snapshot.idealStatus = "pending";
    const publish = (result: IdealPointsResult) => {
      snapshot.idealPoints = result;
      snapshot.idealStatus = "ready";
      // Pages and JSON made without them (or without the bootstrap) are made again.
      snapshot.responses.clear();
      snapshot.pages.clear();
    };
    const estimate = async (bootstrap: BootstrapRequest | null) => {
      // After the current turn of the event loop: starting a job copies the matrix to the child.
      await new Promise((resolve) => setImmediate(resolve));
      // A large record's bootstrap (fifty estimates) always runs in the child: inline it would hold the
      // event loop for tens of seconds, and the server could not even finish starting.
      const here = inline && (bootstrap === null || small);
      const result = await this.job.run(snapshot.matrix, here, bootstrap ? { bootstrap } : {});
      if (result) await writeIdealPoints(this.store, snapshot.version, result);
      return result;
    };
    const run = async () => {
      await this.background;
      let points = await readIdealPoints(this.store, snapshot.version);
      if (!points) points = await estimate(null);
      if (!points) {
        snapshot.idealStatus = "failed";
        snapshot.responses.clear();
        snapshot.pages.clear();
        return;
      }
      publish(points);
      if (points.bootstrap) return;
      const withBootstrap = await estimate(DEFAULT_BOOTSTRAP);
      if (withBootstrap) publish(withBootstrap);
    };
    run()
      .catch(() => {
        if (snapshot.idealStatus === "pending") snapshot.idealStatus = "failed";
      })
      .finally(() => {
        snapshot.idealBackgroundDone = true;
      });
  }

  /** Waits for the ideal points of the current snapshot (tests, benchmarks). */
  async idealPointsSettled(timeoutMs = 120_000): Promise<IdealStatus> {
    const snapshot = await this.snapshotWhen((s) => s.idealStatus !== "pending", timeoutMs);
    return snapshot ? snapshot.idealStatus : "pending";
  }

  /**
   * Waits until the current snapshot's background work is over, the ideal points' bootstrap included
   * (benchmarks: a page's throughput measured while fifty estimates run beside it says little);
   * false on timeout.
   */
  async backgroundSettled(timeoutMs = 180_000): Promise<boolean> {
    return (await this.snapshotWhen((s) => s.idealBackgroundDone, timeoutMs)) !== null;
  }

  /** The current snapshot once `ready` holds of it (looked at every 100 ms), or null after `timeoutMs`. */
  private async snapshotWhen(
    ready: (snapshot: Snapshot) => boolean,
    timeoutMs: number,
  ): Promise<Snapshot | null> {
    const started = Date.now();
    for (;;) {
      const snapshot = await this.snapshot();
      if (ready(snapshot)) return snapshot;
      if (Date.now() - started > timeoutMs) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    this.job.stop();
    this.views.close();
    await this.matrices.close();
  }
}

declare module "fastify" {
  interface FastifyInstance {
    /** The site's data per data version (set up by buildServer). */
    site: SiteService;
  }
}
