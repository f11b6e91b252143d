/**
 * Resolution numbers as people write them (issue 14, item 6): `3379`, `A/RES/3379`, `RES/504`,
 * `S/RES/504/1982`, `S/RES/504 (1983)`, `504 (1982)`. A bare number names no session and no body, so it
 * may mean several resolutions — an Assembly one of the old numbering (`A/RES/3379(XXX)`), an Assembly
 * one of a later session (`A/RES/74/19`), a Council one (`S/RES/504 (1982)`): the store is asked for all
 * of them (src/data/findRollCall.ts) and the reader chooses. A Council year is checked, never dropped.
 * `symbolKey` (symbols.ts) is untouched: these forms are read here, around it.
 */
import type { Body } from "./rollCall.js";
import { symbolKey } from "./symbols.js";

export interface ResolutionNumber {
  /** The body the input names (`A/RES/…` GA, `S/RES/…` SC), or null for either. */
  body: Body | null;
  /** The number, with a part letter where given: `3379`, `3411D`. */
  number: string;
  /** A Council resolution's year, where given (`S/RES/504 (1983)`, `S/RES/504/1982`). */
  year: number | null;
}

const YEAR = String.raw`(?:\s*\(((?:19|20)\d{2})\)|\/((?:19|20)\d{2}))?`;
const WITH_PREFIX = new RegExp(String.raw`^(?:([AS])\s*\/\s*)?RES\s*\/\s*(\d+[A-Z]?)${YEAR}$`, "i");
const BARE = new RegExp(String.raw`^(\d+[A-Z]?)${YEAR}$`, "i");

/**
 * Reads a resolution number in one of its usual forms; null when the input is something else (a full
 * symbol with a session, `ES-11/7`, a draft symbol, `rc-ID`).
 */
export function parseResolutionNumber(input: string): ResolutionNumber | null {
  const text = input.trim();
  let match = WITH_PREFIX.exec(text);
  let prefix: string | undefined;
  let number: string;
  let year: string | undefined;
  if (match) {
    [, prefix, number, year] = match as unknown as [string, string | undefined, string, string | undefined];
    year ??= match[4];
  } else {
    match = BARE.exec(text);
    if (!match) return null;
    number = match[1]!;
    year = match[2] ?? match[3];
  }
  const body: Body | null = prefix ? (prefix.toUpperCase() === "A" ? "GA" : "SC") : year ? "SC" : null;
  return { body, number: number.toUpperCase(), year: year ? Number(year) : null };
}

/**
 * Whether a stored symbol key (symbolKey: upper case, no spaces, no Council year) is resolution `number`
 * of `body` (null: either): `A/RES/3379(XXX)`, `A/RES/3411D(XXX)` for 3411, `A/RES/74/19`,
 * `A/RES/ES-11/7`, `S/RES/504`.
 */
export function keyHasNumber(key: string, number: string, body: Body | null): boolean {
  const n = number.replace(/[^0-9A-Z]/g, "");
  const part = /[A-Z]$/.test(n) ? "" : "[A-Z]?";
  if (body !== "SC") {
    if (new RegExp(`^A/RES/${n}${part}\\([IVXLC]+\\)$`).test(key)) return true;
    if (new RegExp(`^A/RES/(?:ES-|S-)?\\d+/${n}${part}$`).test(key)) return true;
  }
  if (body !== "GA" && key === symbolKey(`S/RES/${n}`)) return true;
  return false;
}

/** A Council resolution's year from its symbol (`S/RES/504 (1982)` → 1982), or null. */
export function yearOfSymbol(symbol: string): number | null {
  const match = /\((\d{4})\)\s*$/.exec(symbol);
  return match ? Number(match[1]) : null;
}
