/**
 * draftStory: a news story for one vote or a set of votes of the same day or topic, written from the
 * record only. Deterministic templates: the same store and the same symbols give the same story. Every
 * sentence carries its facts (see types.ts); a sentence that has no fact behind it is never written.
 *
 * What it says, in order: a headline and standfirst (headline.ts); for each text (Assembly texts first,
 * then the Council's) the outcome and tally (outcome.ts), the drafter the record names (sponsor.ts), how
 * the focus member (focus.ts) voted and with whom (company.ts), the other known votes worth naming
 * (votes.ts), bloc members breaking with their bloc (blocs.ts), the member's past agreement with its
 * company (only when the store holds history), the amendments and motions and their fate — a veto told
 * apart from a lack of votes (amendments.ts) — and the latest earlier vote on a linked text, saying the
 * link (comparison.ts); then the Assembly/Council contrast (contrast.ts). This file only puts them in order.
 */
import type { VoteMatrix } from "../../analysis/matrix.js";
import type { Body } from "../../core/rollCall.js";
import type { Store } from "../../data/store/index.js";
import { amendmentSentences } from "./amendments.js";
import { blocSentences } from "./blocs.js";
import { company, companySentence, departureSentence } from "./company.js";
import { comparisonSentence } from "./comparison.js";
import { contrastSentences } from "./contrast.js";
import { voteHref } from "./facts.js";
import { chooseFocus } from "./focus.js";
import { gatherTexts, type TextItem } from "./gather.js";
import { headline, standfirst, topicOf } from "./headline.js";
import { matrixSource, type MatrixFor } from "./history.js";
import { focusNote, newTelling, type Telling } from "./notes.js";
import { outcomeSentence } from "./outcome.js";
import { sponsorSentence } from "./sponsor.js";
import { storyTags } from "./tags.js";
import type { FocusChoice, Paragraph, Sentence, Story, StoryVote } from "./types.js";
import { councilVotesSentence, knownVotesSentence } from "./votes.js";

export interface StoryOptions {
  /** The member the story follows (code or name); default: chosen by the focus score. */
  focus?: string;
  /**
   * `auto` (default): build the vote matrix from the store when it holds history for the focus member;
   * `none`: never; or a matrix already built (tests, long-running servers).
   */
  history?: "auto" | "none" | VoteMatrix;
  /** Co-voters named before "and N other states" (default 6). */
  maxNamed?: number;
}

/** What every text's paragraphs share while the story is written. */
interface Writing {
  focus: FocusChoice | null;
  telling: Telling;
  matrixFor: MatrixFor;
  maxNamed: number;
  companyOrder: Story["companyOrder"];
}

/** Drafts a story for SYMBOLS (texts, or amendments and motions, which bring their text). */
export async function draftStory(
  store: Store,
  symbols: readonly string[],
  options: StoryOptions = {},
): Promise<Story> {
  const items = await gatherTexts(store, symbols);
  const date = items[0]!.rc.date;
  const telling = newTelling();
  const matrixFor = matrixSource(store, options.history);
  const focus = await chooseFocus(items, options.focus, matrixFor);
  if (focus) telling.notes.push(focusNote(focus, date));
  const topic = topicOf(items);
  const writing: Writing = { focus, telling, matrixFor, maxNamed: options.maxNamed ?? 6, companyOrder: null };
  const paragraphs: Paragraph[] = [];
  const counters = new Map<Body, number>();
  for (const [index, item] of items.entries()) {
    const bodyIndex = counters.get(item.rc.body) ?? 0;
    counters.set(item.rc.body, bodyIndex + 1);
    paragraphs.push(...(await textParagraphs(item, index, bodyIndex, writing)));
  }
  const contrast = contrastSentences(items, telling);
  if (contrast.length) paragraphs.push({ topic: "contrast", sentences: contrast });
  const head = headline(items, focus, topic);
  const stand = standfirst(items, focus, topic);
  if (focus) telling.members.add(focus.member);
  topic?.ids.forEach((id) => telling.members.add(id));
  return {
    request: [...symbols],
    date: items
      .map((i) => i.rc.date)
      .sort()
      .at(-1)!,
    headline: head,
    standfirst: stand,
    paragraphs,
    votes: storyVotes(items),
    members: [...telling.members].sort(),
    focus,
    companyOrder: writing.companyOrder,
    section: items[0]!.rc.body === "SC" ? "security-council" : "general-assembly",
    tags: storyTags(items, topic),
    notes: [...new Set(telling.notes)],
  };
}

/** One text's paragraphs: outcome, votes, amendments, comparison (each only when it has something to say). */
async function textParagraphs(
  item: TextItem,
  index: number,
  bodyIndex: number,
  w: Writing,
): Promise<Paragraph[]> {
  const paragraphs: Paragraph[] = [];
  const lede = [outcomeSentence(item, index, bodyIndex, w.telling)];
  const sponsor = sponsorSentence(item, w.telling);
  if (sponsor) lede.push(sponsor);
  paragraphs.push({ topic: "outcome", sentences: lede });
  const votes = item.rc.complete ? completeVotes(item, w) : await partialVotes(item, w);
  if (votes.length) paragraphs.push({ topic: "votes", sentences: votes });
  const amendments = amendmentSentences(item, w.focus, w.telling);
  if (amendments.length) paragraphs.push({ topic: "amendments", sentences: amendments });
  const comparison = comparisonSentence(item);
  if (comparison) paragraphs.push({ topic: "comparison", sentences: [comparison] });
  return paragraphs;
}

/** A complete record: everybody's vote, then the bloc breaks (no paragraph without the votes). */
function completeVotes(item: TextItem, w: Writing): Sentence[] {
  const votes = councilVotesSentence(item, w.telling);
  const blocs = blocSentences(item, w.telling);
  return votes ? [votes, ...blocs] : [];
}

/** A partial record: the focus member and its company, the other known votes, bloc breaks, departure. */
async function partialVotes(item: TextItem, w: Writing): Promise<Sentence[]> {
  const sentences: Sentence[] = [];
  const named = new Set<string>();
  const found = w.focus ? await company(item, w.focus.member, w.maxNamed, w.matrixFor) : null;
  const own = w.focus ? companySentence(item, w.focus, found, w.telling) : null;
  if (own && w.focus) {
    named.add(w.focus.member);
    found?.named.forEach((id) => named.add(id));
    if (found) w.companyOrder = w.companyOrder === "history" ? "history" : found.order;
    sentences.push(own);
  }
  const known = knownVotesSentence(item, named, w.telling);
  if (known) sentences.push(known);
  sentences.push(...blocSentences(item, w.telling));
  const departure = departureSentence(item, own ? found : null, w.focus, w.telling);
  if (departure) sentences.push(departure);
  return sentences;
}

/** Every roll call the story draws on: the texts, their amendments and motions, the earlier votes. */
function storyVotes(items: readonly TextItem[]): StoryVote[] {
  return items.flatMap((item) =>
    [item, ...item.children, ...(item.earlier ? [item.earlier] : [])].map((v) => ({
      id: v.rc.id,
      ref: v.ref,
      symbol: v.rc.symbol,
      body: v.rc.body,
      date: v.rc.date,
      kind: v.rc.kind,
      title: v.rc.title,
      href: voteHref(v.ref),
    })),
  );
}
