import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../data/import/index.js";
import { required } from "../test/require.js";
import { main } from "../cli/main.js";
import { loadStarterDataset } from "../data/starter.js";
import type { Store } from "../data/store/index.js";
import { captureIo, storeKinds, tempStore, type TempStore, suiteStore } from "../test/tempStore.js";
import { SiteService } from "../web/pageData/site.js";
import { loadMatrix } from "./fromStore.js";
import { readIdealPoints, writeIdealPoints } from "./idealCache.js";
import { idealPoints, type IdealPointsResult } from "./idealPoints.js";

/**
 * The Assembly's 79th session (the UN's own file): enough contested roll calls for an estimate — the
 * starter's handful is refused as a small sample (minimums.ts).
 */
const SESSION_79 = path.resolve(process.cwd(), "../shared/data/unxml/ga/79.json.gz");
const available = required("PLENARY_REQUIRE_SHARED_DATA", existsSync(SESSION_79), "../shared/data");

async function storeWithSession(options: Parameters<typeof tempStore>[0] = {}): Promise<TempStore> {
  const temp = await tempStore(options);
  await importFiles(temp.store, [SESSION_79]);
  return temp;
}

async function ideal(temp: TempStore, ...args: string[]) {
  const capture = captureIo();
  const code = await main([...temp.cliArgs, "ideal", "--json", ...args], capture.io);
  expect(code).toBe(0);
  return JSON.parse(capture.out) as IdealPointsResult;
}

/** A cached estimate no estimator would make: reading it proves nothing was estimated. */
async function plantSentinel(store: Store, bootstrap: IdealPointsResult["bootstrap"] = null): Promise<void> {
  const { matrix, dataVersion } = await loadMatrix(store);
  const real = idealPoints(matrix, { cache: false });
  expect(await writeIdealPoints(store, dataVersion, { ...real, iterations: 999, bootstrap })).toBe(true);
}

describe.skipIf(!available).each(storeKinds())("the ideal points' cache (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await storeWithSession({ kind });
  });
  afterAll(() => temp.cleanup());

  it("plenary ideal stores its estimate; the next run reads it instead of estimating", async () => {
    const first = await ideal(temp);
    const { dataVersion } = await loadMatrix(temp.store);
    expect((await readIdealPoints(temp.store, dataVersion))?.points).toEqual(first.points);
    await plantSentinel(temp.store);
    expect((await ideal(temp)).iterations).toBe(999);
  });

  it("is not used once an import changed the votes: estimated again, and stored for the new data", async () => {
    await plantSentinel(temp.store);
    const [first] = loadStarterDataset();
    await temp.store.write([
      {
        ...first!,
        sourceKey: "ideal-1",
        symbol: "A/RES/96/1",
        draftSymbol: null,
        votes: new Map([["FRA", "N"]]),
      },
    ]);
    const after = await ideal(temp);
    expect(after.iterations).not.toBe(999);
    const { dataVersion } = await loadMatrix(temp.store);
    expect((await readIdealPoints(temp.store, dataVersion))?.iterations).toBe(after.iterations);
  });

  it("answers a bootstrap only with that bootstrap (replicates and seed); it then serves a plain run too", async () => {
    await plantSentinel(temp.store);
    const boot = await ideal(temp, "--bootstrap", "8", "--seed", "3");
    expect(boot.iterations).not.toBe(999);
    expect(boot.bootstrap).toEqual({ replicates: 8, seed: 3, rounds: 6 });
    expect(boot.points.every((p) => p.bootstrapSe !== null)).toBe(true);
    expect(await ideal(temp, "--bootstrap", "8", "--seed", "3")).toEqual(boot);
    expect(await ideal(temp)).toEqual(boot);
    const other = await ideal(temp, "--bootstrap", "8", "--seed", "4");
    expect(other.points.map((p) => p.bootstrapSe)).not.toEqual(boot.points.map((p) => p.bootstrapSe));
  });
});

describe.skipIf(!available)("the ideal points on the command line", () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await storeWithSession();
  });
  afterAll(() => temp.cleanup());

  it("show a progress bar on a terminal only", async () => {
    const quiet = captureIo();
    expect(await main([...temp.cliArgs, "ideal", "--bootstrap", "4"], quiet.io)).toBe(0);
    expect(quiet.err).toBe("");
    expect(quiet.out).toContain("BOOT SE");
    await temp.store.clearCache();
    const terminal = captureIo();
    (terminal.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, "ideal", "--bootstrap", "4"], terminal.io)).toBe(0);
    expect(terminal.err).toContain("estimating ideal points [");
    expect(terminal.err).toContain("bootstrap [");
    expect(terminal.err).toContain("4/4 replicates");
  });

  it("refuse a bootstrap of fewer than two replicates", async () => {
    const capture = captureIo();
    expect(await main([...temp.cliArgs, "ideal", "--bootstrap", "1"], capture.io)).toBe(1);
    expect(capture.err).toContain("at least 2 replicates");
  });
});

describe("the web server's ideal points", () => {
  const temp = suiteStore();

  it("are read from the cache at start, never estimated when the store holds them", async () => {
    await plantSentinel(temp.store, { replicates: 50, seed: 1, rounds: 6 });
    const site = new SiteService(temp.store, { idealPoints: "background", recheckMs: 0 });
    try {
      await site.start();
      expect(await site.idealPointsSettled(5_000)).toBe("ready");
      expect((await site.snapshot()).idealPoints?.iterations).toBe(999);
      // The cached points carry their bootstrap: no background work is left.
      expect(await site.backgroundSettled(5_000)).toBe(true);
    } finally {
      await site.close();
    }
  });

  it("are estimated in the background when missing, with their bootstrap, and stored", async () => {
    await temp.store.clearCache();
    const site = new SiteService(temp.store, { idealPoints: "inline", recheckMs: 0 });
    try {
      await site.start();
      expect(await site.idealPointsSettled()).toBe("ready");
      const { dataVersion } = await loadMatrix(temp.store);
      // backgroundSettled waits for the bootstrap too: stored and published once it answers.
      expect(await site.backgroundSettled(30_000)).toBe(true);
      const stored = await readIdealPoints(temp.store, dataVersion, { replicates: 50, seed: 1 });
      expect(stored?.bootstrap).toEqual({ replicates: 50, seed: 1, rounds: 6 });
      expect((await site.snapshot()).idealPoints?.bootstrap).toEqual(stored?.bootstrap);
    } finally {
      await site.close();
    }
  });
});
