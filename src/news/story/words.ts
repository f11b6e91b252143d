/** The vote vocabulary every kind of paragraph shares: verbs, tallies, dates and short names of a vote. */
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import { longDate, monthYear } from "./english.js";
import type { TextItem, VoteItem } from "./gather.js";

export const VERB: Record<MemberVote, string> = {
  Y: "voted in favour",
  N: "voted against",
  A: "abstained",
  X: "did not vote",
};

export function verbOn(vote: MemberVote, ref: string): string {
  if (vote === "Y") return `voted in favour of ${ref}`;
  if (vote === "N") return `voted against ${ref}`;
  if (vote === "A") return `abstained on ${ref}`;
  return `did not vote on ${ref}`;
}

/** A resolution or draft, not an amendment, a paragraph or a motion. */
export function isText(item: VoteItem): boolean {
  return item.rc.kind === "resolution" || item.rc.kind === "draft";
}

/** Whether an amendment to the text was adopted. */
export function isAmended(item: TextItem): boolean {
  return item.children.some((c) => c.rc.kind === "amendment" && c.outcome === "adopted");
}

export function knownTally(item: VoteItem): { yes: number; no: number; abstain: number | null } | null {
  const t = item.tally;
  return t.yes === null || t.no === null ? null : { yes: t.yes, no: t.no, abstain: t.abstain };
}

export function bodyWord(body: Body, first: boolean): string {
  if (body === "GA") return first ? "the General Assembly" : "the Assembly";
  return first ? "the Security Council" : "the Council";
}

/** "on 24 February 2025", or "in November 1975" where the source gives only the month (approximations.ts). */
export function onDate(item: VoteItem): string {
  return item.datePrecision === "month" ? `in ${monthYear(item.rc.date)}` : `on ${longDate(item.rc.date)}`;
}

export function shortSymbol(item: VoteItem): string {
  return item.rc.symbol ?? item.rc.draftSymbol ?? item.ref;
}
