/**
 * The UN Digital Library layouts on excerpts in the exact real layouts (fixtures/README.md): GA bulk CSV
 * 2024/2025/2026, SC bulk CSV, a MARCXML record and a MARCXML collection.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Store } from "../store/index.js";
import { storeKinds, tempStore, type StoreKind, type TempStore } from "../../test/tempStore.js";
import { detectInputs } from "./detect.js";
import { importFiles } from "./index.js";
import { sessionOfSymbol } from "./marc.js";
import { countConflicts, listConflicts } from "./queries.js";

const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

describe.each(storeKinds())("UN Digital Library formats (%s store)", (kind: StoreKind) => {
  let temp: TempStore;
  let store: Store;

  beforeEach(async () => {
    temp = await tempStore({ kind, seed: false });
    store = temp.store;
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it("recognises each layout from its header", async () => {
    const inputs = await detectInputs(
      [
        "undl-ga-2026.csv",
        "undl-ga-2025.csv",
        "undl-sc.csv",
        "undl-marc-record.xml",
        "undl-marc-collection.xml",
      ].map(fixture),
    );
    expect(inputs.map((i) => [i.format, i.layout])).toEqual([
      ["undl-ga", "undl-ga layout with vote_note"],
      ["undl-ga", "undl-ga layout without vote_note"],
      ["undl-sc", "undl-sc layout with vote_note"],
      ["undl-marc", "undl-marc MARCXML"],
      ["undl-marc", "undl-marc MARCXML"],
    ]);
  });

  it("reads the 2026 GA layout: vote_note, decimal totals, and reports totals that disagree with the rows", async () => {
    const report = await importFiles(store, [fixture("undl-ga-2026.csv")]);
    expect(report.rollCalls).toMatchObject({ read: 2, added: 2 });
    expect(report.votes.read).toBe(23);
    const [es117] = await store.findBySymbol("ES-11/7");
    expect(es117).toMatchObject({
      body: "GA",
      session: "ES-11",
      date: "2025-02-24",
      symbol: "A/RES/ES-11/7",
      draftSymbol: "A/ES-11/L.10",
      meeting: "A/ES-11/PV.20",
      kind: "resolution",
      recordedOutcome: "adopted",
      officialTally: { yes: 93, no: 18, abstain: 65, nonVoting: 17 },
      // 20 rows for 193 members: not every vote is known.
      complete: false,
    });
    expect(es117!.sources).toEqual([
      { source: "undl-ga", sourceKey: "9000101", citation: "https://digitallibrary.un.org/record/9000101" },
    ]);
    const [es118] = await store.findBySymbol("ES-11/8");
    expect(es118!.voteNotes).toEqual([{ text: "As amended by the General Assembly", members: ["USA"] }]);
    // The excerpt's rows cannot add up to the published totals: reported, with file, line and field.
    const mismatches = report.problems.items.filter((p) => p.kind === "tally-mismatch");
    // ES-11/7: yes, abstain, non-voting, total_ms (its 18 no rows are all there); ES-11/8: all five.
    expect(mismatches.length).toBe(9);
    expect(mismatches[0]).toMatchObject({
      severity: "warning",
      file: fixture("undl-ga-2026.csv"),
      line: 2,
      field: "total_yes",
      key: "9000101",
    });
  });

  it("reads the 2025 layout (empty = non-voting) and the 2024 file (NV) as the same roll call", async () => {
    const first = await importFiles(store, [fixture("undl-ga-2025.csv")]);
    expect(first.rollCalls).toMatchObject({ read: 1, added: 1 });
    expect(first.problems.warnings).toBe(0);
    const [rc] = await store.findBySymbol("A/RES/ES-11/6");
    const full = (await store.get(rc!.id))!;
    expect(full.votes.get("VEN")).toBe("X");
    expect(full.votes.get("RUS")).toBe("N");
    expect(full.complete).toBe(true);
    expect(full.officialTally).toEqual({ yes: 5, no: 4, abstain: 5, nonVoting: 1 });
    const older = await importFiles(store, [fixture("undl-ga-2024.csv")]);
    expect(older.rollCalls).toMatchObject({ read: 1, unchanged: 1, added: 0, updated: 0 });
    expect(older.changed).toBe(false);
  });

  it("reads the Security Council file: permanent members checked, adoption without a vote kept", async () => {
    const report = await importFiles(store, [fixture("undl-sc.csv")]);
    expect(report.rollCalls).toMatchObject({ read: 2, added: 2 });
    expect(report.problems.warnings).toBe(0);
    const [res] = await store.findBySymbol("S/RES/2774");
    expect(res).toMatchObject({
      body: "SC",
      session: null,
      symbol: "S/RES/2774 (2025)",
      modality: "recorded",
      complete: true,
    });
    const full = (await store.get(res!.id))!;
    expect([...full.votes.values()].filter((v) => v === "A")).toHaveLength(5);
    const [test] = await store.findBySymbol("S/RES/9001");
    expect(test).toMatchObject({
      modality: "without-vote",
      officialTally: { yes: 15, no: 0, abstain: 0, nonVoting: 0 },
    });
  });

  it("reads a single MARCXML record: $c missing → matched by name, no $d → non-voting, 996 tally", async () => {
    const report = await importFiles(store, [fixture("undl-marc-record.xml")]);
    expect(report.rollCalls).toMatchObject({ read: 1, added: 1 });
    expect(report.rowsRead).toBe(10);
    const [rc] = await store.findBySymbol("A/RES/ES-11/7");
    expect(rc).toMatchObject({
      session: "ES-11",
      title:
        "Advancing a comprehensive, just and lasting peace in Ukraine : resolution / adopted by the General Assembly",
      draftSymbol: "A/ES-11/L.10",
      meeting: "A/ES-11/PV.20",
      officialTally: { yes: 93, no: 18, abstain: 65, nonVoting: 17 },
      complete: false,
    });
    const full = (await store.get(rc!.id))!;
    expect(full.votes.get("CIV")).toBe("X");
    expect(full.votes.get("TUR")).toBe("Y");
    expect(full.votes.size).toBe(10);
  });

  it("reads a MARCXML collection: a resolution and a failed draft (compact date, draft symbol)", async () => {
    const report = await importFiles(store, [fixture("undl-marc-collection.xml")]);
    expect(report.rollCalls).toMatchObject({ read: 2, added: 2 });
    expect(report.problems.warnings).toBe(0);
    const [draft] = await store.findBySymbol("S/2022/538");
    expect(draft).toMatchObject({
      body: "SC",
      date: "2022-07-08",
      symbol: null,
      draftSymbol: "S/2022/538",
      kind: "draft",
      complete: true,
    });
    const full = (await store.get(draft!.id))!;
    expect(full.votes.get("RUS")).toBe("N");
    expect(full.votes.get("CHN")).toBe("A");
  });

  it("merges the same resolution from the CSV, the MARCXML record and the starter dataset into one roll call", async () => {
    const seededTemp = await tempStore({ kind });
    const seeded = seededTemp.store;
    try {
      const report = await importFiles(seeded, [fixture("undl-sc.csv"), fixture("undl-marc-collection.xml")]);
      expect(report.rollCalls).toMatchObject({ read: 4, added: 2, merged: 2 });
      const [res] = await seeded.findBySymbol("S/RES/2774 (2025)");
      expect(res!.sources.map((s) => s.source).sort()).toEqual(["starter", "undl-marc", "undl-sc"]);
      expect(report.conflicts.count).toBe(0);
    } finally {
      await seededTemp.cleanup();
    }
  });

  it("keeps the official vote where it disagrees with the starter dataset, and lists the conflict", async () => {
    const seededTemp = await tempStore({ kind });
    try {
      const csv = readFileSync(fixture("undl-ga-2026.csv"), "utf8").replace(
        ",USA,UNITED STATES,N,",
        ",USA,UNITED STATES,Y,",
      );
      const file = path.join(seededTemp.dir, "ga-changed.csv");
      writeFileSync(file, csv);
      const report = await importFiles(seededTemp.store, [file]);
      expect(report.rollCalls).toMatchObject({ merged: 2 });
      expect(report.conflicts.items).toEqual([
        expect.objectContaining({
          symbol: "A/RES/ES-11/7",
          memberId: "USA",
          keptSource: "undl-ga",
          keptVote: "Y",
          otherSource: "starter",
          otherVote: "N",
        }),
      ]);
      expect(await listConflicts(seededTemp.store.db)).toEqual([
        expect.objectContaining({
          symbol: "A/RES/ES-11/7",
          memberId: "USA",
          keptVote: "Y",
          otherVote: "N",
          title: expect.any(String),
        }),
      ]);
      const [rc] = await seededTemp.store.findBySymbol("ES-11/7");
      expect((await seededTemp.store.get(rc!.id))!.votes.get("USA")).toBe("Y");
      expect(rc!.sources.map((s) => s.source).sort()).toEqual(["starter", "undl-ga"]);
      // Again: unchanged, the conflict still listed once.
      const again = await importFiles(seededTemp.store, [file]);
      expect(again.rollCalls).toMatchObject({ unchanged: 2 });
      expect(await countConflicts(seededTemp.store.db)).toBe(1);
    } finally {
      await seededTemp.cleanup();
    }
  });

  it("names the session of General Assembly symbols", () => {
    expect(sessionOfSymbol("A/RES/79/1")).toBe("79");
    expect(sessionOfSymbol("A/RES/ES-10/21")).toBe("ES-10");
    expect(sessionOfSymbol("A/RES/2758(XXVI)")).toBe("26");
    expect(sessionOfSymbol("A/RES/S-26/2")).toBe("S-26");
  });
});
