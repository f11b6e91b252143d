/**
 * What-if: for a decided vote, the smallest changes that would have flipped it (adopted ↔ not adopted),
 * as structured data and as sentences, and `redecide` to decide a vote again with some members' votes
 * changed.
 *
 * "Flips" means adopted against not adopted: a vetoed draft turning into one that merely lacked votes is
 * not a flip. Members whose recorded vote the rules set aside (Art. 19, Art. 27(3)) cannot change the
 * result and are never pivotal. When an official tally decides (the list of votes is partial), counts
 * stand for the members not listed; only listed members can be pivotal.
 */
import { PlenaryError } from "../errors.js";
import { MEMBER_VOTES, type MemberVote } from "../vote.js";
import {
  buildModel,
  decide,
  gaPasses,
  moveCount,
  normaliseVotes,
  outcomeOf,
  verdictOf,
  type Counts,
  type DecisionModel,
} from "./decide.js";
import type { DecisionContext, Outcome, OutcomeKind, VoteDescription } from "./types.js";
import { capitalise, nameInSentence, percent, plural, possessive } from "./words.js";

/** One member's single vote change that flips the outcome. */
export interface PivotalChange {
  member: string;
  from: MemberVote;
  to: MemberVote;
  /** The outcome after the change. */
  outcome: OutcomeKind;
}

/** What a permanent member's vote did (Council only). */
export interface PermanentMemberEffect {
  member: string;
  vote: MemberVote;
  /** The outcome had it voted each way, other votes unchanged (its own vote gives the actual outcome). */
  ifVoted: Record<MemberVote, OutcomeKind>;
  /** Whether some other vote of this member would have changed whether the draft was adopted. */
  decisive: boolean;
  sentence: string;
}

/** For an adopted vote: the fewest changes that would have rejected (or vetoed) it. */
export interface ToReject {
  /** Yes votes switched to no; in the Council a permanent member's switch (a veto) counts as one. */
  yesToNo: number;
  /** Yes votes turned into abstentions (or non-votes: the effect is the same). */
  yesToAbstain: number;
}

/** For a vote not adopted: the fewest changes that would have adopted it; null when no such change suffices. */
export interface ToAdopt {
  /** More yes votes from members who abstained or did not vote. */
  moreYes: number | null;
  /** No votes switched to yes. */
  noToYes: number | null;
  /** The fewest changes of any kind. */
  fewest: number | null;
  /** Members whose vote must change in any case: the permanent members that voted no (Council, non-procedural). */
  mustChange: string[];
}

export interface WhatIf {
  outcome: Outcome;
  adopted: boolean;
  /** yes − required: how far above (≥ 0) or below (< 0) the line the yes votes were. */
  margin: number;
  toReject: ToReject | null;
  toAdopt: ToAdopt | null;
  pivotal: PivotalChange[];
  /** Council only; empty for the Assembly. */
  permanentMembers: PermanentMemberEffect[];
  sentences: string[];
}

const OTHER_VOTES = (vote: MemberVote): MemberVote[] => MEMBER_VOTES.filter((v) => v !== vote);

/** The outcome kind after some members' counted votes change. */
function verdictWith(model: DecisionModel, changes: ReadonlyMap<string, MemberVote>): OutcomeKind {
  const counts: Counts = { ...model.counts };
  const counted = new Map(model.counted);
  for (const [id, vote] of changes) {
    const before = counted.get(id) ?? "X";
    moveCount(counts, before, vote);
    counted.set(id, vote);
  }
  return verdictOf(model, counts, counted).outcome;
}

function smallest(limit: number, passes: (k: number) => boolean): number | null {
  for (let k = 1; k <= limit; k++) if (passes(k)) return k;
  return null;
}

function changeable(model: DecisionModel): string[] {
  const fixed = new Set(model.disregarded.map((d) => d.member));
  return [...model.counted.keys()].filter((id) => !fixed.has(id));
}

function gaAnalysis(
  model: DecisionModel,
  adopted: boolean,
): { toReject: ToReject | null; toAdopt: ToAdopt | null } {
  const { yes, no } = model.counts;
  const twoThirds = model.majority === "two-thirds";
  if (adopted) {
    return {
      toReject: {
        yesToNo: smallest(yes, (k) => !gaPasses(yes - k, no + k, twoThirds))!,
        yesToAbstain: smallest(yes, (k) => !gaPasses(yes - k, no, twoThirds))!,
      },
      toAdopt: null,
    };
  }
  const setAside = model.disregarded.length;
  const available = model.membership - yes - no - setAside;
  const moreYes = smallest(available, (k) => gaPasses(yes + k, no, twoThirds));
  const noToYes = smallest(no, (k) => gaPasses(yes + k, no - k, twoThirds));
  // No-to-yes switches and yes votes from elsewhere, mixed: the cheapest mix.
  let fewest: number | null = null;
  for (let j = 0; j <= no; j++) {
    const i = gaPasses(yes + j, no - j, twoThirds)
      ? 0
      : smallest(available, (k) => gaPasses(yes + j + k, no - j, twoThirds));
    if (i !== null && (fewest === null || i + j < fewest)) fewest = i + j;
  }
  return { toReject: null, toAdopt: { moreYes, noToYes, fewest, mustChange: [] } };
}

function scAnalysis(
  model: DecisionModel,
  adopted: boolean,
): { toReject: ToReject | null; toAdopt: ToAdopt | null } {
  const council = model.council!;
  const threshold = council.threshold;
  const { yes } = model.counts;
  const members = changeable(model);
  const votes = (vote: MemberVote): string[] => members.filter((id) => model.counted.get(id) === vote);
  const substantive = !model.procedural;
  if (adopted) {
    const short = yes - threshold + 1;
    const permanentYes = votes("Y").some((id) => council.permanent.includes(id));
    return {
      toReject: { yesToNo: substantive && permanentYes ? 1 : short, yesToAbstain: short },
      toAdopt: null,
    };
  }
  const vetoes = substantive ? votes("N").filter((id) => council.permanent.includes(id)) : [];
  const missing = Math.max(0, threshold - yes);
  // Members not voting yes that could (an official tally may count more votes than the list names).
  const notYes = model.complete ? members.length - votes("Y").length : Infinity;
  const abstainersAndAbsent = model.complete
    ? votes("A").length + votes("X").length
    : (model.counts.abstain ?? 0) + (model.counts.nonVoting ?? 0);
  const moreYes = vetoes.length === 0 && missing > 0 && missing <= abstainersAndAbsent ? missing : null;
  const noCount = model.complete ? votes("N").length : model.counts.no;
  const switches = Math.max(vetoes.length, missing);
  const noToYes = switches > 0 && switches <= noCount ? switches : null;
  const fewest = switches > 0 && missing <= notYes ? switches : null;
  return { toReject: null, toAdopt: { moreYes, noToYes, fewest, mustChange: vetoes } };
}

function pivotalChanges(model: DecisionModel, adopted: boolean): PivotalChange[] {
  const pivotal: PivotalChange[] = [];
  for (const id of changeable(model)) {
    const from = model.counted.get(id)!;
    for (const to of OTHER_VOTES(from)) {
      const outcome = verdictWith(model, new Map([[id, to]]));
      if ((outcome === "adopted") !== adopted) pivotal.push({ member: id, from, to, outcome });
    }
  }
  return pivotal;
}

const VOTE_NOUN: Record<MemberVote, string> = { Y: "yes", N: "no", A: "abstention", X: "absence" };

function permanentEffects(model: DecisionModel, outcome: Outcome): PermanentMemberEffect[] {
  const council = model.council;
  if (!council) return [];
  const adopted = outcome.outcome === "adopted";
  const fixed = new Set(model.disregarded.map((d) => d.member));
  const effects: PermanentMemberEffect[] = [];
  for (const id of council.permanent) {
    const vote = model.counted.get(id);
    if (vote === undefined) continue; // not listed, and the official tally does not say
    const ifVoted = {} as Record<MemberVote, OutcomeKind>;
    for (const alternative of MEMBER_VOTES) {
      ifVoted[alternative] = fixed.has(id)
        ? outcome.outcome
        : verdictWith(model, new Map([[id, alternative]]));
    }
    const decisive = MEMBER_VOTES.some((v) => (ifVoted[v] === "adopted") !== adopted);
    effects.push({
      member: id,
      vote,
      ifVoted,
      decisive,
      sentence: capitalise(permanentSentence(model, outcome, id, vote, ifVoted)),
    });
  }
  return effects;
}

function permanentSentence(
  model: DecisionModel,
  outcome: Outcome,
  id: string,
  vote: MemberVote,
  ifVoted: Record<MemberVote, OutcomeKind>,
): string {
  const name = nameInSentence(id, model.date);
  const its = possessive(name);
  if (model.disregarded.some((d) => d.member === id)) {
    return `${its} vote was not counted: as a party to the dispute it had to abstain (Art. 27(3)).`;
  }
  if (vote === "N") {
    if (outcome.outcome === "vetoed") {
      const others = outcome.vetoedBy.filter((other) => other !== id);
      if (ifVoted.A === "adopted") return `${its} no alone blocked it.`;
      return `${its} no vetoed it, but not alone: ${others.map((o) => nameInSentence(o, model.date)).join(" and ")} also voted no.`;
    }
    if (model.procedural) return `${its} no was not a veto: the question was procedural.`;
    if (ifVoted.Y === "adopted")
      return `${its} no was not a veto, as the draft lacked votes, but its yes would have adopted it.`;
    return `${its} no was not a veto: the draft lacked the required votes anyway.`;
  }
  if (vote === "Y") {
    if (outcome.outcome !== "adopted") return `${its} yes did not carry it.`;
    if (ifVoted.A !== "adopted")
      return `${its} yes was needed: without it the draft would have lacked the required votes.`;
    if (ifVoted.N === "vetoed")
      return `${its} yes was not needed for the count, but a no would have vetoed it.`;
    return `${its} yes was not needed.`;
  }
  const noun = VOTE_NOUN[vote];
  if (ifVoted.Y === "adopted" && outcome.outcome !== "adopted") {
    return `${its} ${noun} was decisive: its yes would have adopted it.`;
  }
  if (outcome.outcome === "adopted" && ifVoted.N === "vetoed") {
    return `${its} ${noun} did not change the result; a no would have vetoed it.`;
  }
  return `${its} ${noun} did not change the result.`;
}

function sentencesFor(
  model: DecisionModel,
  outcome: Outcome,
  margin: number,
  toReject: ToReject | null,
  toAdopt: ToAdopt | null,
): string[] {
  const lines: string[] = [];
  const { yes, no } = outcome;
  if (model.body === "GA") {
    const pv = outcome.presentAndVoting;
    const share = outcome.share === null ? "" : ` (${percent(outcome.share)})`;
    const needed = model.majority === "two-thirds" ? "two-thirds needed" : "a majority needed";
    if (toReject) {
      lines.push(
        `${yes} of ${pv} members present and voting voted yes${share}; ${needed} ${outcome.required}: a margin of ${margin}.`,
        `${plural(toReject.yesToNo, "switch", "switches")} from yes to no would have rejected it.`,
        `${plural(toReject.yesToAbstain, "yes vote")} turned to abstentions would have rejected it.`,
      );
    } else if (toAdopt) {
      lines.push(
        `${yes} of ${pv} members present and voting voted yes${share}; ${needed} ${outcome.required}: ${plural(-margin, "vote")} short.`,
      );
      lines.push(
        toAdopt.moreYes === null
          ? "No number of yes votes from the abstainers and non-voting members would have adopted it."
          : `${plural(toAdopt.moreYes, "more yes vote")} from the abstainers or non-voting members would have adopted it.`,
      );
      if (toAdopt.noToYes !== null && no > 0) {
        lines.push(`${plural(toAdopt.noToYes, "switch", "switches")} from no to yes would have adopted it.`);
      }
    }
    return lines;
  }
  const threshold = model.council!.threshold;
  if (outcome.outcome === "adopted") {
    const above = margin === 0 ? "exactly" : `${margin} more than`;
    lines.push(`It was adopted with ${yes} affirmative votes, ${above} the ${threshold} required.`);
    lines.push(
      `${plural(toReject!.yesToAbstain, "yes vote")} fewer would have left it short of ${threshold}.`,
    );
    if (!model.procedural) lines.push("Any permanent member voting no would have vetoed it.");
  } else if (outcome.outcome === "vetoed") {
    lines.push(`It had ${yes} affirmative votes (${threshold} required) but was vetoed.`);
  } else {
    const missing = threshold - yes;
    if (toAdopt!.mustChange.length === 0) {
      lines.push(`${plural(missing, "more yes vote")} would have adopted it.`);
    } else {
      const who = toAdopt!.mustChange.map((id) => nameInSentence(id, model.date)).join(" and ");
      lines.push(
        `${plural(missing, "more yes vote")} would have reached ${threshold}, but then the no of ${who} would have been a veto.`,
      );
    }
  }
  return lines;
}

/** The smallest changes that flip a decided vote, pivotal members, and what each permanent member's vote did. */
export function whatIf(rollCall: VoteDescription, context: DecisionContext = {}): WhatIf {
  const model = buildModel(rollCall, context);
  const outcome = outcomeOf(model, context);
  const adopted = outcome.outcome === "adopted";
  const margin = outcome.yes - outcome.required;
  const { toReject, toAdopt } = model.body === "GA" ? gaAnalysis(model, adopted) : scAnalysis(model, adopted);
  const permanentMembers = permanentEffects(model, outcome);
  const sentences = [
    ...sentencesFor(model, outcome, margin, toReject, toAdopt),
    ...permanentMembers.map((effect) => effect.sentence),
  ];
  return {
    outcome,
    adopted,
    margin,
    toReject,
    toAdopt,
    pivotal: pivotalChanges(model, adopted),
    permanentMembers,
    sentences,
  };
}

/**
 * Decides `rollCall` again with some members' votes changed (member id → new vote). With an official
 * tally, the tally moves with the changes; a member whose vote the partial list does not give cannot be
 * changed (BAD_INPUT).
 */
export function redecide(
  rollCall: VoteDescription,
  changes: Readonly<Record<string, MemberVote>>,
  context: DecisionContext = {},
): Outcome {
  const model = buildModel(rollCall, context);
  const votes = normaliseVotes(rollCall.votes);
  const changed = normaliseVotes(changes);
  const tally = rollCall.officialTally ?? null;
  const official: Counts | null =
    tally && model.tallySource === "official"
      ? {
          yes: tally.yes ?? 0,
          no: tally.no ?? 0,
          abstain: tally.abstain ?? null,
          nonVoting: tally.nonVoting ?? null,
        }
      : null;
  for (const [id, vote] of changed) {
    const before = votes.get(id) ?? (model.complete ? "X" : undefined);
    if (before === undefined) {
      throw new PlenaryError("BAD_INPUT", `the vote of ${id} is not listed, so it cannot be changed`, {
        field: `changes.${id}`,
        help: "Only members whose vote the roll call lists can be changed when the official tally decides.",
      });
    }
    if (official) moveCount(official, before, vote);
    votes.set(id, vote);
  }
  // A tally that matched the full list no longer does once votes change: the list decides then.
  return decide({ ...rollCall, votes, officialTally: official }, context);
}
