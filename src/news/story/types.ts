/**
 * A story drafted from the record: every sentence carries the facts it was written from — the query
 * that reproduces each one (a `plenary` command with a jq-like path, or the library call) and the values
 * it returned. Nothing in the text comes from anywhere else.
 */
import type { Body } from "../../core/rollCall.js";

export interface Fact {
  /** How to reproduce it: `plenary vote A/RES/ES-11/7 --json | .tally`, `decide(rc-8)`, `alongside(…)`. */
  query: string;
  values: Record<string, unknown>;
}

/** A link the Markdown and HTML renderings put on the first occurrence of `text` in the sentence. */
export interface StoryLink {
  text: string;
  href: string;
}

export interface Sentence {
  text: string;
  facts: Fact[];
  links: StoryLink[];
}

export interface Paragraph {
  /** What the paragraph is about: `outcome`, `company`, `amendments`, `comparison`, `contrast` … */
  topic: string;
  sentences: Sentence[];
}

export interface StoryVote {
  id: number;
  ref: string;
  symbol: string | null;
  body: Body;
  date: string;
  kind: string;
  title: string;
  href: string;
}

export interface StoryTag {
  name: string;
  kind: "region" | "topic";
}

export interface FocusChoice {
  member: string;
  name: string;
  /** How the member was chosen: `given` (--focus) or `score`. */
  how: "given" | "score";
  score: number;
  reasons: string[];
}

export interface Story {
  /** The symbols asked for, as given. */
  request: string[];
  date: string;
  headline: Sentence;
  standfirst: Sentence[];
  paragraphs: Paragraph[];
  /** The texts and every amendment or motion the story cites. */
  votes: StoryVote[];
  /** Members the story names (alpha-3). */
  members: string[];
  focus: FocusChoice | null;
  /**
   * How co-voters were ordered: `history` — the analysis module's notability ranking (lowest past
   * agreement with the focus member first); `fallback` — no history in the store: permanent members of
   * the Security Council first, then alphabetically by English name.
   */
  companyOrder: "history" | "fallback" | null;
  section: string;
  tags: StoryTag[];
  /** Things the story could not say, and why (unknown tallies, no history …). */
  notes: string[];
}
