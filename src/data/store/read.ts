/**
 * Reading roll calls back as core objects. Every query is written once, with Kysely, for both dialects.
 *
 * Over 500 lines on purpose: the closed store's read side is one list of queries sharing one row
 * decoder (`decorate`) and one column list; split apart, each piece would re-import both.
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
import { keyHasNumber } from "../../core/resolutionNumbers.js";
import type { MemberVote } from "../../core/vote.js";
import type { Database, RollCallsTable } from "./schema.js";
import { issuesByRollCall } from "./reads/rollCallRows.js";

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
    issuesByRollCall(db, ids),
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
  return rows.map((r) => toRollCall(r, sourcesById.get(r.id) ?? [], (issues.get(r.id) ?? []).sort()));
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

/**
 * The roll calls whose symbol is `input` with the parts of the text after it: `A/RES/75/254` finds
 * `A/RES/75/254 A-C` (one resolution in parts A to C, voted as one) — the UN cites such a resolution
 * both ways. Only a part suffix counts (`A`, `A-C`): `A/RES/75/25` never finds `A/RES/75/254`.
 */
export async function findRollCallsByPartedSymbol(db: Kysely<Database>, input: string): Promise<RollCall[]> {
  const keys = symbolCandidates(input).filter((key) => /\d$/.test(key) && !/[%_]/.test(key));
  for (const key of keys) {
    const rows = (
      await db.selectFrom("roll_calls").selectAll().where("symbol_key", "like", `${key}%`).execute()
    ).filter((r) => /^[A-Z](-[A-Z])?$/.test(r.symbol_key!.slice(key.length)));
    if (rows.length) {
      rows.sort((a, b) => a.symbol_key!.localeCompare(b.symbol_key!) || a.id - b.id);
      return decorate(db, rows);
    }
  }
  return [];
}

/**
 * The roll calls on resolution `number` (resolutionNumbers.ts: `3379`, `3411` for its parts A–F, `19` in
 * any session), one per symbol — the vote on the whole text where there are several — oldest first.
 */
export async function findRollCallsByResolutionNumber(
  db: Kysely<Database>,
  number: string,
  body: Body | null,
): Promise<RollCall[]> {
  const digits = number.replace(/[^0-9]/g, "");
  if (!digits) return [];
  let query = db.selectFrom("roll_calls").selectAll().where("symbol_key", "like", `%${digits}%`);
  if (body) query = query.where("body", "=", body);
  const rows = (await query.execute()).filter((r) => keyHasNumber(r.symbol_key!, number, body));
  const whole = (r: Selectable<RollCallsTable>) => (r.kind === "resolution" || r.kind === "draft" ? 0 : 1);
  const bySymbol = new Map<string, Selectable<RollCallsTable>>();
  for (const row of rows.sort((a, b) => whole(a) - whole(b) || a.sequence - b.sequence || a.id - b.id)) {
    if (!bySymbol.has(row.symbol_key!)) bySymbol.set(row.symbol_key!, row);
  }
  const chosen = [...bySymbol.values()].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  return decorate(db, chosen);
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

/** Every roll call's sources (provenance), by roll call id: where its stored fields came from. */
export async function sourcesByRollCall(db: Kysely<Database>): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const row of await db.selectFrom("provenance").select(["roll_call_id", "source"]).execute()) {
    const list = out.get(row.roll_call_id) ?? [];
    list.push(row.source);
    out.set(row.roll_call_id, list);
  }
  return out;
}

/** The known votes of several roll calls, by roll call id (ids without votes are left out). */
export async function votesOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, Map<string, MemberVote>>> {
  const out = new Map<number, Map<string, MemberVote>>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const v of await db
      .selectFrom("votes")
      .select(["roll_call_id", "member_id", "vote"])
      .where("roll_call_id", "in", ids.slice(i, i + 500))
      .execute()) {
      let votes = out.get(v.roll_call_id);
      if (!votes) out.set(v.roll_call_id, (votes = new Map()));
      votes.set(v.member_id, v.vote as MemberVote);
    }
  }
  return out;
}

/** Roll calls as `listRollCalls` gives them, each with its known votes. */
export async function listRollCallsWithVotes(
  db: Kysely<Database>,
  filter: RollCallFilter = {},
): Promise<RollCallWithVotes[]> {
  const rollCalls = await listRollCalls(db, filter);
  return withVotes(db, rollCalls);
}

async function withVotes(db: Kysely<Database>, rollCalls: RollCall[]): Promise<RollCallWithVotes[]> {
  const votes = await votesOf(
    db,
    rollCalls.map((r) => r.id),
  );
  return rollCalls.map((r) => ({ ...r, votes: votes.get(r.id) ?? new Map() }));
}

/** Amendments, paragraph votes and motions on a text, with their known votes, in the order taken. */
export async function childrenWithVotes(
  db: Kysely<Database>,
  parentId: number,
): Promise<RollCallWithVotes[]> {
  return withVotes(db, await childrenOf(db, parentId));
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

/** A text a later vote may be compared with: what the comparison links read (src/news/comparisonLinks.ts). */
export interface EarlierText {
  id: number;
  body: Body;
  session: string | null;
  date: string;
  symbol: string | null;
  title: string;
  description: string | null;
  /**
   * The agenda item the record files the text under. The store has no agenda column yet (the DGACM
   * importer of issue 13 brings one): null until then, and the links use it as soon as it is read here.
   */
  agenda: string | null;
  issues: { code: string; label: string | null }[];
}

/**
 * Whole texts (resolutions and drafts) of `body` put to a recorded vote before `before`, newest first:
 * the candidates for "the earlier vote" a story or newsworthy compares a vote with.
 */
export async function earlierTexts(
  db: Kysely<Database>,
  body: Body,
  before: string,
  limit = 3000,
): Promise<EarlierText[]> {
  const rows = await db
    .selectFrom("roll_calls")
    .select(["id", "body", "session", "date", "symbol", "title", "description"])
    .where("body", "=", body)
    .where("date", "<", before)
    .where("kind", "in", ["resolution", "draft"])
    .where("modality", "=", "recorded")
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const issues = new Map<number, EarlierText["issues"]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    for (const row of await db
      .selectFrom("roll_call_issues")
      .select(["roll_call_id", "code", "label"])
      .where("roll_call_id", "in", ids.slice(i, i + 1000))
      .execute()) {
      const list = issues.get(row.roll_call_id) ?? [];
      list.push({ code: row.code, label: row.label });
      issues.set(row.roll_call_id, list);
    }
  }
  return rows.map((r) => ({
    ...r,
    body: r.body as Body,
    agenda: null,
    issues: issues.get(r.id) ?? [],
  }));
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

/** The id of a roll call whose symbol is exactly `symbol` (any one, when several share it), or null. */
export async function rollCallIdBySymbol(db: Kysely<Database>, symbol: string): Promise<number | null> {
  const row = await db.selectFrom("roll_calls").select("id").where("symbol", "=", symbol).executeTakeFirst();
  return row?.id ?? null;
}

/** The record's reads a transaction over other tables may need (see `Store.transaction`). */
export interface RecordReads {
  rollCallIdBySymbol(symbol: string): Promise<number | null>;
}

/** `RecordReads` over `db` (a transaction's connection). */
export function recordReads(db: Kysely<Database>): RecordReads {
  return { rollCallIdBySymbol: (symbol) => rollCallIdBySymbol(db, symbol) };
}

/** How many roll calls of `body` before `date` record a vote (Y, N or A) of `member`. */
export async function votesBefore(
  db: Kysely<Database>,
  body: Body,
  member: string,
  date: string,
): Promise<number> {
  const row = await db
    .selectFrom("votes")
    .innerJoin("roll_calls", "roll_calls.id", "votes.roll_call_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("roll_calls.body", "=", body)
    .where("roll_calls.date", "<", date)
    .where("votes.member_id", "=", member)
    .where("votes.vote", "in", ["Y", "N", "A"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The titles of the roll calls whose symbol is one of `symbols`, by symbol. */
export async function titlesBySymbol(db: Kysely<Database>, symbols: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  if (!symbols.length) return titles;
  const rows = await db
    .selectFrom("roll_calls")
    .select(["symbol", "title"])
    .where("symbol", "in", symbols)
    .execute();
  for (const r of rows) if (r.symbol) titles.set(r.symbol, r.title);
  return titles;
}

/** The date of the newest roll call, null for an empty store. */
export async function newestDate(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom("roll_calls")
    .select("date")
    .orderBy("date", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.date ?? null;
}

/** Ids of the roll calls on or after `since`, newest first, at most `limit`. */
export async function rollCallIdsSince(
  db: Kysely<Database>,
  since: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom("roll_calls")
    .select("id")
    .where("date", ">=", since)
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
