/**
 * The UN Digital Library layouts on excerpts in the exact real layouts (fixtures/README.md): GA bulk CSV
 * 2024/2025/2026, SC bulk CSV, a MARCXML record and a MARCXML collection.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { councilOn } from "../../core/council/index.js";
import { Store } from "../store/index.js";
import { storeKinds, tempStore, type StoreKind, type TempStore } from "../../test/tempStore.js";
import {
  CHINA_SEAT_CHANGE,
  excerptResolutions,
  excerptText,
  UNDL_SC_EXCERPT,
} from "../../test/undlExcerpt.js";
import { detectInputs } from "./detect.js";
import { importFiles } from "./index.js";
import { sessionOfSymbol } from "./marc.js";

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
      expect(await seededTemp.store.conflicts()).toEqual([
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
      expect(await seededTemp.store.countConflicts()).toBe(1);
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

/** The member Plenary files a row of the Library's Council file under, as the data README states it. */
function seatHolder(code: string, date: string): string {
  if (code === "CHN" && date < CHINA_SEAT_CHANGE) return "TWN";
  return code === "SUN" ? "RUS" : code;
}

describe.each(storeKinds())(
  "the real Security Council excerpt of the UN Digital Library (%s store)",
  (kind) => {
    let temp: TempStore;
    beforeEach(async () => {
      temp = await tempStore({ kind, seed: false });
    });
    afterEach(async () => {
      await temp.cleanup();
    });

    /** A file of the excerpt's header and the lines of the given records, each line passed through `edit`. */
    function excerptFile(name: string, undlIds: string[], edit: (line: string) => string = (l) => l): string {
      const [header, ...lines] = excerptText().trimEnd().split("\n");
      const kept = undlIds.flatMap((id) => lines.filter((line) => line.startsWith(`${id},`)).map(edit));
      const file = path.join(temp.dir, name);
      writeFileSync(file, [header, ...kept].join("\n") + "\n");
      return file;
    }

    it("reads every roll call as the file says, the China seat before 25 October 1971 as the Republic of China", async () => {
      const resolutions = excerptResolutions();
      const report = await importFiles(temp.store, [UNDL_SC_EXCERPT]);
      expect(report.rollCalls).toMatchObject({ read: resolutions.length, added: resolutions.length });
      expect(report.votes.read).toBe(resolutions.reduce((n, r) => n + r.rows.length, 0));
      // No phantom member, no vote outside a membership, no flag against the composition.
      expect(report.problems.items).toEqual([]);
      for (const { first, rows, counted } of resolutions) {
        const symbol = first.resolution!;
        const [found] = await temp.store.findBySymbol(symbol);
        const rc = (await temp.store.get(found!.id))!;
        const notes = [...new Set(rows.map((r) => r.vote_note).filter(Boolean))];
        expect(rc, symbol).toMatchObject({
          body: "SC",
          date: first.date,
          // Stored as the resolution and the other sources write it: `S/RES/80 (1950)`.
          symbol: symbol.replace(/\((\d{4})\)$/, " ($1)"),
          draftSymbol: first.draft || null,
          meeting: first.meeting,
          title: first.description,
          agenda: first.agenda || null,
          subjects: first.subjects ? first.subjects.split("|") : [],
          voteNotes: notes.map((text) => ({ text, members: null })),
          modality: first.modality === "Without Vote" ? "without-vote" : "recorded",
          officialTally: {
            yes: Number(first.total_yes),
            no: Number(first.total_no),
            abstain: Number(first.total_abstentions),
            nonVoting: Number(first.total_non_voting),
          },
          recordedOutcome: "adopted",
          complete: true,
        });
        expect(rc.sources).toEqual([
          { source: "undl-sc", sourceKey: first.undl_id, citation: first.undl_link },
        ]);
        // The file's own totals are its rows' counts.
        expect([counted.Y, counted.N, counted.A, counted.X], symbol).toEqual([
          Number(first.total_yes),
          Number(first.total_no),
          Number(first.total_abstentions),
          Number(first.total_non_voting),
        ]);
        const expected = rows.map((r) => [seatHolder(r.ms_code!, first.date!), r.ms_vote]);
        expect([...rc.votes].sort(), symbol).toEqual(expected.sort());
        // The voters are the Council of the day: 11 members before 1966, 15 from then, China's seat
        // held by whoever held it that day.
        expect([...rc.votes.keys()].sort(), symbol).toEqual([...councilOn(first.date!).members].sort());
      }
    });

    it("warns when a code and a name disagree on the vote's date, not on another day's", async () => {
      // The same code and name in 1950 (both the Republic of China) and in 1982 (CHN is the People's
      // Republic then, the name still the Republic of China).
      const [s80, s504] = ["S/RES/80(1950)", "S/RES/504(1982)"].map((symbol) =>
        excerptResolutions().find((r) => r.first.resolution === symbol)!,
      );
      const file = excerptFile("renamed.csv", [s80!.undlId, s504!.undlId], (line) =>
        line.replace(",CHN,CHINA,", ",CHN,REPUBLIC OF CHINA,"),
      );
      const report = await importFiles(temp.store, [file]);
      const mismatches = report.problems.items.filter((p) => p.kind === "code-name-mismatch");
      const line1982 = 2 + s80!.rows.length + s504!.rows.findIndex((r) => r.ms_code === "CHN");
      expect(mismatches).toEqual([
        expect.objectContaining({ line: line1982, key: s504!.undlId, field: "code", severity: "warning" }),
      ]);
      expect(mismatches[0]!.message).toContain("1982-04-30");
      const [rc80] = await temp.store.findBySymbol("S/RES/80");
      expect((await temp.store.get(rc80!.id))!.votes.has("TWN")).toBe(true);
    });

    it("says what the permanent_member flag claims and what the Council's composition says", async () => {
      const s80 = excerptResolutions().find((r) => r.first.resolution === "S/RES/80(1950)")!;
      // France marked elected; Cuba (elected) marked permanent; Norway's row given to Sweden, not on the
      // Council in 1950, marked permanent.
      const file = excerptFile("flags.csv", [s80.undlId], (line) =>
        line
          .replace(",FRA,FRANCE,True,", ",FRA,FRANCE,False,")
          .replace(",CUB,CUBA,False,", ",CUB,CUBA,True,")
          .replace(",NOR,NORWAY,False,", ",SWE,SWEDEN,True,"),
      );
      const report = await importFiles(temp.store, [file]);
      const flags = report.problems.items.filter((p) => p.kind === "not-permanent-member");
      const lineOf = (code: string) => 2 + s80.rows.findIndex((r) => r.ms_code === code);
      const permanent = councilOn(s80.first.date!).permanent.join(", ");
      expect(flags.map((p) => [p.line, p.message])).toEqual([
        [
          lineOf("CUB"),
          `permanent_member is True for CUB on 1950-03-14: the file makes it a permanent member, but by the Council's composition it was an elected member (permanent members that day: ${permanent})`,
        ],
        [
          lineOf("FRA"),
          `permanent_member is False for FRA on 1950-03-14: the file makes it an elected member, but by the Council's composition it was a permanent member (permanent members that day: ${permanent})`,
        ],
        [
          lineOf("NOR"),
          `permanent_member is True for SWE on 1950-03-14: the file makes it a permanent member, but by the Council's composition it was not a member of the Council (permanent members that day: ${permanent})`,
        ],
      ]);
      // The China seat's own row (CHN, True) is the Republic of China's permanent seat: no warning.
      expect(permanent).toContain("TWN");
    });
  },
);
