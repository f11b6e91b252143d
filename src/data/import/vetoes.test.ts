import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { storeKinds, type StoreKind, suiteStore } from "../../test/tempStore.js";
import type { Store } from "../store/index.js";
import { parseCsvText } from "./csv.js";
import { importFiles, type ImportReport } from "./index.js";

const VETOES = path.resolve(process.cwd(), "../shared/data/unsc-vetoes/unsc_vetoes_1946_sept2022.csv");
const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");

/** The file's own totals: the sum of each 0/1 column. */
/** Vetoes per permanent member counted from the file's named columns member_veto1..3 (test's own count). */
function namedTotals(): Record<string, number> {
  const [header, ...rows] = parseCsvText(readFileSync(VETOES, "utf8"));
  const totals: Record<string, number> = {};
  const named = ["member_veto1", "member_veto2", "member_veto3"].map((c) => header!.fields.indexOf(c));
  for (const r of rows) {
    for (const i of named) {
      const name = r.fields[i]!.trim();
      if (name && name !== "NA") totals[name] = (totals[name] ?? 0) + 1;
    }
  }
  return totals;
}

describe.each(storeKinds())("importing the Security Council veto list (%s store)", (kind: StoreKind) => {
  const temp = suiteStore({ kind, seed: false });
  let store: Store;
  let report: ImportReport;

  beforeAll(async () => {
    store = temp.store;
    report = await importFiles(store, [VETOES]);
  });

  it("gives 214 vetoed Security Council roll calls, incomplete, with unique source keys", async () => {
    expect(report.files[0]).toMatchObject({ format: "unsc-vetoes", rows: 214, rollCalls: 214 });
    expect(report.rollCalls).toMatchObject({ read: 214, added: 214, skipped: 0 });
    const all = await store.list({ body: "SC", limit: 1000 });
    expect(all).toHaveLength(214);
    expect(all.every((rc) => rc.recordedOutcome === "vetoed" && !rc.complete && rc.kind === "draft")).toBe(
      true,
    );
    const keys = all.map((rc) => rc.sources[0]!.sourceKey);
    expect(new Set(keys).size).toBe(214);
    // Early rows name the meeting record in `draft`: different drafts of one meeting get #2, #3 ….
    expect(keys).toContain("S/PV.49");
    expect(keys).toContain("S/PV.49#2");
    const [first] = await store.list({ body: "SC", newestFirst: false, limit: 1 });
    expect(first).toMatchObject({ date: "1946-02-16", meeting: "S/PV.23", draftSymbol: null });
  });

  it("counts vetoes per permanent member as the file's named columns do, and per seat", async () => {
    const totals = namedTotals();
    // The UN's published counts to September 2022 (the 0/1 columns say France 7, USSR 84, USA 71).
    expect(totals).toEqual({ China: 17, France: 16, Russia: 31, USSR: 90, USA: 82, UK: 29 });
    const members = await store.vetoesPerMember();
    const find = (id: string, before?: string) =>
      members
        .filter((m) => m.memberId === id && (before === undefined || m.last < before))
        .reduce((n, m) => n + m.vetoes, 0);
    expect(find("RUS", "1991-12-24")).toBe(totals.USSR);
    expect(
      members
        .filter((m) => m.memberId === "RUS" && m.first >= "1991-12-24")
        .reduce((n, m) => n + m.vetoes, 0),
    ).toBe(totals.Russia);
    expect(find("USA")).toBe(totals.USA);
    expect(find("GBR")).toBe(totals.UK);
    expect(find("FRA")).toBe(totals.France);
    expect(find("CHN") + find("TWN")).toBe(totals.China);
    // The names the seat was held under.
    expect(members.filter((m) => m.memberId === "RUS").map((m) => m.vetoes)).toEqual([90, 31]);
    const seats = await store.vetoesPerSeat();
    expect(seats.map((s) => [s.seat, s.vetoes])).toEqual([
      ["RUS", 121],
      ["USA", 82],
      ["GBR", 29],
      ["CHN", 17],
      ["FRA", 16],
    ]);
  });

  it("reports where the file's member_veto names disagree with its 0/1 columns, and keeps both", async () => {
    const disagreements = report.problems.items.filter((p) => p.kind === "veto-columns-disagree");
    expect(disagreements.length).toBe(26);
    // Every vetoed draft has its vetoing member, and the rows that contradict themselves say so.
    const all = await store.list({ body: "SC", limit: 1000 });
    for (const rc of all) {
      const withVotes = await store.get(rc.id);
      expect([...withVotes!.votes.values()], rc.draftSymbol ?? rc.meeting ?? "").toContain("N");
    }
    const disputed = all.filter((rc) => rc.sources.some((s) => s.disputes?.length));
    expect(disputed).toHaveLength(26);
    const [s7575] = await store.findBySymbol("S/7575/Rev.1");
    expect(s7575!.sources[0]!.disputes).toEqual([
      {
        field: "vetoedBy",
        claims: [
          { from: "named columns (member_veto1–3)", value: "RUS" },
          { from: "0/1 columns", value: "no one" },
        ],
        kept: "the named columns, which agree with the UN's published veto counts",
      },
    ]);
    expect(disagreements[0]).toMatchObject({ severity: "warning", field: "member_veto1" });
    expect(disagreements.find((p) => p.line === 83)?.message).toMatch(
      /name RUS but the 0\/1 columns mark no one/,
    );
  });

  it("merges a vetoed draft with its official voting record: the veto counted once, the full vote kept", async () => {
    const merged = await importFiles(store, [path.join(FIXTURES, "undl-marc-collection.xml")]);
    expect(merged.rollCalls).toMatchObject({ read: 2, added: 1, merged: 1 });
    const [draft] = await store.findBySymbol("S/2022/538");
    expect(draft!.sources.map((s) => s.source).sort()).toEqual(["undl-marc", "unsc-vetoes"]);
    expect(draft!.recordedOutcome).toBe("vetoed");
    expect(draft!.complete).toBe(true);
    expect(draft!.officialTally).toEqual({ yes: 13, no: 1, abstain: 1, nonVoting: 0 });
    const seats = await store.vetoesPerSeat();
    expect(seats.find((s) => s.seat === "RUS")!.vetoes).toBe(121);
  });
});
