/**
 * Request limits shared by every app instance on one PostgreSQL: a store for @fastify/rate-limit whose
 * counters add up what each instance has counted, so a client spreading requests over N instances
 * behind a load balancer gets the configured limit, not N times it.
 *
 * The hot path touches no database: each request is counted in memory against fixed windows aligned
 * to the clock (the same windows on every instance), plus what the other instances had counted at the
 * last sync. Once a second the instance writes its own counts (one upsert per sync, absolute values,
 * so a repeated write is harmless) and reads the others'. A client can therefore overshoot by at most
 * what the other instances let through within one sync interval. If the database is unreachable the
 * limits keep working per instance, and catch up once it answers again.
 *
 * On SQLite (one process, the embedded default) Fastify's own in-memory store is used instead: a sync
 * there would wait on the write lock an import holds.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { RateLimitDatabase } from "./tables.js";

interface Counter {
  /** Start of the counter's window (ms since the epoch, a multiple of its length). */
  start: number;
  length: number;
  /** Requests this instance counted in the window, and how many of them the database has. */
  own: number;
  synced: number;
  /** What the other instances had counted in the window, as of the last sync. */
  others: number;
}

type Callback = (error: Error | null, result: { current: number; ttl: number }) => void;

/** What @fastify/rate-limit passes to a route's `child` store. */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

export interface SharedRateLimitOptions {
  /** How often the counters meet in the database (ms; default 1000). */
  syncMs?: number;
  /** This instance's name in the table (default a random UUID per process). */
  instance?: string;
  /** Told when a sync fails (the limits then hold per instance until the next one succeeds). */
  onSyncError?: (error: unknown) => void;
}

/** Rows per upsert statement: 5 parameters a row, well under PostgreSQL's 65,535. */
const UPSERT_ROWS = 1000;

export class SharedRateLimits {
  readonly instance: string;
  private readonly counters = new Map<string, Counter>();
  /** The other instances' counts from the last sync, by `key start`: for counters made since. */
  private remote = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private readonly syncMs: number;

  constructor(
    private readonly db: Kysely<RateLimitDatabase>,
    private readonly options: SharedRateLimitOptions = {},
  ) {
    this.instance = options.instance ?? randomUUID();
    this.syncMs = options.syncMs ?? 1000;
  }

  /** Counts a request for `key` in its window of `length` ms; returns the total and the time left. */
  increment(key: string, length: number, now = Date.now()): { current: number; ttl: number } {
    const counter = this.counter(key, length, now);
    counter.own++;
    return { current: counter.own + counter.others, ttl: counter.start + length - now };
  }

  /** The same without counting (what the other instances counted is known here after a sync). */
  peek(key: string, length: number, now = Date.now()): { current: number; ttl: number } {
    const start = now - (now % length);
    const counter = this.counters.get(key);
    const current =
      counter && counter.start === start && counter.length === length
        ? counter.own + counter.others
        : (this.remote.get(`${key} ${start}`) ?? 0);
    return current ? { current, ttl: start + length - now } : { current: 0, ttl: 0 };
  }

  private counter(key: string, length: number, now: number): Counter {
    const start = now - (now % length);
    let counter = this.counters.get(key);
    if (!counter || counter.start !== start || counter.length !== length) {
      counter = { start, length, own: 0, synced: 0, others: this.remote.get(`${key} ${start}`) ?? 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** Writes this instance's counts and reads the others'. One at a time: a slow sync is not doubled. */
  sync(now = Date.now()): Promise<void> {
    this.syncing ??= this.runSync(now).finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async runSync(now: number): Promise<void> {
    for (const [key, counter] of this.counters) {
      if (counter.start + counter.length <= now) this.counters.delete(key);
    }
    // The counts as they are now; requests counted while the write is under way go with the next sync.
    const changed = [...this.counters]
      .filter(([, c]) => c.own !== c.synced)
      .map(([key, counter]) => ({ key, counter, count: counter.own }));
    for (let i = 0; i < changed.length; i += UPSERT_ROWS) {
      const rows = changed.slice(i, i + UPSERT_ROWS).map(({ key, counter, count }) => ({
        key,
        window_start: counter.start,
        instance: this.instance,
        count,
        expires_at: counter.start + counter.length,
      }));
      await this.db
        .insertInto("rate_limit_counts")
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(["key", "window_start", "instance"])
            .doUpdateSet((eb) => ({ count: eb.ref("excluded.count") })),
        )
        .execute();
    }
    for (const { counter, count } of changed) counter.synced = count;
    const rows = await this.db
      .selectFrom("rate_limit_counts")
      .select(["key", "window_start", (eb) => eb.fn.sum<number>("count").as("count")])
      .where("instance", "!=", this.instance)
      .where("expires_at", ">", now)
      .groupBy(["key", "window_start"])
      .execute();
    const remote = new Map<string, number>();
    for (const r of rows) remote.set(`${r.key} ${Number(r.window_start)}`, Number(r.count));
    this.remote = remote;
    for (const [key, counter] of this.counters) counter.others = remote.get(`${key} ${counter.start}`) ?? 0;
    await this.db.deleteFrom("rate_limit_counts").where("expires_at", "<=", now).execute();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) => this.options.onSyncError?.(error));
    }, this.syncMs);
    // The sync never keeps a process alive by itself.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.syncing?.catch(() => {});
  }

  /**
   * The store class @fastify/rate-limit wants (`store` option): it makes one with `new`, and one per
   * route with its own limit through `child` (keys prefixed by the route, as its Redis store does).
   */
  storeClass(): new (params: unknown) => object {
    const increment = (key: string, length: number) => this.increment(key, length);
    const peek = (key: string, length: number) => this.peek(key, length);
    class SharedStore {
      constructor(
        _params?: unknown,
        private readonly prefix = "",
      ) {}
      incr(key: string, callback: Callback, timeWindow: number): void {
        callback(null, increment(this.prefix + key, timeWindow));
      }
      read(key: string, callback: Callback, timeWindow: number): void {
        callback(null, peek(this.prefix + key, timeWindow));
      }
      child(params: RouteParams): SharedStore {
        const method = [params.routeInfo?.method ?? ""].flat().join(",");
        return new SharedStore(undefined, `${this.prefix}${method}${params.routeInfo?.url ?? ""}-`);
      }
    }
    return SharedStore;
  }
}
