/**
 * UN document symbols: normalisation for storage and lookup. Users type `ES-11/7`, `a/res/es-11/7`,
 * `S/RES/2774`, `2774 (2025)`; the research dataset writes `R/74/19`, `R/26/2775F`, `ESS/10/2`.
 */
import type { Body } from "./rollCall.js";

/** Upper case, no spaces, no trailing `(YYYY)` for Council resolutions: the key symbols are matched on. */
export function symbolKey(symbol: string): string {
  return symbol
    .trim()
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/^(S\/RES\/\d+)\(\d{4}\)$/, "$1");
}

/**
 * A Council resolution's symbol in the form of the resolution itself and of Plenary's other sources,
 * `S/RES/504 (1982)`; the UN Digital Library's bulk files write `S/RES/504(1982)`. Others unchanged.
 */
export function councilSymbol(symbol: string): string {
  return symbol.replace(/^(S\/RES\/\d+)\s*\((\d{4})\)$/i, "$1 ($2)");
}

/** The keys a user's input may mean, most likely first: as typed, then with `A/RES/` or `S/RES/` added. */
export function symbolCandidates(input: string): string[] {
  const key = symbolKey(input);
  if (!key) return [];
  const candidates = [key];
  if (!/^[AS]\//.test(key)) {
    candidates.push(`A/RES/${key}`);
    if (/^\d+(\(\d{4}\))?$/.test(key)) candidates.push(symbolKey(`S/RES/${key}`));
  }
  return [...new Set(candidates)];
}

const ROMAN: [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

export function toRoman(n: number): string {
  let out = "";
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/**
 * The research dataset's `unres` → the official symbol. From the 31st session (1976) resolutions are
 * `A/RES/31/1`; before, they were numbered across sessions with the session in Roman numerals
 * (`A/RES/2775(XXVI)`), with a letter for parts (`A/RES/2775F(XXVI)`). Emergency special sessions are
 * `A/RES/ES-10/2`, special sessions `A/RES/S-6/1`. Returns null for an empty or unreadable value.
 */
export function symbolFromUnres(unres: string): string | null {
  const text = unres.trim().toUpperCase();
  if (!text) return null;
  if (text.startsWith("A/RES/")) return text.replace(/\s+/g, "");
  const match = /^(R|ESS|SS)\/(\d+)\/(\d+)([A-Z]*)(?:\/([IVXLC]+))?$/.exec(text);
  if (!match) return null;
  const [, kind, sessionText, number, part] = match;
  const session = Number(sessionText);
  if (kind === "ESS") return `A/RES/ES-${session}/${number}${part}`;
  if (kind === "SS") return `A/RES/S-${session}/${number}${part}`;
  if (session >= 31) return `A/RES/${session}/${number}${part}`;
  return `A/RES/${number}${part}(${toRoman(session)})`;
}

/** The body a symbol belongs to, when its prefix says so. */
export function bodyOfSymbol(symbol: string): Body | null {
  const key = symbolKey(symbol);
  if (key.startsWith("S/")) return "SC";
  if (key.startsWith("A/")) return "GA";
  return null;
}
