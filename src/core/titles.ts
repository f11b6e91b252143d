/**
 * Titles as a reader should see them (issue 14, item 7): never cut in the middle of a word. Plenary cuts
 * text only with cutAtWord (at a word boundary, with "…"). The research dataset (unvotes) cuts its own
 * fields — short titles at 60 characters ("Necessity of ending the economic, commercial and financial e")
 * and descriptions at about 244 — and, for many roll calls, keeps the full title as the description; its
 * import (src/data/import/unvotes.ts) stores researchTitle()'s result, so every surface shows whole words.
 */

/** The research dataset cuts its short titles at this length… */
export const RESEARCH_TITLE_CUT = 60;
/** …and its descriptions at about this one (243–247 characters, escapes counted). */
export const RESEARCH_DESCRIPTION_CUT = 243;
/**
 * The UN Digital Library's catalogue ends some titles with " : resolution / adopted by the General
 * Assembly" (which the research dataset copies, whole or cut anywhere after the colon).
 */
const CATALOGUE_SUFFIX = " : resolution / adopted by the General Assembly";
/** A text ending so looks finished (or already cut by Plenary), whatever its length. */
const FINISHED = /[.!?)\]…]$/;

/**
 * `text` without the catalogue's suffix — whole, or cut after " : r…" — or, where the source cut the text
 * (`cut`), without a bare " :" left at its end; null when it has none. The rest is kept as written.
 */
function withoutSuffix(text: string, cut: boolean): string | null {
  const colon = text.lastIndexOf(":");
  if (colon < 1 || !/\s/.test(text[colon - 1]!)) return null;
  const tail = ` ${text.slice(colon)}`.replace(/\s+/g, " ").trimEnd().toLowerCase();
  if (!CATALOGUE_SUFFIX.toLowerCase().startsWith(tail) || (tail.length < 4 && !cut)) return null;
  return text.slice(0, colon).trim();
}

/** `text` cut to at most `max` characters at a word boundary, with "…" when anything was cut. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, " ");
  if (clean.length <= max) return clean;
  const room = max - 1; // the ellipsis takes one character
  // Cut at the last space when the text before it is not too short; else (one very long word) mid-word.
  const space = /[\s,;:.!?)]/.test(clean[room]!) ? room : clean.slice(0, room).lastIndexOf(" ");
  const kept = (space > max / 3 ? clean.slice(0, space) : clean.slice(0, room)).replace(
    /[\s,;:.\-–—/(&+]+$/,
    "",
  );
  return `${kept}…`;
}

/**
 * A field the source cut at `limit` characters (`raw` untrimmed, as the source gives it; `slack`: the
 * source's count may run over by that much), cut back to its last whole word with "…"; a shorter or
 * longer (so never cut) or finished-looking field is kept whole.
 */
export function uncutWord(raw: string, limit: number, slack = 0): string {
  const clean = raw.trim();
  if (raw.length < limit || raw.length > limit + slack || FINISHED.test(clean)) return clean;
  // Cut at a space: the last word is whole, only the rest is missing.
  if (/\s$/.test(raw)) return `${clean.replace(/[\s,;:.\-–—/(&+]+$/, "")}…`;
  const squeezed = clean.replace(/\s+/g, " ");
  return cutAtWord(squeezed, squeezed.length - 1);
}

/**
 * The title and description to store for one research roll call (`short` and `descr` as the file gives
 * them): the full title where the description holds it (the short title being its start), the
 * catalogue's suffix dropped (a text that has it is whole up to it), and the research dataset's cuts
 * taken back to whole words.
 */
export function researchTitle(
  short: string | null,
  descr: string | null,
): { title: string | null; description: string | null } {
  const full =
    descr === null
      ? null
      : (withoutSuffix(descr, descr.length >= RESEARCH_DESCRIPTION_CUT) ??
        uncutWord(descr, RESEARCH_DESCRIPTION_CUT, 4));
  if (short === null) return { title: full, description: full };
  const label = withoutSuffix(short, short.length >= RESEARCH_TITLE_CUT);
  const start = (label ?? short.trim()).toLowerCase();
  if (full && start.length >= 20 && full.toLowerCase().startsWith(start.replace(/\s+/g, " ")))
    return { title: full, description: full };
  // A 60-character title the description quotes whole ("A/71/251 98o - Measures … Protocol. - …") is whole.
  const at = full ? full.toLowerCase().indexOf(start) : -1;
  const quotedWhole = at >= 0 && !/[\p{L}\p{N}]/u.test(full!.charAt(at + start.length));
  return {
    title: label ?? (quotedWhole ? short.trim() : uncutWord(short, RESEARCH_TITLE_CUT)),
    description: full,
  };
}

/**
 * A title written as the research dataset's `short` so that researchTitle() reads it back unchanged
 * (the exporter): a whole title of exactly 60 characters would pass for one the dataset cut, so it gets
 * the " :" the dataset leaves where it cut the catalogue's suffix.
 */
export function researchShort(title: string): string {
  return title.length === RESEARCH_TITLE_CUT && !FINISHED.test(title) ? `${title} :` : title;
}
