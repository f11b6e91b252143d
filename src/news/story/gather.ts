/**
 * What a story is drafted from: the texts asked for (an amendment or motion brings its text), each with
 * its amendments and motions, its drafter when the record names one, the rules' decision where the
 * record allows one, and the earlier vote on the same theme.
 */
import { PlenaryError } from "../../core/errors.js";
import { allMembers, findMember } from "../../core/members/index.js";
import type { Outcome } from "../../core/rules/index.js";
import type { RollCallWithVotes } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import {
  decideRecorded,
  findRollCall,
  knownVotes,
  rollCallRef,
  tallyOf,
  type TallyView,
} from "../../data/rollCallView.js";
import type { Store } from "../../data/store/index.js";

export interface VoteItem {
  rc: RollCallWithVotes;
  ref: string;
  tally: TallyView;
  /** Known votes (a complete record includes its non-voting members). */
  votes: Map<string, MemberVote>;
  /** The rules' decision, when the record holds a tally or every vote. */
  decision: Outcome | null;
}

export interface TextItem extends VoteItem {
  /** Amendments, paragraph votes and motions on the text, in the order taken. */
  children: VoteItem[];
  /** The member the record's description names as drafter ("Tabled by Ukraine", "Draft by the United States"). */
  sponsor: { member: string; phrase: string } | null;
  /** The latest earlier vote of the same body on the same theme, if the store holds one. */
  earlier: VoteItem | null;
}

export function voteItem(rc: RollCallWithVotes): VoteItem {
  return {
    rc,
    ref: rollCallRef(rc),
    tally: tallyOf(rc).tally,
    votes: knownVotes(rc),
    decision: decideRecorded(rc)?.decision ?? null,
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

const STOP = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "that",
  "this",
  "resolution",
  "draft",
  "united",
  "nations",
  "situation",
  "question",
]);

/** Significant words of a title: lower case, four letters or more, not a stop word. */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !STOP.has(w)),
  );
}

export function titleSimilarity(a: string, b: string): number {
  const x = titleWords(a);
  const y = titleWords(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Titles at least this similar (Jaccard over significant words) are on the same theme. */
export const SAME_THEME = 0.3;

/**
 * The latest earlier recorded vote on a text of the same body whose title is on the same theme
 * (similarity ≥ SAME_THEME), preferring the same session. Null when the store holds none.
 */
export async function earlierOnTheme(store: Store, rc: RollCallWithVotes): Promise<VoteItem | null> {
  const rows = await store.db
    .selectFrom("roll_calls")
    .select(["id", "title", "session", "date"])
    .where("body", "=", rc.body)
    .where("date", "<", rc.date)
    .where("kind", "in", ["resolution", "draft"])
    .where("modality", "=", "recorded")
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .limit(2000)
    .execute();
  let best: { id: number; score: number } | null = null;
  for (const row of rows) {
    const similarity = titleSimilarity(rc.title, row.title);
    if (similarity < SAME_THEME) continue;
    const score = similarity + (rc.session !== null && row.session === rc.session ? 0.2 : 0);
    if (!best || score > best.score) best = { id: row.id, score };
  }
  if (!best) return null;
  const earlier = await store.get(best.id);
  return earlier ? voteItem(earlier) : null;
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
    let earlier = await earlierOnTheme(store, rc);
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
