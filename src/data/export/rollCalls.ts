/**
 * The roll calls an export writes, read from the store in batches with their votes and issues: bounded
 * memory on both stores, one query per table per batch. In the order of the record: date, then the
 * order of the day (sequence), then id.
 */
import { getMember, type Member } from "../../core/members/index.js";
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { Store } from "../store/index.js";
import { ROLL_CALL_COLUMNS } from "../store/writeRows.js";
import type { Selectable } from "kysely";
import type { RollCallsTable } from "../store/schema.js";

export interface ExportFilter {
  body: Body;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

export type ExportRow = Omit<Selectable<RollCallsTable>, "vote_hash">;

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

/** All roll calls of the filter, without votes (to choose what to write before reading votes). */
export async function selectRollCalls(store: Store, filter: ExportFilter): Promise<ExportRow[]> {
  let query = store.db
    .selectFrom("roll_calls")
    .select(["id", ...ROLL_CALL_COLUMNS])
    .where("body", "=", filter.body);
  if (filter.from) query = query.where("date", ">=", filter.from);
  if (filter.to) query = query.where("date", "<=", filter.to);
  return query.orderBy("date").orderBy("sequence").orderBy("id").execute();
}

/** The chosen roll calls with their votes and issues, a batch at a time. */
export async function* withVotes(store: Store, rows: ExportRow[]): AsyncGenerator<ExportRollCall[]> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const ids = batch.map((r) => r.id);
    const [votes, issues] = await Promise.all([
      store.db
        .selectFrom("votes")
        .select(["roll_call_id", "member_id", "vote"])
        .where("roll_call_id", "in", ids)
        .orderBy("roll_call_id")
        .orderBy("member_id")
        .execute(),
      store.db
        .selectFrom("roll_call_issues")
        .select(["roll_call_id", "code", "label"])
        .where("roll_call_id", "in", ids)
        .orderBy("roll_call_id")
        .orderBy("code")
        .execute(),
    ]);
    const byId = new Map<number, ExportRollCall>(
      batch.map((row) => [row.id, { row, votes: [], issues: [] }]),
    );
    for (const v of votes) byId.get(v.roll_call_id)!.votes.push([v.member_id, v.vote as MemberVote]);
    for (const x of issues) byId.get(x.roll_call_id)!.issues.push({ code: x.code, label: x.label });
    yield [...byId.values()];
  }
}

/** Each roll call's own key and citation in `source` (its provenance), by store id. */
export async function sourceKeys(
  store: Store,
  source: string,
): Promise<Map<number, { key: string; citation: string | null }>> {
  const rows = await store.db
    .selectFrom("provenance")
    .select(["roll_call_id", "source_key", "citation"])
    .where("source", "=", source)
    .execute();
  return new Map(rows.map((p) => [p.roll_call_id, { key: p.source_key, citation: p.citation }]));
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
