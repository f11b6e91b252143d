/** Builders for the facts behind sentences: each names the query that reproduces it and its values. */
import type { Outcome } from "../../core/rules/index.js";
import type { MemberVote } from "../../core/vote.js";
import type { Undecided } from "../../data/recordOutcome.js";
import type { Alongside } from "../../analysis/alongside.js";
import type { Fact, Sentence, StoryLink } from "./types.js";
import type { EarlierItem, VoteItem } from "./gather.js";

/** The vote page of a roll call; parentheses encoded too, so the URL is safe inside a Markdown link. */
export function voteHref(ref: string): string {
  return `/votes/${encodeURIComponent(ref).replace(/\(/g, "%28").replace(/\)/g, "%29")}`;
}

function voteQuery(ref: string, path: string): string {
  return `plenary vote ${ref} --json | ${path}`;
}

/** The record's figures and outcome for a roll call. */
export function recordFact(
  item: VoteItem,
  fields: (
    "tally" | "outcome" | "date" | "datePrecision" | "title" | "symbol" | "draftSymbol" | "body" | "complete"
  )[],
): Fact {
  const rc = item.rc;
  const all: Record<string, unknown> = {
    tally: item.tally,
    outcome: rc.recordedOutcome,
    date: rc.date,
    datePrecision: item.datePrecision,
    title: rc.title,
    symbol: rc.symbol,
    draftSymbol: rc.draftSymbol,
    body: rc.body,
    complete: rc.complete,
  };
  const values: Record<string, unknown> = {};
  for (const f of fields) values[f] = all[f];
  // A date is reported with how precisely it is known.
  if (fields.includes("date")) values.datePrecision = item.datePrecision;
  return { query: voteQuery(item.ref, fields.map((f) => `.${f}`).join(", ")), values };
}

/** One member's recorded vote. */
export function memberVoteFact(item: VoteItem, member: string): Fact {
  return {
    query: voteQuery(item.ref, `.votes[] | select(.member == "${member}") | .vote`),
    values: { member, vote: item.votes.get(member) ?? null },
  };
}

/** Every member the record lists with one vote. */
export function membersWithVoteFact(item: VoteItem, vote: MemberVote, members: string[]): Fact {
  return {
    query: voteQuery(item.ref, `[.votes[] | select(.vote == "${vote}") | .member]`),
    values: { vote, members, count: members.length, complete: item.rc.complete },
  };
}

export function descriptionFact(item: VoteItem, extra: Record<string, unknown> = {}): Fact {
  return {
    query: voteQuery(item.ref, ".description"),
    values: { description: item.rc.description, ...extra },
  };
}

export function decisionFact(item: VoteItem, decision: Outcome): Fact {
  return {
    query: `decide(${item.ref}) — the procedure engine, src/core/rules (also: plenary vote ${item.ref} --json)`,
    values: {
      outcome: decision.outcome,
      reason: decision.reason,
      majority: decision.majority,
      yes: decision.yes,
      no: decision.no,
      abstain: decision.abstain,
      required: decision.required,
      vetoedBy: decision.vetoedBy,
      negativePermanent: decision.negativePermanent,
      explanation: decision.explanation,
    },
  };
}

/** Why the rules could not decide a roll call: the one reason every surface gives. */
export function undecidedFact(item: VoteItem, undecided: Undecided): Fact {
  return {
    query: `${voteQuery(item.ref, ".undecided")} — recordOutcome(), src/data/recordOutcome.ts`,
    values: { ...undecided },
  };
}

export function permanentFact(date: string, permanent: string[]): Fact {
  return { query: `councilOn("${date}").permanent — src/core/council`, values: { date, permanent } };
}

export function blocFact(bloc: string, date: string, members: string[]): Fact {
  return {
    query: `blocMembersOn("${bloc}", "${date}") — src/analysis/blocs.json`,
    values: { bloc, date, members },
  };
}

export function alongsideFact(item: VoteItem, result: Alongside, shown: number): Fact {
  return {
    query: `alongside(matrix, ${result.rollCallId} /* ${item.ref} */, "${result.member}") — src/analysis/alongside`,
    values: {
      vote: result.vote,
      history: result.history,
      notable: result.notable,
      others: result.others,
      company: result.members
        .slice(0, shown)
        .map((m) => ({ id: m.id, agreementBefore: m.agreementBefore, both: m.both })),
    },
  };
}

/** Why an earlier vote may be compared with this one: the link between the two texts. */
export function linkFact(item: VoteItem, earlier: EarlierItem): Fact {
  return {
    query: `comparisonLink(${item.ref}, ${earlier.ref}) — src/news/comparisonLinks.ts`,
    values: { now: item.ref, earlier: earlier.ref, link: earlier.link.kind, detail: earlier.link.detail },
  };
}

export function childrenFact(item: VoteItem, children: VoteItem[]): Fact {
  return {
    query: voteQuery(item.ref, ".related"),
    values: {
      related: children.map((c) => ({
        ref: c.ref,
        kind: c.rc.kind,
        title: c.rc.title,
        outcome: c.rc.recordedOutcome,
        tally: c.tally,
      })),
    },
  };
}

export function sentence(text: string, facts: Fact[], links: StoryLink[] = []): Sentence {
  return { text, facts, links };
}

export function linkTo(item: VoteItem, text = item.rc.symbol ?? item.ref): StoryLink {
  return { text, href: voteHref(item.ref) };
}
