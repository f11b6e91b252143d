/**
 * Where sources disagree: two sources on a member's vote (the vote conflicts the writer records), and a
 * source with itself (its disputes). For `plenary conflicts` and the API.
 */
import type { Kysely } from "kysely";
import type { Body, SourceDispute } from "../../../core/rollCall.js";
import type { MemberVote } from "../../../core/vote.js";
import { disputesOf } from "../../rollCallView.js";
import type { Database } from "../schema.js";

export interface ConflictRow {
  rollCallId: number;
  body: Body;
  date: string;
  symbol: string | null;
  title: string;
  memberId: string;
  keptSource: string;
  keptVote: MemberVote;
  otherSource: string;
  otherVote: MemberVote;
}

export interface ConflictFilter {
  /** Only conflicts involving this source (kept or overruled). */
  source?: string;
  memberId?: string;
  limit?: number;
  offset?: number;
}

/** Where two sources disagree on a member's vote: the kept (more trusted) vote and the other. */
export async function listConflicts(
  db: Kysely<Database>,
  filter: ConflictFilter = {},
): Promise<ConflictRow[]> {
  let query = db
    .selectFrom("vote_conflicts as c")
    .innerJoin("roll_calls as r", "r.id", "c.roll_call_id")
    .select([
      "c.roll_call_id as rollCallId",
      "r.body as body",
      "r.date as date",
      "r.symbol as symbol",
      "r.draft_symbol as draftSymbol",
      "r.title as title",
      "c.member_id as memberId",
      "c.kept_source as keptSource",
      "c.kept_vote as keptVote",
      "c.other_source as otherSource",
      "c.other_vote as otherVote",
    ]);
  if (filter.source) {
    const source = filter.source;
    query = query.where((eb) => eb.or([eb("c.kept_source", "=", source), eb("c.other_source", "=", source)]));
  }
  if (filter.memberId) query = query.where("c.member_id", "=", filter.memberId.toUpperCase());
  const rows = await query
    .orderBy("r.date", "desc")
    .orderBy("c.roll_call_id")
    .orderBy("c.member_id")
    .limit(Math.min(filter.limit ?? 100, 10_000))
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(({ draftSymbol, ...r }) => ({
    ...r,
    body: r.body as Body,
    symbol: r.symbol ?? draftSymbol,
    keptVote: r.keptVote as MemberVote,
    otherVote: r.otherVote as MemberVote,
  }));
}

export async function countConflicts(
  db: Kysely<Database>,
  filter: Omit<ConflictFilter, "limit" | "offset"> = {},
): Promise<number> {
  let query = db.selectFrom("vote_conflicts as c").select((eb) => eb.fn.countAll<number>().as("n"));
  if (filter.source) {
    const source = filter.source;
    query = query.where((eb) => eb.or([eb("c.kept_source", "=", source), eb("c.other_source", "=", source)]));
  }
  if (filter.memberId) query = query.where("c.member_id", "=", filter.memberId.toUpperCase());
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A source's dispute with itself about a roll call (see SourceDispute), for `plenary conflicts`. */
export interface DisputeRow {
  rollCallId: number;
  body: Body;
  date: string;
  symbol: string | null;
  title: string;
  source: string;
  field: SourceDispute["field"];
  claims: SourceDispute["claims"];
  kept: string;
  /** A more trusted source of the same roll call that does not share the dispute; null: undecided. */
  decidedBy: string | null;
}

/**
 * Every source's disputes with itself, newest first (`source` keeps those of one source): the rows
 * with a dispute are few (dozens), so they are read whole and decided here.
 */
export async function listDisputes(
  db: Kysely<Database>,
  filter: { source?: string } = {},
): Promise<DisputeRow[]> {
  const disputed = db.selectFrom("provenance").select("roll_call_id").where("disputes", "is not", null);
  const rows = await db
    .selectFrom("provenance as p")
    .innerJoin("roll_calls as r", "r.id", "p.roll_call_id")
    .select([
      "r.id as rollCallId",
      "r.body as body",
      "r.date as date",
      "r.symbol as symbol",
      "r.draft_symbol as draftSymbol",
      "r.title as title",
      "p.source as source",
      "p.source_key as sourceKey",
      "p.disputes as disputes",
    ])
    .where("r.id", "in", disputed)
    .orderBy("r.date", "desc")
    .orderBy("r.id")
    .execute();
  const byRollCall = new Map<number, typeof rows>();
  for (const row of rows) byRollCall.set(row.rollCallId, [...(byRollCall.get(row.rollCallId) ?? []), row]);
  const out: DisputeRow[] = [];
  for (const group of byRollCall.values()) {
    const sources = group.map((g) => ({
      source: g.source,
      sourceKey: g.sourceKey,
      ...(g.disputes ? { disputes: JSON.parse(g.disputes) as SourceDispute[] } : {}),
    }));
    const first = group[0]!;
    for (const d of disputesOf({ sources })) {
      if (filter.source && d.source !== filter.source && d.decidedBy !== filter.source) continue;
      out.push({
        rollCallId: first.rollCallId,
        body: first.body as Body,
        date: first.date,
        symbol: first.symbol ?? first.draftSymbol,
        title: first.title,
        source: d.source,
        field: d.field,
        claims: d.claims,
        kept: d.kept,
        decidedBy: d.decidedBy,
      });
    }
  }
  return out;
}
