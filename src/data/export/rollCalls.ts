/**
 * The roll calls an export writes, read from the store in batches with their votes and issues: bounded
 * memory on both stores, one query per table per batch. In the order of the record: date, then the
 * order of the day (sequence), then id.
 */
import { getMember, type Member } from "../../core/members/index.js";
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { Store, StoredRollCallRow } from "../store/index.js";

export interface ExportFilter {
  body: Body;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

export type ExportRow = StoredRollCallRow;

export interface ExportRollCall {
  row: ExportRow;
  /** In member order. */
  votes: [string, MemberVote][];
  issues: { code: string; label: string | null }[];
}

/** What an export wrote, and what it left out and why. */
export interface ExportReport {
  format: string;
  files: string[];
  rollCalls: {
    written: number;
    /** Written with only their known votes (the format says so: UN DL's total_ms). */
    incomplete: number;
    /** Not written: the format cannot say what they are (`skippedBecause`). */
    skipped: number;
  };
  skippedBecause: string | null;
  votes: number;
  /** unvotes: the research issue codes written; undl-ga, undl-sc: the UNBIS subjects written. */
  issues: number;
}

/** Roll calls per batch. */
const BATCH = 500;

/** The chosen roll calls with their votes and issues, a batch at a time. */
export async function* withVotes(store: Store, rows: ExportRow[]): AsyncGenerator<ExportRollCall[]> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const ids = batch.map((r) => r.id);
    const [votes, issues] = await Promise.all([store.memberVotesOf(ids), store.issueLabelsOf(ids)]);
    yield batch.map((row) => ({ row, votes: votes.get(row.id) ?? [], issues: issues.get(row.id) ?? [] }));
  }
}

/**
 * `columns(member, date)` remembered per member and day: names and codes change over time, and the same
 * pair recurs on every roll call of a day. A vote of an unknown member is a store fault, not input.
 */
export function perMemberDay<T>(
  columns: (member: Member, date: string) => T,
): (id: string, date: string) => T {
  const cache = new Map<string, T>();
  return (id, date) => {
    const key = `${id}${date}`;
    let value = cache.get(key);
    if (value === undefined) {
      const member = getMember(id);
      if (!member) throw new Error(`a vote of ${id}, which is no known member, on ${date}`);
      cache.set(key, (value = columns(member, date)));
    }
    return value;
  };
}
