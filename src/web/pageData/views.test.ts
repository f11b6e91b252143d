import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suiteStore } from "../../test/tempStore.js";
import { homeView } from "./home.js";
import { Lru, SiteService } from "./site.js";
import { memberPage, readPeriod } from "./member.js";
import { resolveMember } from "../../core/members/index.js";
import { yearRanges } from "../pages/member.js";
import { storeDb } from "../../test/storeDb.js";

describe("site views on the starter data", () => {
  const temp = suiteStore();
  let site: SiteService;

  beforeAll(async () => {
    site = new SiteService(temp.store, { idealPoints: "inline", recheckMs: 0 });
    await site.start();
  });
  afterAll(async () => {
    await site.close();
  });

  it("closeness is the margin to the threshold; divisiveness the share of no and abstain", async () => {
    const { catalog } = await site.snapshot();
    const council = catalog.entries.find((e) => e.ref === "S/RES/2774 (2025)")!;
    // 10 yes, 9 required (Art. 27(3)); 0 no and 5 abstaining of 15 cast.
    expect(council).toMatchObject({ required: 9, margin: 1, outcome: "adopted" });
    expect(council.divisiveness).toBeCloseTo(5 / 15);
    const assembly = catalog.entries.find((e) => e.ref === "A/RES/ES-11/7")!;
    // 93 yes of 111 present and voting; two-thirds is 74.
    expect(assembly).toMatchObject({ required: 74, margin: 19 });
    expect(assembly.divisiveness).toBeCloseTo((18 + 65) / (93 + 18 + 65));
  });

  it("the home view ranks whole texts only, closest first and most divisive first", async () => {
    const view = homeView((await site.snapshot()).catalog);
    expect(view.closest.every((e) => e.kind === "resolution" || e.kind === "draft")).toBe(true);
    expect(view.closest.map((e) => e.ref)[0]).toBe("S/RES/2774 (2025)");
    const shares = view.divisive.map((e) => e.divisiveness!);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(view.latest.length).toBeGreaterThan(0);
  });

  it("a new import moves the data version: the next snapshot is rebuilt", async () => {
    const before = await site.snapshot();
    await storeDb(temp.store)
      .updateTable("meta")
      .set({ value: String(before.version + 1) })
      .where("key", "=", "data_version")
      .execute();
    const after = await site.snapshot();
    expect(after).not.toBe(before);
    expect(after.version).toBe(before.version + 1);
  });

  it("the member view: ideal points, Council seats, default period", async () => {
    const snapshot = await site.snapshot();
    expect(await site.idealPointsSettled()).toBe("ready");
    const usa = memberPage(await site.snapshot(), resolveMember("USA"), {});
    expect(usa.council.permanentYears).toContain(1946);
    expect(usa.council.electedYears).toEqual([]);
    expect(readPeriod(snapshot.matrix, {})).toMatchObject({ body: "GA", to: 2025 });
    expect(() => readPeriod(snapshot.matrix, { from: "soon" })).toThrowError(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
  });
});

describe("helpers", () => {
  it("LRU keeps the most recent entries", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    lru.get("a");
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
  });

  it("LRU bounded by bytes: however many distinct keys, it holds at most its bound", () => {
    const mb = 2 ** 20;
    const lru = new Lru<string, string>(500, 8 * mb);
    for (let i = 0; i < 1000; i++) {
      lru.set(`k${i}`, `v${i}`, 0.6 * mb);
      expect(lru.bytes).toBeLessThanOrEqual(8 * mb);
    }
    expect(lru.size).toBe(13);
    expect(lru.get("k999")).toBe("v999");
    expect(lru.get("k986")).toBeUndefined();
    // An entry that grows (a compressed form added) is weighed again: older ones make room.
    lru.weigh("k999", 3 * mb);
    expect(lru.bytes).toBeLessThanOrEqual(8 * mb);
    expect(lru.size).toBe(9);
    expect(lru.get("k999")).toBe("v999");
    // A key set again replaces its weight; deleted and cleared entries weigh nothing.
    lru.set("k999", "again", mb);
    lru.delete("k998");
    expect(lru.bytes).toBeCloseTo(mb + 7 * 0.6 * mb);
    lru.clear();
    expect(lru.bytes).toBe(0);
    // Weighing a key no longer kept changes nothing.
    lru.weigh("k1", 5 * mb);
    expect(lru.bytes).toBe(0);
    // The newest entry stays even when larger than the bound.
    lru.set("huge", "h", 20 * mb);
    expect(lru.get("huge")).toBe("h");
  });

  it("year ranges", () => {
    expect(yearRanges([1950, 1946, 1947, 1948, 1960, 1961])).toBe("1946–1948, 1950, 1960–1961");
    expect(yearRanges([])).toBe("");
  });
});
