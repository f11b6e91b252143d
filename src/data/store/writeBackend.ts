/**
 * The storage operations the writer (./writer.ts) needs, one implementation per way of talking to the
 * database: ./kyselyWrite.ts (every dialect), ./sqliteWrite.ts and ./postgresWrite.ts (the bulk paths
 * large imports need). Also the few helpers the bulk paths share.
 */
import type { Selectable } from "kysely";
import type { MemberVote } from "../../core/vote.js";
import type { IssueTag } from "../records.js";
import type { VoteConflictsTable } from "./schema.js";
import type { VoteConflict, RollCallRow, ExistingSource, ProvenanceRow } from "./writeRows.js";

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

export type VoteConflictRow = Selectable<VoteConflictsTable>;

export function conflictOfRow(r: VoteConflictRow): VoteConflict {
  return {
    rollCallId: r.roll_call_id,
    memberId: r.member_id,
    keptSource: r.kept_source,
    keptVote: r.kept_vote as MemberVote,
    otherSource: r.other_source,
    otherVote: r.other_vote as MemberVote,
  };
}

/** Member ids safe to put into SQL text as they are (alpha-3 codes). */
export const SAFE_ID = /^[A-Z0-9]+$/;

/** The kinds of roll call a later source may merge into (see the writer). */
export const DECISION_KINDS = new Set(["resolution", "draft"]);

/** A key of a decision in the bulk backends' memory of the roll calls written so far. */
export const decisionKey = (body: string, column: "symbol_key" | "draft_key", key: string) =>
  `${body}\u0000${column}\u0000${key}`;
