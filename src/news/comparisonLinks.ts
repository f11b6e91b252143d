/**
 * Comparison links: when a story or `newsworthy` may set a vote beside an earlier one ("93 voted for it,
 * 48 fewer than for …"). A comparison is only as good as the reason the two texts belong together, so
 * Plenary compares only on a link it can state, and the sentence says which link it used:
 *
 * | link | when | said as |
 * | --- | --- | --- |
 * | `agenda-item` | both texts are filed under the same agenda item (where the store records one) | "under the same agenda item" |
 * | `same-title` | the same text in another session: titles with the same significant words (the annual Cuba-embargo text) | "a text of the same title" |
 * | `cited` | the later text names the earlier one's resolution symbol | "which it cites" |
 * | `emergency-session` | both adopted in the same emergency special session, convened on one question (ES-11/1 … ES-11/8 on Ukraine) | "of the same emergency special session" |
 * | `subjects` | at least two specific subjects in common, and at least half of the smaller list (UNBIS terms; the research dataset's six broad issue classes never count) | "on the same subjects" |
 *
 * No link, no comparison: two titles sharing a word ("The path to peace", "Right to peace") are not a
 * link. The links are listed strongest first; the earlier vote compared with is the most recent one of
 * the strongest link found.
 */
import type { EarlierText } from "../data/store/index.js";
import { symbolKey } from "../core/symbols.js";

export type ComparisonLinkKind = "agenda-item" | "same-title" | "cited" | "emergency-session" | "subjects";

/** Strongest first: a shared agenda item or title says more than a shared session or subjects. */
export const LINK_ORDER: readonly ComparisonLinkKind[] = [
  "agenda-item",
  "same-title",
  "cited",
  "emergency-session",
  "subjects",
];

/** What the links read of a text (the store's `EarlierText`, or a roll call). */
export interface LinkableText extends Pick<
  EarlierText,
  "id" | "body" | "session" | "date" | "symbol" | "title" | "description"
> {
  agenda?: string | null;
  issues: readonly { code: string; label: string | null }[] | readonly string[];
}

export interface ComparisonLink {
  kind: ComparisonLinkKind;
  /** What they share: the agenda item, the title, the cited symbol, the session, the subjects. */
  detail: string;
}

/**
 * The research dataset's issue classes (Middle East, nuclear, disarmament, human rights, colonialism,
 * development): each covers a sixth of the record, far too broad to link two texts.
 */
export const BROAD_ISSUE_CLASSES: ReadonlySet<string> = new Set(["me", "nu", "di", "hr", "co", "ec"]);

/** Significant words of a title are at least this long, and a title needs this many to be matched. */
const MIN_WORD_LENGTH = 4;
const MIN_TITLE_WORDS = 3;
/** Two titles are the same text's when their significant words overlap this much (Jaccard). */
export const SAME_TITLE = 0.8;
const MIN_SHARED_SUBJECTS = 2;

const STOP = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "that",
  "this",
  "resolution",
  "adopted",
  "general",
  "assembly",
  "draft",
  "united",
  "nations",
  "situation",
  "question",
  "america",
]);

/** Significant words: lower case, four letters or more, not a stop word. */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= MIN_WORD_LENGTH && !STOP.has(w)),
  );
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * The titles a text goes by: its title and, where the description is a title too, the description. The
 * research dataset writes short labels ("CUBA, U.S. EMBARGO") or titles cut at 60 characters as `short`
 * and the full title as `descr`; its other descriptions are the question put ("TO ADOPT …") or minutes
 * ("The President: …"), which are no titles.
 */
export function titlesOf(text: Pick<LinkableText, "title" | "description">): string[] {
  const titles = [text.title];
  const d = text.description?.trim();
  if (d && d.length <= 300 && !/^(?:to\s|the (?:acting )?president\b|mr\.|ms\.)/i.test(d) && !/\.\s/.test(d))
    titles.push(d);
  return titles;
}

function sameTitle(a: LinkableText, b: LinkableText): string | null {
  for (const x of titlesOf(a)) {
    const wx = titleWords(x);
    if (wx.size < MIN_TITLE_WORDS) continue;
    for (const y of titlesOf(b)) {
      const wy = titleWords(y);
      if (wy.size >= MIN_TITLE_WORDS && jaccard(wx, wy) >= SAME_TITLE) return y;
    }
  }
  return null;
}

/** Resolution symbols a text names: `A/RES/…`, `resolution 74/19`, `resolution ES-11/6`. */
export function citedSymbols(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bA\/RES\/((?:ES-|S-)?\d+\/\d+[A-Z]?|\d+[A-Z]?\s*\([IVXLC]+\))/gi))
    out.add(symbolKey(`A/RES/${m[1]!}`));
  for (const m of text.matchAll(/\bresolutions?\s+((?:ES-|S-)?\d+\/\d+[A-Z]?|\d+[A-Z]?\s*\([IVXLC]+\))/gi))
    out.add(symbolKey(`A/RES/${m[1]!}`));
  for (const m of text.matchAll(/\bS\/RES\/(\d+)/gi)) out.add(`S/RES/${m[1]!}`);
  return out;
}

function subjectsOf(text: LinkableText): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of text.issues) {
    const { code, label } = typeof issue === "string" ? { code: issue, label: null } : issue;
    if (!BROAD_ISSUE_CLASSES.has(code)) out.set(code, label ?? code);
  }
  return out;
}

function normalisedAgenda(agenda: string | null | undefined): string | null {
  const text = agenda?.trim().toLowerCase().replace(/\s+/g, " ");
  return text ? text : null;
}

/** Every link between a later text and an earlier one, strongest first (empty: they are not comparable). */
export function comparisonLinks(later: LinkableText, earlier: LinkableText): ComparisonLink[] {
  if (later.body !== earlier.body || later.id === earlier.id) return [];
  // Another vote on the same text is no earlier text to compare with.
  if (later.symbol && earlier.symbol && symbolKey(later.symbol) === symbolKey(earlier.symbol)) return [];
  const links: ComparisonLink[] = [];
  const agenda = normalisedAgenda(later.agenda);
  if (agenda && agenda === normalisedAgenda(earlier.agenda))
    links.push({ kind: "agenda-item", detail: earlier.agenda!.trim() });
  const title = sameTitle(later, earlier);
  if (title) links.push({ kind: "same-title", detail: title });
  if (earlier.symbol) {
    const key = symbolKey(earlier.symbol);
    const cited = citedSymbols(`${later.title}\n${later.description ?? ""}`);
    if (cited.has(key)) links.push({ kind: "cited", detail: earlier.symbol });
  }
  if (later.session && later.session === earlier.session && /^ES-/i.test(later.session))
    links.push({ kind: "emergency-session", detail: later.session });
  const mine = subjectsOf(later);
  const theirs = subjectsOf(earlier);
  const shared = [...mine.keys()].filter((code) => theirs.has(code));
  if (shared.length >= MIN_SHARED_SUBJECTS && shared.length * 2 >= Math.min(mine.size, theirs.size))
    links.push({ kind: "subjects", detail: shared.map((code) => mine.get(code)!).join("; ") });
  return links.sort((x, y) => LINK_ORDER.indexOf(x.kind) - LINK_ORDER.indexOf(y.kind));
}

/** The strongest link between two texts, or null. */
export function comparisonLink(later: LinkableText, earlier: LinkableText): ComparisonLink | null {
  return comparisonLinks(later, earlier)[0] ?? null;
}

/**
 * The earlier text to compare `later` with among `candidates` (any order): the most recent one of the
 * strongest link, ties to the same session. Null when none is linked.
 */
export function linkedEarlier<T extends LinkableText>(
  later: LinkableText,
  candidates: readonly T[],
): { text: T; link: ComparisonLink } | null {
  let best: { text: T; link: ComparisonLink; rank: number } | null = null;
  for (const text of candidates) {
    if (text.date >= later.date) continue;
    const link = comparisonLink(later, text);
    if (!link) continue;
    const rank = LINK_ORDER.indexOf(link.kind);
    if (
      !best ||
      rank < best.rank ||
      (rank === best.rank &&
        (text.date > best.text.date || (text.date === best.text.date && text.id > best.text.id)))
    )
      best = { text, link, rank };
  }
  return best ? { text: best.text, link: best.link } : null;
}

/** How a sentence names the link: inside the comparison sentence, and after "than for" in a standfirst. */
export function linkWords(link: ComparisonLink): { clause: string; standfirst: string } {
  switch (link.kind) {
    case "agenda-item":
      return { clause: "under the same agenda item", standfirst: "a text under the same agenda item" };
    case "same-title":
      return { clause: "a text of the same title", standfirst: "the text of the same title" };
    case "cited":
      return { clause: "which the new text cites", standfirst: "the resolution it cites" };
    case "emergency-session":
      return {
        clause: `in the same emergency special session (${link.detail})`,
        standfirst: "an earlier text of the same emergency special session",
      };
    case "subjects":
      return { clause: `on the same subjects (${link.detail})`, standfirst: "a text on the same subjects" };
  }
}
