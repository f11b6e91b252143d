/**
 * A roll call: one recorded decision of the General Assembly or the Security Council — on a draft, a
 * resolution, an amendment, a paragraph or a procedural motion — with each member's vote as far as known.
 */
import type { MemberVote, OfficialTally } from "./vote.js";

export type Body = "GA" | "SC";
export const BODIES: readonly Body[] = ["GA", "SC"];

export const BODY_NAMES: Record<Body, string> = {
  GA: "General Assembly",
  SC: "Security Council",
};

/** What was voted on. */
export type RollCallKind = "resolution" | "draft" | "amendment" | "paragraph" | "motion";

/**
 * `recorded`: a recorded vote; `without-vote`: adopted by consensus or acclamation (no roll call proper);
 * `written-procedure`: each member's vote cast in writing — the Security Council's "voting by mail" of
 * 2020, when it could not meet — a recorded vote in all but the meeting.
 */
export type Modality = "recorded" | "without-vote" | "written-procedure";

/** Whether members actually voted (each member's vote can be known): every modality but without-vote. */
export function isVoted(modality: Modality | string): boolean {
  return modality !== "without-vote";
}

/** A note on a vote as the record gives it: on the whole roll call (`members` null) or some members' votes. */
export interface VoteNote {
  text: string;
  members: string[] | null;
}

/** One statement a source makes about a figure (`counts` say 15-0-0, its `lists` 9-0-6). */
export interface DisputeClaim {
  /** Which part of the source says it: `counts`, `lists`, `adoption text`, `0/1 columns`, `named columns`. */
  from: string;
  /** What it says, as people write it: `15-0-0`, `USA, GBR`. */
  value: string;
}

/**
 * Where one source contradicts itself about a roll call. Both statements are kept; nothing is "fixed"
 * silently. Another source that holds the same vote may decide it (see the roll call's view).
 */
export interface SourceDispute {
  field: "tally" | "vetoedBy" | "votes" | "date";
  claims: DisputeClaim[];
  /** What Plenary kept from this source, and why, in a sentence. */
  kept: string;
}

/** The result the record gives (or Plenary derived): null when unknown. */
export type RecordedOutcome = "adopted" | "rejected" | "vetoed";

/** Where a roll call came from: one row per source that holds it. */
export interface Provenance {
  /** `starter`, `unvotes`, `undl-ga`, `undl-sc`, `undl-marc`, `unsc-vetoes` */
  source: string;
  /** The source's own id for it (rcid, undl_id, record id …). */
  sourceKey: string;
  /** A human citation: the document or URL the facts come from. */
  citation?: string | null;
  /** Where this source contradicts itself about the roll call (absent or empty when it does not). */
  disputes?: SourceDispute[];
}

export interface RollCall {
  /** Store id (stable within a store). */
  id: number;
  body: Body;
  /** `79`, `ES-11`, `S-10`; null when not known (the Council has no sessions). */
  session: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** The adopted resolution's symbol (`A/RES/ES-11/7`, `S/RES/2774 (2025)`), or null. */
  symbol: string | null;
  /** The draft's symbol (`A/ES-11/L.10`, `S/2025/112`), or null. */
  draftSymbol: string | null;
  /** For an amendment, a paragraph vote or a motion: the roll call on the text it belongs to. */
  parentId: number | null;
  kind: RollCallKind;
  title: string;
  description: string | null;
  /** Meeting record (`A/ES-11/PV.15`, `S/PV.9866`). */
  meeting: string | null;
  /** The agenda item the decision was taken under, as the source names it; null when not known. */
  agenda: string | null;
  /** Notes on the vote (a member not represented, an adoption by acclamation). */
  voteNotes: VoteNote[];
  /** The subjects the UN indexed the text under (UNBIS Thesaurus terms, as written), in source order. */
  subjects: string[];
  /** A procedural question (Council: Art. 27(2), no veto). */
  procedural: boolean;
  /** General Assembly: an important question needing two-thirds (Art. 18(2)); null when not known. */
  importantQuestion: boolean | null;
  /** Flagged by the US State Department's "Voting Practices in the United Nations". */
  importantVote: boolean;
  modality: Modality;
  /** Official totals as published, each figure null when unknown. */
  officialTally: OfficialTally;
  /** The recorded result, null when the record does not say. */
  recordedOutcome: RecordedOutcome | null;
  /** Every member's vote is known (members not listed did not vote). */
  complete: boolean;
  /** Issue codes of the research dataset (`me`, `nu`, `di`, `hr`, `co`, `ec`). */
  issues: string[];
  /** Order among roll calls of the same date and parent (amendments before the text). */
  sequence: number;
  sources: Provenance[];
}

/** A roll call with its known member votes (member id → vote). */
export interface RollCallWithVotes extends RollCall {
  votes: Map<string, MemberVote>;
}
