import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStarterDataset } from "../../data/starter.js";
import { storeKinds, suiteStore } from "../../test/tempStore.js";
import { SiteService } from "../pageData/site.js";
import { fts5Query, queryTerms, tsQuery } from "../../data/store/search/query.js";
import { normaliseParams, searchRollCalls } from "./search.js";
import { storeDb } from "../../test/storeDb.js";

describe("query parsing", () => {
  it("splits words into tokens; a symbol is one phrase; the last word is a prefix", () => {
    expect(queryTerms("  Ukraine  ES-11/7 ")).toEqual([["ukraine"], ["es", "11", "7"]]);
    expect(fts5Query("human righ")).toBe('"human" "righ"*');
    expect(fts5Query("A/RES/ES-11/7")).toBe('"a res es 11 7"');
    expect(fts5Query('" OR 1=1 --')).toBe('"or" "1 1"');
    expect(fts5Query("  ")).toBeNull();
    expect(tsQuery("nuclear weap")).toBe("nuclear & weap:*");
  });

  it("normalises parameters and refuses malformed ones with BAD_INPUT", () => {
    expect(normaliseParams({ q: "x", from: "1990", to: "1999" })).toMatchObject({
      q: "x",
      from: "1990-01-01",
      to: "1999-12-31",
      sort: "relevance",
      page: 1,
      perPage: 50,
    });
    expect(normaliseParams({})).toMatchObject({ sort: "newest" });
    for (const bad of [
      { body: "XX" },
      { outcome: "won" },
      { from: "yesterday" },
      { vote: "maybe" },
      { sort: "up" },
    ]) {
      expect(() => normaliseParams(bad)).toThrowError(expect.objectContaining({ code: "BAD_INPUT" }));
    }
  });
});

describe.each(storeKinds())("full-text search on %s", (kind) => {
  const temp = suiteStore({ kind });
  let site: SiteService;

  beforeAll(async () => {
    site = new SiteService(temp.store, { idealPoints: "off", recheckMs: 0 });
    await site.start();
  });
  afterAll(async () => {
    await site.close();
  });

  it("finds roll calls by words of the title, agenda and symbol", async () => {
    const peace = await temp.store.textMatches("lasting peace");
    expect(peace!.size).toBeGreaterThan(0);
    const bySymbol = await temp.store.textMatches("ES-11/7");
    const snapshot = await site.snapshot();
    const refs = [...bySymbol!.keys()].map((id) => snapshot.catalog.get(id)?.ref);
    expect(refs).toContain("A/RES/ES-11/7");
    expect(await temp.store.textMatches("zzzznothing")).toEqual(new Map());
  });

  it("keeps the index in step with the store: new roll calls, changed titles, subjects", async () => {
    const [first] = loadStarterDataset();
    const report = await temp.store.write([
      {
        ...first!,
        sourceKey: "search-test",
        symbol: "A/RES/99/42",
        draftSymbol: null,
        title: "Quokka conservation",
        description: null,
        issues: [{ code: "hr", label: "Human rights" }],
      },
    ]);
    const id = report.ids[0]!;
    expect([...(await temp.store.textMatches("quokka"))!.keys()]).toEqual([id]);
    expect((await temp.store.textMatches("quokka human rights"))!.has(id)).toBe(true);
    await storeDb(temp.store)
      .updateTable("roll_calls")
      .set({ title: "Wombat welfare" })
      .where("id", "=", id)
      .execute();
    expect((await temp.store.textMatches("quokka"))!.size).toBe(0);
    expect([...(await temp.store.textMatches("wombat"))!.keys()]).toEqual([id]);
    await storeDb(temp.store).deleteFrom("roll_calls").where("id", "=", id).execute();
    expect((await temp.store.textMatches("wombat"))!.size).toBe(0);
  });

  it("filters, counts facets over the other filters, and filters by a member's vote", async () => {
    const snapshot = await site.snapshot();
    const all = await searchRollCalls(temp.store, snapshot, normaliseParams({}));
    expect(all.total).toBe(snapshot.catalog.size);
    const sum = (values: { count: number }[]) => values.reduce((s, v) => s + v.count, 0);
    expect(sum(all.facets.body)).toBe(all.total);
    expect(sum(all.facets.outcome)).toBe(all.total);

    const sc = await searchRollCalls(temp.store, snapshot, normaliseParams({ body: "SC" }));
    expect(sc.hits.every((h) => h.entry.body === "SC")).toBe(true);
    // The body facet still counts both bodies under the other (no) filters.
    expect(sum(sc.facets.body)).toBe(all.total);
    expect(sum(sc.facets.outcome)).toBe(sc.total);

    const usNo = await searchRollCalls(
      temp.store,
      snapshot,
      normaliseParams({ member: "United States", vote: "N" }),
    );
    expect(usNo.member).toEqual({ id: "USA", name: "United States" });
    expect(usNo.total).toBeGreaterThan(0);
    expect(usNo.hits.every((h) => h.memberVote === "N")).toBe(true);
    expect(usNo.facets.vote.find((v) => v.value === "N")?.count).toBe(usNo.total);

    await expect(searchRollCalls(temp.store, snapshot, normaliseParams({ vote: "N" }))).rejects.toMatchObject(
      {
        code: "BAD_INPUT",
      },
    );
    await expect(
      searchRollCalls(temp.store, snapshot, normaliseParams({ member: "Atlantis" })),
    ).rejects.toMatchObject({ code: "UNKNOWN_MEMBER" });
  });

  it("sorts by closeness and divisiveness, and pages", async () => {
    const snapshot = await site.snapshot();
    const closest = await searchRollCalls(temp.store, snapshot, normaliseParams({ sort: "closest" }));
    const margins = closest.hits
      .map((h) => h.entry.margin)
      .filter((m): m is number => m !== null)
      .map(Math.abs);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const paged = await searchRollCalls(temp.store, snapshot, normaliseParams({ perPage: "2", page: "2" }));
    expect(paged.hits.length).toBe(2);
    expect(paged.pages).toBe(Math.ceil(snapshot.catalog.size / 2));
  });
});
