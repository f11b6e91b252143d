/**
 * The subject index and the import times the votes index and the watch feeds read, on both stores, on
 * real data (the General Assembly's 79th session, DGACM).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../import/index.js";
import { storeKinds, tempStore, type TempStore } from "../../test/tempStore.js";

const FILE = path.resolve(import.meta.dirname, "../../../../shared/data/unxml/ga/79.json.gz");

describe.each(storeKinds())("subjects and import times (%s)", (kind) => {
  let temp: TempStore;
  let cuba: number;

  beforeAll(async () => {
    temp = await tempStore({ kind, seed: false });
    await importFiles(temp.store, [FILE]);
    cuba = (await temp.store.findBySymbol("A/RES/79/7"))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await temp?.cleanup();
  });

  it("finds the roll calls indexed under a whole subject, letter case aside", async () => {
    const ids = await temp.store.rollCallIdsWithSubject("SANCTIONS");
    expect(ids).toContain(cuba);
    expect((await temp.store.rollCallIdsWithSubject("sanctions")).sort()).toEqual([...ids].sort());
    expect(await temp.store.rollCallIdsWithSubject("SANCTION")).toEqual([]);
    // LIKE's wildcards are text here.
    expect(await temp.store.rollCallIdsWithSubject("%")).toEqual([]);
    expect(await temp.store.rollCallIdsWithSubject("SANCTION_")).toEqual([]);
    // Every roll call found holds the subject.
    for (const id of ids) expect((await temp.store.get(id))!.subjects).toContain("SANCTIONS");
  });

  it("counts each subject's roll calls, most used first", async () => {
    const counts = await temp.store.subjectCounts();
    expect(counts.length).toBeGreaterThan(50);
    const sanctions = counts.find((c) => c.subject === "SANCTIONS")!;
    expect(sanctions.count).toBe((await temp.store.rollCallIdsWithSubject("SANCTIONS")).length);
    for (let i = 1; i < counts.length; i++)
      expect(counts[i - 1]!.count).toBeGreaterThanOrEqual(counts[i]!.count);
  });

  it("keeps a roll call's import time when a re-import finds it unchanged", async () => {
    const before = await temp.store.updatedAt([cuba, -1]);
    expect([...before.keys()]).toEqual([cuba]);
    expect(Number.isNaN(Date.parse(before.get(cuba)!))).toBe(false);
    await importFiles(temp.store, [FILE]);
    expect(await temp.store.updatedAt([cuba])).toEqual(before);
  });
});
