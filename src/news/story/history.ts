/**
 * History for the stories: whether the store holds enough earlier votes of a member to judge its usual
 * company. The matrix itself comes from the analysis layer (src/analysis/fromStore.ts).
 */
import type { Body } from "../../core/rollCall.js";
import type { Store } from "../../data/store/index.js";
import { MIN_ROLL_CALLS } from "../../analysis/minimums.js";

/** Least earlier roll calls with a recorded vote of the member for its history to count (minimums.ts). */
export const MIN_HISTORY = MIN_ROLL_CALLS;

/** How many roll calls of `body` before `date` record a vote of `member`. */
export async function historyCount(store: Store, body: Body, member: string, date: string): Promise<number> {
  return store.votesBefore(body, member, date);
}
