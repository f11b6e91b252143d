/**
 * Selections: which roll calls a measure runs on. Every field narrows the set; fields compose (AND).
 * An empty selection (`{}`) is every roll call of the matrix.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import { PlenaryError } from "../core/errors.js";
import type { MatrixRollCall, VoteMatrix } from "./matrix.js";

export interface Selection {
  /** One body or several. */
  body?: Body | readonly Body[];
  /** One session (`74`, `ES-11`) … */
  session?: string;
  /** … or several. */
  sessions?: readonly string[];
  /** ISO dates, both inclusive. */
  from?: string;
  to?: string;
  /** Roll calls carrying this issue code … */
  issue?: string;
  /** … or any of these. */
  issues?: readonly string[];
  /** Only roll calls flagged important by the US State Department. */
  importantOnly?: boolean;
  excludeAmendments?: boolean;
  excludeParagraphs?: boolean;
  /** Only these kinds. */
  kinds?: readonly RollCallKind[];
  /** Only roll calls whose every vote is known. */
  completeOnly?: boolean;
  /** Only these roll calls. */
  rollCallIds?: readonly number[];
}

/** A selection resolved against one matrix: a bitset of its columns. */
export interface SelectionMask {
  /** One bit per column, laid out as the matrix's 64-bit words (two 32-bit halves each). */
  readonly bits: Uint32Array;
  /** First and one-past-last 64-bit word holding a selected column. */
  readonly from: number;
  readonly to: number;
  /** Number of selected roll calls. */
  readonly count: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asList<T>(one: T | undefined, many: readonly T[] | undefined): readonly T[] | undefined {
  if (one === undefined) return many;
  if (many === undefined) return [one];
  return many.includes(one) ? [one] : [];
}

/** A stable key for caching: the same filter gives the same key. */
export function selectionKey(selection: Selection): string {
  const body =
    selection.body === undefined
      ? undefined
      : [...(Array.isArray(selection.body) ? selection.body : [selection.body])].sort();
  const sessions = asList(selection.session, selection.sessions);
  const issues = asList(selection.issue, selection.issues);
  return JSON.stringify([
    body,
    sessions && [...sessions].sort(),
    selection.from ?? null,
    selection.to ?? null,
    issues && [...issues].sort(),
    !!selection.importantOnly,
    !!selection.excludeAmendments,
    !!selection.excludeParagraphs,
    selection.kinds && [...selection.kinds].sort(),
    !!selection.completeOnly,
    selection.rollCallIds && [...selection.rollCallIds].sort((x, y) => x - y),
  ]);
}

/** A predicate over roll calls for a selection; throws `BAD_INPUT` on malformed dates. */
export function selectionPredicate(selection: Selection): (rc: MatrixRollCall) => boolean {
  for (const field of ["from", "to"] as const) {
    const value = selection[field];
    if (value !== undefined && !ISO_DATE.test(value)) {
      throw new PlenaryError("BAD_INPUT", `Selection "${field}" must be an ISO date, not "${value}".`, {
        field,
        help: "Write dates as YYYY-MM-DD.",
      });
    }
  }
  const bodies =
    selection.body === undefined
      ? undefined
      : new Set<string>(Array.isArray(selection.body) ? selection.body : [selection.body as Body]);
  const sessionList = asList(selection.session, selection.sessions);
  const sessions = sessionList && new Set(sessionList);
  const issueList = asList(selection.issue, selection.issues);
  const issues = issueList && new Set(issueList);
  const kinds = selection.kinds && new Set<string>(selection.kinds);
  const ids = selection.rollCallIds && new Set(selection.rollCallIds);
  const { from, to } = selection;
  return (rc) => {
    if (bodies && !bodies.has(rc.body)) return false;
    if (sessions && (rc.session === null || !sessions.has(rc.session))) return false;
    if (from !== undefined && rc.date < from) return false;
    if (to !== undefined && rc.date.slice(0, 10) > to) return false;
    if (issues && !rc.issues.some((i) => issues.has(i))) return false;
    if (selection.importantOnly && !rc.importantVote) return false;
    if (selection.excludeAmendments && rc.kind === "amendment") return false;
    if (selection.excludeParagraphs && rc.kind === "paragraph") return false;
    if (kinds && !kinds.has(rc.kind)) return false;
    if (selection.completeOnly && !rc.complete) return false;
    if (ids && !ids.has(rc.id)) return false;
    return true;
  };
}

/** Builds a mask from a column predicate. */
export function maskWhere(
  matrix: VoteMatrix,
  keep: (rc: MatrixRollCall, column: number) => boolean,
): SelectionMask {
  const bits = new Uint32Array(matrix.words64 * 2);
  let count = 0;
  let first = -1;
  let last = -1;
  const rcs = matrix.rollCalls;
  for (let c = 0; c < rcs.length; c++) {
    if (!keep(rcs[c]!, c)) continue;
    bits[c >>> 5]! |= 1 << (c & 31);
    count++;
    if (first < 0) first = c;
    last = c;
  }
  return {
    bits,
    from: first < 0 ? 0 : first >>> 6,
    to: first < 0 ? 0 : (last >>> 6) + 1,
    count,
  };
}

/** Resolves a selection against a matrix (cached per matrix). */
export function selectionMask(matrix: VoteMatrix, selection: Selection = {}): SelectionMask {
  const key = selectionKey(selection);
  const cached = matrix.maskCache.get(key);
  if (cached) return cached;
  const keep = selectionPredicate(selection);
  const mask = maskWhere(matrix, (rc) => keep(rc));
  if (matrix.maskCache.size >= 256) {
    const oldest = matrix.maskCache.keys().next().value;
    if (oldest !== undefined) matrix.maskCache.delete(oldest);
  }
  matrix.maskCache.set(key, mask);
  return mask;
}

/** The AND of two masks over the same matrix. */
export function intersectMasks(x: SelectionMask, y: SelectionMask): SelectionMask {
  const bits = new Uint32Array(x.bits.length);
  let count = 0;
  let from = -1;
  let to = 0;
  for (let k = 0; k < bits.length; k++) {
    const v = x.bits[k]! & y.bits[k]!;
    bits[k] = v;
    if (v !== 0) {
      count += popcount32(v);
      if (from < 0) from = k >>> 1;
      to = (k >>> 1) + 1;
    }
  }
  return { bits, from: from < 0 ? 0 : from, to, count };
}

/** Set bits of a 32-bit word. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The columns a mask selects, in column order. */
export function maskColumns(mask: SelectionMask): number[] {
  const out: number[] = [];
  for (let k = mask.from * 2; k < mask.to * 2; k++) {
    let v = mask.bits[k]!;
    while (v !== 0) {
      const low = v & -v;
      out.push(k * 32 + (31 - Math.clz32(low)));
      v ^= low;
    }
  }
  return out;
}
