/**
 * Pair counting: the hot loop. For two members over a selection it counts, among the roll calls where
 * both cast Y, N or A: `both`, `identical` (same vote, A–A included), `identicalYesNo` (Y–Y or N–N) and
 * `opposite` (Y–N or N–Y); optionally the marginals kappa needs (`aYes`, `aNo`, `bYes`, `bNo`, each
 * among those roll calls).
 *
 * Plain JavaScript with a SWAR popcount; a WebAssembly kernel (wasmKernel.ts) does the same with native
 * 64-bit popcount and is used when available. Both write the same numbers; tests compare them.
 */
import { GROUP, type VoteMatrix } from "./matrix.js";
import type { SelectionMask } from "./selection.js";

/** Number of Int32 slots per pair in a counts array. */
export const COUNTS = 4;
export const COUNTS_WITH_MARGINALS = 8;
/** Slot offsets. */
export const BOTH = 0;
export const IDENTICAL = 1;
export const IDENTICAL_YES_NO = 2;
export const OPPOSITE = 3;
export const A_YES = 4;
export const A_NO = 5;
export const B_YES = 6;
export const B_NO = 7;

function pc(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Counts one pair over 64-bit words [from, to) into `out` at `o` (4 or 8 slots, added to what is there
 * not: overwritten).
 */
export function countPairJs(
  bits: Uint32Array,
  words64: number,
  a: number,
  b: number,
  mask: Uint32Array,
  from: number,
  to: number,
  out: Int32Array,
  o: number,
  marginals: boolean,
): void {
  let both = 0;
  let same = 0;
  let sameYesNo = 0;
  let opposite = 0;
  let aYes = 0;
  let aNo = 0;
  let bYes = 0;
  let bNo = 0;
  const baseA = a * words64 * GROUP;
  const baseB = b * words64 * GROUP;
  const end = to * 2;
  for (let k = from * 2; k < end; k++) {
    const m = mask[k]!;
    if (m === 0) continue;
    const h = k & 1;
    const ia = baseA + (k >>> 1) * GROUP + h;
    const ib = baseB + (k >>> 1) * GROUP + h;
    const ya = bits[ia]!;
    const na = bits[ia + 2]!;
    const xa = bits[ia + 4]!;
    const yb = bits[ib]!;
    const nb = bits[ib + 2]!;
    const xb = bits[ib + 4]!;
    const va = ya | na | xa;
    const vb = yb | nb | xb;
    const common = va & vb & m;
    if (common === 0) continue;
    both += pc(common);
    sameYesNo += pc(((ya & yb) | (na & nb)) & m);
    same += pc(xa & xb & m);
    opposite += pc(((ya & nb) | (na & yb)) & m);
    if (marginals) {
      aYes += pc(ya & common);
      aNo += pc(na & common);
      bYes += pc(yb & common);
      bNo += pc(nb & common);
    }
  }
  out[o + BOTH] = both;
  out[o + IDENTICAL] = same + sameYesNo;
  out[o + IDENTICAL_YES_NO] = sameYesNo;
  out[o + OPPOSITE] = opposite;
  if (marginals) {
    out[o + A_YES] = aYes;
    out[o + A_NO] = aNo;
    out[o + B_YES] = bYes;
    out[o + B_NO] = bNo;
  }
}

/** The word range a pair has to scan: where both were active and the selection has columns. */
export function pairRange(matrix: VoteMatrix, a: number, b: number, mask: SelectionMask): [number, number] {
  const from = Math.max(matrix.activeFrom[a]!, matrix.activeFrom[b]!, mask.from);
  const to = Math.min(matrix.activeTo[a]!, matrix.activeTo[b]!, mask.to);
  return [from, to];
}

/** A kernel: counts of every pair (a, b), a < b, of the given rows, into a flat upper-triangle array. */
export interface PairKernel {
  readonly name: string;
  /** Counts one pair. */
  countPair(matrix: VoteMatrix, a: number, b: number, mask: SelectionMask, marginals: boolean): Int32Array;
  /**
   * Counts all pairs among `rows` (row indexes into the matrix, any order). Result: for i < j (positions in
   * `rows`), slots at `pairSlot(i, j, rows.length) * width` where width is 4, or 8 with marginals.
   */
  countAllPairs(matrix: VoteMatrix, rows: Int32Array, mask: SelectionMask, marginals: boolean): Int32Array;
}

/** Position of pair (i, j), i < j < n, in an upper-triangle array. */
export function pairSlot(i: number, j: number, n: number): number {
  return (i * (2 * n - i - 1)) / 2 + (j - i - 1);
}

export const jsKernel: PairKernel = {
  name: "js",
  countPair(matrix, a, b, mask, marginals) {
    const out = new Int32Array(marginals ? COUNTS_WITH_MARGINALS : COUNTS);
    const [from, to] = pairRange(matrix, a, b, mask);
    if (from < to) countPairJs(matrix.bits, matrix.words64, a, b, mask.bits, from, to, out, 0, marginals);
    return out;
  },
  countAllPairs(matrix, rows, mask, marginals) {
    const n = rows.length;
    const width = marginals ? COUNTS_WITH_MARGINALS : COUNTS;
    const out = new Int32Array(((n * (n - 1)) / 2) * width);
    const { bits, words64, activeFrom, activeTo } = matrix;
    let slot = 0;
    for (let i = 0; i < n; i++) {
      const a = rows[i]!;
      const fa = Math.max(activeFrom[a]!, mask.from);
      const ta = Math.min(activeTo[a]!, mask.to);
      for (let j = i + 1; j < n; j++, slot += width) {
        const b = rows[j]!;
        const from = Math.max(fa, activeFrom[b]!);
        const to = Math.min(ta, activeTo[b]!);
        if (from < to) countPairJs(bits, words64, a, b, mask.bits, from, to, out, slot, marginals);
      }
    }
    return out;
  },
};
