/**
 * The plain record every importer produces and the writer stores: one roll call as one source tells it.
 */
import type { RollCall, SourceDispute } from "../core/rollCall.js";
import type { MemberVote } from "../core/vote.js";

export interface IssueTag {
  code: string;
  label: string | null;
}

/**
 * A roll call as one source tells it: the fields of a stored `RollCall` (a field added there flows
 * through), but its store id, parent id and sources — which the writer decides — with the issues'
 * labels, the source and its key for it, and the votes.
 */
export type RollCallRecord = Omit<RollCall, "id" | "parentId" | "issues" | "sources"> & {
  issues: IssueTag[];
  /** Which source says this (`starter`, `unvotes`, `undl-ga` …) and its own key for it. */
  source: string;
  sourceKey: string;
  citation: string | null;
  file: string | null;
  /** The source key (same source) of the roll call this one belongs to: an amendment's draft. */
  parentSourceKey: string | null;
  /** Where this source contradicts itself about the roll call (kept on its provenance). */
  disputes: SourceDispute[];
  /** Known member votes, member id (alpha-3) → vote. */
  votes: Map<string, MemberVote>;
};

/**
 * What a source that records none of them says of a roll call's meeting, agenda item, vote notes,
 * subjects and questions: nothing (null, empty), and not an important vote. Fresh arrays each time.
 */
export function unrecordedDetails(): Pick<
  RollCallRecord,
  "meeting" | "agenda" | "voteNotes" | "subjects" | "procedural" | "importantQuestion" | "importantVote"
> {
  return {
    meeting: null,
    agenda: null,
    voteNotes: [],
    subjects: [],
    procedural: false,
    importantQuestion: null,
    importantVote: false,
  };
}

/** How far a source is trusted when two disagree: the official UN record wins (issue 3). */
export const SOURCE_PRIORITY: Record<string, number> = {
  "undl-ga": 30,
  "undl-sc": 30,
  "undl-marc": 30,
  // The UN's machine-readable resolutions (DGACM): official, but with typing slips the Library's voting
  // records have been checked against (counts that contradict their own lists).
  unxml: 25,
  starter: 20,
  "unsc-vetoes": 10,
  unvotes: 10,
};

export function sourcePriority(source: string): number {
  return SOURCE_PRIORITY[source] ?? 0;
}

/** What each source is, in words, for the sentences Plenary writes about where a figure comes from. */
export const SOURCE_NAMES: Record<string, string> = {
  "undl-ga": "the UN Digital Library's General Assembly voting data",
  "undl-sc": "the UN Digital Library's Security Council voting data",
  "undl-marc": "the UN Digital Library's voting record",
  unxml: "the UN's machine-readable resolutions (DGACM)",
  starter: "Plenary's starter dataset",
  "unsc-vetoes": "the Security Council veto list (World Politics Data Lab)",
  unvotes: "the research dataset (Voeten, unvotes)",
};

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

/** Each source in a word or two, for tables. */
export const SOURCE_SHORT_NAMES: Record<string, string> = {
  "undl-ga": "UN Digital Library",
  "undl-sc": "UN Digital Library",
  "undl-marc": "UN Digital Library",
  unxml: "UN DGACM",
  starter: "Starter",
  "unsc-vetoes": "Veto list",
  unvotes: "Research dataset",
};

export function sourceShortName(source: string): string {
  return SOURCE_SHORT_NAMES[source] ?? source;
}
