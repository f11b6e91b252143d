/**
 * Shared request limits: two instances' counters add up through the database (both stores), and two
 * servers on one PostgreSQL refuse a client that spreads its requests over both once the sum passes
 * the limit — over real HTTP on loopback.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUrl, storeKinds, tempStore, suiteStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";
import { SharedRateLimits } from "./sharedStore.js";
import { rateLimitTables } from "./tables.js";

const MINUTE = 60_000;
/** A moment at the start of a window, so the tests do not straddle two. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

describe.each(storeKinds())("the instances' counters (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });

  it("add up across instances after a sync, and a repeated sync counts nothing twice", async () => {
    const a = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "a" });
    const b = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "b" });
    for (let i = 0; i < 5; i++) a.increment("1.2.3.4", MINUTE, T0 + i);
    expect(b.increment("1.2.3.4", MINUTE, T0 + 10)).toEqual({ current: 1, ttl: MINUTE - 10 });
    await a.sync(T0 + 20);
    await b.sync(T0 + 20);
    expect(b.peek("1.2.3.4", MINUTE, T0 + 30).current).toBe(6);
    await a.sync(T0 + 40);
    await a.sync(T0 + 50);
    expect(a.peek("1.2.3.4", MINUTE, T0 + 60).current).toBe(6);
    expect(b.increment("1.2.3.4", MINUTE, T0 + 70).current).toBe(7);
    // Another client is counted apart.
    expect(a.increment("5.6.7.8", MINUTE, T0 + 80).current).toBe(1);
  });

  it("syncs a request counted while a sync is writing at the next sync", async () => {
    const a = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "a3" });
    const b = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "b3" });
    a.increment("7.7.7.7", MINUTE, T0);
    const syncing = a.sync(T0 + 1);
    a.increment("7.7.7.7", MINUTE, T0 + 2);
    await syncing;
    await a.sync(T0 + 3);
    await b.sync(T0 + 4);
    expect(b.peek("7.7.7.7", MINUTE, T0 + 5).current).toBe(2);
  });

  it("starts a new count in the next window and forgets the old rows", async () => {
    const a = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "a2" });
    const b = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "b2" });
    for (let i = 0; i < 3; i++) a.increment("9.9.9.9", MINUTE, T0 + i);
    await a.sync(T0 + 10);
    // A counter B makes after the sync starts from what A had counted.
    await b.sync(T0 + 20);
    expect(b.increment("9.9.9.9", MINUTE, T0 + 30).current).toBe(4);
    expect(b.increment("9.9.9.9", MINUTE, T0 + MINUTE + 5)).toEqual({ current: 1, ttl: MINUTE - 5 });
    await b.sync(T0 + MINUTE + 10);
    const left = await temp.store
      .tables(rateLimitTables)
      .selectFrom("rate_limit_counts")
      .select(["key", "window_start"])
      .where("key", "=", "9.9.9.9")
      .execute();
    expect(left.map((r) => Number(r.window_start))).toEqual([T0 + MINUTE]);
  });
});

describe("the store @fastify/rate-limit is given", () => {
  it("keeps a route's own limit apart from the global one and from other routes'", async () => {
    const temp = await tempStore({ seed: false });
    try {
      const shared = new SharedRateLimits(temp.store.tables(rateLimitTables), { instance: "c" });
      type Result = { current: number; ttl: number };
      interface LimitStore {
        incr(key: string, callback: (error: Error | null, result: Result) => void, window: number): void;
        child(params: { routeInfo: { method: string; url: string } }): LimitStore;
      }
      const Store = shared.storeClass() as new (params: unknown) => LimitStore;
      const global = new Store({});
      const login = global.child({ routeInfo: { method: "POST", url: "/newsroom/login" } });
      const comment = global.child({ routeInfo: { method: "POST", url: "/news/:slug/comments" } });
      const count = (store: LimitStore) =>
        new Promise<number>((resolve, reject) =>
          store.incr("1.2.3.4", (error, result) => (error ? reject(error) : resolve(result.current)), MINUTE),
        );
      expect([await count(global), await count(global), await count(global)]).toEqual([1, 2, 3]);
      expect(await count(login)).toBe(1);
      expect(await count(comment)).toBe(1);
      expect(await count(login)).toBe(2);
    } finally {
      await temp.cleanup();
    }
  });
});

describe.skipIf(!postgresUrl())("two servers on one PostgreSQL", () => {
  const temp = suiteStore({ kind: "postgres" });
  const servers: FastifyInstance[] = [];
  const bases: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const app = await buildServer({ store: temp.store, rateLimit: 10, rateLimitSyncMs: 50 });
      servers.push(app);
      bases.push(await app.listen({ port: 0, host: "127.0.0.1" }));
    }
  });
  afterAll(async () => {
    for (const app of servers) await app.close();
  });

  it("refuse a client once its requests to both together pass the limit", async () => {
    const get = async (base: string) => (await fetch(`${base}/api/members/USA`)).status;
    // The windows are the clock's minutes: start well inside one.
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    for (let i = 0; i < 6; i++) expect(await get(bases[0]!)).toBe(200);
    // A writes its six within a sync or two (every 50 ms), and B reads them at its next.
    const stored = async () =>
      Number(
        (
          await temp.store
            .tables(rateLimitTables)
            .selectFrom("rate_limit_counts")
            .select((eb) => eb.fn.sum<number>("count").as("n"))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    for (let waited = 0; (await stored()) < 6 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await stored()).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fromB: number[] = [];
    for (let i = 0; i < 6; i++) fromB.push(await get(bases[1]!));
    // 6 on A + 4 on B reach the limit of 10; the 11th and 12th are refused.
    expect(fromB).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
