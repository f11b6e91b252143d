/**
 * Shared request limits: two instances' counters add up through the database (both stores), and two
 * servers on one PostgreSQL refuse a client that spreads its requests over both once the sum passes
 * the limit — over real HTTP on loopback.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUrl, storeKinds, tempStore, type TempStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";
import { SharedRateLimits } from "./sharedStore.js";

const MINUTE = 60_000;
/** A moment at the start of a window, so the tests do not straddle two. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

describe.each(storeKinds())("the instances' counters (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore({ kind, seed: false });
  });
  afterAll(() => temp?.cleanup());

  it("add up across instances after a sync, and a repeated sync counts nothing twice", async () => {
    const a = new SharedRateLimits(temp.store.db, { instance: "a" });
    const b = new SharedRateLimits(temp.store.db, { instance: "b" });
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

  it("starts a new count in the next window and forgets the old rows", async () => {
    const a = new SharedRateLimits(temp.store.db, { instance: "a2" });
    const b = new SharedRateLimits(temp.store.db, { instance: "b2" });
    for (let i = 0; i < 3; i++) a.increment("9.9.9.9", MINUTE, T0 + i);
    await a.sync(T0 + 10);
    // A counter B makes after the sync starts from what A had counted.
    await b.sync(T0 + 20);
    expect(b.increment("9.9.9.9", MINUTE, T0 + 30).current).toBe(4);
    expect(b.increment("9.9.9.9", MINUTE, T0 + MINUTE + 5)).toEqual({ current: 1, ttl: MINUTE - 5 });
    await b.sync(T0 + MINUTE + 10);
    const left = await temp.store.db
      .selectFrom("rate_limit_counts")
      .select(["key", "window_start"])
      .where("key", "=", "9.9.9.9")
      .execute();
    expect(left.map((r) => Number(r.window_start))).toEqual([T0 + MINUTE]);
  });
});

describe.skipIf(!postgresUrl())("two servers on one PostgreSQL", () => {
  let temp: TempStore;
  const servers: FastifyInstance[] = [];
  const bases: string[] = [];
  beforeAll(async () => {
    temp = await tempStore({ kind: "postgres" });
    for (let i = 0; i < 2; i++) {
      const app = await buildServer({ store: temp.store, rateLimit: 10, rateLimitSyncMs: 50 });
      servers.push(app);
      bases.push(await app.listen({ port: 0, host: "127.0.0.1" }));
    }
  });
  afterAll(async () => {
    for (const app of servers) await app.close();
    await temp?.cleanup();
  });

  it("refuse a client once its requests to both together pass the limit", async () => {
    const get = async (base: string) => (await fetch(`${base}/api/members/USA`)).status;
    // The windows are the clock's minutes: start well inside one.
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    for (let i = 0; i < 6; i++) expect(await get(bases[0]!)).toBe(200);
    // Both instances sync every 50 ms: B learns of A's six.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fromB: number[] = [];
    for (let i = 0; i < 6; i++) fromB.push(await get(bases[1]!));
    // 6 on A + 4 on B reach the limit of 10; the 11th and 12th are refused.
    expect(fromB).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
