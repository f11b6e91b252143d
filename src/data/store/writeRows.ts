/**
 * What the writer stores and reports: a record's row, its content hash and vote digest, how two
 * sources' rows merge and which fields an update changed, the report types, and the one list of a roll
 * call's columns (ROLL_CALL_COLUMNS) that the bulk paths and the export read.
 */
import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { symbolKey } from "../../core/symbols.js";
import type { MemberVote } from "../../core/vote.js";
import type { RollCallRecord } from "../records.js";
import type { ProvenanceTable, RollCallsTable } from "./schema.js";

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

export interface ExistingSource {
  rollCallId: number;
  contentHash: string;
}

/** A provenance row as the writer stores it: the table's columns (schema.ts). */
export type ProvenanceRow = ProvenanceTable;

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

/** The columns of a provenance row. */
export const PROVENANCE_COLUMNS: (keyof ProvenanceRow)[] = [
  "roll_call_id",
  "source",
  "source_key",
  "citation",
  "file",
  "content_hash",
  "imported_at",
  "disputes",
];
