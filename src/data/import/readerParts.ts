/**
 * Pieces the format readers share: a roll call's place among the day's (`sequence`), and the source's
 * totals checked against the votes the reader kept (core/vote.ts countVotes).
 */
import type { OfficialTally, Tally } from "../../core/vote.js";
import { readCount } from "./context.js";

/** Numbers the roll calls of one day 0, 1, 2 … in the order a file gives them (RollCallRecord.sequence). */
export function daySequence(): (date: string) => number {
  let sequence = 0;
  let lastDate = "";
  return (date) => {
    if (date !== lastDate) {
      sequence = 0;
      lastDate = date;
    }
    return sequence++;
  };
}

/** One of the source's totals: which tally it gives, the field it is written in, and its text. */
export interface WrittenTotal {
  key: keyof OfficialTally;
  field: string;
  text: string;
}

/** What a reader says of a total it cannot read, or one its rows do not add up to. */
export interface TotalProblems {
  unreadable(total: WrittenTotal): void;
  mismatch(total: WrittenTotal, value: number, counted: number): void;
}

/**
 * The source's totals: unreadable ones kept unknown; each checked against the votes counted, only when
 * the reader kept every row (COMPLETE_ROWS) — with rows skipped the count proves nothing.
 */
export function officialTally(
  totals: readonly WrittenTotal[],
  counted: Tally,
  completeRows: boolean,
  problems: TotalProblems,
): OfficialTally {
  const official: OfficialTally = { yes: null, no: null, abstain: null, nonVoting: null };
  for (const total of totals) {
    const value = readCount(total.text);
    if (Number.isNaN(value)) {
      problems.unreadable(total);
      continue;
    }
    official[total.key] = value;
    if (value !== null && value !== counted[total.key] && completeRows)
      problems.mismatch(total, value, counted[total.key]);
  }
  return official;
}
