/**
 * Writing roll calls: the one path every importer (and the starter dataset) stores through.
 *
 * Each record arrives as one source tells it. The writer decides, per record:
 * - unchanged: the source already gave exactly this (same content hash) — nothing is written;
 * - updated: the source gave this roll call before, differently — it is rewritten, and the fields and
 *   stored member votes that changed are reported (a corrected vote: {@link VoteCorrection});
 * - merged: another source holds the same decision (same body, same resolution symbol — or, for a draft
 *   without one, the same draft symbol — and a date within a month) — one roll call with two
 *   provenances; where they disagree on a member's vote the more trusted source wins (SOURCE_PRIORITY:
 *   the official UN record first) and the disagreement is kept in vote_conflicts;
 * - added: new.
 * The caller owns the transaction: an import is all or nothing.
 *
 * Records are written one at a time ({@link RollCallWriter}), so an importer can stream a file of any
 * size. Two backends do the storing: a Kysely one that runs on every dialect, and a bulk one for SQLite
 * (better-sqlite3 prepared statements on the store's own connection, hence inside the same transaction)
 * that the large imports need — 870,000 votes through Kysely's query compiler take too long — and a
 * PostgreSQL one that COPYs on the transaction's own client.
 */
import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { sql, type Kysely, type Selectable } from "kysely";
import { symbolKey } from "../../core/symbols.js";
import type { MemberVote } from "../../core/vote.js";
import { sourcePriority, type IssueTag, type RollCallRecord } from "../records.js";
import { copyInto, copyLine } from "./postgresCopy.js";
import type { Database, RollCallsTable, VoteConflictsTable } from "./schema.js";

export interface WriteReport {
  added: number;
  updated: number;
  unchanged: number;
  merged: number;
  votesWritten: number;
  conflicts: number;
  /** Stored member votes an update changed, added or removed (see {@link VoteCorrection}). */
  corrections: number;
  /** Store ids of the roll calls the records became, in record order. */
  ids: number[];
}

export type WriteOutcome = "added" | "updated" | "unchanged" | "merged";

/** Two sources disagree on a member's vote: the kept vote is the more trusted source's. */
export interface VoteConflict {
  rollCallId: number;
  memberId: string;
  keptSource: string;
  keptVote: MemberVote;
  otherSource: string;
  otherVote: MemberVote;
}

/**
 * A stored member vote that an update of a roll call changed: a source's newer version moved the member
 * (`before` → `after`), listed a member it had not (`before` null) or no longer lists one (`after` null).
 * Only the votes the store holds count: where a more trusted source holds the roll call, its vote stands
 * and a less trusted source's correction shows as a conflict instead.
 */
export interface VoteCorrection {
  rollCallId: number;
  memberId: string;
  before: MemberVote | null;
  after: MemberVote | null;
}

/** A field of a stored roll call an update changed (camelCase: `tallyYes`, `title`). */
export interface FieldChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

export interface WriteResult {
  outcome: WriteOutcome;
  id: number;
  conflicts: VoteConflict[];
  /** Updated roll calls only: the stored votes that changed, by member. */
  corrections: VoteCorrection[];
  /** Updated roll calls only: the stored fields that changed. */
  fields: FieldChange[];
}

export interface WriteOptions {
  /** Timestamp written to updated_at and imported_at (ISO). */
  now?: string;
  /**
   * The store's better-sqlite3 handle (`store.sqlite`): enables the bulk path. It must be the connection
   * the Kysely transaction runs on, so the bulk writes belong to the same transaction.
   */
  sqlite?: BetterSqlite3.Database | null;
  /**
   * The PostgreSQL client the Kysely transaction runs on (the store's `transaction` lends it): enables
   * the COPY bulk path, inside the same transaction.
   */
  postgres?: pg.ClientBase | null;
}

export type RollCallRow = Omit<RollCallsTable, "id" | "vote_hash">;

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const VOTE_BATCH = 2000;

/**
 * What a source said about a roll call, as one hash: its metadata and its votes (in member order, as
 * one string).
 */
export function contentHash(record: RollCallRecord): string {
  const hash = createHash("sha1");
  const { votes, file: _file, agenda, voteNotes, subjects, disputes, ...meta } = record;
  // Issues are a set (the store keeps no order): the same issues listed in another order are the same.
  const issues = [...meta.issues].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // Fields added later (issue 13) count only when a source says something in them: a record that says
  // nothing there hashes as before, so a store made earlier sees its unchanged files as unchanged.
  const later = {
    ...(agenda !== null ? { agenda } : {}),
    ...(voteNotes.length ? { voteNotes } : {}),
    ...(subjects.length ? { subjects } : {}),
    ...(disputes.length ? { disputes } : {}),
  };
  hash.update(JSON.stringify({ ...meta, issues, ...later }));
  hash.update(votesDigest(votes));
  return hash.digest("hex");
}

/**
 * A digest of a set of votes that does not depend on their order: two independent 32-bit string hashes
 * (FNV-1a and a multiplicative one) of each `member vote` pair, summed, with the count. No sorting and no
 * allocation per vote — it runs once per roll call on every import, 870,000 votes for the research data.
 */
export function votesDigest(votes: Map<string, MemberVote>): string {
  let sumA = 0;
  let sumB = 0;
  for (const [member, vote] of votes) {
    let a = 0x811c9dc5;
    let b = 7;
    for (let i = 0; i < member.length; i++) {
      const c = member.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b, 31) + c;
    }
    const v = vote.charCodeAt(0);
    a = Math.imul(a ^ 0x7c, 0x01000193);
    a = Math.imul(a ^ v, 0x01000193);
    a ^= a >>> 15;
    a = Math.imul(a, 0x2c1b3c6d);
    a ^= a >>> 12;
    b = Math.imul(b ^ (v << 16), 0x9e3779b1);
    b ^= b >>> 16;
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
  }
  return `${votes.size}:${(sumA >>> 0).toString(16)}:${(sumB >>> 0).toString(16)}`;
}

export function rollCallRow(record: RollCallRecord, now: string): RollCallRow {
  return {
    body: record.body,
    session: record.session,
    date: record.date,
    symbol: record.symbol,
    symbol_key: record.symbol ? symbolKey(record.symbol) : null,
    draft_symbol: record.draftSymbol,
    draft_key: record.draftSymbol ? symbolKey(record.draftSymbol) : null,
    parent_id: null,
    kind: record.kind,
    title: record.title,
    description: record.description,
    meeting: record.meeting,
    agenda: record.agenda,
    vote_notes: record.voteNotes.length ? JSON.stringify(record.voteNotes) : null,
    subjects: record.subjects.length ? JSON.stringify(record.subjects) : null,
    procedural: record.procedural ? 1 : 0,
    important_question: record.importantQuestion === null ? null : record.importantQuestion ? 1 : 0,
    important_vote: record.importantVote ? 1 : 0,
    modality: record.modality,
    tally_yes: record.officialTally.yes,
    tally_no: record.officialTally.no,
    tally_abstain: record.officialTally.abstain,
    tally_non_voting: record.officialTally.nonVoting,
    recorded_outcome: record.recordedOutcome,
    complete: record.complete ? 1 : 0,
    sequence: record.sequence,
    updated_at: now,
  };
}

const NULLABLE_FIELDS = [
  "session",
  "symbol",
  "symbol_key",
  "draft_symbol",
  "draft_key",
  "parent_id",
  "description",
  "meeting",
  "agenda",
  "vote_notes",
  "subjects",
  "important_question",
  "tally_yes",
  "tally_no",
  "tally_abstain",
  "tally_non_voting",
  "recorded_outcome",
] as const;

/** One roll call from two sources: the winner's values, the other's where the winner has none. */
export function mergeRows(winner: RollCallRow, other: RollCallRow): RollCallRow {
  const merged: RollCallRow = { ...winner };
  for (const field of NULLABLE_FIELDS) {
    if (merged[field] === null) (merged as Record<string, unknown>)[field] = other[field];
  }
  merged.important_vote = Math.max(winner.important_vote, other.important_vote);
  // Votes are merged as a union: if either source knows every vote, the roll call is complete.
  merged.complete = Math.max(winner.complete, other.complete);
  return merged;
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The fields that differ between a stored row and its replacement (the timestamp aside). */
export function rowChanges(before: RollCallRow, after: RollCallRow): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(after) as (keyof RollCallRow)[]) {
    if (key !== "updated_at" && before[key] !== after[key])
      changes.push({ field: camel(key), before: before[key], after: after[key] });
  }
  return changes;
}

/** Above this many changed votes an update rewrites the roll call's votes instead of setting each. */
const SET_VOTE_LIMIT = 16;

export interface ExistingSource {
  rollCallId: number;
  contentHash: string;
}

export interface ProvenanceRow {
  roll_call_id: number;
  source: string;
  source_key: string;
  citation: string | null;
  file: string | null;
  content_hash: string;
  imported_at: string;
  /** JSON of the source's disputes, null when it contradicts itself nowhere. */
  disputes: string | null;
}

/** The storage operations the writer needs; one implementation per way of talking to the database. */
export interface WriteBackend {
  provenanceOf(source: string): Promise<Map<string, ExistingSource>> | Map<string, ExistingSource>;
  insertRollCall(row: RollCallRow): Promise<number> | number;
  /** A new roll call with its issues (a backend may order the two writes as suits it). */
  insertRollCallWithIssues(row: RollCallRow, issues: IssueTag[]): Promise<number> | number;
  updateRollCall(id: number, row: RollCallRow): Promise<void> | void;
  readRollCall(id: number): Promise<RollCallRow> | RollCallRow;
  /** Queues votes of a roll call; they are written by the next flush (or earlier). */
  addVotes(id: number, votes: Iterable<[string, MemberVote]>): Promise<void> | void;
  /** Writes queued votes; returns how many were written since the last call. */
  flush(): Promise<number> | number;
  deleteVotes(id: number): Promise<void> | void;
  votesOf(id: number): Promise<Map<string, MemberVote>> | Map<string, MemberVote>;
  setVote(id: number, member: string, vote: MemberVote): Promise<void> | void;
  /** Sources holding a roll call other than `except`. */
  otherSources(id: number, except: string): Promise<string[]> | string[];
  insertProvenance(row: ProvenanceRow): Promise<void> | void;
  updateProvenance(row: ProvenanceRow): Promise<void> | void;
  replaceIssues(id: number, issues: IssueTag[]): Promise<void> | void;
  addIssues(id: number, issues: IssueTag[]): Promise<void> | void;
  /** Roll calls of `body` whose `column` equals `key`, of kind resolution or draft, not held by `source`. */
  sameDecisionCandidates(
    body: string,
    column: "symbol_key" | "draft_key",
    key: string,
    source: string,
  ): Promise<{ id: number; date: string }[]> | { id: number; date: string }[];
  /** The disagreements of a roll call in which `source`'s vote was kept. */
  conflictsKeptBy(id: number, source: string): Promise<VoteConflict[]> | VoteConflict[];
  clearConflicts(id: number, source: string): Promise<void> | void;
  insertConflict(conflict: VoteConflict): Promise<void> | void;
  setParent(id: number, parentId: number): Promise<void> | void;
  bumpDataVersion(): Promise<void> | void;
  /** The write is over (restore connection settings). */
  finish?(): Promise<void> | void;
}

type VoteConflictRow = Selectable<VoteConflictsTable>;

function conflictOfRow(r: VoteConflictRow): VoteConflict {
  return {
    rollCallId: r.roll_call_id,
    memberId: r.member_id,
    keptSource: r.kept_source,
    keptVote: r.kept_vote as MemberVote,
    otherSource: r.other_source,
    otherVote: r.other_vote as MemberVote,
  };
}

// ---------------------------------------------------------------------------------------------------
// Kysely backend: every dialect.

export class KyselyWriteBackend implements WriteBackend {
  protected queue: { roll_call_id: number; member_id: string; vote: string }[] = [];
  protected written = 0;

  constructor(private readonly db: Kysely<Database>) {}

  protected get database(): Kysely<Database> {
    return this.db;
  }

  async provenanceOf(source: string): Promise<Map<string, ExistingSource>> {
    const rows = await this.db
      .selectFrom("provenance")
      .select(["source_key", "roll_call_id", "content_hash"])
      .where("source", "=", source)
      .execute();
    return new Map(
      rows.map((r) => [r.source_key, { rollCallId: r.roll_call_id, contentHash: r.content_hash }]),
    );
  }

  async insertRollCallWithIssues(row: RollCallRow, issues: IssueTag[]): Promise<number> {
    const id = await this.insertRollCall(row);
    await this.addIssues(id, issues);
    return id;
  }

  async insertRollCall(row: RollCallRow): Promise<number> {
    const inserted = await this.db
      .insertInto("roll_calls")
      .values({ ...row, vote_hash: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async updateRollCall(id: number, row: RollCallRow): Promise<void> {
    await this.db.updateTable("roll_calls").set(row).where("id", "=", id).execute();
  }

  async readRollCall(id: number): Promise<RollCallRow> {
    const {
      id: _id,
      vote_hash: _hash,
      ...row
    } = await this.db.selectFrom("roll_calls").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return row;
  }

  async addVotes(id: number, votes: Iterable<[string, MemberVote]>): Promise<void> {
    for (const [member, vote] of votes) {
      this.queue.push({ roll_call_id: id, member_id: member, vote });
      if (this.queue.length >= VOTE_BATCH) await this.writeQueue();
    }
  }

  protected async writeQueue(): Promise<void> {
    if (!this.queue.length) return;
    await this.db.insertInto("votes").values(this.queue).execute();
    this.written += this.queue.length;
    this.queue = [];
  }

  async flush(): Promise<number> {
    await this.writeQueue();
    const written = this.written;
    this.written = 0;
    return written;
  }

  async deleteVotes(id: number): Promise<void> {
    await this.db.deleteFrom("votes").where("roll_call_id", "=", id).execute();
  }

  async votesOf(id: number): Promise<Map<string, MemberVote>> {
    const rows = await this.db
      .selectFrom("votes")
      .select(["member_id", "vote"])
      .where("roll_call_id", "=", id)
      .execute();
    return new Map(rows.map((r) => [r.member_id, r.vote as MemberVote]));
  }

  async setVote(id: number, member: string, vote: MemberVote): Promise<void> {
    await this.db
      .updateTable("votes")
      .set({ vote })
      .where("roll_call_id", "=", id)
      .where("member_id", "=", member)
      .execute();
  }

  async otherSources(id: number, except: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("provenance")
      .select("source")
      .where("roll_call_id", "=", id)
      .where("source", "!=", except)
      .execute();
    return rows.map((r) => r.source);
  }

  async insertProvenance(row: ProvenanceRow): Promise<void> {
    await this.db.insertInto("provenance").values(row).execute();
  }

  async updateProvenance(row: ProvenanceRow): Promise<void> {
    await this.db
      .updateTable("provenance")
      .set({
        content_hash: row.content_hash,
        citation: row.citation,
        file: row.file,
        imported_at: row.imported_at,
        disputes: row.disputes,
      })
      .where("source", "=", row.source)
      .where("source_key", "=", row.source_key)
      .execute();
  }

  async replaceIssues(id: number, issues: IssueTag[]): Promise<void> {
    await this.db.deleteFrom("roll_call_issues").where("roll_call_id", "=", id).execute();
    await this.addIssues(id, issues);
  }

  async addIssues(id: number, issues: IssueTag[]): Promise<void> {
    if (!issues.length) return;
    await this.db
      .insertInto("roll_call_issues")
      .values(issues.map((issue) => ({ roll_call_id: id, code: issue.code, label: issue.label })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async sameDecisionCandidates(
    body: string,
    column: "symbol_key" | "draft_key",
    key: string,
    source: string,
  ): Promise<{ id: number; date: string }[]> {
    return this.db
      .selectFrom("roll_calls")
      .select(["id", "date"])
      .where("body", "=", body)
      .where(column, "=", key)
      .where("kind", "in", ["resolution", "draft"])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("provenance")
              .select("provenance.roll_call_id")
              .whereRef("provenance.roll_call_id", "=", "roll_calls.id")
              .where("provenance.source", "=", source),
          ),
        ),
      )
      .execute();
  }

  async conflictsKeptBy(id: number, source: string): Promise<VoteConflict[]> {
    const rows = await this.db
      .selectFrom("vote_conflicts")
      .selectAll()
      .where("roll_call_id", "=", id)
      .where("kept_source", "=", source)
      .execute();
    return rows.map(conflictOfRow);
  }

  async clearConflicts(id: number, source: string): Promise<void> {
    await this.db
      .deleteFrom("vote_conflicts")
      .where("roll_call_id", "=", id)
      .where((eb) => eb.or([eb("other_source", "=", source), eb("kept_source", "=", source)]))
      .execute();
  }

  async insertConflict(c: VoteConflict): Promise<void> {
    await this.db
      .insertInto("vote_conflicts")
      .values({
        roll_call_id: c.rollCallId,
        member_id: c.memberId,
        kept_source: c.keptSource,
        kept_vote: c.keptVote,
        other_source: c.otherSource,
        other_vote: c.otherVote,
      })
      .onConflict((oc) =>
        oc.columns(["roll_call_id", "member_id", "other_source"]).doUpdateSet({
          kept_source: c.keptSource,
          kept_vote: c.keptVote,
          other_vote: c.otherVote,
        }),
      )
      .execute();
  }

  async setParent(id: number, parentId: number): Promise<void> {
    await this.db.updateTable("roll_calls").set({ parent_id: parentId }).where("id", "=", id).execute();
  }

  bumpDataVersion(): Promise<void> {
    return bumpDataVersion(this.db);
  }
}

// ---------------------------------------------------------------------------------------------------
// SQLite bulk backend: prepared statements on the store's own better-sqlite3 connection.

const SAFE_ID = /^[A-Z0-9]+$/;

/** Page cache while importing (negative: KiB). */
const IMPORT_CACHE_KIB = -65536;

/** The columns of a roll call's row as the writer stores it (all but id and vote_hash). */
export const ROLL_CALL_COLUMNS: (keyof RollCallRow)[] = [
  "body",
  "session",
  "date",
  "symbol",
  "symbol_key",
  "draft_symbol",
  "draft_key",
  "parent_id",
  "kind",
  "title",
  "description",
  "meeting",
  "agenda",
  "vote_notes",
  "subjects",
  "procedural",
  "important_question",
  "important_vote",
  "modality",
  "tally_yes",
  "tally_no",
  "tally_abstain",
  "tally_non_voting",
  "recorded_outcome",
  "complete",
  "sequence",
  "updated_at",
];

const DECISION_KINDS = new Set(["resolution", "draft"]);

const PROVENANCE_COLUMNS: (keyof ProvenanceRow)[] = [
  "roll_call_id",
  "source",
  "source_key",
  "citation",
  "file",
  "content_hash",
  "imported_at",
  "disputes",
];

const decisionKey = (body: string, column: "symbol_key" | "draft_key", key: string) =>
  `${body}\u0000${column}\u0000${key}`;

/** Votes buffered before the PostgreSQL backend COPYs what it holds. */
const POSTGRES_VOTE_BUFFER = 100_000;

/**
 * PostgreSQL's bulk path: new roll calls, their issues, provenance and votes are buffered and go in by
 * COPY, one per table per flush, on the import transaction's own client — instead of four or five
 * round trips per roll call. Ids are handed out here (the caller holds the write lock, so nobody else
 * inserts roll calls meanwhile) and the id sequence is moved past them at the end. Everything that reads
 * or changes stored rows (updates, merges, conflicts, parents) flushes first and then runs through
 * Kysely, so it sees what was buffered.
 *
 * The full-text index's row triggers are told to stand aside for the transaction
 * (`plenary.search_deferred`); the roll calls this write touched are indexed in one set-based statement
 * at the end — once each, not once per roll call and again per subject.
 */
export class PostgresWriteBackend extends KyselyWriteBackend {
  private nextId: number | null = null;
  private rollCallLines: string[] = [];
  private issueLines: string[] = [];
  private provenanceLines: string[] = [];
  private voteLines: string[] = [];
  /** Issue codes buffered per new roll call (COPY has no ON CONFLICT: duplicates are dropped here). */
  private bufferedIssues = new Map<number, Set<string>>();
  /** Roll calls whose search document must be rebuilt at the end. */
  private readonly touched = new Set<number>();
  /** `body, column, key` of every stored or buffered decision: a key not in it has no candidates. */
  private decisionKeys: Set<string> | null = null;
  private started = false;
  private inserted = false;
  private copied = 0;
  /** The COPYs under way, in order. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    db: Kysely<Database>,
    private readonly client: pg.ClientBase,
  ) {
    super(db);
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await sql`select set_config('plenary.search_deferred', 'on', true)`.execute(this.database);
  }

  /** Starts COPYing what is buffered (parents before children) after whatever COPY is under way. */
  private startCopy(): void {
    const batch = {
      rollCalls: this.rollCallLines,
      issues: this.issueLines,
      provenance: this.provenanceLines,
      votes: this.voteLines,
    };
    if (!batch.rollCalls.length && !batch.issues.length && !batch.provenance.length && !batch.votes.length) {
      return;
    }
    this.rollCallLines = [];
    this.issueLines = [];
    this.provenanceLines = [];
    this.voteLines = [];
    this.bufferedIssues = new Map();
    this.pending = this.pending.then(async () => {
      await copyInto(this.client, "roll_calls", ["id", ...ROLL_CALL_COLUMNS], batch.rollCalls);
      await copyInto(this.client, "roll_call_issues", ["roll_call_id", "code", "label"], batch.issues);
      await copyInto(this.client, "provenance", PROVENANCE_COLUMNS, batch.provenance);
      await copyInto(this.client, "votes", ["roll_call_id", "member_id", "vote"], batch.votes);
      this.copied += batch.votes.length;
    });
    // A failed COPY is reported where the chain is next awaited (the next flush, at the latest finish).
    this.pending.catch(() => {});
  }

  /** COPYs everything buffered and waits until the server has it. */
  private async flushBuffers(): Promise<void> {
    this.startCopy();
    await this.pending;
  }

  /** Notes a stored or buffered decision's keys (once the set is loaded; loading reads them all). */
  private noteDecision(row: Pick<RollCallRow, "body" | "kind" | "symbol_key" | "draft_key">): void {
    if (!this.decisionKeys || !DECISION_KINDS.has(row.kind)) return;
    if (row.symbol_key) this.decisionKeys.add(decisionKey(row.body, "symbol_key", row.symbol_key));
    if (row.draft_key) this.decisionKeys.add(decisionKey(row.body, "draft_key", row.draft_key));
  }

  override async insertRollCall(row: RollCallRow): Promise<number> {
    await this.start();
    if (this.nextId === null) {
      const { rows } = await this.client.query<{ id: number }>(
        "select coalesce(max(id), 0)::integer as id from roll_calls",
      );
      this.nextId = (rows[0]?.id ?? 0) + 1;
    }
    const id = this.nextId++;
    this.inserted = true;
    this.rollCallLines.push(copyLine([id, ...ROLL_CALL_COLUMNS.map((c) => row[c])]));
    this.bufferedIssues.set(id, new Set());
    this.touched.add(id);
    this.noteDecision(row);
    return id;
  }

  override async insertRollCallWithIssues(row: RollCallRow, issues: IssueTag[]): Promise<number> {
    const id = await this.insertRollCall(row);
    await this.addIssues(id, issues);
    return id;
  }

  override async addIssues(id: number, issues: IssueTag[]): Promise<void> {
    if (!issues.length) return;
    await this.start();
    this.touched.add(id);
    const buffered = this.bufferedIssues.get(id);
    if (!buffered) {
      await this.flushBuffers();
      return super.addIssues(id, issues);
    }
    for (const issue of issues) {
      if (buffered.has(issue.code)) continue;
      buffered.add(issue.code);
      this.issueLines.push(copyLine([id, issue.code, issue.label]));
    }
  }

  override async addVotes(id: number, votes: Iterable<[string, MemberVote]>): Promise<void> {
    const prefix = `${id}\t`;
    for (const [member, vote] of votes) {
      this.voteLines.push(
        SAFE_ID.test(member) ? `${prefix}${member}\t${vote}\n` : copyLine([id, member, vote]),
      );
    }
    if (this.voteLines.length >= POSTGRES_VOTE_BUFFER) {
      // The server stores one batch while the importer reads the next: the previous batch is waited
      // for before this one starts, so at most two are held.
      await this.pending;
      this.startCopy();
    }
  }

  override async insertProvenance(row: ProvenanceRow): Promise<void> {
    this.provenanceLines.push(copyLine(PROVENANCE_COLUMNS.map((c) => row[c])));
  }

  override async flush(): Promise<number> {
    await this.flushBuffers();
    const copied = this.copied;
    this.copied = 0;
    return copied + (await super.flush());
  }

  override async sameDecisionCandidates(
    body: string,
    column: "symbol_key" | "draft_key",
    key: string,
    source: string,
  ): Promise<{ id: number; date: string }[]> {
    if (!this.decisionKeys) {
      await this.flushBuffers();
      const { rows } = await this.client.query<
        Pick<RollCallRow, "body" | "kind" | "symbol_key" | "draft_key">
      >("select body, kind, symbol_key, draft_key from roll_calls where kind in ('resolution', 'draft')");
      this.decisionKeys = new Set();
      for (const row of rows) this.noteDecision(row);
    }
    if (!this.decisionKeys.has(decisionKey(body, column, key))) return [];
    await this.flushBuffers();
    return super.sameDecisionCandidates(body, column, key, source);
  }

  // Whatever reads or changes stored rows sees the buffered ones first.

  override async provenanceOf(source: string): Promise<Map<string, ExistingSource>> {
    await this.flushBuffers();
    return super.provenanceOf(source);
  }
  override async updateRollCall(id: number, row: RollCallRow): Promise<void> {
    await this.start();
    await this.flushBuffers();
    this.touched.add(id);
    this.noteDecision(row);
    return super.updateRollCall(id, row);
  }
  override async readRollCall(id: number): Promise<RollCallRow> {
    await this.flushBuffers();
    return super.readRollCall(id);
  }
  override async deleteVotes(id: number): Promise<void> {
    await this.flushBuffers();
    return super.deleteVotes(id);
  }
  override async votesOf(id: number): Promise<Map<string, MemberVote>> {
    await this.flushBuffers();
    return super.votesOf(id);
  }
  override async setVote(id: number, member: string, vote: MemberVote): Promise<void> {
    await this.flushBuffers();
    return super.setVote(id, member, vote);
  }
  override async otherSources(id: number, except: string): Promise<string[]> {
    await this.flushBuffers();
    return super.otherSources(id, except);
  }
  override async updateProvenance(row: ProvenanceRow): Promise<void> {
    await this.flushBuffers();
    return super.updateProvenance(row);
  }
  override async replaceIssues(id: number, issues: IssueTag[]): Promise<void> {
    await this.start();
    await this.flushBuffers();
    this.touched.add(id);
    return super.replaceIssues(id, issues);
  }
  override async conflictsKeptBy(id: number, source: string): Promise<VoteConflict[]> {
    await this.flushBuffers();
    return super.conflictsKeptBy(id, source);
  }
  override async clearConflicts(id: number, source: string): Promise<void> {
    await this.flushBuffers();
    return super.clearConflicts(id, source);
  }
  override async insertConflict(conflict: VoteConflict): Promise<void> {
    await this.flushBuffers();
    return super.insertConflict(conflict);
  }
  override async setParent(id: number, parentId: number): Promise<void> {
    await this.flushBuffers();
    return super.setParent(id, parentId);
  }

  /** Moves the id sequence past the ids handed out, and indexes the touched roll calls for search. */
  async finish(): Promise<void> {
    await this.flushBuffers();
    if (this.inserted) {
      await this.client.query(
        "select setval(pg_get_serial_sequence('roll_calls', 'id'), (select max(id) from roll_calls))",
      );
    }
    if (this.touched.size) {
      await this.client.query("select roll_call_search_refresh_many($1::integer[])", [[...this.touched]]);
    }
    if (this.started) {
      await sql`select set_config('plenary.search_deferred', 'off', true)`.execute(this.database);
    }
  }
}

export class SqliteWriteBackend implements WriteBackend {
  private readonly statements;
  private readonly previousCacheSize: number;
  private deferredKeys = false;
  private written = 0;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    // A large import touches the votes B-tree all along: with SQLite's default 2 MB page cache its pages
    // go back and forth to the WAL file. 64 MB for the length of the write (finish() restores it).
    this.previousCacheSize = sqlite.pragma("cache_size", { simple: true }) as number;
    sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    this.statements = {
      provenanceOf: sqlite.prepare<
        [string],
        { source_key: string; roll_call_id: number; content_hash: string }
      >("select source_key, roll_call_id, content_hash from provenance where source = ?"),
      insertRollCall: sqlite.prepare(
        `insert into roll_calls (${ROLL_CALL_COLUMNS.join(", ")}, vote_hash) values (${ROLL_CALL_COLUMNS.map(() => "?").join(", ")}, null)`,
      ),
      insertRollCallWithId: sqlite.prepare(
        `insert into roll_calls (id, ${ROLL_CALL_COLUMNS.join(", ")}, vote_hash) values (?, ${ROLL_CALL_COLUMNS.map(() => "?").join(", ")}, null)`,
      ),
      maxId: sqlite.prepare<[], { id: number | null }>("select max(id) as id from roll_calls"),
      updateRollCall: sqlite.prepare(
        `update roll_calls set ${ROLL_CALL_COLUMNS.map((c) => `${c} = ?`).join(", ")} where id = ?`,
      ),
      readRollCall: sqlite.prepare<[number], RollCallRow>(
        `select ${ROLL_CALL_COLUMNS.join(", ")} from roll_calls where id = ?`,
      ),
      insertVotes: sqlite.prepare(
        "insert into votes (roll_call_id, member_id, vote) select ?, key, value from json_each(?)",
      ),
      deleteVotes: sqlite.prepare("delete from votes where roll_call_id = ?"),
      votesOf: sqlite.prepare<[number], { member_id: string; vote: string }>(
        "select member_id, vote from votes where roll_call_id = ?",
      ),
      setVote: sqlite.prepare("update votes set vote = ? where roll_call_id = ? and member_id = ?"),
      otherSources: sqlite.prepare<[number, string], { source: string }>(
        "select source from provenance where roll_call_id = ? and source != ?",
      ),
      insertProvenance: sqlite.prepare(
        `insert into provenance (${PROVENANCE_COLUMNS.join(", ")}) values (${PROVENANCE_COLUMNS.map(() => "?").join(", ")})`,
      ),
      updateProvenance: sqlite.prepare(
        "update provenance set content_hash = ?, citation = ?, file = ?, imported_at = ?, disputes = ? where source = ? and source_key = ?",
      ),
      deleteIssues: sqlite.prepare("delete from roll_call_issues where roll_call_id = ?"),
      insertIssue: sqlite.prepare(
        "insert or ignore into roll_call_issues (roll_call_id, code, label) values (?, ?, ?)",
      ),
      sameBySymbol: sqlite.prepare<[string, string, string], { id: number; date: string }>(
        `select id, date from roll_calls where body = ? and symbol_key = ? and kind in ('resolution', 'draft')
           and not exists (select 1 from provenance p where p.roll_call_id = roll_calls.id and p.source = ?)`,
      ),
      sameByDraft: sqlite.prepare<[string, string, string], { id: number; date: string }>(
        `select id, date from roll_calls where body = ? and draft_key = ? and kind in ('resolution', 'draft')
           and not exists (select 1 from provenance p where p.roll_call_id = roll_calls.id and p.source = ?)`,
      ),
      conflictsKeptBy: sqlite.prepare<[number, string], VoteConflictRow>(
        "select * from vote_conflicts where roll_call_id = ? and kept_source = ?",
      ),
      clearConflicts: sqlite.prepare(
        "delete from vote_conflicts where roll_call_id = ? and (other_source = ? or kept_source = ?)",
      ),
      insertConflict: sqlite.prepare(
        `insert into vote_conflicts (roll_call_id, member_id, kept_source, kept_vote, other_source, other_vote)
           values (?, ?, ?, ?, ?, ?)
           on conflict (roll_call_id, member_id, other_source)
           do update set kept_source = excluded.kept_source, kept_vote = excluded.kept_vote, other_vote = excluded.other_vote`,
      ),
      setParent: sqlite.prepare("update roll_calls set parent_id = ? where id = ?"),
      bumpDataVersion: sqlite.prepare(
        `insert into meta (key, value) values ('data_version', '1')
           on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`,
      ),
    };
  }

  private rowValues(row: RollCallRow): unknown[] {
    return ROLL_CALL_COLUMNS.map((c) => row[c]);
  }

  provenanceOf(source: string): Map<string, ExistingSource> {
    const map = new Map<string, ExistingSource>();
    for (const r of this.statements.provenanceOf.iterate(source)) {
      map.set(r.source_key, { rollCallId: r.roll_call_id, contentHash: r.content_hash });
    }
    return map;
  }

  insertRollCall(row: RollCallRow): number {
    return Number(this.statements.insertRollCall.run(...this.rowValues(row)).lastInsertRowid);
  }

  /**
   * Issues first, then the roll call, under its id taken in advance: the full-text index's triggers
   * then index the roll call once, subjects included, instead of re-indexing it for every issue. The
   * issues' foreign keys are checked at commit (defer_foreign_keys lasts for this transaction only).
   */
  insertRollCallWithIssues(row: RollCallRow, issues: IssueTag[]): number {
    if (!issues.length) return this.insertRollCall(row);
    if (!this.deferredKeys) {
      this.sqlite.pragma("defer_foreign_keys = ON");
      this.deferredKeys = true;
    }
    const id = (this.statements.maxId.get()?.id ?? 0) + 1;
    this.addIssues(id, issues);
    this.statements.insertRollCallWithId.run(id, ...this.rowValues(row));
    return id;
  }

  updateRollCall(id: number, row: RollCallRow): void {
    this.statements.updateRollCall.run(...this.rowValues(row), id);
  }

  readRollCall(id: number): RollCallRow {
    const row = this.statements.readRollCall.get(id);
    if (!row) throw new Error(`roll call ${id} vanished during a write`);
    return row;
  }

  addVotes(id: number, votes: Iterable<[string, MemberVote]>): void {
    // One statement per roll call: its votes as one JSON object that SQLite unpacks (json_each) — faster
    // than binding three parameters per vote across the native boundary. In member order: each row then
    // goes to the end of the votes B-tree, SQLite's cheapest insert (a third less work than file order).
    const pairs: string[] = [];
    for (const [member, vote] of votes) {
      // Member ids are alpha-3 and votes one letter: nothing to escape (checked, to be safe).
      pairs.push(SAFE_ID.test(member) ? `"${member}":"${vote}"` : `${JSON.stringify(member)}:"${vote}"`);
    }
    if (!pairs.length) return;
    // `"ABC":"Y"` sorts as its id does (ids of one length; a quote sorts before letters and digits).
    pairs.sort();
    this.statements.insertVotes.run(id, `{${pairs.join(",")}}`);
    this.written += pairs.length;
  }

  flush(): number {
    const written = this.written;
    this.written = 0;
    return written;
  }

  deleteVotes(id: number): void {
    this.statements.deleteVotes.run(id);
  }

  votesOf(id: number): Map<string, MemberVote> {
    const map = new Map<string, MemberVote>();
    for (const r of this.statements.votesOf.iterate(id)) map.set(r.member_id, r.vote as MemberVote);
    return map;
  }

  setVote(id: number, member: string, vote: MemberVote): void {
    this.statements.setVote.run(vote, id, member);
  }

  otherSources(id: number, except: string): string[] {
    return this.statements.otherSources.all(id, except).map((r) => r.source);
  }

  insertProvenance(r: ProvenanceRow): void {
    this.statements.insertProvenance.run(...PROVENANCE_COLUMNS.map((c) => r[c]));
  }

  updateProvenance(r: ProvenanceRow): void {
    this.statements.updateProvenance.run(
      r.content_hash,
      r.citation,
      r.file,
      r.imported_at,
      r.disputes,
      r.source,
      r.source_key,
    );
  }

  replaceIssues(id: number, issues: IssueTag[]): void {
    this.statements.deleteIssues.run(id);
    this.addIssues(id, issues);
  }

  addIssues(id: number, issues: IssueTag[]): void {
    for (const issue of issues) this.statements.insertIssue.run(id, issue.code, issue.label);
  }

  sameDecisionCandidates(body: string, column: "symbol_key" | "draft_key", key: string, source: string) {
    const statement = column === "symbol_key" ? this.statements.sameBySymbol : this.statements.sameByDraft;
    return statement.all(body, key, source);
  }

  conflictsKeptBy(id: number, source: string): VoteConflict[] {
    return this.statements.conflictsKeptBy.all(id, source).map(conflictOfRow);
  }

  clearConflicts(id: number, source: string): void {
    this.statements.clearConflicts.run(id, source, source);
  }

  insertConflict(c: VoteConflict): void {
    this.statements.insertConflict.run(
      c.rollCallId,
      c.memberId,
      c.keptSource,
      c.keptVote,
      c.otherSource,
      c.otherVote,
    );
  }

  setParent(id: number, parentId: number): void {
    this.statements.setParent.run(parentId, id);
  }

  bumpDataVersion(): void {
    this.statements.bumpDataVersion.run();
  }

  finish(): void {
    this.sqlite.pragma(`cache_size = ${this.previousCacheSize}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The writer

const DAY_MS = 86_400_000;
const byMember = (a: VoteCorrection, b: VoteCorrection) =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
/** How far apart two sources may date the same decision (the research data approximates days). */
const SAME_DECISION_DAYS = 31;

export class RollCallWriter {
  readonly report: WriteReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    votesWritten: 0,
    conflicts: 0,
    corrections: 0,
    ids: [],
  };
  private readonly provenanceBySource = new Map<string, Map<string, ExistingSource>>();
  private readonly idBySourceKey = new Map<string, number>();
  private readonly pendingParents: { id: number; source: string; parentSourceKey: string }[] = [];
  private readonly now: string;

  constructor(
    private readonly backend: WriteBackend,
    options: { now?: string } = {},
  ) {
    this.now = options.now ?? new Date().toISOString();
  }

  /** A writer on `db` (the caller's transaction), with the SQLite bulk path when `options.sqlite` is given. */
  static create(db: Kysely<Database>, options: WriteOptions = {}): RollCallWriter {
    const backend = options.sqlite
      ? new SqliteWriteBackend(options.sqlite)
      : options.postgres
        ? new PostgresWriteBackend(db, options.postgres)
        : new KyselyWriteBackend(db);
    return new RollCallWriter(backend, { now: options.now });
  }

  private async known(source: string): Promise<Map<string, ExistingSource>> {
    let known = this.provenanceBySource.get(source);
    if (!known) {
      known = await this.backend.provenanceOf(source);
      this.provenanceBySource.set(source, known);
    }
    return known;
  }

  /** Another source's roll call for the same decision, or null. */
  private async findSameDecision(record: RollCallRecord): Promise<number | null> {
    if (record.kind !== "resolution" && record.kind !== "draft") return null;
    let candidates: { id: number; date: string }[];
    if (record.symbol) {
      candidates = await this.backend.sameDecisionCandidates(
        record.body,
        "symbol_key",
        symbolKey(record.symbol),
        record.source,
      );
    } else if (record.draftSymbol) {
      candidates = await this.backend.sameDecisionCandidates(
        record.body,
        "draft_key",
        symbolKey(record.draftSymbol),
        record.source,
      );
    } else {
      return null;
    }
    if (!candidates.length) return null;
    // Sources date a meeting differently now and then (the research data approximates): prefer the same
    // day, else the nearest.
    const target = Date.parse(record.date);
    let best: { id: number; distance: number } | null = null;
    for (const c of candidates) {
      const distance = Math.abs(Date.parse(c.date) - target) / DAY_MS;
      if (!best || distance < best.distance) best = { id: c.id, distance };
    }
    return best && best.distance <= SAME_DECISION_DAYS ? best.id : null;
  }

  /**
   * Merges a source's votes into a roll call other sources hold. The more trusted source's vote stands;
   * each disagreement is recorded. `updating`: the source gave this roll call before, and won — the stored
   * votes are its own earlier ones; another source's vote is known where it disagreed (the conflict rows
   * about to be replaced): a source that corrects itself into agreement leaves no conflict, one that
   * corrects itself away from another's known vote makes one, and a member it no longer lists gets the
   * other source's vote back. Where another source agreed with the earlier vote nothing says so (the
   * store keeps one vote per member, not one per source): no disagreement is made up for it. A less
   * trusted source's update meets the stored votes as the trusted source's, as on a first merge.
   */
  private async mergeVotes(
    id: number,
    record: RollCallRecord,
    otherSources: string[],
    updating = false,
  ): Promise<{ conflicts: VoteConflict[]; corrections: VoteCorrection[] }> {
    this.report.votesWritten += await this.backend.flush();
    const existing = await this.backend.votesOf(id);
    const otherPriority = Math.max(-1, ...otherSources.map(sourcePriority));
    const ranked = [...otherSources].sort(
      (a, b) => sourcePriority(b) - sourcePriority(a) || a.localeCompare(b),
    );
    const otherSource = ranked[0] ?? "unknown";
    const incomingWins = sourcePriority(record.source) > otherPriority;
    // member → source → that source's vote, where it differed from this source's earlier one.
    const earlier = new Map<string, Map<string, MemberVote>>();
    if (updating && incomingWins) {
      for (const c of await this.backend.conflictsKeptBy(id, record.source)) {
        const bySource = earlier.get(c.memberId) ?? new Map<string, MemberVote>();
        bySource.set(c.otherSource, c.otherVote);
        earlier.set(c.memberId, bySource);
      }
    }
    const fresh: [string, MemberVote][] = [];
    const conflicts: VoteConflict[] = [];
    const corrections: VoteCorrection[] = [];
    await this.backend.clearConflicts(id, record.source);
    for (const [member, vote] of record.votes) {
      const current = existing.get(member);
      if (current === undefined) {
        fresh.push([member, vote]);
        corrections.push({ rollCallId: id, memberId: member, before: null, after: vote });
        continue;
      }
      let conflict: VoteConflict | null = null;
      if (incomingWins) {
        // One conflict per member: with the most trusted other source that disagrees. On a first merge the
        // stored votes are the other sources'; on an update they are this source's own earlier ones, and
        // another source's vote is known only where it disagreed (a conflict row) — none is made up.
        const known = earlier.get(member);
        for (const source of ranked) {
          const theirs = updating ? known?.get(source) : current;
          if (theirs === undefined || theirs === vote) continue;
          conflict = {
            rollCallId: id,
            memberId: member,
            keptSource: record.source,
            keptVote: vote,
            otherSource: source,
            otherVote: theirs,
          };
          break;
        }
      } else if (current !== vote) {
        conflict = {
          rollCallId: id,
          memberId: member,
          keptSource: otherSource,
          keptVote: current,
          otherSource: record.source,
          otherVote: vote,
        };
      }
      if (conflict) {
        conflicts.push(conflict);
        await this.backend.insertConflict(conflict);
      }
      if (incomingWins && current !== vote) {
        await this.backend.setVote(id, member, vote);
        this.report.votesWritten++;
        corrections.push({ rollCallId: id, memberId: member, before: current, after: vote });
      }
    }
    // A member this source no longer lists, on which another source disagreed: that source's vote now.
    for (const [member, bySource] of earlier) {
      if (record.votes.has(member)) continue;
      const theirs = bySource.get(ranked.find((source) => bySource.has(source)) ?? "")!;
      if (existing.get(member) === theirs) continue;
      await this.backend.setVote(id, member, theirs);
      this.report.votesWritten++;
      corrections.push({
        rollCallId: id,
        memberId: member,
        before: existing.get(member) ?? null,
        after: theirs,
      });
    }
    await this.backend.addVotes(id, fresh);
    this.report.conflicts += conflicts.length;
    return { conflicts, corrections: corrections.sort(byMember) };
  }

  /**
   * Replaces the votes of a roll call only its own source holds with the source's newer version, and
   * says which stored votes changed. A few changed votes are set one by one (a correction touches one or
   * two rows, not the roll call's 193); a vote taken away or many changed rewrite the roll call's votes.
   */
  private async replaceVotes(id: number, record: RollCallRecord): Promise<VoteCorrection[]> {
    this.report.votesWritten += await this.backend.flush();
    const stored = await this.backend.votesOf(id);
    const corrections: VoteCorrection[] = [];
    const fresh: [string, MemberVote][] = [];
    const changed: [string, MemberVote][] = [];
    for (const [member, vote] of record.votes) {
      const before = stored.get(member);
      if (before === vote) continue;
      (before === undefined ? fresh : changed).push([member, vote]);
      corrections.push({ rollCallId: id, memberId: member, before: before ?? null, after: vote });
    }
    let removed = false;
    for (const [member, vote] of stored) {
      if (record.votes.has(member)) continue;
      removed = true;
      corrections.push({ rollCallId: id, memberId: member, before: vote, after: null });
    }
    if (removed || changed.length > SET_VOTE_LIMIT) {
      await this.backend.deleteVotes(id);
      await this.backend.addVotes(id, record.votes);
    } else {
      for (const [member, vote] of changed) await this.backend.setVote(id, member, vote);
      this.report.votesWritten += changed.length;
      await this.backend.addVotes(id, fresh);
    }
    return corrections.sort(byMember);
  }

  /** Stores the row of a roll call shared with other sources: the more trusted source's values first. */
  private async mergeRow(id: number, record: RollCallRecord, otherSources: string[]): Promise<FieldChange[]> {
    const existing = await this.backend.readRollCall(id);
    const incoming = rollCallRow(record, this.now);
    incoming.parent_id = existing.parent_id;
    const otherPriority = Math.max(-1, ...otherSources.map(sourcePriority));
    const merged =
      sourcePriority(record.source) > otherPriority
        ? mergeRows(incoming, existing)
        : mergeRows({ ...existing, updated_at: this.now }, incoming);
    const changes = rowChanges(existing, merged);
    if (changes.length) await this.backend.updateRollCall(id, merged);
    return changes;
  }

  /** Writes one record; see the module comment for what happens. */
  async write(record: RollCallRecord): Promise<WriteResult> {
    const known = await this.known(record.source);
    const hash = contentHash(record);
    const previous = known.get(record.sourceKey);
    const provenance: ProvenanceRow = {
      roll_call_id: 0,
      source: record.source,
      source_key: record.sourceKey,
      citation: record.citation,
      file: record.file,
      content_hash: hash,
      imported_at: this.now,
      disputes: record.disputes.length ? JSON.stringify(record.disputes) : null,
    };
    let id: number;
    let outcome: WriteOutcome;
    let conflicts: VoteConflict[] = [];
    let corrections: VoteCorrection[] = [];
    let fields: FieldChange[] = [];
    if (previous && previous.contentHash === hash) {
      outcome = "unchanged";
      id = previous.rollCallId;
    } else if (previous) {
      outcome = "updated";
      id = previous.rollCallId;
      const others = await this.backend.otherSources(id, record.source);
      if (!others.length) {
        const before = await this.backend.readRollCall(id);
        const row = rollCallRow(record, this.now);
        row.parent_id = before.parent_id;
        fields = rowChanges(before, row);
        await this.backend.updateRollCall(id, row);
        corrections = await this.replaceVotes(id, record);
        await this.backend.replaceIssues(id, record.issues);
      } else {
        fields = await this.mergeRow(id, record, others);
        ({ conflicts, corrections } = await this.mergeVotes(id, record, others, true));
        await this.backend.addIssues(id, record.issues);
      }
      this.report.corrections += corrections.length;
      provenance.roll_call_id = id;
      await this.backend.updateProvenance(provenance);
      known.set(record.sourceKey, { rollCallId: id, contentHash: hash });
    } else {
      const same = await this.findSameDecision(record);
      if (same !== null) {
        outcome = "merged";
        id = same;
        const others = await this.backend.otherSources(id, record.source);
        await this.mergeRow(id, record, others);
        ({ conflicts } = await this.mergeVotes(id, record, others));
        await this.backend.addIssues(id, record.issues);
      } else {
        outcome = "added";
        id = await this.backend.insertRollCallWithIssues(rollCallRow(record, this.now), record.issues);
        await this.backend.addVotes(id, record.votes);
      }
      provenance.roll_call_id = id;
      await this.backend.insertProvenance(provenance);
      known.set(record.sourceKey, { rollCallId: id, contentHash: hash });
    }
    this.report[outcome]++;
    if (outcome !== "unchanged" && record.parentSourceKey) {
      this.pendingParents.push({ id, source: record.source, parentSourceKey: record.parentSourceKey });
    }
    this.idBySourceKey.set(`${record.source}\u0000${record.sourceKey}`, id);
    this.report.ids.push(id);
    return { outcome, id, conflicts, corrections, fields };
  }

  /** Writes what is queued, links parents (a parent may come after its child) and bumps the data version. */
  async finish(): Promise<WriteReport> {
    this.report.votesWritten += await this.backend.flush();
    for (const { id, source, parentSourceKey } of this.pendingParents) {
      const parentId =
        this.idBySourceKey.get(`${source}\u0000${parentSourceKey}`) ??
        this.provenanceBySource.get(source)?.get(parentSourceKey)?.rollCallId;
      if (parentId !== undefined && parentId !== id) await this.backend.setParent(id, parentId);
    }
    this.pendingParents.length = 0;
    const { added, updated, merged } = this.report;
    if (added || updated || merged) await this.backend.bumpDataVersion();
    await this.backend.finish?.();
    return this.report;
  }
}

/** Writes a batch of records (the caller owns the transaction). */
export async function writeRollCalls(
  db: Kysely<Database>,
  records: RollCallRecord[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  const writer = RollCallWriter.create(db, options);
  for (const record of records) await writer.write(record);
  return writer.finish();
}

/** Incremented by every import that changed something: the vote matrix reloads when it moves. */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "data_version")
    .executeTakeFirst();
  const next = String(Number(row?.value ?? "0") + 1);
  await db
    .insertInto("meta")
    .values({ key: "data_version", value: next })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: next }))
    .execute();
}

export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "data_version")
    .executeTakeFirst();
  return Number(row?.value ?? "0");
}
