/**
 * What the watch feeds follow, read from the vote matrix (pure):
 *
 * - `latestVotes`: a member's newest votes (Y, N or A), newest first.
 * - `pairTurns`: the roll calls where two members voted against their recent pattern. For each body
 *   apart, take the roll calls where both voted Y, N or A, in order (date, then id). At each of them,
 *   the pair's *recent agreement* is the share of identical votes over the `window` such roll calls
 *   just before it (the same measure as `agreement`, identical ÷ both). A roll call is a turn when that
 *   window is full and
 *   - they **split**: voted differently although their recent agreement was at least `high`, or
 *   - they **joined**: voted alike although their recent agreement was at most `low`.
 *   Defaults: window 50, high 0.75, low 0.25 — a vote that goes against three quarters of the last fifty.
 *
 * A bloc's splits are `blocSplits` in blocs.ts.
 */
import type { Body } from "../core/rollCall.js";
import type { VoteMatrix } from "./matrix.js";

export type CastVote = "Y" | "N" | "A";

export interface MemberVoteEntry {
  rollCallId: number;
  vote: CastVote;
}

/** A member's newest votes (Y, N or A; not voting is left out), newest first, at most `limit`. */
export function latestVotes(matrix: VoteMatrix, member: string, limit = 50): MemberVoteEntry[] {
  const m = matrix.indexOfMember(member);
  if (m < 0) return [];
  const out: MemberVoteEntry[] = [];
  const first = matrix.activeFrom[m]! * 64;
  for (let c = Math.min(matrix.rollCalls.length, matrix.activeTo[m]! * 64) - 1; c >= first; c--) {
    const vote = matrix.voteAt(m, c);
    if (vote === "X") continue;
    out.push({ rollCallId: matrix.rollCalls[c]!.id, vote });
    if (out.length >= limit) break;
  }
  return out;
}

export interface PairTurnOptions {
  /** How many earlier shared roll calls the recent agreement is taken over (default 50). */
  window?: number;
  /** A split counts when the recent agreement was at least this (default 0.75). */
  high?: number;
  /** A joining counts when the recent agreement was at most this (default 0.25). */
  low?: number;
  /** At most this many turns, the newest (default 50). */
  limit?: number;
}

export interface PairTurn {
  rollCallId: number;
  date: string;
  body: Body;
  kind: "split" | "joined";
  a: CastVote;
  b: CastVote;
  /** Identical votes over the window before this roll call, and their share. */
  identical: number;
  window: number;
  recentAgreement: number;
}

export const PAIR_TURN_DEFAULTS = { window: 50, high: 0.75, low: 0.25, limit: 50 } as const;

/** The roll calls where `a` and `b` split or joined against their recent pattern, newest first. */
export function pairTurns(
  matrix: VoteMatrix,
  a: string,
  b: string,
  options: PairTurnOptions = {},
): PairTurn[] {
  const { window, high, low, limit } = { ...PAIR_TURN_DEFAULTS, ...options };
  const ra = matrix.indexOfMember(a);
  const rb = matrix.indexOfMember(b);
  if (ra < 0 || rb < 0 || window < 1) return [];
  // Per body: the last `window` shared roll calls as a ring of 0/1 (identical), and their sum.
  const rings = new Map<Body, { ring: Uint8Array; next: number; filled: number; sum: number }>();
  const turns: PairTurn[] = [];
  const from = Math.max(matrix.activeFrom[ra]!, matrix.activeFrom[rb]!) * 64;
  const to = Math.min(matrix.activeTo[ra]!, matrix.activeTo[rb]!) * 64;
  for (let c = from; c < Math.min(to, matrix.rollCalls.length); c++) {
    const va = matrix.voteAt(ra, c);
    if (va === "X") continue;
    const vb = matrix.voteAt(rb, c);
    if (vb === "X") continue;
    const rc = matrix.rollCalls[c]!;
    let state = rings.get(rc.body);
    if (!state) rings.set(rc.body, (state = { ring: new Uint8Array(window), next: 0, filled: 0, sum: 0 }));
    const same = va === vb ? 1 : 0;
    if (state.filled === window) {
      const recent = state.sum / window;
      const kind = !same && recent >= high ? "split" : same && recent <= low ? "joined" : null;
      if (kind) {
        turns.push({
          rollCallId: rc.id,
          date: rc.date,
          body: rc.body,
          kind,
          a: va,
          b: vb,
          identical: state.sum,
          window,
          recentAgreement: recent,
        });
      }
      state.sum -= state.ring[state.next]!;
    } else {
      state.filled++;
    }
    state.ring[state.next] = same;
    state.sum += same;
    state.next = (state.next + 1) % window;
  }
  return turns.reverse().slice(0, limit);
}
