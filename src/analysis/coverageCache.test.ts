import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeCoverage } from "../data/coverage.js";
import { importFiles } from "../data/import/index.js";
import { loadStarterDataset } from "../data/starter.js";
import { required } from "../test/require.js";
import { storeKinds, tempStore, type TempStore } from "../test/tempStore.js";
import { cachedCoverage, COVERAGE } from "./coverageCache.js";
import { writeDerived } from "./derived.js";

/** The Assembly's 79th session (the UN's own file), with its real numbering gaps. */
const SESSION_79 = path.resolve(process.cwd(), "../shared/data/unxml/ga/79.json.gz");
const available = required("PLENARY_REQUIRE_SHARED_DATA", existsSync(SESSION_79), "../shared/data");

const TODAY = "2026-12-02";

describe.skipIf(!available).each(storeKinds())("the coverage's cache (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore({ kind });
    await importFiles(temp.store, [SESSION_79]);
  });
  afterAll(() => temp.cleanup());

  it("is the coverage worked out from the rows, and is read back instead of worked out again", async () => {
    const computed = await storeCoverage(temp.store, TODAY);
    expect(computed.bodies.find((b) => b.body === "GA")?.rollCalls).toBeGreaterThan(100);
    expect(await cachedCoverage(temp.store, TODAY)).toEqual(computed);
    // A planted entry no computation would make: reading it proves nothing was worked out.
    const version = await temp.store.dataVersion();
    const planted = { ...computed, gaps: [] };
    expect(await writeDerived(temp.store, COVERAGE, version, { today: TODAY, coverage: planted })).toBe(true);
    expect((await cachedCoverage(temp.store, TODAY)).gaps).toEqual([]);
  });

  it("is worked out afresh on another day (the 'since the last update' gap moves with the day)", async () => {
    const later = "2027-06-01";
    const fresh = await cachedCoverage(temp.store, later);
    expect(fresh).toEqual(await storeCoverage(temp.store, later));
    expect(fresh.gaps.some((g) => g.kind === "since" && g.to === later)).toBe(true);
  });

  it("is not used once an import changed the record", async () => {
    const version = await temp.store.dataVersion();
    await writeDerived(temp.store, COVERAGE, version, {
      today: TODAY,
      coverage: { bodies: [], years: [], gaps: [] },
    });
    const [first] = loadStarterDataset();
    await temp.store.write([
      {
        ...first!,
        sourceKey: "coverage-1",
        symbol: "A/RES/96/1",
        draftSymbol: null,
        votes: new Map([["FRA", "N"]]),
      },
    ]);
    const after = await cachedCoverage(temp.store, TODAY);
    expect(after).toEqual(await storeCoverage(temp.store, TODAY));
    expect(after.bodies.length).toBeGreaterThan(0);
  });
});
