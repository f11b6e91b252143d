import { beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./index.js";
import { loadStarterDataset } from "../starter.js";
import { storeKinds, suiteStore } from "../../test/tempStore.js";
import { ES_11_7_AGAINST } from "../../test/seed.js";
import { openStore } from "../../tables.js";
import { storeTransaction } from "../../test/storeDb.js";

describe.each(storeKinds())("store on a real %s database, seeded with the starter dataset", (kind) => {
  const temp = suiteStore({ kind });
  let store: Store;

  beforeAll(async () => {
    store = temp.store;
  });

  it("creates the store on first use and fills it with the starter data", async () => {
    expect(store.dialect).toBe(kind);
    expect(await store.count()).toBe(loadStarterDataset().length);
    expect(await store.dataVersion()).toBe(1);
  });

  it("finds A/RES/ES-11/7 by any usual form of its symbol", async () => {
    for (const input of ["ES-11/7", "a/res/es-11/7", "A/RES/ES-11/7", " es-11/7 ", "A/ES-11/L.10"]) {
      const [found] = await store.findBySymbol(input);
      expect(found?.symbol, input).toBe("A/RES/ES-11/7");
    }
    expect(await store.findBySymbol("ES-11/99")).toEqual([]);
  });

  it("keeps ES-11/7 incomplete, with its official tally and its 18 known no votes", async () => {
    const [es117] = await store.findBySymbol("ES-11/7");
    const full = (await store.get(es117!.id))!;
    expect(full.complete).toBe(false);
    expect(full.officialTally).toEqual({ yes: 93, no: 18, abstain: 65, nonVoting: 17 });
    expect(full.recordedOutcome).toBe("adopted");
    const no = [...full.votes]
      .filter(([, v]) => v === "N")
      .map(([id]) => id)
      .sort();
    expect(no).toEqual([...ES_11_7_AGAINST].sort());
  });

  it("links the Council amendments and the postponement motion to S/RES/2774, in order", async () => {
    const [res] = await store.findBySymbol("S/RES/2774 (2025)");
    const children = await store.children(res!.id);
    expect(children.map((c) => c.kind)).toEqual([
      "motion",
      "amendment",
      "amendment",
      "amendment",
      "amendment",
      "amendment",
    ]);
    expect(children.map((c) => c.recordedOutcome)).toEqual([
      "rejected",
      "rejected",
      "vetoed",
      "vetoed",
      "rejected",
      "rejected",
    ]);
    expect(children[1]!.officialTally).toEqual({ yes: 6, no: 1, abstain: 8, nonVoting: 0 });
    // Unknown tallies stay unknown.
    expect(children[0]!.officialTally).toEqual({ yes: null, no: null, abstain: null, nonVoting: null });
  });

  it("writing the same records again changes nothing", async () => {
    const report = await store.write(loadStarterDataset());
    expect(report).toMatchObject({ added: 0, updated: 0, merged: 0, unchanged: loadStarterDataset().length });
    expect(await store.dataVersion()).toBe(1);
  });

  it("reopening an existing store neither migrates again nor re-seeds", async () => {
    const again = await openStore(kind === "sqlite" ? { db: temp.file } : { databaseUrl: temp.url });
    expect(await again.count()).toBe(loadStarterDataset().length);
    await again.close();
  });

  it("rolls back a failed write completely", async () => {
    const before = await store.votesCount();
    const records = loadStarterDataset().map((r) => ({
      ...r,
      sourceKey: `${r.sourceKey}-copy`,
      symbol: null,
    }));
    records[3] = { ...records[3]!, votes: new Map([["USA", "Q" as never]]) };
    // A vote the schema rejects mid-way: nothing of the batch may remain.
    await expect(
      storeTransaction(store, async (db) => {
        const { writeRollCalls } = await import("./write.js");
        await writeRollCalls(db, records);
        throw new Error("crash after writing");
      }),
    ).rejects.toThrow("crash after writing");
    expect(await store.votesCount()).toBe(before);
    expect(await store.count()).toBe(loadStarterDataset().length);
  });
});
