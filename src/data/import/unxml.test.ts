/**
 * The DGACM importer (`unxml`) on the real files in ../shared/data/unxml: every quirk the data README
 * lists, each asserted on the record it occurs in, and the facts checked against the published results
 * (counted again here from the raw files where the test can).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { isPlenaryError } from "../../core/errors.js";
import { membersOn } from "../../core/members/index.js";
import { viewRollCall } from "../rollCallView.js";
import type { Store } from "../store/index.js";
import { storeKinds, type StoreKind, suiteStore } from "../../test/tempStore.js";
import { readWrittenDate } from "./context.js";
import { importFiles, type ImportReport } from "./index.js";
import { memberOfName, readNameList } from "./unxmlNames.js";
import { decideTally, readAdoptionText } from "./unxmlTally.js";

const UNXML = path.resolve(process.cwd(), "../shared/data/unxml");
const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

/** The raw records of a file, read here without Plenary's reader. */
function rawLines(file: string): Record<string, unknown>[] {
  return gunzipSync(readFileSync(path.join(UNXML, file)))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("reading the files' values", () => {
  it("reads dates in all three forms, with a no-break space and a place after the year", () => {
    expect(readWrittenDate("2019-12-10 00:00:00")).toBe("2019-12-10");
    expect(readWrittenDate("7 October 2022")).toBe("2022-10-07");
    expect(readWrittenDate("4\u00a0March 2025")).toBe("2025-03-04");
    expect(readWrittenDate("8\u00a0March\u00a02024")).toBe("2024-03-08");
    expect(readWrittenDate("19 November 2004 in Nairobi")).toBe("2004-11-19");
    expect(readWrittenDate("31 Febtember 2020")).toBeNull();
    expect(readWrittenDate("30 February 2020")).toBeNull();
  });

  it("resolves every spelling of Türkiye, the Netherlands, Libya and Côte d'Ivoire by name and date", () => {
    for (const name of ["TURKEY", "TURKIYE", "TÜRKIYE", "TÜRKİYE", "TÜRKÝYE"]) {
      expect(memberOfName(name, "2025-08-26")?.id, name).toBe("TUR");
    }
    expect(memberOfName("NETHERLANDS (KINGDOM OF THE)", "2024-01-01")?.id).toBe("NLD");
    expect(memberOfName("LIBYAN ARAB JAMAHIRIYA", "2009-01-16")?.id).toBe("LBY");
    expect(memberOfName("COTE D'IVOIRE", "2018-02-28")?.id).toBe("CIV");
    expect(memberOfName("CÔTE D’IVOIRE", "2018-02-28")?.id).toBe("CIV");
    expect(memberOfName("CHILEs", "2015-04-02")?.id).toBe("CHL");
    expect(memberOfName("NO SUCH STATE", "2015-04-02")).toBeNull();
  });

  it("joins a name split over two list entries (S/RES/2403 (2018)), and only where both parts fail alone", () => {
    const record = rawLines("sc/2018.json.gz").find((r) => r.symbol === "S/RES/2403 (2018)")!;
    const listed = readNameList(record.MS_in_favour as string[], "2018-02-28");
    expect(listed).toHaveLength(15);
    expect(listed.every((l) => l.member !== null)).toBe(true);
    expect(listed.find((l) => l.member!.id === "CIV")!.name).toBe("CÔTE. D'IVOIRE");
    expect(readNameList(["FRANCE", "CHINA"], "2018-02-28").map((l) => l.member!.id)).toEqual(["FRA", "CHN"]);
  });

  it("reads the Council's adoption texts", () => {
    expect(readAdoptionText("Adopted 12-0-3, 9836th meeting")).toEqual({
      kind: "tally",
      counts: { yes: 12, no: 0, abstain: 3 },
      absent: 0,
    });
    expect(readAdoptionText("Adopted (14-0-0, 1 absent), 4094th meeting")).toMatchObject({ absent: 1 });
    expect(readAdoptionText("Adopted unanimoulsy, 9001st meeting")).toEqual({ kind: "unanimous" });
    expect(readAdoptionText("Adopted non-unanimously")).toEqual({ kind: "non-unanimous" });
    expect(readAdoptionText("Adopted without vote")).toBeNull();
  });

  it("keeps every statement of a tally that contradicts itself, and fixes none", () => {
    const s1559 = decideTally({
      counts: { yes: 15, no: 0, abstain: 0 },
      lists: { yes: 9, no: 0, abstain: 6 },
      listsReadable: true,
      text: readAdoptionText("Adopted 9-0-6, 5028th meeting"),
    });
    expect(s1559.complete).toBe(false);
    expect(s1559.officialTally).toEqual({ yes: 15, no: 0, abstain: 0, nonVoting: null });
    expect(s1559.disputes[0]!.claims).toEqual([
      { from: "counts", value: "15-0-0" },
      { from: "lists", value: "9-0-6" },
      { from: "adoption text", value: "9-0-6" },
    ]);
    // Lists with an unread name are not a statement that can contradict: incomplete, no dispute.
    const unread = decideTally({
      counts: { yes: 15, no: 0, abstain: 0 },
      lists: { yes: 14, no: 0, abstain: 0 },
      listsReadable: false,
      text: null,
    });
    expect(unread).toMatchObject({ complete: false, disputes: [] });
    // Lists alone prove nothing: complete needs another statement that agrees.
    expect(
      decideTally({ counts: null, lists: { yes: 3, no: 0, abstain: 0 }, listsReadable: true, text: null })
        .complete,
    ).toBe(false);
  });
});

describe.each(storeKinds())("importing the DGACM files (%s store)", (kind: StoreKind) => {
  const temp = suiteStore({ kind, seed: false });
  let store: Store;
  let report: ImportReport;
  const view = (symbol: string) => viewRollCall(store, symbol);

  beforeAll(async () => {
    store = temp.store;
    report = await importFiles(store, [UNXML]);
  }, 180_000);

  it("reads the folder: every GA and SC file and the 19 failed drafts, one roll call per distinct symbol", () => {
    expect(report.files).toHaveLength(10 + 27 + 19);
    expect(report.files.every((f) => f.format === "unxml")).toBe(true);
    expect(report.files.find((f) => f.path.endsWith("S_2024_312-2407138E.xml.gz"))!.layout).toMatch(
      /Akoma Ntoso/,
    );
    // The test's own count of distinct symbols in the raw files.
    const distinct = (dir: string, files: string[]) =>
      new Set(
        files.flatMap((f) =>
          rawLines(`${dir}/${f}`).map((r) => String(r.symbol).replace(/\s+/g, " ").trim()),
        ),
      ).size;
    const ga = distinct(
      "ga",
      ["74", "75", "76", "77", "78", "79", "80", "ES-10", "ES-11", "S-32"].map((s) => `${s}.json.gz`),
    );
    const sc = distinct(
      "sc",
      Array.from({ length: 27 }, (_, i) => `${2000 + i}.json.gz`),
    );
    expect([ga, sc]).toEqual([2193, 1538]);
    expect(report.rollCalls).toMatchObject({ read: ga + sc + 19, added: ga + sc + 19, skipped: 0 });
  });

  it("keeps one copy of a repeated record and reports how the others differ", async () => {
    const duplicates = report.problems.items.filter((p) => p.kind === "duplicate-roll-call");
    expect(duplicates).toHaveLength(42);
    expect(duplicates.find((p) => p.key === "A/RES/79/266")!.message).toMatch(
      /kept line 264, and line 343 differs in .*MS_in_favour/,
    );
    // sc/2026: one copy of S/RES/2820 has empty lists — the copy with the votes is kept.
    const s2820 = await view("S/RES/2820");
    expect(s2820.knownVotes).toBe(13 + 2);
    expect(s2820.tally).toMatchObject({ yes: 13, no: 0, abstain: 2 });
  });

  it("reads counts written as strings: zero-padded, empty and N.A.", async () => {
    const s2768 = await view("S/RES/2768 (2025)");
    expect(s2768).toMatchObject({ tally: { yes: 12, no: 0, abstain: 3, nonVoting: 0 }, complete: true });
    expect(s2768.votes.filter((v) => v.vote === "A").map((v) => v.member)).toEqual(["DZA", "CHN", "RUS"]);
    const ga749 = await view("A/RES/74/9");
    expect(ga749.tally.no).toBe(0);
    expect(ga749.complete).toBe(true);
  });

  it("gives the published tallies and every member's vote, members not listed non-voting", async () => {
    const published: [string, number, number, number][] = [
      ["A/RES/74/7", 187, 3, 2],
      ["A/RES/75/289", 184, 2, 3],
      ["A/RES/80/4", 165, 7, 12],
      ["A/RES/79/317", 116, 2, 12],
      ["A/RES/ES-11/1", 141, 5, 35],
      ["A/RES/ES-11/4", 143, 5, 35],
      ["A/RES/ES-10/21", 120, 14, 45],
    ];
    for (const [symbol, yes, no, abstain] of published) {
      const v = await view(symbol);
      const members = membersOn(v.date).length;
      expect(v.tally, symbol).toEqual({ yes, no, abstain, nonVoting: members - yes - no - abstain });
      expect(v.complete, symbol).toBe(true);
      expect(v.votes, symbol).toHaveLength(members);
    }
    const s2774 = await view("S/RES/2774");
    expect(
      s2774.votes
        .filter((v) => v.vote === "A")
        .map((v) => v.member)
        .sort(),
    ).toEqual(["DNK", "FRA", "GBR", "GRC", "SVN"]);
    const s2728 = await view("S/RES/2728");
    expect(s2728).toMatchObject({
      outcome: "adopted",
      complete: true,
      tally: { yes: 14, no: 0, abstain: 1 },
    });
    expect(s2728.votes.find((v) => v.member === "USA")!.vote).toBe("A");
    // Algeria did not vote on 2797: it is on the Council and not listed.
    const s2797 = await view("S/RES/2797");
    expect(s2797.votes.find((v) => v.member === "DZA")!.vote).toBe("X");
  });

  it("reads the failed drafts: vetoed by whom, the full vote, and a draft without counts kept incomplete", async () => {
    const s312 = await view("S/2024/312");
    expect(s312).toMatchObject({
      kind: "draft",
      outcome: "vetoed",
      complete: true,
      tally: { yes: 12, no: 1, abstain: 2, nonVoting: 0 },
      meeting: "S/PV.9609",
    });
    expect(s312.votes.filter((v) => v.vote === "N").map((v) => v.member)).toEqual(["USA"]);
    expect(
      s312.votes
        .filter((v) => v.vote === "A")
        .map((v) => v.member)
        .sort(),
    ).toEqual(["CHE", "GBR"]);
    expect(s312.decision?.vetoedBy).toEqual(["USA"]);
    const s239 = await view("S/2024/239");
    expect(
      s239.votes
        .filter((v) => v.vote === "N")
        .map((v) => v.member)
        .sort(),
    ).toEqual(["CHN", "DZA", "RUS"]);
    expect(s239.outcome).toBe("vetoed");
    const s383 = await view("S/2024/383");
    expect(s383.outcome).toBe("rejected");
    const s353 = await view("S/2025/353");
    expect(s353).toMatchObject({ outcome: "vetoed", complete: false, knownVotes: 1, date: "2025-06-04" });
    expect(s353.votes).toEqual([{ member: "USA", name: "United States", vote: "N" }]);
  });

  it("keeps both statements where counts contradict lists, flags the roll call and lists it as a dispute", async () => {
    const s1559 = await view("S/RES/1559 (2004)");
    expect(s1559.complete).toBe(false);
    expect(s1559.votes.filter((v) => v.vote === "A")).toHaveLength(6);
    expect(s1559.tally).toMatchObject({ yes: 15, no: 0, abstain: 0 });
    expect(s1559.disputes).toEqual([
      expect.objectContaining({
        source: "unxml",
        field: "tally",
        decidedBy: null,
        claims: [
          { from: "counts", value: "15-0-0" },
          { from: "lists", value: "9-0-6" },
          { from: "adoption text", value: "9-0-6" },
        ],
      }),
    ]);
    const s2812 = await view("S/RES/2812 (2026)");
    expect(s2812.disputes[0]!.claims).toEqual([
      { from: "counts", value: "13-0-0" },
      { from: "lists", value: "15-0-0" },
      { from: "adoption text", value: "13-0-2" },
    ]);
    const disputes = await store.disputes({ source: "unxml" });
    expect(disputes.map((d) => d.symbol)).toEqual(
      expect.arrayContaining(["S/RES/1559 (2004)", "S/RES/2812 (2026)", "S/RES/2423 (2018)", "A/RES/77/293"]),
    );
    expect(disputes.every((d) => d.decidedBy === null)).toBe(true);
  });

  it("dates S/RES/2423 (2018) by its draft where the adoption date's year contradicts the symbol, saying so", async () => {
    const s2423 = await view("S/RES/2423");
    expect(s2423.date).toBe("2018-06-28");
    expect(s2423.disputes[0]).toMatchObject({
      field: "date",
      kept: expect.stringMatching(/draft's date, 2018-06-28/),
    });
  });

  it("reads the lists that repeat every name and the lists left empty beside official counts", async () => {
    const ga290 = await view("A/RES/75/290 A");
    expect(ga290).toMatchObject({ complete: true, tally: { yes: 90, no: 0, abstain: 47 } });
    expect(report.problems.items.find((p) => p.key === "A/RES/75/290 A")!.message).toMatch(
      /every name is listed twice/,
    );
    const ga254 = await view("A/RES/75/254 A-C");
    expect(ga254).toMatchObject({ complete: false, knownVotes: 0, tally: { yes: 168, no: 2, abstain: 0 } });
    const s2723 = await view("S/RES/2723");
    expect(s2723).toMatchObject({ complete: false, knownVotes: 0, tally: { yes: 15, no: 0, abstain: 0 } });
    // Four multi-part texts do not say how they were adopted: said, not guessed.
    const ga79259 = await view("A/RES/79/259 A-C");
    expect(ga79259.voteNotes[0]!.text).toMatch(/does not say how the resolution was adopted/);
    expect(ga79259.complete).toBe(false);
  });

  it("reads the Council's free-text adoption: unanimously, without vote, by acclamation, non-unanimously, by mail", async () => {
    const unanimous = await view("S/RES/1285");
    expect(unanimous).toMatchObject({
      complete: true,
      modality: "recorded",
      tally: { yes: 15, no: 0, abstain: 0 },
    });
    expect((await view("S/RES/1326")).modality).toBe("without-vote");
    const acclaimed = await view("S/RES/2311");
    expect(acclaimed).toMatchObject({ modality: "without-vote", knownVotes: 0, complete: true });
    expect(acclaimed.votes.every((v) => v.vote === "X")).toBe(true);
    const nonUnanimous = await view("S/RES/2564");
    expect(nonUnanimous).toMatchObject({ complete: true, tally: { yes: 14, no: 0, abstain: 1 } });
    const byMail = await view("S/RES/2561");
    expect(byMail.modality).toBe("written-procedure");
    expect(byMail.complete).toBe(true);
  });

  it("files Assembly resolutions adopted without a vote as such, so consensus is counted per session", async () => {
    const rows = await store.list({ body: "GA", session: "79", limit: 1000 });
    const raw = rawLines("ga/79.json.gz");
    const distinct = new Map(raw.map((r) => [r.symbol, r.adoption_type]));
    expect(rows).toHaveLength(distinct.size);
    const withoutVote = rows.filter((r) => r.modality === "without-vote").length;
    expect(withoutVote).toBe([...distinct.values()].filter((t) => t === "Without a vote").length);
    const consensus = await view("A/RES/79/1");
    expect(consensus).toMatchObject({ modality: "without-vote", complete: true, outcome: "adopted" });
  });

  it("stores the agenda item and the UNBIS subjects, and names the sources", async () => {
    const es111 = await view("A/RES/ES-11/1");
    expect(es111.agenda).toMatch(/^Letter dated 28 February 2014/);
    expect(es111.subjects).toEqual(["AGGRESSION", "UKRAINE", "RUSSIAN FEDERATION"]);
    expect(es111.sources).toEqual([
      expect.objectContaining({
        source: "unxml",
        sourceKey: "A/RES/ES-11/1",
        citation: expect.stringMatching(/DGACM/),
      }),
    ]);
    expect(es111.draftSymbol).toBe("A/ES-11/L.1");
  });

  it("changes nothing when imported again", async () => {
    const again = await importFiles(store, [UNXML]);
    expect(again.rollCalls).toMatchObject({
      added: 0,
      updated: 0,
      merged: 0,
      unchanged: report.rollCalls.read,
    });
    expect(again.changed).toBe(false);
  }, 120_000);

  it("warns with file, line and name for a name it cannot read, and leaves that roll call incomplete", async () => {
    const file = path.join(temp.dir, "strange.json");
    const line = rawLines("sc/2025.json.gz")[0]!;
    writeFileSync(
      file,
      `${JSON.stringify({ ...line, symbol: "S/RES/9999 (2025)", MS_in_favour: [...(line.MS_in_favour as string[]).slice(1), "FREEDONIA"] })}\n`,
    );
    const strange = await importFiles(store, [file]);
    expect(strange.problems.items).toEqual([
      expect.objectContaining({
        kind: "unknown-member",
        file,
        line: 1,
        field: "MS_in_favour",
        message: expect.stringMatching(/"FREEDONIA"/),
      }),
    ]);
    expect((await view("S/RES/9999")).complete).toBe(false);
  });

  it("refuses a line that is not JSON, naming file and line, and stores nothing", async () => {
    const file = path.join(temp.dir, "broken.json");
    const line = JSON.stringify(rawLines("sc/2025.json.gz")[1]!);
    writeFileSync(file, `${line}\n{"symbol": "S/RES/1 (1946)", \n`);
    const before = await store.count();
    const error = await importFiles(store, [file]).catch((e: unknown) => e);
    expect(isPlenaryError(error) && error.code).toBe("BAD_FILE");
    expect(String((error as Error).message)).toContain(`${file}:2`);
    expect(await store.count()).toBe(before);
  });
});

describe.each(storeKinds())(
  "the DGACM files beside the research record and the starter data (%s store)",
  (kind: StoreKind) => {
    const temp = suiteStore({ kind, seed: true });
    let store: Store;
    let report: ImportReport;

    beforeAll(async () => {
      store = temp.store;
      await importFiles(store, [UNVOTES]);
      report = await importFiles(store, [UNXML]);
    }, 300_000);

    it("merges session 74 with the research data vote for vote, and ES-11/6 and S/RES/2774 with the starter data", async () => {
      // 90 recorded votes of session 74, identical member by member (the data README's check), and the two
      // official texts the starter data holds.
      expect(report.rollCalls.merged).toBe(92);
      expect(report.conflicts.count).toBe(0);
      const ga19 = await viewRollCall(store, "A/RES/74/19");
      expect(ga19.sources.map((s) => s.source).sort()).toEqual(["unvotes", "unxml"]);
      const es116 = await viewRollCall(store, "ES-11/6");
      expect(es116.sources.map((s) => s.source).sort()).toEqual(["starter", "unxml"]);
      expect(es116.tally).toMatchObject({ yes: 141, no: 7, abstain: 32 });
      // The starter's incomplete ES-11/7 is not in the DGACM files: still the starter's, still incomplete.
      const es117 = await viewRollCall(store, "ES-11/7");
      expect(es117.sources.map((s) => s.source)).toEqual(["starter"]);
      expect(es117.complete).toBe(false);
      const again = await importFiles(store, [UNXML]);
      expect(again.changed).toBe(false);
    });
  },
);
