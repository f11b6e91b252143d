/**
 * One outcome and one reason for a stored roll call, whatever shows it: `plenary vote` and `votes` (text
 * and JSON), the API, the pages, the catalog behind lists and search, the stories and newsworthy all ask
 * here. The outcome is the record's where the sources give one, else the rules' decision on a complete
 * member list or an official tally; where the rules cannot decide, `undecided` says why — the true reason,
 * the same sentence everywhere:
 *
 * | code | when |
 * | --- | --- |
 * | `without-vote` | adopted without a vote: there is no count to apply the rules to |
 * | `no-tally` | neither an official tally nor every member's vote is in the record |
 * | `voter-not-yet-member` | the source records the vote of a state on a date before its admission (or after it left): the source's date is approximate, and the rules count only members of that day |
 * | `voter-not-on-council` | the record lists a vote of a state not sitting on the Council that day |
 * | `inconsistent-record` | anything else the rules refuse (e.g. a tally smaller than the votes listed), with the rules' own words |
 */
import { councilOn } from "../core/council/index.js";
import { longDate } from "../core/dates.js";
import { isPlenaryError } from "../core/errors.js";
import { getMember, isMemberOn, nameOn } from "../core/members/index.js";
import type { RecordedOutcome, RollCallWithVotes } from "../core/rollCall.js";
import { decide, type Outcome, type VoteDescription } from "../core/rules/index.js";

export type UndecidedCode =
  "without-vote" | "no-tally" | "voter-not-yet-member" | "voter-not-on-council" | "inconsistent-record";

export interface Undecided {
  code: UndecidedCode;
  /** One sentence, the same on every surface. */
  reason: string;
}

/** What the outcome is read from: a stored roll call with its known votes. */
export type OutcomeInput = Pick<
  RollCallWithVotes,
  | "body"
  | "date"
  | "procedural"
  | "importantQuestion"
  | "modality"
  | "officialTally"
  | "recordedOutcome"
  | "complete"
  | "votes"
>;

export interface RecordOutcome {
  outcome: RecordedOutcome | null;
  /** `record`: as the sources give it; `derived`: decided by the rules; null: unknown. */
  outcomeSource: "record" | "derived" | null;
  /** The rules applied to the record; null when they cannot be (then `undecided` says why). */
  decision: Outcome | null;
  undecided: Undecided | null;
}

/**
 * A recorded roll call as the rules read it, or null when the record holds too little to decide: no
 * complete member list and no official yes and no totals (an unknown tally is never guessed).
 */
export function rulesInput(rollCall: OutcomeInput): VoteDescription | null {
  const official = rollCall.officialTally;
  if (!rollCall.complete && (official.yes === null || official.no === null)) return null;
  return {
    body: rollCall.body,
    date: rollCall.date,
    procedural: rollCall.procedural,
    importantQuestion: rollCall.importantQuestion,
    votes: rollCall.votes,
    officialTally: official.yes === null ? null : official,
  };
}

function memberName(id: string, date: string): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
}

/** The first voter the rules would refuse, and why, in words; null when every voter may vote that day. */
function refusedVoter(rollCall: OutcomeInput): Undecided | null {
  const date = rollCall.date;
  if (rollCall.body === "SC") {
    let sitting: readonly string[];
    try {
      sitting = councilOn(date).members;
    } catch {
      return null;
    }
    const outsider = [...rollCall.votes.keys()].sort().find((id) => !sitting.includes(id));
    if (!outsider) return null;
    return {
      code: "voter-not-on-council",
      reason: `The record lists a vote of ${memberName(outsider, date)}, which did not sit on the Security Council on ${longDate(date)}, so the rules, which count the Council of that day, are not applied.`,
    };
  }
  for (const id of [...rollCall.votes.keys()].sort()) {
    const member = getMember(id);
    if (!member || isMemberOn(member, date)) continue;
    const name = nameOn(member, date);
    const admitted = member.membership.find((p) => p.from > date);
    const when = admitted
      ? `before ${name} was admitted to the United Nations (${longDate(admitted.from)})`
      : `when ${name} was not a member of the United Nations`;
    return {
      code: "voter-not-yet-member",
      reason: `The source dates this vote ${longDate(date)}, ${when}, yet records its vote: the source's date is approximate, and the rules, which count only the members of the day, are not applied.`,
    };
  }
  return null;
}

/** The outcome of a stored roll call and, where the rules cannot decide, the one reason why. */
export function recordOutcome(rollCall: OutcomeInput): RecordOutcome {
  const recorded = rollCall.recordedOutcome;
  const unknown = (undecided: Undecided): RecordOutcome => ({
    outcome: recorded,
    outcomeSource: recorded ? "record" : null,
    decision: null,
    undecided,
  });
  if (rollCall.modality === "without-vote") {
    return unknown({
      code: "without-vote",
      reason: "Adopted without a vote: there is no count for the rules to apply to.",
    });
  }
  const description = rulesInput(rollCall);
  if (!description) {
    return unknown({
      code: "no-tally",
      reason:
        "The record holds neither a tally nor every member's vote for this roll call, so the rules cannot be applied to it.",
    });
  }
  const refused = refusedVoter(rollCall);
  if (refused) return unknown(refused);
  let decision: Outcome;
  try {
    decision = decide(description);
  } catch (error) {
    if (!isPlenaryError(error)) throw error;
    return unknown({
      code: "inconsistent-record",
      reason: `The record is inconsistent with the rules' preconditions (${error.message}), so they are not applied.`,
    });
  }
  return {
    outcome: recorded ?? decision.outcome,
    outcomeSource: recorded ? "record" : "derived",
    decision,
    undecided: null,
  };
}
