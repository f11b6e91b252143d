/**
 * History for the stories: whether the store holds enough earlier votes of a member to judge its usual
 * company. The matrix itself comes from the analysis layer (src/analysis/fromStore.ts).
 */
import type { Body } from "../../core/rollCall.js";
import type { Store } from "../../data/store/index.js";
import { MIN_ROLL_CALLS } from "../../analysis/minimums.js";
import { loadVoteMatrix } from "../../analysis/fromStore.js";
import type { VoteMatrix } from "../../analysis/matrix.js";

/** Least earlier roll calls with a recorded vote of the member for its history to count (minimums.ts). */
export const MIN_HISTORY = MIN_ROLL_CALLS;

/** How many roll calls of `body` before `date` record a vote of `member`. */
export async function historyCount(store: Store, body: Body, member: string, date: string): Promise<number> {
  return store.votesBefore(body, member, date);
}

/** The vote matrix for a member's history, or null where there is none to judge by. */
export type MatrixFor = (body: Body, member: string, date: string) => Promise<VoteMatrix | null>;

/**
 * `auto`: the matrix built from the store (once, shared by every question), only when the store holds
 * this member's history (never for the starter data); `none`: never; or a matrix already built.
 */
export function matrixSource(store: Store, history: "auto" | "none" | VoteMatrix = "auto"): MatrixFor {
  let matrix: Promise<VoteMatrix> | null = null;
  return async (body, member, date) => {
    if (history === "none") return null;
    if (typeof history === "object") return history;
    if ((await historyCount(store, body, member, date)) < MIN_HISTORY) return null;
    matrix ??= loadVoteMatrix(store);
    return matrix;
  };
}
