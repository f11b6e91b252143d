import fc from "fast-check";
import { fuzzParameters } from "../test/fuzz.js";
import { afterEach, describe, expect, it } from "vitest";
import { jsKernel, pairSlot } from "./kernel.js";
import { buildVoteMatrix, type VoteMatrix } from "./matrix.js";
import {
  agreementMatrix,
  align,
  alignmentsToCsv,
  pairCounts,
  partners,
  shifts,
  useKernel,
  type Alignment,
} from "./measures.js";
import { maskWhere, selectionMask } from "./selection.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";
import { wasmKernel } from "./wasmKernel.js";

afterEach(() => useKernel(null));

const KERNELS = [
  ["js", jsKernel],
  ["wasm", wasmKernel()!],
] as const;

describe.each(KERNELS)("measures between two members (%s kernel)", (_name, kernel) => {
  it("counts and measures a hand-computed pair", () => {
    useKernel(kernel);
    //                      1 2 3 4 5
    const m = matrixFromTable({ A: "YYNAY", B: "YNNA-" });
    const r = align(m, "A", "B");
    // both: 1–4; identical: 1 (Y–Y), 3 (N–N), 4 (A–A); yes/no identical: 1, 3; opposite: 2 (Y–N)
    expect(r).toMatchObject({ a: "A", b: "B", both: 4, identical: 3, identicalYesNo: 2, opposite: 1 });
    expect(r.agreement).toBe(3 / 4);
    expect(r.coincidence).toBeCloseTo(2 / 3, 12);
    // A: Y Y N A, B: Y N N A → pₑ = (2·1 + 1·2 + 1·1) / 16 = 5/16, pₒ = 12/16 → κ = 7/11
    expect(r.kappa).toBeCloseTo(7 / 11, 12);
    expect(r.note).toBeUndefined();
    expect(align(m, "B", "A")).toMatchObject({ both: 4, identical: 3, kappa: r.kappa });
  });

  it("gives null, not NaN, with a note when two members never voted together", () => {
    useKernel(kernel);
    const m = matrixFromTable({ A: "YY--", C: "--NN" });
    const r = align(m, "A", "C");
    expect(r).toMatchObject({ both: 0, identical: 0, identicalYesNo: 0, opposite: 0 });
    expect(r.agreement).toBeNull();
    expect(r.coincidence).toBeNull();
    expect(r.kappa).toBeNull();
    expect(r.note).toMatch(/never both voted/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("gives a null coincidence when they shared only abstentions, and a null kappa when pₑ = 1", () => {
    useKernel(kernel);
    const m = matrixFromTable({ A: "AA", B: "AA" });
    const r = align(m, "A", "B");
    expect(r).toMatchObject({ both: 2, identical: 2, identicalYesNo: 0, opposite: 0, agreement: 1 });
    expect(r.coincidence).toBeNull();
    expect(r.kappa).toBeNull();
    expect(r.note).toMatch(/coincidence is undefined/);
    expect(r.note).toMatch(/kappa is undefined/);
  });

  it("agrees exactly with a plain scan on random matrices and selections", () => {
    useKernel(kernel);
    const vote = fc.constantFrom("Y", "N", "A", "-");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((width) =>
          fc.record({
            rows: fc.array(fc.array(vote, { minLength: width, maxLength: width }), {
              minLength: 2,
              maxLength: 6,
            }),
            keep: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
          }),
        ),
        ({ rows, keep }) => {
          const table = Object.fromEntries(rows.map((r, i) => [`M${i}`, r.join("")]));
          const m = matrixFromTable(table);
          const ids = m.rollCalls.filter((_, c) => keep[c]).map((rc) => rc.id);
          const selection = { rollCallIds: ids };
          const table2 = pairCounts(m, selection, { marginals: true });
          for (let i = 0; i < rows.length; i++) {
            for (let j = i + 1; j < rows.length; j++) {
              const expected = scan(rows[i]!, rows[j]!, keep);
              const r = align(m, `M${i}`, `M${j}`, selection);
              expect([r.both, r.identical, r.identicalYesNo, r.opposite]).toEqual(expected.slice(0, 4));
              const o = pairSlot(i, j, rows.length) * 8;
              expect(Array.from(table2.counts.subarray(o, o + 8))).toEqual(expected);
            }
          }
        },
      ),
      fuzzParameters(0.5),
    );
  });
});

/** both, identical, identicalYesNo, opposite, aYes, aNo, bYes, bNo by a plain loop. */
function scan(a: string[], b: string[], keep: boolean[]): number[] {
  const out = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let c = 0; c < a.length; c++) {
    const x = a[c]!;
    const y = b[c]!;
    if (!keep[c] || x === "-" || y === "-") continue;
    out[0]!++;
    if (x === y) out[1]!++;
    if (x === y && x !== "A") out[2]!++;
    if ((x === "Y" && y === "N") || (x === "N" && y === "Y")) out[3]!++;
    if (x === "Y") out[4]!++;
    if (x === "N") out[5]!++;
    if (y === "Y") out[6]!++;
    if (y === "N") out[7]!++;
  }
  return out;
}

describe("the WebAssembly kernel", () => {
  it("is available and matches the JavaScript kernel on a matrix spanning many words", () => {
    const wk = wasmKernel();
    expect(wk).not.toBeNull();
    const members = 12;
    const width = 700;
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const table: Record<string, string> = {};
    for (let i = 0; i < members; i++) {
      const start = (i * 37) % 300;
      table[`M${String(i).padStart(2, "0")}`] = Array.from({ length: width }, (_, c) =>
        c < start ? "-" : "YNA-"[next() % 4],
      ).join("");
    }
    const m = matrixFromTable(table);
    const rows = Int32Array.from(m.members.keys());
    for (const mask of [selectionMask(m, {}), maskWhere(m, (_, c) => c % 3 !== 0 && c > 100)]) {
      for (const marginals of [false, true]) {
        expect(Array.from(wk!.countAllPairs(m, rows, mask, marginals))).toEqual(
          Array.from(jsKernel.countAllPairs(m, rows, mask, marginals)),
        );
      }
      expect(Array.from(wk!.countPair(m, 3, 9, mask, true))).toEqual(
        Array.from(jsKernel.countPair(m, 3, 9, mask, true)),
      );
    }
  });
});

describe("series, partners, shifts and the agreement matrix", () => {
  // Sessions 1 (2000), 2 (2001), 3 (2002): four roll calls each.
  const rollCalls = syntheticRollCalls(12).map((rc, i) => ({
    ...rc,
    session: String(1 + Math.floor(i / 4)),
    date: `${2000 + Math.floor(i / 4)}-0${1 + (i % 4)}-15`,
  }));
  const table = {
    USA: "YYYY" + "NNNN" + "YYNN",
    GBR: "YYYY" + "NNNA" + "YYNN",
    FRA: "YYYN" + "YYYY" + "NNYY",
    CUB: "NNNN" + "YYYY" + "NNYY",
    NEW: "----" + "----" + "YYNA",
  };
  const m = matrixFromTable(table, rollCalls);

  it("gives a series by session and by year, only where both voted", () => {
    const bySession = align(m, "USA", "NEW", {}, { by: "session" });
    expect(bySession).toHaveLength(1);
    expect(bySession[0]).toMatchObject({ session: "3", both: 4, identical: 3 });
    const byYear = align(m, "USA", "FRA", {}, { by: "year" });
    expect(byYear.map((r) => [r.year, r.both, r.identical])).toEqual([
      [2000, 4, 3],
      [2001, 4, 0],
      [2002, 4, 0],
    ]);
    expect(byYear[1]!.coincidence).toBe(0);
  });

  it("series respect the selection", () => {
    const series = align(m, "USA", "GBR", { from: "2001-01-01", to: "2001-12-31" }, { by: "session" });
    expect(series.map((r) => [r.session, r.both, r.identical, r.opposite])).toEqual([["2", 4, 3, 0]]);
  });

  it("ranks partners, closest and most opposed, above a minimum of shared votes", () => {
    const p = partners(m, "USA", {}, { top: 2, minBoth: 5 });
    expect(p.closest.map((r) => r.b)).toEqual(["GBR", "FRA"]);
    expect(p.opposed.map((r) => r.b)).toEqual(["CUB", "FRA"]);
    expect(p.closest[0]!.agreement).toBe(11 / 12);
    expect(p.rollCalls).toBe(12);
    // NEW shares only 4 votes with USA: below minBoth
    expect([...p.closest, ...p.opposed].some((r) => r.b === "NEW")).toBe(false);
    expect(partners(m, "USA", {}, { top: 10, minBoth: 1 }).closest.map((r) => r.b)).toContain("NEW");
  });

  it("finds the pairs whose agreement changed most", () => {
    const rows = shifts(m, { session: "1" }, { session: "2" }, { top: 3, minBoth: 4 });
    // CUB–FRA 0.25 → 1, FRA–GBR 0.75 → 0, FRA–USA 0.75 → 0: ties in |change| go by ids
    expect(rows.map((r) => [r.a, r.b, r.from, r.to, r.change])).toEqual([
      ["CUB", "FRA", 0.25, 1, 0.75],
      ["FRA", "GBR", 0.75, 0, -0.75],
      ["FRA", "USA", 0.75, 0, -0.75],
    ]);
    const forUsa = shifts(m, { session: "1" }, { session: "2" }, { member: "USA", minBoth: 4 });
    expect(forUsa.every((r) => r.a === "USA")).toBe(true);
    const cuba = forUsa.find((r) => r.b === "CUB")!;
    expect([cuba.from, cuba.to, cuba.change]).toEqual([0, 0, 0]);
    const france = forUsa.find((r) => r.b === "FRA")!;
    expect([france.from, france.to, france.change]).toEqual([0.75, 0, -0.75]);
    expect(Math.abs(forUsa[0]!.change)).toBeGreaterThanOrEqual(Math.abs(forUsa[forUsa.length - 1]!.change));
  });

  it("lists every pair with measures, as JSON and as CSV", () => {
    const result = agreementMatrix(m, { session: "3" });
    expect(result.members).toEqual(["CUB", "FRA", "GBR", "NEW", "USA"]);
    expect(result.rollCalls).toBe(4);
    expect(result.pairs).toHaveLength(10);
    const usaGbr = result.pairs.find((p) => p.a === "GBR" && p.b === "USA")!;
    expect(usaGbr).toMatchObject({ both: 4, identical: 4, agreement: 1, coincidence: 1, kappa: 1 });
    const csv = alignmentsToCsv(result.pairs);
    expect(csv.split("\n")[0]).toBe("a,b,both,identical,identicalYesNo,opposite,agreement,coincidence,kappa");
    expect(csv).toContain("GBR,USA,4,4,4,0,1,1,1");
    expect(csv.trim().split("\n")).toHaveLength(11);
    // pairs that never met are left out unless asked for
    const early = agreementMatrix(m, { session: "1" });
    expect(early.pairs.some((p) => p.b === "NEW" || p.a === "NEW")).toBe(false);
    const all = agreementMatrix(m, { session: "1" }, { includeEmpty: true });
    const empty: Alignment = all.pairs.find((p) => p.b === "NEW" && p.a === "CUB")!;
    expect(empty.agreement).toBeNull();
  });
});

describe("unknown ids", () => {
  it("throws UNKNOWN_MEMBER", () => {
    const m: VoteMatrix = buildVoteMatrix({
      rollCalls: syntheticRollCalls(1),
      voteRollCallIds: [1],
      voteMemberIds: ["A"],
      voteValues: "Y",
    });
    expect(() => align(m, "A", "Q")).toThrowError(expect.objectContaining({ code: "UNKNOWN_MEMBER" }));
  });
});
