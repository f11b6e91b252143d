/**
 * decide(): how the Charter and the rules of procedure decide one vote.
 *
 * General Assembly — Art. 18, rules 83–86 and 95: a simple majority (yes > no) or, on an important
 * question, two-thirds of the members present and voting (yes × 3 ≥ (yes + no) × 2: exactly two-thirds
 * suffices, as in UN practice: 74 of 111). Abstentions and non-voting members do not count (rule 86); a
 * tie, and a vote where nobody voted yes or no, is rejected (rule 95). Art. 19: a vote recorded for a
 * member without a vote is not counted (it counts as non-voting).
 *
 * Security Council — Art. 23 and 27: 9 affirmative votes (7 before 1966) of the members sitting that day;
 * on a non-procedural question, no negative vote of a permanent member (a veto). A permanent member's
 * abstention or absence is never a veto (ICJ Namibia opinion, 1971). A draft short of 9 (7) affirmative
 * votes "failed to obtain the required number of votes" whatever the permanent members voted: the
 * negative votes of permanent members are listed in `negativePermanent`, `vetoedBy` stays empty.
 * Art. 27(3), last clause: a party to a dispute shall abstain on a non-procedural decision — the engine
 * applies the rule as written: a yes or no vote cast by a party is reported in `disregarded` and counted
 * as an abstention (so a party's negative vote is never a veto).
 *
 * Just over 500 lines on purpose: the articles of the Charter and the rules are cited one by one next
 * to the line that applies them; splitting them would separate a rule from its exceptions.
 */
import { checkIsoDate, councilOn, type Council } from "../council/index.js";
import { PlenaryError } from "../errors.js";
import { BODIES, type Body } from "../rollCall.js";
import { MEMBER_VOTES, countVotes, type MemberVote, type OfficialTally, type Tally } from "../vote.js";
import { lookupMember, memberOn, membershipOn } from "./memberLookup.js";
import type {
  DecisionContext,
  DisregardedVote,
  MajorityKind,
  Outcome,
  OutcomeKind,
  OutcomeReason,
  VoteDescription,
  VoteEntries,
} from "./types.js";
import { vetoInitiativeDeadline } from "./vetoInitiative.js";
import { capitalise, listWords, nameInSentence, names, percent, plural } from "./words.js";

/** Counts the rules work on; abstain and non-voting are null only when an official tally leaves them unknown. */
export interface Counts {
  yes: number;
  no: number;
  abstain: number | null;
  nonVoting: number | null;
}

/** Everything decide() derives from its input before it applies the majority: what-if reuses it. */
export interface DecisionModel {
  body: Body;
  date: string;
  procedural: boolean;
  majority: MajorityKind;
  /** GA: whether the roll call or the context said if the question is important. */
  importantQuestionMarked: boolean;
  /** SC: the Council that day; null for the Assembly. */
  council: Council | null;
  /** Members that could vote: the Assembly's membership or the Council's size that day. */
  membership: number;
  /** The votes as recorded: for the Council every member sitting (unlisted = `X`); for the Assembly those listed. */
  recorded: Map<string, MemberVote>;
  /** The votes as counted, after Art. 19 and Art. 27(3). */
  counted: Map<string, MemberVote>;
  disregarded: DisregardedVote[];
  counts: Counts;
  tallySource: "votes" | "official";
  /** Whether every vote is known (no official tally counts votes the list does not name). */
  complete: boolean;
}

/** The result of applying the majority to counts. */
export interface Verdict {
  outcome: OutcomeKind;
  reason: OutcomeReason;
  required: number;
  vetoedBy: string[];
  negativePermanent: string[];
}

const SC_NAME = "Security Council";

function badInput(message: string, field: string, help?: string): PlenaryError {
  return new PlenaryError("BAD_INPUT", message, { field, ...(help ? { help } : {}) });
}

/** Reads votes given as a Map, a Record or a list of pairs; a member named twice is DUPLICATE_MEMBER. */
export function normaliseVotes(entries: VoteEntries): Map<string, MemberVote> {
  if (entries === null || typeof entries !== "object") {
    throw badInput("votes must be a map of member ids to votes", "votes");
  }
  let pairs: Iterable<readonly [string, unknown]>;
  if (entries instanceof Map) pairs = entries;
  else if (Array.isArray(entries)) pairs = entries as ReadonlyArray<readonly [string, unknown]>;
  else pairs = Object.entries(entries);
  const votes = new Map<string, MemberVote>();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") {
      throw badInput("each vote must be a pair [member id, vote]", "votes");
    }
    const id = (pair[0] as string).trim().toUpperCase();
    const vote: unknown = pair[1];
    if (!MEMBER_VOTES.includes(vote as MemberVote)) {
      throw badInput(`the vote of ${id} must be Y, N, A or X, not ${JSON.stringify(vote)}`, `votes.${id}`);
    }
    if (votes.has(id)) {
      throw new PlenaryError("DUPLICATE_MEMBER", `${id} is listed twice`, {
        field: `votes.${id}`,
        help: "List each member once.",
      });
    }
    votes.set(id, vote as MemberVote);
  }
  return votes;
}

/** GA: the smallest yes count that passes when `presentAndVoting` members vote yes or no. */
export function gaRequired(presentAndVoting: number, twoThirds: boolean): number {
  if (twoThirds) return Math.max(1, Math.ceil((presentAndVoting * 2) / 3));
  return Math.floor(presentAndVoting / 2) + 1;
}

/** GA: whether `yes` against `no` carries (rules 83, 85, 95). */
export function gaPasses(yes: number, no: number, twoThirds: boolean): boolean {
  if (yes === 0) return false;
  return twoThirds ? yes * 3 >= (yes + no) * 2 : yes > no;
}

/** Applies the majority of `model` to `counts` and the counted votes (for the permanent members' votes). */
export function verdictOf(model: DecisionModel, counts: Counts, counted: Map<string, MemberVote>): Verdict {
  const { yes, no } = counts;
  if (model.body === "GA") {
    const twoThirds = model.majority === "two-thirds";
    const required = gaRequired(yes + no, twoThirds);
    if (gaPasses(yes, no, twoThirds)) {
      return { outcome: "adopted", reason: "majority", required, vetoedBy: [], negativePermanent: [] };
    }
    const reason: OutcomeReason = yes === no && yes > 0 ? "tie" : "insufficient-votes";
    return { outcome: "rejected", reason, required, vetoedBy: [], negativePermanent: [] };
  }
  const council = model.council!;
  const required = council.threshold;
  const negativePermanent = council.permanent.filter((id) => counted.get(id) === "N");
  if (yes < required) {
    return { outcome: "rejected", reason: "insufficient-votes", required, vetoedBy: [], negativePermanent };
  }
  if (!model.procedural && negativePermanent.length > 0) {
    return { outcome: "vetoed", reason: "veto", required, vetoedBy: negativePermanent, negativePermanent };
  }
  return { outcome: "adopted", reason: "majority", required, vetoedBy: [], negativePermanent };
}

/** The tally figure each vote counts in. */
const FIGURE: Record<MemberVote, keyof Tally> = { Y: "yes", N: "no", A: "abstain", X: "nonVoting" };

function officialFigure(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw badInput(`officialTally.${field} must be a whole number ≥ 0 or null`, `officialTally.${field}`);
  }
  return value;
}

function checkMembers(date: string, votes: Map<string, MemberVote>, council: Council | null): void {
  for (const id of votes.keys()) {
    if (council) {
      if (council.members.includes(id)) continue;
      const member = lookupMember(id);
      if (!member) throw unknownMember(id);
      throw new PlenaryError("NOT_A_COUNCIL_MEMBER", `${id} was not a member of the ${SC_NAME} on ${date}`, {
        field: `votes.${id}`,
        help: `Members of the Council that day: ${council.members.join(", ")}.`,
      });
    }
    const member = lookupMember(id);
    if (!member) throw unknownMember(id);
    if (!memberOn(member, date)) {
      throw new PlenaryError("UNKNOWN_MEMBER", `${id} was not a member of the United Nations on ${date}`, {
        field: `votes.${id}`,
        help: `Only members of the United Nations on ${date} vote in the General Assembly.`,
      });
    }
  }
}

function unknownMember(id: string): PlenaryError {
  return new PlenaryError("UNKNOWN_MEMBER", `No member with the id ${JSON.stringify(id)}`, {
    field: `votes.${id}`,
    help: "Give members by their ISO alpha-3 id (USA, FRA, RUS); parseOutcomeInput also reads names.",
  });
}

/** Validates a vote description and derives what the majority is applied to. */
export function buildModel(rollCall: VoteDescription, context: DecisionContext = {}): DecisionModel {
  if (rollCall === null || typeof rollCall !== "object")
    throw badInput("the vote must be an object", "rollCall");
  const { body } = rollCall;
  if (!BODIES.includes(body)) throw badInput(`body must be GA or SC, not ${JSON.stringify(body)}`, "body");
  const date = checkIsoDate(rollCall.date);
  const procedural = rollCall.procedural ?? false;
  if (typeof procedural !== "boolean") throw badInput("procedural must be true or false", "procedural");
  const important = context.importantQuestion ?? rollCall.importantQuestion ?? null;
  if (important !== null && typeof important !== "boolean") {
    throw badInput("importantQuestion must be true, false or null", "importantQuestion");
  }
  const listed = normaliseVotes(rollCall.votes);
  const council = body === "SC" ? councilOn(date) : null;
  checkMembers(date, listed, council);
  const membership = council ? council.size : membershipOn(date);

  // The official tally: it must count at least the votes listed; when it counts more, it decides.
  const official = officialTallyOf(rollCall.officialTally);
  const listedCounts = countVotes(listed.values());
  for (const key of ["yes", "no", "abstain"] as const) {
    const figure = official[key];
    if (figure !== null && listedCounts[key] > figure) {
      throw badInput(
        `the votes list ${listedCounts[key]} ${key} votes but the official tally says ${figure}`,
        `officialTally.${key}`,
        "Correct the votes or the tally: the tally must count at least the votes listed.",
      );
    }
  }
  const officialSum =
    (official.yes ?? 0) + (official.no ?? 0) + (official.abstain ?? 0) + (official.nonVoting ?? 0);
  if (officialSum > membership) {
    throw badInput(
      `the official tally counts ${officialSum} members, but ${membership} could vote on ${date}`,
      "officialTally",
    );
  }
  const complete =
    official.yes === null ||
    official.no === null ||
    (official.yes === listedCounts.yes &&
      official.no === listedCounts.no &&
      (official.abstain === null || official.abstain === listedCounts.abstain));

  // Every Council member's vote is known when the list is complete: those not listed did not vote.
  const recorded = new Map(listed);
  if (council && complete) for (const id of council.members) if (!recorded.has(id)) recorded.set(id, "X");

  // The rules that set recorded votes aside.
  const disregarded: DisregardedVote[] = [];
  const counted = new Map(recorded);
  if (body === "GA") {
    for (const id of context.noVote ?? []) {
      const vote = recorded.get(id);
      if (vote && vote !== "X") {
        disregarded.push({ member: id, vote, countedAs: "X", rule: "Art. 19" });
        counted.set(id, "X");
      }
    }
  } else if (!procedural) {
    for (const id of context.partiesToDispute ?? []) {
      const vote = recorded.get(id);
      if (vote === "Y" || vote === "N") {
        disregarded.push({ member: id, vote, countedAs: "A", rule: "Art. 27(3)" });
        counted.set(id, "A");
      }
    }
  }

  let counts: Counts;
  if (complete) {
    const { yes, no, abstain } = countVotes(counted.values());
    counts = { yes, no, abstain, nonVoting: membership - yes - no - abstain };
  } else {
    const yes = official.yes!;
    const no = official.no!;
    let { abstain, nonVoting } = official;
    if (nonVoting === null && abstain !== null) nonVoting = membership - yes - no - abstain;
    if (abstain === null && nonVoting !== null) abstain = membership - yes - no - nonVoting;
    counts = { yes, no, abstain, nonVoting };
    for (const { vote, countedAs } of disregarded) moveCount(counts, vote, countedAs);
    if (council && !procedural && counts.yes >= council.threshold && no > listedCounts.no) {
      const unlistedPermanent = council.permanent.filter((id) => !listed.has(id));
      if (unlistedPermanent.length > 0) {
        throw badInput(
          `the official tally has ${no} negative votes but the list names ${listedCounts.no}: ` +
            `whether ${unlistedPermanent.join(", ")} vetoed the draft is unknown`,
          "votes",
          "List the votes of the permanent members.",
        );
      }
    }
  }

  let majority: MajorityKind;
  if (council) majority = procedural ? "sc-procedural" : "sc-substantive";
  else majority = important ? "two-thirds" : "simple";

  return {
    body,
    date,
    procedural,
    majority,
    importantQuestionMarked: important !== null,
    council,
    membership,
    recorded,
    counted,
    disregarded,
    counts,
    tallySource: complete ? "votes" : "official",
    complete,
  };
}

function officialTallyOf(tally: VoteDescription["officialTally"]): OfficialTally {
  if (tally !== undefined && tally !== null && typeof tally !== "object") {
    throw badInput("officialTally must be an object", "officialTally");
  }
  return {
    yes: officialFigure(tally?.yes, "yes"),
    no: officialFigure(tally?.no, "no"),
    abstain: officialFigure(tally?.abstain, "abstain"),
    nonVoting: officialFigure(tally?.nonVoting, "nonVoting"),
  };
}

/** Moves one vote from one figure to another (unknown figures stay unknown). */
export function moveCount(counts: Counts, from: MemberVote, to: MemberVote): void {
  if (from === to) return;
  const fromKey = FIGURE[from];
  const toKey = FIGURE[to];
  const before = counts[fromKey];
  if (before !== null) counts[fromKey] = before - 1;
  const after = counts[toKey];
  if (after !== null) counts[toKey] = after + 1;
}

/** Members listed with a yes, no or abstention. */
function listedVoting(model: DecisionModel): number {
  return [...model.recorded.values()].filter((vote) => vote !== "X").length;
}

const VOTE_WORD: Record<MemberVote, string> = { Y: "yes", N: "no", A: "abstention", X: "non-voting" };

function explainGa(model: DecisionModel, verdict: Verdict, context: DecisionContext): string[] {
  const { yes, no, abstain, nonVoting } = model.counts;
  const lines: string[] = [];
  const pv = yes + no;
  if (model.majority === "two-thirds") {
    lines.push(
      "Art. 18(2), rule 83: an important question is decided by a two-thirds majority of the members present and voting.",
    );
  } else if (model.importantQuestionMarked) {
    lines.push(
      "Art. 18(3), rule 85: this question is decided by a simple majority of the members present and voting.",
    );
  } else {
    lines.push(
      "Art. 18(3), rule 85: not marked as an important question, so a simple majority of the members present and voting decides.",
    );
  }
  for (const d of model.disregarded) {
    lines.push(
      `Art. 19: ${nameInSentence(d.member, model.date)} has no vote (arrears); its recorded ${VOTE_WORD[d.vote]} is not counted.`,
    );
  }
  if ((context.partiesToDispute ?? []).length > 0) {
    lines.push(
      "Art. 27(3): the duty of a party to a dispute to abstain binds the Security Council, not the Assembly.",
    );
  }
  const aside = [
    abstain === null ? null : plural(abstain, "abstention"),
    nonVoting === null ? null : plural(nonVoting, "non-voting member"),
  ].filter((part): part is string => part !== null);
  lines.push(
    `Rule 86: abstentions are not counted: ${yes} yes and ${no} no make ${pv} members present and voting` +
      (aside.length ? `; the ${listWords(aside)} do not count.` : "."),
  );
  if (model.tallySource === "official") {
    lines.push(
      `Record: the official tally decides; the votes of ${plural(listedVoting(model), "member")} are listed.`,
    );
  }
  if (pv === 0) {
    lines.push("Rule 86: no member voted yes or no, so there is no majority: rejected.");
  } else if (verdict.reason === "tie") {
    lines.push(`Rule 95: a tie (${yes}–${no}) is rejected.`);
  } else if (model.majority === "two-thirds") {
    const share = percent(yes / pv);
    lines.push(
      `Rule 83: two-thirds of ${pv} is ${verdict.required}; ${yes} yes (${share}) ` +
        (verdict.outcome === "adopted" ? "is enough: adopted." : "is not enough: rejected."),
    );
  } else {
    lines.push(
      `Rule 85: ${yes} yes against ${no} no ` +
        (verdict.outcome === "adopted" ? "is a majority: adopted." : "is not a majority: rejected."),
    );
  }
  return lines;
}

function explainSc(model: DecisionModel, verdict: Verdict, context: DecisionContext): string[] {
  const council = model.council!;
  const { date } = model;
  const { yes } = model.counts;
  const lines: string[] = [];
  lines.push(
    `Art. 23: on ${date} the Council has ${council.size} members, ${council.permanent.length} of them permanent (${council.permanent.join(", ")}).`,
  );
  if (model.procedural) {
    lines.push(
      `Art. 27(2): a procedural decision needs the affirmative votes of ${council.threshold} members; there is no veto.`,
    );
  } else {
    lines.push(
      `Art. 27(3): a non-procedural decision needs ${council.threshold} affirmative votes including the concurring votes of the permanent members.`,
    );
  }
  if ((context.noVote ?? []).length > 0) {
    lines.push("Art. 19: the loss of vote for arrears applies in the General Assembly, not in the Council.");
  }
  if (model.procedural && (context.partiesToDispute ?? []).length > 0) {
    lines.push(
      "Art. 27(3): the duty of a party to a dispute to abstain does not apply to procedural decisions.",
    );
  }
  for (const d of model.disregarded) {
    lines.push(
      `Art. 27(3): ${nameInSentence(d.member, date)} is a party to the dispute and shall abstain; its recorded ${VOTE_WORD[d.vote]} is not counted and it is treated as abstaining.`,
    );
  }
  if (model.tallySource === "official") {
    lines.push("Record: the official tally decides; not every member's vote is listed.");
  }
  if (!model.procedural) {
    const abstaining = council.permanent.filter((id) => model.counted.get(id) === "A");
    const absent = model.complete ? council.permanent.filter((id) => model.counted.get(id) === "X") : [];
    const parts: string[] = [];
    if (abstaining.length) parts.push(`the abstention of ${names(abstaining, date)}`);
    if (absent.length) parts.push(`the absence of ${names(absent, date)}`);
    if (parts.length) {
      lines.push(
        `Art. 27(3), settled practice (ICJ Namibia opinion, 1971, para. 22): ${listWords(parts)} ${parts.length > 1 ? "are" : "is"} not a veto.`,
      );
    }
  }
  const count = `${plural(yes, "affirmative vote")} (${council.threshold} required)`;
  const article = model.procedural ? "Art. 27(2)" : "Art. 27(3)";
  if (verdict.outcome === "adopted") {
    lines.push(
      model.procedural || verdict.negativePermanent.length === 0
        ? `${article}: ${count}${model.procedural ? "" : " and no negative vote of a permanent member"}: adopted.`
        : `${article}: ${count}: adopted.`,
    );
    if (model.procedural && verdict.negativePermanent.length > 0) {
      lines.push(
        `Art. 27(2): the negative vote of ${names(verdict.negativePermanent, date)} is no veto on a procedural question.`,
      );
    }
  } else if (verdict.outcome === "vetoed") {
    const who = verdict.vetoedBy.map((id) => nameInSentence(id, date));
    lines.push(
      `Art. 27(3): ${count}, but ${listWords(who)}, ${who.length === 1 ? "a permanent member, voted" : "permanent members, voted"} against: vetoed.`,
    );
    const deadline = vetoInitiativeDeadline(date);
    if (deadline) {
      lines.push(
        `Res. 76/262: the President of the General Assembly convenes a debate on the veto within 10 working days, by ${deadline} (UN holidays not modelled).`,
      );
    }
  } else {
    lines.push(`${article}: ${count}: the draft failed to obtain the required number of votes.`);
    if (verdict.negativePermanent.length > 0) {
      const who = verdict.negativePermanent.map((id) => nameInSentence(id, date));
      lines.push(
        `${article}: the negative vote of ${listWords(who)}, ${who.length === 1 ? "a permanent member" : "permanent members"}, is recorded but is not a veto: the draft lacked the required votes.`,
      );
    }
  }
  return lines;
}

/** Builds the outcome of a model already validated (what-if and sequences reuse it). */
export function outcomeOf(model: DecisionModel, context: DecisionContext = {}): Outcome {
  const verdict = verdictOf(model, model.counts, model.counted);
  const { yes, no, abstain, nonVoting } = model.counts;
  const permanent = model.council?.permanent ?? [];
  const explanation =
    model.body === "GA" ? explainGa(model, verdict, context) : explainSc(model, verdict, context);
  return {
    body: model.body,
    date: model.date,
    outcome: verdict.outcome,
    reason: verdict.reason,
    majority: model.majority,
    yes,
    no,
    abstain,
    nonVoting,
    required: verdict.required,
    presentAndVoting: yes + no,
    share: yes + no === 0 ? null : yes / (yes + no),
    vetoedBy: verdict.vetoedBy,
    negativePermanent: verdict.negativePermanent,
    abstainingPermanent: permanent.filter((id) => model.counted.get(id) === "A"),
    nonVotingPermanent: model.complete ? permanent.filter((id) => model.counted.get(id) === "X") : [],
    disregarded: model.disregarded,
    tallySource: model.tallySource,
    vetoInitiativeDeadline: verdict.outcome === "vetoed" ? vetoInitiativeDeadline(model.date) : null,
    explanation: explanation.map(capitalise),
  };
}

/** Decides one vote: adopted, rejected or vetoed, why, and the rules that say so. */
export function decide(rollCall: VoteDescription, context: DecisionContext = {}): Outcome {
  return outcomeOf(buildModel(rollCall, context), context);
}
