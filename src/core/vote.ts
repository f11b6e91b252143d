/** A member's vote on one roll call, and the tally of a roll call. */

/** `Y` yes, `N` no, `A` abstain, `X` non-voting or absent. */
export type MemberVote = "Y" | "N" | "A" | "X";

export const MEMBER_VOTES: readonly MemberVote[] = ["Y", "N", "A", "X"];

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  nonVoting: number;
}

/** An official tally where any figure may be unknown (null): never guessed. */
export interface OfficialTally {
  yes: number | null;
  no: number | null;
  abstain: number | null;
  nonVoting: number | null;
}

const VOTE_WORDS: Record<string, MemberVote> = {
  Y: "Y",
  YES: "Y",
  N: "N",
  NO: "N",
  A: "A",
  ABSTAIN: "A",
  ABSTENTION: "A",
  X: "X",
  NV: "X",
  "NON-VOTING": "X",
  ABSENT: "X",
  "": "X",
};

/** Reads a vote as the sources write it (`Y`, `yes`, `NV`, empty …); null when it is unreadable. */
export function parseMemberVote(text: string): MemberVote | null {
  return VOTE_WORDS[text.trim().toUpperCase()] ?? null;
}

export function emptyTally(): Tally {
  return { yes: 0, no: 0, abstain: 0, nonVoting: 0 };
}

/** Counts known votes. */
export function countVotes(votes: Iterable<MemberVote>): Tally {
  const tally = emptyTally();
  for (const vote of votes) {
    if (vote === "Y") tally.yes++;
    else if (vote === "N") tally.no++;
    else if (vote === "A") tally.abstain++;
    else tally.nonVoting++;
  }
  return tally;
}

export const VOTE_LABELS: Record<MemberVote, string> = {
  Y: "In favour",
  N: "Against",
  A: "Abstaining",
  X: "Non-voting",
};
