/**
 * Queries over imported data that the CLI and the site share: vetoes per permanent member (and per
 * seat), the vote conflicts between sources, and the import log. Written once with Kysely, for both
 * dialects.
 */
import type { Kysely } from "kysely";
import { isPermanentMemberOn } from "../../core/council/index.js";
import { getMember, nameOn } from "../../core/members/index.js";
import type { Body, SourceDispute } from "../../core/rollCall.js";
import { disputesOf } from "../rollCallView.js";
import type { MemberVote } from "../../core/vote.js";
import type { Database } from "../store/schema.js";

export interface MemberVetoes {
  memberId: string;
  /** The name the member sat under (`Soviet Union`, then `Russia`): one row per name. */
  name: string;
  /** The permanent seat: `CHN` for the Republic of China's vetoes too. */
  seat: string;
  vetoes: number;
  first: string;
  last: string;
}

export interface SeatVetoes {
  seat: string;
  name: string;
  vetoes: number;
  /** The members that held the seat and vetoed, with their counts. */
  members: MemberVetoes[];
}

/** The permanent seat a member held: China's seat passed from the Republic of China (TWN) in 1971. */
export function permanentSeatOf(memberId: string): string {
  return memberId === "TWN" ? "CHN" : memberId;
}

/**
 * Vetoes cast: `N` votes of a permanent member on a Security Council roll call recorded as vetoed,
 * counted per member and the name it sat under then. Sorted by seat, then date.
 */
export async function vetoesPerMember(
  db: Kysely<Database>,
  options: { from?: string; to?: string } = {},
): Promise<MemberVetoes[]> {
  let query = db
    .selectFrom("votes")
    .innerJoin("roll_calls", "roll_calls.id", "votes.roll_call_id")
    .select(["votes.member_id as memberId", "roll_calls.date as date"])
    .where("roll_calls.body", "=", "SC")
    .where("roll_calls.recorded_outcome", "=", "vetoed")
    .where("votes.vote", "=", "N");
  if (options.from) query = query.where("roll_calls.date", ">=", options.from);
  if (options.to) query = query.where("roll_calls.date", "<=", options.to);
  const rows = await query.orderBy("roll_calls.date").execute();
  const byKey = new Map<string, MemberVetoes>();
  for (const { memberId, date } of rows) {
    // A no vote of an elected member does not veto.
    if (!isPermanentMemberOn(memberId, date)) continue;
    const member = getMember(memberId);
    const name = member ? nameOn(member, date) : memberId;
    const key = `${memberId}\u0000${name}`;
    const entry = byKey.get(key);
    if (entry) {
      entry.vetoes++;
      entry.last = date;
    } else {
      byKey.set(key, { memberId, name, seat: permanentSeatOf(memberId), vetoes: 1, first: date, last: date });
    }
  }
  return [...byKey.values()].sort((a, b) => a.seat.localeCompare(b.seat) || a.first.localeCompare(b.first));
}

/** Vetoes per permanent seat (the Soviet Union's and Russia's together as one seat). */
export async function vetoesPerSeat(
  db: Kysely<Database>,
  options: { from?: string; to?: string } = {},
): Promise<SeatVetoes[]> {
  const members = await vetoesPerMember(db, options);
  const seats = new Map<string, SeatVetoes>();
  for (const m of members) {
    const seat = seats.get(m.seat) ?? {
      seat: m.seat,
      name: getMember(m.seat)?.name ?? m.seat,
      vetoes: 0,
      members: [],
    };
    seat.vetoes += m.vetoes;
    seat.members.push(m);
    seats.set(m.seat, seat);
  }
  return [...seats.values()].sort((a, b) => b.vetoes - a.vetoes || a.seat.localeCompare(b.seat));
}

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

export interface ImportLogEntry {
  id: number;
  startedAt: string;
  finishedAt: string;
  format: string;
  files: string[];
  report: unknown;
}

/** The imports recorded in the store, latest first (or the one with `id`). */
export async function listImports(
  db: Kysely<Database>,
  limit = 20,
  offset = 0,
  id?: number,
): Promise<ImportLogEntry[]> {
  let query = db.selectFrom("imports").selectAll().orderBy("id", "desc").limit(limit).offset(offset);
  if (id !== undefined) query = query.where("id", "=", id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    format: r.format,
    files: JSON.parse(r.files) as string[],
    report: JSON.parse(r.report) as unknown,
  }));
}

export async function countImports(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("imports")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
