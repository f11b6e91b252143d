/**
 * The writer's SQLite bulk backend: better-sqlite3 prepared statements on the store's own connection
 * (hence inside the same transaction) — 870,000 votes through Kysely's query compiler take too long.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { MemberVote } from "../../core/vote.js";
import type { IssueTag } from "../records.js";
import {
  ROLL_CALL_COLUMNS,
  PROVENANCE_COLUMNS,
  type VoteConflict,
  type RollCallRow,
  type ExistingSource,
  type ProvenanceRow,
} from "./writeRows.js";
import { conflictOfRow, SAFE_ID, type WriteBackend, type VoteConflictRow } from "./writeBackend.js";

/** Page cache while importing (negative: KiB). */
const IMPORT_CACHE_KIB = -65536;

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
