/** The shapes the procedure engine reads and returns. */
import type { Body } from "../rollCall.js";
import type { MemberVote, OfficialTally } from "../vote.js";

/**
 * Member votes, member id (alpha-3) → vote. Members not listed did not vote (`X`), unless an official
 * tally says more members voted than are listed: then the list is incomplete and the tally decides.
 * A list of pairs may name a member twice: that is DUPLICATE_MEMBER.
 */
export type VoteEntries =
  | ReadonlyMap<string, MemberVote>
  | Readonly<Record<string, MemberVote>>
  | ReadonlyArray<readonly [string, MemberVote]>;

/** One vote to decide: a roll call (`RollCallWithVotes` fits) or a hypothetical one. */
export interface VoteDescription {
  body: Body;
  /** ISO date: it fixes the Council's composition, size and threshold and the Assembly's membership. */
  date: string;
  /** A procedural question (Council: Art. 27(2), no veto). Default false. */
  procedural?: boolean;
  /** Assembly: an important question needing two-thirds (Art. 18(2)); null or absent: not marked. */
  importantQuestion?: boolean | null;
  votes: VoteEntries;
  /** The published totals. When yes and no are known they decide (the member list may be partial). */
  officialTally?: Partial<OfficialTally> | null;
}

/** What the roll call itself does not say. */
export interface DecisionContext {
  /** Art. 19: Assembly members in arrears that have no vote; a vote recorded for them is not counted. */
  noVote?: readonly string[];
  /** Art. 27(3): Council members party to the dispute (Chapter VI, Art. 52(3)); they shall abstain. */
  partiesToDispute?: readonly string[];
  /** Overrides the roll call's own `importantQuestion`. */
  importantQuestion?: boolean;
}

export type OutcomeKind = "adopted" | "rejected" | "vetoed";
export type OutcomeReason = "majority" | "insufficient-votes" | "veto" | "tie";
export type MajorityKind = "simple" | "two-thirds" | "sc-procedural" | "sc-substantive";

/** A recorded vote the rules do not count, and why. */
export interface DisregardedVote {
  member: string;
  vote: MemberVote;
  /** The vote it is counted as instead: `A` for a party to a dispute, `X` for a member without a vote. */
  countedAs: MemberVote;
  /** `Art. 19` or `Art. 27(3)`. */
  rule: string;
}

export interface Outcome {
  body: Body;
  date: string;
  outcome: OutcomeKind;
  reason: OutcomeReason;
  majority: MajorityKind;
  yes: number;
  no: number;
  /** Null only when an official tally leaves it unknown (it never changes the outcome). */
  abstain: number | null;
  nonVoting: number | null;
  /** GA: the smallest yes count that would pass given yes + no; SC: 9 (7 before 1966). */
  required: number;
  /** Members casting a yes or no vote (rule 86). */
  presentAndVoting: number;
  /** yes / (yes + no); null when nobody voted yes or no. */
  share: number | null;
  /** Permanent members whose negative vote vetoed the draft (empty unless `outcome` is `vetoed`). */
  vetoedBy: string[];
  /** Permanent members that voted no, veto or not. */
  negativePermanent: string[];
  /** Permanent members that abstained. */
  abstainingPermanent: string[];
  /** Permanent members that did not vote (absent or not participating). */
  nonVotingPermanent: string[];
  disregarded: DisregardedVote[];
  /** `official`: the published totals decided (the member list may be partial); `votes`: the member list. */
  tallySource: "votes" | "official";
  /** Vetoes on or after 2022-04-26: the day by which the Assembly meets (res. 76/262). */
  vetoInitiativeDeadline: string | null;
  /** Short sentences, each starting with the rule it applies. */
  explanation: string[];
}
