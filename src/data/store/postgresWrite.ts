/**
 * The writer's PostgreSQL bulk backend: COPY on the import transaction's own client (./postgresCopy.ts).
 */
import type pg from "pg";
import { sql, type Kysely } from "kysely";
import type { MemberVote } from "../../core/vote.js";
import type { IssueTag } from "../records.js";
import { copyInto, copyLine } from "./postgresCopy.js";
import type { Database } from "./schema.js";
import {
  PROVENANCE_COLUMNS,
  ROLL_CALL_COLUMNS,
  type VoteConflict,
  type RollCallRow,
  type ExistingSource,
  type ProvenanceRow,
} from "./writeRows.js";
import { SAFE_ID, DECISION_KINDS, decisionKey } from "./writeBackend.js";
import { KyselyWriteBackend } from "./kyselyWrite.js";

/** How long a first load waits for the locks it needs to set the votes' foreign key aside. */
const FIRST_LOAD_LOCK_TIMEOUT = "200ms";
/** PostgreSQL's SQLSTATE when a lock was not granted within lock_timeout. */
const LOCK_NOT_AVAILABLE = "55P03";

/** An SQL identifier, double-quoted. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

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
  /** Whether the first COPY of votes has looked at the votes table yet (firstLoad). */
  private votesChecked = false;
  /** The votes' foreign keys set aside for a first load, to add back (and check) at the end. */
  private setAside: { name: string; definition: string }[] = [];

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
      if (batch.votes.length) await this.firstLoad();
      await copyInto(this.client, "votes", ["roll_call_id", "member_id", "vote"], batch.votes);
      this.copied += batch.votes.length;
    });
    // A failed COPY is reported where the chain is next awaited (the next flush, at the latest finish).
    this.pending.catch(() => {});
  }

  /**
   * Before the first COPY of votes: when the votes table is empty, its foreign key to roll_calls is set
   * aside until finish() adds it back. PostgreSQL checks a foreign key row by row as rows arrive (one
   * lookup and lock per vote: COPYing the research record's 868k votes took 6.1 s with it, 1.9 s
   * without, measured on this machine), but checks a key added to a full table in one join (0.1 s) —
   * as pg_restore loads data before it adds constraints. Dropping the key locks both votes and
   * roll_calls until the import commits, which is why this is done only for a first load, when there
   * is nothing there for anyone to read, and only if the locks come within FIRST_LOAD_LOCK_TIMEOUT: a
   * reader holding roll_calls (another instance loading its matrix) keeps the row-by-row check instead
   * of waiting, or deadlocking, with it. The drop and the add are in the import's transaction, so a
   * failed import leaves the key as it was.
   */
  private async firstLoad(): Promise<void> {
    if (this.votesChecked) return;
    this.votesChecked = true;
    const { rows: present } = await this.client.query("select 1 from votes limit 1");
    if (present.length) return;
    const { rows } = await this.client.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition
         from pg_constraint where conrelid = 'votes'::regclass and contype = 'f' order by conname`,
    );
    if (!rows.length) return;
    const { rows: setting } = await this.client.query<{ value: string }>(
      "select current_setting('lock_timeout') as value",
    );
    await this.client.query("savepoint plenary_first_load");
    await this.client.query("select set_config('lock_timeout', $1, true)", [FIRST_LOAD_LOCK_TIMEOUT]);
    try {
      for (const key of rows) {
        // The name and the definition come from the catalog (the schema's own), never from input.
        await this.client.query(`alter table votes drop constraint ${quoteIdentifier(key.name)}`);
      }
      await this.client.query("release savepoint plenary_first_load");
      this.setAside = rows;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      await this.client.query("rollback to savepoint plenary_first_load");
    }
    await this.client.query("select set_config('lock_timeout', $1, true)", [setting[0]!.value]);
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
    for (const key of this.setAside.splice(0)) {
      await this.client.query(
        `alter table votes add constraint ${quoteIdentifier(key.name)} ${key.definition}`,
      );
    }
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
