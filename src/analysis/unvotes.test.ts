/**
 * The analysis on the real record (../shared/data/unvotes, 1946–2019): figures from the matrix must
 * equal the same figures computed here independently, by a plain scan of the CSV files.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { loadUnvotes, UNVOTES_DIR } from "../../bench/analysis/unvotes.js";
import { alongside } from "./alongside.js";
import { blocCohesion } from "./blocs.js";
import { idealPoints } from "./idealPoints.js";
import { pairSlot } from "./kernel.js";
import { buildVoteMatrix, type VoteMatrix } from "./matrix.js";
import { align, pairCounts, partners } from "./measures.js";
import { MIN_ROLL_CALLS } from "./minimums.js";
import { correlation } from "./testing.js";

/** The independent reading: per session, each roll call's votes (alpha-2 code → vote word). */
interface Scan {
  bySession: Map<string, Map<string, string>[]>;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(gunzipSync(readFileSync(path.join(UNVOTES_DIR, file))).toString("utf8"), {
    columns: true,
  }) as Record<string, string>[];
}

function scanPair(scan: Scan, a: string, b: string, session: string) {
  let both = 0;
  let identical = 0;
  let identicalYesNo = 0;
  let opposite = 0;
  for (const votes of scan.bySession.get(session) ?? []) {
    const x = votes.get(a);
    const y = votes.get(b);
    if (x === undefined || y === undefined) continue;
    both++;
    if (x === y) identical++;
    if (x === y && x !== "abstain") identicalYesNo++;
    if ((x === "yes" && y === "no") || (x === "no" && y === "yes")) opposite++;
  }
  return {
    both,
    identical,
    identicalYesNo,
    opposite,
    agreement: identical / both,
    coincidence: identicalYesNo / (identicalYesNo + opposite),
  };
}

let matrix: VoteMatrix;
let scan: Scan;
/** member id → the dataset's key */
const keyOf = new Map<string, string>();

beforeAll(() => {
  const data = loadUnvotes({ ids: "alpha3" });
  matrix = buildVoteMatrix(data.input);
  for (const [key, id] of data.memberIdOfKey) keyOf.set(id, key);
  const sessionOf = new Map<number, string>();
  for (const row of readCsv("un_roll_calls.csv.gz")) sessionOf.set(Number(row.rcid), row.session!);
  // The votes file has no comma inside a field (checked: every line splits into 4): split plainly.
  const votesOf = new Map<number, Map<string, string>>();
  const lines = gunzipSync(readFileSync(path.join(UNVOTES_DIR, "un_votes.csv.gz")))
    .toString("utf8")
    .split("\n");
  const unquote = (field: string): string => (field.startsWith('"') ? field.slice(1, -1) : field);
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const [rcidText, country, code, vote] = line.split(",").map(unquote);
    const rcid = Number(rcidText);
    let votes = votesOf.get(rcid);
    if (!votes) votesOf.set(rcid, (votes = new Map()));
    votes.set(code || country!, vote!);
  }
  scan = { bySession: new Map() };
  for (const [rcid, votes] of votesOf) {
    const session = sessionOf.get(rcid)!;
    const list = scan.bySession.get(session) ?? [];
    list.push(votes);
    scan.bySession.set(session, list);
  }
});

describe("the full record", () => {
  it("holds every roll call and vote", () => {
    expect(matrix.rollCalls).toHaveLength(6203);
    expect(matrix.voteCount).toBe(870109);
    expect(matrix.sessions).toHaveLength(74);
    expect(matrix.byteSize).toBeLessThan(1_000_000);
  });

  const pairs = [
    ["USA", "ISR", "US", "IL"],
    ["USA", "RUS", "US", "RU"],
    ["USA", "GBR", "US", "GB"],
  ] as const;
  const sessions = ["25", "40", "60", "74"];

  it.each(pairs)("%s–%s: agreement and coincidence per session equal a plain scan", (a, b, a2, b2) => {
    for (const session of sessions) {
      const expected = scanPair(scan, a2, b2, session);
      const r = align(matrix, a, b, { session });
      // smallSample: measured on the counts the plain scan also checks (minimums.ts).
      expect({ ...r, kappa: null, a: null, b: null }).toEqual({
        ...expected,
        kappa: null,
        a: null,
        b: null,
        smallSample: expected.both < MIN_ROLL_CALLS,
      });
      expect(r.agreement).toBe(expected.agreement);
      expect(r.coincidence).toBe(expected.coincidence);
    }
  });

  it("the series by session equals the per-session figures", () => {
    const series = align(matrix, "USA", "ISR", {}, { by: "session" });
    for (const session of sessions) {
      const entry = series.find((s) => s.session === session)!;
      expect(entry).toEqual({ session, ...align(matrix, "USA", "ISR", { session }) });
    }
  });

  it("all-pairs counts of a session equal a plain scan for every pair", () => {
    const table = pairCounts(matrix, { session: "60" });
    const n = table.members.length;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const o = pairSlot(i, j, n) * 4;
        const got = Array.from(table.counts.subarray(o, o + 4));
        const e = scanPair(scan, keyOf.get(table.members[i]!)!, keyOf.get(table.members[j]!)!, "60");
        const expected = e.both === 0 ? [0, 0, 0, 0] : [e.both, e.identical, e.identicalYesNo, e.opposite];
        expect(got).toEqual(expected);
        if (e.both > 0) checked++;
      }
    }
    expect(checked).toBeGreaterThan(15000);
  });

  it("finds plausible partners and a cohesive EU", () => {
    const p = partners(matrix, "USA", { session: "74" }, { top: 3 });
    expect(p.closest[0]!.b).toBe("ISR");
    const eu = blocCohesion(matrix, "EU", { from: "2010-01-01" });
    const g77 = blocCohesion(matrix, "G77", { from: "2010-01-01" });
    expect(eu.overall.agreementIndex!).toBeGreaterThan(0.9);
    expect(eu.overall.agreementIndex!).toBeGreaterThan(g77.overall.agreementIndex!);
  });

  it("alongside on a real roll call names the company", () => {
    const last = matrix.rollCalls[matrix.rollCalls.length - 1]!;
    const r = alongside(matrix, last.id, "USA");
    expect(r.vote).not.toBe("X");
    expect(r.notable.length).toBeLessThanOrEqual(6);
    expect(r.members.length).toBe(r.notable.length + r.others);
  });
});

describe("ideal points on the real record", () => {
  const top = (points: { member: string; estimate: number }[], k: number): string[] =>
    [...points]
      .sort((x, y) => y.estimate - x.estimate)
      .slice(0, k)
      .map((p) => p.member);

  it.each(["50", "70"])("session %s: USA and Israel at the positive end", (session) => {
    const r = idealPoints(matrix, { session });
    expect(r.converged).toBe(true);
    expect(top(r.points, 3)).toContain("USA");
    expect(top(r.points, 3)).toContain("ISR");
    const usa = r.points.find((p) => p.member === "USA")!;
    expect(usa.estimate).toBeGreaterThan(1.5);
    expect(usa.se).toBeGreaterThan(0);
  });

  it.each(["50", "70"])("session %s: stable when roll calls are resampled (r > 0.9)", (session) => {
    const full = idealPoints(matrix, { session });
    const ids = matrix.rollCalls.filter((rc) => rc.session === session).map((rc) => rc.id);
    for (const seed of [1, 2, 3]) {
      // a deterministic 70 % subsample
      let state = seed;
      const kept = ids.filter(() => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296 < 0.7;
      });
      const sub = idealPoints(matrix, { session, selection: { rollCallIds: kept } });
      const common = full.points.filter((p) => sub.points.some((q) => q.member === p.member));
      const x = common.map((p) => p.estimate);
      const y = common.map((p) => sub.points.find((q) => q.member === p.member)!.estimate);
      expect(correlation(x, y)).toBeGreaterThan(0.9);
    }
  });

  it("dynamic over five sessions: USA positive throughout, Israel beside it", () => {
    const r = idealPoints(matrix, { sessions: ["60", "61", "62", "63", "64"] });
    expect(r.model).toBe("dynamic");
    expect(r.converged).toBe(true);
    for (const session of r.sessions) {
      const points = r.points.filter((p) => p.session === session);
      expect(top(points, 3)).toEqual(expect.arrayContaining(["USA", "ISR"]));
    }
  });
});
