/**
 * The store's tables as Kysely sees them. One definition serves SQLite and PostgreSQL: booleans are
 * stored as 0/1 integers and dates as ISO text so both dialects read back the same plain values.
 * Kept in step with migrations.ts (each column here is created there).
 */
import type { Generated } from "kysely";

export interface RollCallsTable {
  id: Generated<number>;
  body: string;
  session: string | null;
  date: string;
  symbol: string | null;
  /** symbolKey(symbol): upper case, no spaces, no Council year — what lookups match on. */
  symbol_key: string | null;
  draft_symbol: string | null;
  draft_key: string | null;
  parent_id: number | null;
  kind: string;
  title: string;
  description: string | null;
  meeting: string | null;
  procedural: number;
  important_question: number | null;
  important_vote: number;
  modality: string;
  tally_yes: number | null;
  tally_no: number | null;
  tally_abstain: number | null;
  tally_non_voting: number | null;
  recorded_outcome: string | null;
  complete: number;
  sequence: number;
  /** The agenda item the decision was taken under (its name, as the source gives it). */
  agenda: string | null;
  /** JSON `VoteNote[]`: notes on the vote (a member not represented, an explanation), null when none. */
  vote_notes: string | null;
  /** JSON `string[]`: the subjects the UN indexed the text under (UNBIS Thesaurus), null when none. */
  subjects: string | null;
  /** Hash of the member votes, so a re-import can tell unchanged roll calls without reading them. */
  vote_hash: string | null;
  updated_at: string;
}

export interface VotesTable {
  roll_call_id: number;
  member_id: string;
  vote: string;
}

export interface RollCallIssuesTable {
  roll_call_id: number;
  code: string;
  label: string | null;
}

export interface ProvenanceTable {
  roll_call_id: number;
  source: string;
  source_key: string;
  citation: string | null;
  file: string | null;
  /** Hash of what this source said (metadata and votes): unchanged on re-import means nothing to do. */
  content_hash: string;
  imported_at: string;
  /** JSON `SourceDispute[]`: where this source contradicts itself; null when it does not. */
  disputes: string | null;
}

export interface VoteConflictsTable {
  roll_call_id: number;
  member_id: string;
  kept_source: string;
  kept_vote: string;
  other_source: string;
  other_vote: string;
}

export interface ImportsTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  format: string;
  files: string;
  report: string;
}

/** Derived data per data version (src/data/store/analysisCache.ts). */
export interface AnalysisCacheTable {
  key: string;
  data_version: number;
  format: number;
  bytes: Buffer;
  created_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/**
 * The store's own tables. Other layers' tables (the newsroom's, the request limiter's) are theirs:
 * see tables.ts.
 */
export interface Database {
  roll_calls: RollCallsTable;
  votes: VotesTable;
  roll_call_issues: RollCallIssuesTable;
  provenance: ProvenanceTable;
  vote_conflicts: VoteConflictsTable;
  imports: ImportsTable;
  meta: MetaTable;
  analysis_cache: AnalysisCacheTable;
}
