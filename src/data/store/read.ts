/**
 * Reading roll calls back as core objects. Every query is written once, with Kysely, for both dialects.
 */
import type { Kysely, Selectable } from "kysely";
import type {
  Body,
  Modality,
  Provenance,
  RecordedOutcome,
  RollCall,
  RollCallKind,
  RollCallWithVotes,
  SourceDispute,
  VoteNote,
} from "../../core/rollCall.js";
import { editDistance } from "../../core/editDistance.js";
import { symbolCandidates } from "../../core/symbols.js";
import type { MemberVote } from "../../core/vote.js";
import type { Database, RollCallsTable } from "./schema.js";

export interface RollCallFilter {
  body?: Body;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  session?: string;
  kind?: RollCallKind;
  limit?: number;
  offset?: number;
  /** Newest first unless false. */
  newestFirst?: boolean;
}

function toRollCall(
  row: Selectable<RollCallsTable>,
  sources: Provenance[] = [],
  issues: string[] = [],
): RollCall {
  return {
    id: row.id,
    body: row.body as Body,
    session: row.session,
    date: row.date,
    symbol: row.symbol,
    draftSymbol: row.draft_symbol,
    parentId: row.parent_id,
    kind: row.kind as RollCallKind,
    title: row.title,
    description: row.description,
    meeting: row.meeting,
    agenda: row.agenda,
    voteNotes: row.vote_notes ? (JSON.parse(row.vote_notes) as VoteNote[]) : [],
    subjects: row.subjects ? (JSON.parse(row.subjects) as string[]) : [],
    procedural: row.procedural === 1,
    importantQuestion: row.important_question === null ? null : row.important_question === 1,
    importantVote: row.important_vote === 1,
    modality: row.modality as Modality,
    officialTally: {
      yes: row.tally_yes,
      no: row.tally_no,
      abstain: row.tally_abstain,
      nonVoting: row.tally_non_voting,
    },
    recordedOutcome: row.recorded_outcome as RecordedOutcome | null,
    complete: row.complete === 1,
    issues,
    sequence: row.sequence,
    sources,
  };
}

async function decorate(db: Kysely<Database>, rows: Selectable<RollCallsTable>[]): Promise<RollCall[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [provenance, issues] = await Promise.all([
    db
      .selectFrom("provenance")
      .select(["roll_call_id", "source", "source_key", "citation", "disputes"])
      .where("roll_call_id", "in", ids)
      .execute(),
    db
      .selectFrom("roll_call_issues")
      .select(["roll_call_id", "code"])
      .where("roll_call_id", "in", ids)
      .execute(),
  ]);
  const sourcesById = new Map<number, Provenance[]>();
  for (const p of provenance) {
    const list = sourcesById.get(p.roll_call_id) ?? [];
    list.push({
      source: p.source,
      sourceKey: p.source_key,
      citation: p.citation,
      ...(p.disputes ? { disputes: JSON.parse(p.disputes) as SourceDispute[] } : {}),
    });
    sourcesById.set(p.roll_call_id, list);
  }
  const issuesById = new Map<number, string[]>();
  for (const i of issues) {
    const list = issuesById.get(i.roll_call_id) ?? [];
    list.push(i.code);
    issuesById.set(i.roll_call_id, list);
  }
  return rows.map((r) => toRollCall(r, sourcesById.get(r.id) ?? [], (issuesById.get(r.id) ?? []).sort()));
}

/**
 * Roll calls a symbol may mean: resolution symbols first, then draft symbols; the vote on the whole
 * text before its amendments and paragraph votes, latest first.
 */
export async function findRollCallsBySymbol(db: Kysely<Database>, input: string): Promise<RollCall[]> {
  const keys = symbolCandidates(input);
  if (!keys.length) return [];
  for (const column of ["symbol_key", "draft_key"] as const) {
    const rows = await db.selectFrom("roll_calls").selectAll().where(column, "in", keys).execute();
    if (rows.length) {
      const rank = (r: Selectable<RollCallsTable>) =>
        keys.indexOf((r[column] ?? "") as string) * 10 +
        (r.kind === "resolution" || r.kind === "draft" ? 0 : 1);
      rows.sort((a, b) => rank(a) - rank(b) || b.date.localeCompare(a.date) || b.sequence - a.sequence);
      return decorate(db, rows);
    }
  }
  return [];
}

export async function getRollCall(db: Kysely<Database>, id: number): Promise<RollCallWithVotes | null> {
  const row = await db.selectFrom("roll_calls").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const [rollCall] = await decorate(db, [row]);
  const votes = await db
    .selectFrom("votes")
    .select(["member_id", "vote"])
    .where("roll_call_id", "=", id)
    .orderBy("member_id")
    .execute();
  return { ...rollCall!, votes: new Map(votes.map((v) => [v.member_id, v.vote as MemberVote])) };
}

export async function listRollCalls(db: Kysely<Database>, filter: RollCallFilter = {}): Promise<RollCall[]> {
  let query = db.selectFrom("roll_calls").selectAll();
  if (filter.body) query = query.where("body", "=", filter.body);
  if (filter.from) query = query.where("date", ">=", filter.from);
  if (filter.to) query = query.where("date", "<=", filter.to);
  if (filter.session) query = query.where("session", "=", filter.session);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const direction = filter.newestFirst === false ? "asc" : "desc";
  query = query
    .orderBy("date", direction)
    .orderBy("sequence", direction)
    .orderBy("id", direction)
    .limit(Math.min(filter.limit ?? 50, 1000))
    .offset(filter.offset ?? 0);
  return decorate(db, await query.execute());
}

export async function countRollCalls(db: Kysely<Database>, filter: RollCallFilter = {}): Promise<number> {
  let query = db.selectFrom("roll_calls").select((eb) => eb.fn.countAll<number>().as("n"));
  if (filter.body) query = query.where("body", "=", filter.body);
  if (filter.from) query = query.where("date", ">=", filter.from);
  if (filter.to) query = query.where("date", "<=", filter.to);
  if (filter.session) query = query.where("session", "=", filter.session);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Amendments, paragraph votes and motions on a text, in the order they were taken. */
export async function childrenOf(db: Kysely<Database>, parentId: number): Promise<RollCall[]> {
  const rows = await db
    .selectFrom("roll_calls")
    .selectAll()
    .where("parent_id", "=", parentId)
    .orderBy("sequence")
    .orderBy("id")
    .execute();
  return decorate(db, rows);
}

/** Symbols close to an unknown one, for "did you mean": same series (`A/RES/ES-11/…`), fewest edits. */
export async function suggestSymbols(db: Kysely<Database>, input: string, limit = 5): Promise<string[]> {
  const keys = symbolCandidates(input);
  if (!keys.length) return [];
  const series = keys.map((k) => k.slice(0, k.lastIndexOf("/") + 1)).filter((s) => s.length > 2);
  const last = keys[0]!.split("/").pop()!;
  const rows = await db
    .selectFrom("roll_calls")
    .select("symbol_key")
    .select("symbol")
    .distinct()
    .where("symbol", "is not", null)
    .where((eb) =>
      eb.or([
        ...series.map((s) => eb("symbol_key", "like", `${s.replace(/[%_\\]/g, "")}%`)),
        eb("symbol_key", "like", `%/${last.replace(/[%_\\]/g, "")}%`),
      ]),
    )
    .limit(500)
    .execute();
  const distance = (key: string) => Math.min(...keys.map((k) => editDistance(k, key, 8)));
  return rows
    .map((r) => ({ symbol: r.symbol!, d: distance(r.symbol_key!) }))
    .filter((r) => r.d <= 8)
    .sort((a, b) => a.d - b.d || a.symbol.localeCompare(b.symbol))
    .slice(0, limit)
    .map((r) => r.symbol);
}

export async function votesCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("votes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the store holds no roll call: a new store, to be filled on its first start. */
export async function holdsNoRollCall(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("roll_calls").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}

/** One roll call as coverage reports see it: what it is, how far it is known, and from which sources. */
export interface CoverageRow {
  id: number;
  body: Body;
  date: string;
  session: string | null;
  symbol: string | null;
  draftSymbol: string | null;
  kind: RollCallKind;
  modality: Modality;
  complete: boolean;
  outcome: RecordedOutcome | null;
  sources: string[];
  /** A source contradicts itself about it. */
  disputed: boolean;
}

/** Every roll call with its sources, oldest first (≈10,000 rows for the record: two light queries). */
export async function coverageRows(db: Kysely<Database>): Promise<CoverageRow[]> {
  const [rows, provenance] = await Promise.all([
    db
      .selectFrom("roll_calls")
      .select([
        "id",
        "body",
        "date",
        "session",
        "symbol",
        "draft_symbol",
        "kind",
        "modality",
        "complete",
        "recorded_outcome",
      ])
      .orderBy("date")
      .orderBy("id")
      .execute(),
    db.selectFrom("provenance").select(["roll_call_id", "source", "disputes"]).execute(),
  ]);
  const sources = new Map<number, { list: string[]; disputed: boolean }>();
  for (const p of provenance) {
    const entry = sources.get(p.roll_call_id) ?? { list: [], disputed: false };
    entry.list.push(p.source);
    entry.disputed ||= p.disputes !== null;
    sources.set(p.roll_call_id, entry);
  }
  return rows.map((r) => ({
    id: r.id,
    body: r.body as Body,
    date: r.date,
    session: r.session,
    symbol: r.symbol,
    draftSymbol: r.draft_symbol,
    kind: r.kind as RollCallKind,
    modality: r.modality as Modality,
    complete: r.complete === 1,
    outcome: r.recorded_outcome as RecordedOutcome | null,
    sources: (sources.get(r.id)?.list ?? []).sort(),
    disputed: sources.get(r.id)?.disputed ?? false,
  }));
}
