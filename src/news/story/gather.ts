/**
 * What a story is drafted from: the texts asked for (an amendment or motion brings its text), each with
 * its amendments and motions, its drafter when the record names one, the rules' decision where the
 * record allows one, and the earlier vote on a linked text (comparisonLinks.ts).
 */
import { PlenaryError } from "../../core/errors.js";
import { allMembers, findMember } from "../../core/members/index.js";
import type { Outcome } from "../../core/rules/index.js";
import type { RecordedOutcome, RollCallWithVotes } from "../../core/rollCall.js";
import { recordOutcome, type Undecided } from "../../data/recordOutcome.js";
import { datePrecisionOf, type DatePrecision } from "../../data/approximations.js";
import type { MemberVote } from "../../core/vote.js";
import {
  disputesOf,
  findRollCall,
  knownVotes,
  rollCallRef,
  tallyOf,
  type DisputeView,
  type TallyView,
} from "../../data/rollCallView.js";
import type { Store } from "../../data/store/index.js";
import { linkedEarlier, type ComparisonLink } from "../comparisonLinks.js";

export interface VoteItem {
  rc: RollCallWithVotes;
  ref: string;
  /**
   * The tally a story may state: unknown (all null) where the source contradicts itself about it and no
   * other source decides (tallyDispute) — a story never prints one side of a dispute as the fact.
   */
  tally: TallyView;
  /** The source's undecided contradiction about the tally, said in the story instead of a tally. */
  tallyDispute: DisputeView | null;
  /** Known votes (a complete record includes its non-voting members). */
  votes: Map<string, MemberVote>;
  /** The rules' decision, when they can be applied to the record. */
  decision: Outcome | null;
  /** The outcome every surface shows, and why the rules could not decide it (recordOutcome.ts). */
  outcome: RecordedOutcome | null;
  undecided: Undecided | null;
  /** `month` where the source gives the month, not the day (approximations.ts). */
  datePrecision: DatePrecision;
}

export interface TextItem extends VoteItem {
  /** Amendments, paragraph votes and motions on the text, in the order taken. */
  children: VoteItem[];
  /** The member the record's description names as drafter ("Tabled by Ukraine", "Draft by the United States"). */
  sponsor: { member: string; phrase: string } | null;
  /** The latest earlier vote of the same body on a linked text (comparisonLinks.ts), if the store holds one. */
  earlier: EarlierItem | null;
}

/** An earlier vote and the link that makes it comparable. */
export interface EarlierItem extends VoteItem {
  link: ComparisonLink;
}

export function voteItem(rc: RollCallWithVotes): VoteItem {
  const { decision, outcome, undecided } = recordOutcome(rc);
  const tallyDispute = disputesOf(rc).find((d) => d.field === "tally" && d.decidedBy === null) ?? null;
  return {
    rc,
    ref: rollCallRef(rc),
    tally: tallyDispute ? { yes: null, no: null, abstain: null, nonVoting: null } : tallyOf(rc).tally,
    tallyDispute,
    votes: knownVotes(rc),
    decision,
    outcome,
    undecided,
    datePrecision: datePrecisionOf(rc.date, rc.sources),
  };
}

const SPONSOR =
  /\b(?:Tabled|Drafted|Draft|Submitted|Proposed|Put forward) by (?:the )?(.+?)(?= with\b|[;:,.(]|$)/;

/** The drafter the description names, resolved to a member; null when none or not a member. */
export function sponsorOf(description: string | null, date: string): TextItem["sponsor"] {
  if (!description) return null;
  const match = SPONSOR.exec(description);
  if (!match) return null;
  const member = findMember(match[1]!.trim(), { date });
  return member ? { member: member.id, phrase: match[0] } : null;
}

/**
 * The latest earlier recorded vote of the same body on a text linked to this one (see
 * comparisonLinks.ts: agenda item, title, citation, emergency session, subjects), with the link. Null when
 * the store holds no linked text: then nothing is compared.
 */
export async function earlierLinked(store: Store, rc: RollCallWithVotes): Promise<EarlierItem | null> {
  const candidates = await store.earlierTexts(rc.body, rc.date);
  const found = linkedEarlier(rc, candidates);
  if (!found) return null;
  const earlier = await store.get(found.text.id);
  return earlier ? { ...voteItem(earlier), link: found.link } : null;
}

/**
 * The texts for SYMBOLS: each symbol's roll call, or for an amendment, paragraph vote or motion the text
 * it belongs to; in order of date and sequence, each once.
 */
export async function gatherTexts(store: Store, symbols: readonly string[]): Promise<TextItem[]> {
  if (!symbols.length) {
    throw new PlenaryError("BAD_INPUT", "Name at least one vote.", {
      help: "For example: plenary story ES-11/7 ES-11/8 S/RES/2774",
    });
  }
  const texts = new Map<number, RollCallWithVotes>();
  for (const symbol of symbols) {
    let rc = await findRollCall(store, symbol);
    if (rc.parentId !== null) rc = (await store.get(rc.parentId)) ?? rc;
    texts.set(rc.id, rc);
  }
  const ordered = [...texts.values()].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.body === b.body ? 0 : a.body === "GA" ? -1 : 1) ||
      a.sequence - b.sequence ||
      a.id - b.id,
  );
  const used = new Set<number>(ordered.map((rc) => rc.id));
  const items: TextItem[] = [];
  for (const rc of ordered) {
    const children: VoteItem[] = [];
    for (const child of await store.children(rc.id)) {
      const full = await store.get(child.id);
      if (full) children.push(voteItem(full));
    }
    let earlier = await earlierLinked(store, rc);
    // One comparison per earlier vote, and never with a text of the story itself.
    if (earlier && used.has(earlier.rc.id)) earlier = null;
    if (earlier) used.add(earlier.rc.id);
    items.push({ ...voteItem(rc), children, sponsor: sponsorOf(rc.description, rc.date), earlier });
  }
  return items;
}

/** Members named in a title ("… peace in Ukraine" → UKR), by any of their names; longest match wins. */
export function membersInTitle(title: string): string[] {
  const spans: { id: string; start: number; end: number }[] = [];
  for (const member of allMembers()) {
    if (!member.membership.length) continue;
    for (const name of new Set([member.name, ...member.names.map((n) => n.name)])) {
      if (name.length < 4) continue;
      const at = title.indexOf(name);
      if (at < 0) continue;
      const before = title[at - 1];
      const after = title[at + name.length];
      if (
        (before === undefined || !/\p{L}/u.test(before)) &&
        (after === undefined || !/\p{L}/u.test(after))
      ) {
        spans.push({ id: member.id, start: at, end: at + name.length });
      }
    }
  }
  const kept = spans.filter(
    (s) =>
      !spans.some(
        (o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start,
      ),
  );
  return [...new Set(kept.sort((a, b) => a.start - b.start).map((s) => s.id))];
}
