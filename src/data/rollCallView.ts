/**
 * A roll call as users see it (CLI `--json`, API, pages): names resolved, tally and outcome with where
 * each figure comes from, known votes only — an incomplete roll call is never filled in.
 */
import { getMember, membersOn, nameOn } from "../core/members/index.js";
import { councilOn } from "../core/council/index.js";
import {
  BODY_NAMES,
  type Body,
  type Provenance,
  type RecordedOutcome,
  type RollCall,
  type RollCallKind,
  type RollCallWithVotes,
  type SourceDispute,
} from "../core/rollCall.js";
import { sourceName, sourcePriority } from "./records.js";
import { countVotes, type MemberVote } from "../core/vote.js";
import { whatIf, type Outcome, type WhatIf } from "../core/rules/index.js";
import { recordOutcome, rulesInput, type Undecided } from "./recordOutcome.js";
import { dateNote, datePrecisionOf, documentSymbolOf, type DatePrecision } from "./approximations.js";
import type { Store } from "./store/index.js";
import { findRollCall, rollCallRef } from "./findRollCall.js";

export { rollCallRef };

export interface MemberVoteView {
  member: string;
  name: string;
  vote: MemberVote;
}

export interface TallyView {
  yes: number | null;
  no: number | null;
  abstain: number | null;
  nonVoting: number | null;
}

export interface RollCallSummary {
  id: number;
  ref: string;
  symbol: string | null;
  body: Body;
  date: string;
  kind: RollCallKind;
  title: string;
  outcome: RecordedOutcome | null;
  outcomeSource: "record" | "derived" | null;
  /** Why the rules could not decide it (recordOutcome.ts); null when they did. */
  undecided: Undecided | null;
  sequence: number;
}

/** Where a source contradicts itself about this roll call, and whether another source decides it. */
export interface DisputeView extends SourceDispute {
  source: string;
  /** A more trusted source of the same roll call that does not share the dispute; null: undecided. */
  decidedBy: string | null;
}

/** The roll call's own fields every surface shows as the record has them (see core/rollCall.ts). */
type RecordedFields = Pick<
  RollCall,
  | "id"
  | "symbol"
  | "draftSymbol"
  | "body"
  | "session"
  | "date"
  | "title"
  | "description"
  | "meeting"
  | "agenda"
  | "voteNotes"
  | "subjects"
  | "kind"
  | "procedural"
>;

export interface RollCallView extends RecordedFields {
  /** What to put after /votes/ in a URL: the symbol, else the draft's symbol, else `rc-ID`. */
  ref: string;
  bodyName: string;
  /** `day`, or `month` where the source gives the month but not the day (approximations.ts). */
  datePrecision: DatePrecision;
  /** Why the date is approximate, in one sentence; null when exact. */
  dateNote: string | null;
  /** The UN document the vote was on, to link; null where the source's symbol is no such document. */
  documentSymbol: string | null;
  /** Why `symbol` is not linked as a document, in one sentence; null when it is. */
  symbolNote: string | null;
  importantQuestion: boolean | null;
  importantVote: boolean;
  modality: string;
  complete: boolean;
  tally: TallyView;
  /** `official`: as published; `counted`: counted from a complete record; null: unknown. */
  tallySource: "official" | "counted" | null;
  outcome: RecordedOutcome | null;
  /** `record`: as the sources give it; `derived`: decided by the rules from a complete record. */
  outcomeSource: "record" | "derived" | null;
  /**
   * The rules applied to the record (majority, threshold, veto, explanation citing each rule): null
   * when they cannot be applied; `undecided` says why.
   */
  decision: Outcome | null;
  /** Why the rules could not decide this roll call, in one sentence (recordOutcome.ts); null when they did. */
  undecided: Undecided | null;
  /** What would have changed the result; null when undecidable. */
  whatIf: WhatIf | null;
  /** Set when the recorded result and the rules disagree: a data problem or a missing rule. */
  disagreement: string | null;
  /** How many members' votes are known. */
  knownVotes: number;
  votes: MemberVoteView[];
  parent: RollCallSummary | null;
  /** Amendments, paragraph votes and motions on this text, in order. */
  related: RollCallSummary[];
  issues: string[];
  sources: Provenance[];
  /** Each source's disagreements with itself (counts against lists, a date against a symbol). */
  disputes: DisputeView[];
}

export { rulesInput } from "./recordOutcome.js";

/** A roll call as listed, with the outcome and reason every surface shows (recordOutcome.ts). */
export function summarise(rollCall: RollCallWithVotes): RollCallSummary {
  const { outcome, outcomeSource, undecided } = recordOutcome(rollCall);
  return {
    id: rollCall.id,
    ref: rollCallRef(rollCall),
    symbol: rollCall.symbol,
    body: rollCall.body,
    date: rollCall.date,
    kind: rollCall.kind,
    title: rollCall.title,
    outcome,
    outcomeSource,
    undecided,
    sequence: rollCall.sequence,
  };
}

/** Members entitled to vote that day: the Assembly's membership, or the Council's composition. */
export function electorate(body: Body, date: string): string[] {
  return body === "GA" ? membersOn(date).map((m) => m.id) : councilOn(date).members;
}

function memberName(id: string, date: string): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
}

/** Known votes, plus the non-voting members a complete record implies. */
export function knownVotes(rollCall: RollCallWithVotes): Map<string, MemberVote> {
  if (!rollCall.complete) return rollCall.votes;
  const all = new Map(rollCall.votes);
  for (const id of electorate(rollCall.body, rollCall.date)) if (!all.has(id)) all.set(id, "X");
  return all;
}

export function tallyOf(rollCall: RollCallWithVotes): {
  tally: TallyView;
  source: RollCallView["tallySource"];
} {
  const official = rollCall.officialTally;
  if (official.yes !== null && official.no !== null && official.abstain !== null) {
    // A complete record tells how many did not vote where the source does not say.
    const nonVoting =
      official.nonVoting ?? (rollCall.complete ? countVotes(knownVotes(rollCall).values()).nonVoting : null);
    return { tally: { ...official, nonVoting }, source: "official" };
  }
  if (rollCall.complete) return { tally: countVotes(knownVotes(rollCall).values()), source: "counted" };
  return { tally: { ...official }, source: official.yes === null ? null : "official" };
}

/**
 * The sources' disputes with themselves. One is decided when a more trusted source of the same roll call
 * does not contradict itself on that field: its statement is the one the roll call shows.
 */
export function disputesOf(rollCall: Pick<RollCall, "sources">): DisputeView[] {
  const out: DisputeView[] = [];
  for (const source of rollCall.sources) {
    for (const dispute of source.disputes ?? []) {
      const decider = rollCall.sources
        .filter(
          (other) =>
            other.source !== source.source &&
            sourcePriority(other.source) > sourcePriority(source.source) &&
            !(other.disputes ?? []).some((d) => d.field === dispute.field),
        )
        .sort((a, b) => sourcePriority(b.source) - sourcePriority(a.source))[0];
      out.push({ ...dispute, source: source.source, decidedBy: decider?.source ?? null });
    }
  }
  return out;
}

/** A dispute in one sentence: who says what, what was kept, and whether another source decides it. */
export function describeDispute(d: DisputeView): string {
  const claims = d.claims.map((c, i) => {
    // "the counts say 15-0-0, the lists 9-0-6": the verb once, agreeing with the first statement.
    const verb = i > 0 ? "" : /s$/.test(c.from) ? " say" : " says";
    return `the ${c.from}${verb} ${c.value}`;
  });
  const decided = d.decidedBy ? ` ${capitalise(sourceName(d.decidedBy))} decides it.` : "";
  return `In ${sourceName(d.source)} the ${DISPUTED_FIELDS[d.field]} contradicts itself: ${claims.join(", ")}. Plenary keeps ${d.kept}.${decided}`;
}

const DISPUTED_FIELDS: Record<SourceDispute["field"], string> = {
  tally: "tally",
  vetoedBy: "list of vetoing members",
  votes: "votes",
  date: "date",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function buildRollCallView(
  rollCall: RollCallWithVotes,
  parent: RollCallWithVotes | null,
  related: RollCallWithVotes[],
): RollCallView {
  const { tally, source } = tallyOf(rollCall);
  const result = recordOutcome(rollCall);
  const decision = result.decision;
  const datePrecision = datePrecisionOf(rollCall.date, rollCall.sources);
  const derivedOutcome = decision?.outcome ?? null;
  const votes = [...knownVotes(rollCall)]
    .map(([member, vote]) => ({ member, name: memberName(member, rollCall.date), vote }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return {
    id: rollCall.id,
    ref: rollCallRef(rollCall),
    symbol: rollCall.symbol,
    draftSymbol: rollCall.draftSymbol,
    body: rollCall.body,
    bodyName: BODY_NAMES[rollCall.body],
    session: rollCall.session,
    date: rollCall.date,
    datePrecision,
    dateNote: dateNote(rollCall.date, datePrecision),
    ...documentSymbolOf({ ...rollCall, outcome: result.outcome }),
    title: rollCall.title,
    description: rollCall.description,
    meeting: rollCall.meeting,
    agenda: rollCall.agenda,
    voteNotes: rollCall.voteNotes,
    subjects: rollCall.subjects,
    kind: rollCall.kind,
    procedural: rollCall.procedural,
    importantQuestion: rollCall.importantQuestion,
    importantVote: rollCall.importantVote,
    modality: rollCall.modality,
    complete: rollCall.complete,
    tally,
    tallySource: source,
    outcome: result.outcome,
    outcomeSource: result.outcomeSource,
    decision,
    whatIf: decision ? whatIf(rulesInput(rollCall)!) : null,
    undecided: result.undecided,
    disagreement:
      rollCall.recordedOutcome && derivedOutcome && rollCall.recordedOutcome !== derivedOutcome
        ? `The record says ${rollCall.recordedOutcome}; the rules applied to the recorded votes give ${derivedOutcome}.`
        : null,
    knownVotes: votes.filter((v) => v.vote !== "X" || rollCall.votes.has(v.member)).length,
    votes,
    parent: parent ? summarise(parent) : null,
    related: related.map(summarise),
    issues: rollCall.issues,
    // Each source's disputes are shown once, decided or not, under `disputes`.
    sources: rollCall.sources.map(({ disputes: _disputes, ...source }) => source),
    disputes: disputesOf(rollCall),
  };
}

export { findRollCall } from "./findRollCall.js";

/** The whole view of one roll call, with its parent text and its amendments or paragraph votes. */
export async function viewRollCall(store: Store, input: string): Promise<RollCallView> {
  const rollCall = await findRollCall(store, input);
  return viewOf(store, rollCall);
}

export async function viewOf(store: Store, rollCall: RollCallWithVotes): Promise<RollCallView> {
  const parent = rollCall.parentId === null ? null : await store.get(rollCall.parentId);
  const related = await store.childrenWithVotes(parent ? parent.id : rollCall.id);
  return buildRollCallView(
    rollCall,
    parent,
    related.filter((r) => r.id !== rollCall.id),
  );
}
