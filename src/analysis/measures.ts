/**
 * Measures between two members over a selection. Only roll calls where both cast Y, N or A count.
 *
 * - `agreement`   = identical ÷ both (A–A is identical).
 * - `coincidence` = identicalYesNo ÷ (identicalYesNo + opposite): the US State Department's "voting
 *   coincidence", abstentions left out.
 * - `kappa`       = Cohen's kappa on the three categories Y, N, A: (pₒ − pₑ) ÷ (1 − pₑ) with pₒ = agreement
 *   and pₑ = Σₖ pₐ(k)·p_b(k), the marginals taken over the same roll calls.
 *
 * A measure whose denominator is 0 is null (never NaN) and `note` says why.
 */
import { PlenaryError } from "../core/errors.js";
import {
  A_NO,
  A_YES,
  BOTH,
  B_NO,
  B_YES,
  IDENTICAL,
  IDENTICAL_YES_NO,
  OPPOSITE,
  pairSlot,
  type PairKernel,
} from "./kernel.js";
import type { VoteMatrix } from "./matrix.js";
import { intersectMasks, maskWhere, selectionMask, type Selection, type SelectionMask } from "./selection.js";
import { defaultKernel } from "./wasmKernel.js";

export interface PairCounts {
  /** Roll calls where both cast Y, N or A. */
  both: number;
  /** … with the same vote (Y–Y, N–N, A–A). */
  identical: number;
  /** … both Y or both N. */
  identicalYesNo: number;
  /** … one Y, the other N. */
  opposite: number;
}

/** How often each member cast Y and N on the `both` roll calls (A = both − Y − N). */
export interface PairMarginals {
  aYes: number;
  aNo: number;
  bYes: number;
  bNo: number;
}

export interface Alignment extends PairCounts {
  a: string;
  b: string;
  agreement: number | null;
  coincidence: number | null;
  kappa: number | null;
  /** Why a measure is null. */
  note?: string;
}

let kernelOverride: PairKernel | null = null;

/** Uses this kernel instead of the default (tests and benchmarks); null restores the default. */
export function useKernel(kernel: PairKernel | null): void {
  kernelOverride = kernel;
}

export function currentKernel(): PairKernel {
  return kernelOverride ?? defaultKernel();
}

/** Cohen's kappa from counts and marginals; null when undefined. */
export function kappaOf(counts: PairCounts, marginals: PairMarginals): number | null {
  const n = counts.both;
  if (n === 0) return null;
  const aAbstain = n - marginals.aYes - marginals.aNo;
  const bAbstain = n - marginals.bYes - marginals.bNo;
  const expected =
    (marginals.aYes * marginals.bYes + marginals.aNo * marginals.bNo + aAbstain * bAbstain) / (n * n);
  if (expected >= 1) return null;
  const observed = counts.identical / n;
  return (observed - expected) / (1 - expected);
}

/** The measures of a pair from its counts (and marginals, for kappa). */
export function measuresOf(
  a: string,
  b: string,
  counts: PairCounts,
  marginals: PairMarginals | null,
): Alignment {
  const notes: string[] = [];
  const agreement = counts.both === 0 ? null : counts.identical / counts.both;
  if (counts.both === 0) notes.push(`${a} and ${b} never both voted Y, N or A on the selected roll calls`);
  const yesNo = counts.identicalYesNo + counts.opposite;
  const coincidence = yesNo === 0 ? null : counts.identicalYesNo / yesNo;
  if (yesNo === 0 && counts.both > 0) {
    notes.push("coincidence is undefined: no roll call where both voted Y or N");
  }
  let kappa: number | null = null;
  if (marginals !== null) {
    kappa = kappaOf(counts, marginals);
    if (kappa === null && counts.both > 0) {
      notes.push("kappa is undefined: both cast the same single kind of vote throughout");
    }
  }
  const result: Alignment = {
    a,
    b,
    both: counts.both,
    identical: counts.identical,
    identicalYesNo: counts.identicalYesNo,
    opposite: counts.opposite,
    agreement,
    coincidence,
    kappa,
  };
  if (notes.length > 0) result.note = notes.join("; ");
  return result;
}

function countsAt(out: Int32Array, o: number): PairCounts {
  return {
    both: out[o + BOTH]!,
    identical: out[o + IDENTICAL]!,
    identicalYesNo: out[o + IDENTICAL_YES_NO]!,
    opposite: out[o + OPPOSITE]!,
  };
}

function marginalsAt(out: Int32Array, o: number): PairMarginals {
  return { aYes: out[o + A_YES]!, aNo: out[o + A_NO]!, bYes: out[o + B_YES]!, bNo: out[o + B_NO]! };
}

/** Counts and measures of one pair of rows over a mask. */
export function alignRows(matrix: VoteMatrix, a: number, b: number, mask: SelectionMask): Alignment {
  const out = currentKernel().countPair(matrix, a, b, mask, true);
  return measuresOf(matrix.members[a]!, matrix.members[b]!, countsAt(out, 0), marginalsAt(out, 0));
}

export type Period = "year" | "session";

/** Per matrix: the period (year or session) of every column. */
const periodCache = new WeakMap<VoteMatrix, Map<Period, { keys: string[]; masks: SelectionMask[] }>>();

/** The columns of each year or session, in time order (roll calls without a session have none). */
export function periodMasks(matrix: VoteMatrix, by: Period): { keys: string[]; masks: SelectionMask[] } {
  let perMatrix = periodCache.get(matrix);
  if (!perMatrix) {
    perMatrix = new Map();
    periodCache.set(matrix, perMatrix);
  }
  const hit = perMatrix.get(by);
  if (hit) return hit;
  const keys =
    by === "session"
      ? [...matrix.sessions]
      : [...new Set(matrix.rollCalls.map((rc) => rc.date.slice(0, 4)))].sort();
  const masks = keys.map((key) =>
    maskWhere(matrix, (rc) => (by === "session" ? rc.session === key : rc.date.startsWith(key))),
  );
  const result = { keys, masks };
  perMatrix.set(by, result);
  return result;
}

export interface AlignOptions {
  /** A time series: one result per year or per session. */
  by?: Period;
}

export type YearAlignment = Alignment & { year: number };
export type SessionAlignment = Alignment & { session: string };

/**
 * How two members vote together over a selection. With `by`, a series: one entry per year (or session)
 * from the first to the last where both voted — a period between where they never both did is in it
 * with `both` 0 and null measures (a gap, shown as one).
 */
export function align(matrix: VoteMatrix, a: string, b: string, selection?: Selection): Alignment;
export function align(
  matrix: VoteMatrix,
  a: string,
  b: string,
  selection: Selection | undefined,
  options: { by: "year" },
): YearAlignment[];
export function align(
  matrix: VoteMatrix,
  a: string,
  b: string,
  selection: Selection | undefined,
  options: { by: "session" },
): SessionAlignment[];
export function align(
  matrix: VoteMatrix,
  a: string,
  b: string,
  selection?: Selection,
  options?: AlignOptions,
): Alignment | YearAlignment[] | SessionAlignment[];
export function align(
  matrix: VoteMatrix,
  a: string,
  b: string,
  selection: Selection = {},
  options: AlignOptions = {},
): Alignment | YearAlignment[] | SessionAlignment[] {
  const ra = matrix.requireMember(a);
  const rb = matrix.requireMember(b);
  const mask = selectionMask(matrix, selection);
  if (options.by === undefined) return alignRows(matrix, ra, rb, mask);
  const by = options.by;
  if (by !== "year" && by !== "session") {
    throw new PlenaryError("BAD_INPUT", `Cannot group by "${String(by)}".`, { help: "Use year or session." });
  }
  const { keys, masks } = periodMasks(matrix, by);
  const series: (YearAlignment | SessionAlignment)[] = [];
  const from = Math.max(matrix.activeFrom[ra]!, matrix.activeFrom[rb]!);
  const to = Math.min(matrix.activeTo[ra]!, matrix.activeTo[rb]!);
  keys.forEach((key, k) => {
    const periodMask = masks[k]!;
    if (periodMask.to <= from || periodMask.from >= to) return;
    const both = intersectMasks(periodMask, mask);
    if (both.count === 0) return;
    // A period where the two never both voted stays in the series (both 0, measures null): a gap is
    // shown as a gap, never closed up silently.
    const result = alignRows(matrix, ra, rb, both);
    if (by === "year") series.push({ year: Number(key), ...result });
    else series.push({ session: key, ...result });
  });
  // Leading and trailing periods where the two never both voted say nothing: the series spans their
  // shared votes, and every period inside it is there.
  const first = series.findIndex((y) => y.both > 0);
  if (first < 0) return [];
  const last = series.length - 1 - [...series].reverse().findIndex((y) => y.both > 0);
  const span = series.slice(first, last + 1);
  // Years without a single selected roll call inside the span are gaps too.
  if (by === "year") return fillYears(span as YearAlignment[], matrix.members[ra]!, matrix.members[rb]!);
  return span as SessionAlignment[];
}

const NO_COUNTS: PairCounts = { both: 0, identical: 0, identicalYesNo: 0, opposite: 0 };

/** The series with an empty entry for every year missing between its first and last. */
function fillYears(span: YearAlignment[], a: string, b: string): YearAlignment[] {
  const out: YearAlignment[] = [];
  for (const entry of span) {
    const previous = out.at(-1);
    for (let year = previous ? previous.year + 1 : entry.year; year < entry.year; year++) {
      out.push({ year, ...measuresOf(a, b, NO_COUNTS, null) });
    }
    out.push(entry);
  }
  return out;
}

/** Raw all-pairs counts: the fast path under agreementMatrix (and what the benchmark checks). */
export interface PairCountsTable {
  members: string[];
  /** For positions i < j in `members`: slots at `pairSlot(i, j, members.length) * width`. */
  counts: Int32Array;
  /** 4 (both, identical, identicalYesNo, opposite) or 8 (… aYes, aNo, bYes, bNo). */
  width: number;
  /** Selected roll calls. */
  rollCalls: number;
}

export function pairCounts(
  matrix: VoteMatrix,
  selection: Selection = {},
  options: { members?: readonly string[]; marginals?: boolean } = {},
): PairCountsTable {
  const members = options.members ? [...options.members] : [...matrix.members];
  const rows = Int32Array.from(members, (id) => matrix.requireMember(id));
  const mask = selectionMask(matrix, selection);
  const marginals = options.marginals ?? false;
  const counts = currentKernel().countAllPairs(matrix, rows, mask, marginals);
  return { members, counts, width: marginals ? 8 : 4, rollCalls: mask.count };
}

export interface AgreementMatrix {
  members: string[];
  rollCalls: number;
  /** Every pair a < b (in `members` order) that voted together at least once (all pairs with includeEmpty). */
  pairs: Alignment[];
}

/** Measures for every pair of members (or of the given members) over a selection. */
export function agreementMatrix(
  matrix: VoteMatrix,
  selection: Selection = {},
  options: { members?: readonly string[]; includeEmpty?: boolean } = {},
): AgreementMatrix {
  const table = pairCounts(matrix, selection, { members: options.members, marginals: true });
  const { members, counts, width } = table;
  const pairs: Alignment[] = [];
  const n = members.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const o = pairSlot(i, j, n) * width;
      if (counts[o + BOTH] === 0 && !options.includeEmpty) continue;
      pairs.push(measuresOf(members[i]!, members[j]!, countsAt(counts, o), marginalsAt(counts, o)));
    }
  }
  return { members, rollCalls: table.rollCalls, pairs };
}

const CSV_COLUMNS = [
  "a",
  "b",
  "both",
  "identical",
  "identicalYesNo",
  "opposite",
  "agreement",
  "coincidence",
  "kappa",
] as const;

/** The pairs as CSV (header line, one line per pair; null as an empty field). */
export function alignmentsToCsv(pairs: readonly Alignment[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const p of pairs) {
    lines.push(CSV_COLUMNS.map((c) => (p[c] === null ? "" : String(p[c]))).join(","));
  }
  return lines.join("\n") + "\n";
}

export type Ranking = "agreement" | "coincidence" | "kappa";

export interface PartnersOptions {
  /** How many in each list (default 10). */
  top?: number;
  /** Least roll calls voted together to be ranked (default: 10, or fewer when MEMBER voted fewer times). */
  minBoth?: number;
  /** What to rank by (default agreement). */
  by?: Ranking;
}

export interface Partners {
  member: string;
  rollCalls: number;
  by: Ranking;
  minBoth: number;
  /** Highest first. */
  closest: Alignment[];
  /** Lowest first. */
  opposed: Alignment[];
}

/** MEMBER's row against every other row, over a mask. */
export function alignOneVsAll(matrix: VoteMatrix, a: number, mask: SelectionMask): Alignment[] {
  const out: Alignment[] = [];
  for (let b = 0; b < matrix.members.length; b++) {
    if (b === a) continue;
    out.push(alignRows(matrix, a, b, mask));
  }
  return out;
}

function compareIds(x: Alignment, y: Alignment): number {
  return x.b < y.b ? -1 : x.b > y.b ? 1 : 0;
}

/** The members closest to MEMBER and the most opposed, over a selection. */
export function partners(
  matrix: VoteMatrix,
  member: string,
  selection: Selection = {},
  options: PartnersOptions = {},
): Partners {
  const a = matrix.requireMember(member);
  const mask = selectionMask(matrix, selection);
  const top = options.top ?? 10;
  const by = options.by ?? "agreement";
  const all = alignOneVsAll(matrix, a, mask);
  let minBoth = options.minBoth;
  if (minBoth === undefined) {
    const own = currentKernel().countPair(matrix, a, a, mask, false)[BOTH]!;
    minBoth = Math.max(1, Math.min(10, own));
  }
  const ranked = all.filter((r) => r.both >= minBoth && r[by] !== null);
  const closest = [...ranked]
    .sort((x, y) => y[by]! - x[by]! || y.both - x.both || compareIds(x, y))
    .slice(0, top);
  const opposed = [...ranked]
    .sort((x, y) => x[by]! - y[by]! || y.both - x.both || compareIds(x, y))
    .slice(0, top);
  return { member, rollCalls: mask.count, by, minBoth, closest, opposed };
}

export interface Shift {
  a: string;
  b: string;
  /** Agreement over the first selection and over the second. */
  from: number;
  to: number;
  /** to − from. */
  change: number;
  fromBoth: number;
  toBoth: number;
}

export interface ShiftOptions {
  /** Only pairs with this member. */
  member?: string;
  /** How many (default 10). */
  top?: number;
  /** Least roll calls voted together in each selection (default 10). */
  minBoth?: number;
}

/** The pairs whose agreement changed most between two selections, largest |change| first. */
export function shifts(
  matrix: VoteMatrix,
  fromSelection: Selection,
  toSelection: Selection,
  options: ShiftOptions = {},
): Shift[] {
  const top = options.top ?? 10;
  const minBoth = options.minBoth ?? 10;
  const rows: Shift[] = [];
  const consider = (a: string, b: string, f: PairCounts, t: PairCounts): void => {
    if (f.both < minBoth || t.both < minBoth) return;
    const from = f.identical / f.both;
    const to = t.identical / t.both;
    rows.push({ a, b, from, to, change: to - from, fromBoth: f.both, toBoth: t.both });
  };
  if (options.member !== undefined) {
    const a = matrix.requireMember(options.member);
    const fm = selectionMask(matrix, fromSelection);
    const tm = selectionMask(matrix, toSelection);
    const kernel = currentKernel();
    for (let b = 0; b < matrix.members.length; b++) {
      if (b === a) continue;
      const f = countsAt(kernel.countPair(matrix, a, b, fm, false), 0);
      const t = countsAt(kernel.countPair(matrix, a, b, tm, false), 0);
      consider(options.member, matrix.members[b]!, f, t);
    }
  } else {
    const f = pairCounts(matrix, fromSelection);
    const t = pairCounts(matrix, toSelection);
    const n = f.members.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const o = pairSlot(i, j, n) * 4;
        consider(f.members[i]!, f.members[j]!, countsAt(f.counts, o), countsAt(t.counts, o));
      }
    }
  }
  rows.sort(
    (x, y) =>
      Math.abs(y.change) - Math.abs(x.change) ||
      (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
  );
  return rows.slice(0, top);
}
