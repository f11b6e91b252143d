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

/** `text` without the catalogue's suffix or any start of it from " :" on; null when it has none. */
function withoutSuffix(text: string): string | null {
  const squeezed = text.replace(/\s+/g, " ").trimEnd();
  const colon = squeezed.lastIndexOf(" :");
  if (colon < 0) return null;
  const tail = squeezed.slice(colon).toLowerCase();
  return CATALOGUE_SUFFIX.toLowerCase().startsWith(tail) ? squeezed.slice(0, colon).trim() : null;
}
/** A text ending so looks finished, whatever its length. */
const FINISHED = /[.!?)\]"'”’]$/;

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
 * A field the source cut at `limit` characters (`raw` untrimmed, as the source gives it), cut back to its
 * last whole word with "…"; a shorter or finished-looking field is kept whole.
 */
export function uncutWord(raw: string, limit: number): string {
  const clean = raw.trim().replace(/\s+/g, " ");
  if (raw.length < limit || FINISHED.test(clean)) return clean;
  // Cut at a space: the last word is whole, only the rest is missing.
  if (/\s$/.test(raw)) return `${clean.replace(/[\s,;:.\-–—/(&+]+$/, "")}…`;
  return cutAtWord(clean, clean.length - 1);
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
  const full = descr === null ? null : (withoutSuffix(descr) ?? uncutWord(descr, RESEARCH_DESCRIPTION_CUT));
  if (short === null) return { title: full, description: full };
  const label = withoutSuffix(short);
  const start = (label ?? short.trim()).toLowerCase();
  if (full && start.length >= 20 && full.toLowerCase().startsWith(start.replace(/\s+/g, " ")))
    return { title: full, description: full };
  return { title: label ?? uncutWord(short, RESEARCH_TITLE_CUT), description: full };
}
