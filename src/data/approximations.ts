/**
 * What a source gives only approximately, said as such (issue 14, item 3). Two quirks of the research
 * dataset (Voeten / unvotes), found in its data and documented in docs/how-plenary-decides.md:
 *
 * - Dates. Before the 58th session (September 2003) its days of the month are not the days of the votes:
 *   4,514 of its 4,610 roll calls dated before then (98%) fall on days 1–7 (a quarter would, were the
 *   days real), A/RES/3379 (XXX) of 10 November 1975 is dated 1 November, session 1 starts on 1 January
 *   1946 although the Assembly first met on 10 January, and all 266 votes the dataset dates before the
 *   voter's admission fall on such dates. The month is right wherever it can be checked. Its dates on days 8–31 before 2003 come from
 *   the meeting records it quotes (A/RES/54/117: "80th plenary meeting 15 December 1999") and are exact.
 *   So a research date before 2003-09-01 on a day 1–7 is known to the month (`datePrecision: "month"`).
 *   Where a more trusted source holds the vote, the store kept that source's date (the writer's merge),
 *   and it is exact.
 * - Symbols. Its `unres` is the symbol of the resolution a roll call concerns, not always the document
 *   the vote adopted: a motion or an amendment is filed under the resolution's symbol (R/1/79, a 1946
 *   USSR motion to adjourn, rejected 9–34–8, is filed as A/RES/79(I)), and for sessions 1–17 (1946–1962)
 *   its numbers are not the UN's resolution numbers at all — they overlap from session to session
 *   (session 3's run from 36 to 1042, session 5's from 15 to 742), where from the 18th session on they
 *   follow the UN's numbering (1881–1992 in 1963).
 *   Such a symbol is kept as the dataset's label, never linked as a UN document.
 */
import type { Provenance, RecordedOutcome, RollCallKind } from "../core/rollCall.js";
import { longDate, monthYear } from "../core/dates.js";
import { sourcePriority } from "./records.js";

export type DatePrecision = "day" | "month";

const RESEARCH = "unvotes";
/** The 58th session opened on 16 September 2003; from it on the research dataset's days are real. */
export const RESEARCH_EXACT_DAYS_FROM = "2003-09-01";
/** Up to the 17th session (1962) the research dataset's resolution numbers are its own. */
export const RESEARCH_OWN_NUMBERS_UNTIL_SESSION = 17;

/** Whether the stored fields came from the research dataset: no more trusted source holds the roll call. */
function fromResearchOnly(sources: readonly Pick<Provenance, "source">[]): boolean {
  if (!sources.some((s) => s.source === RESEARCH)) return false;
  const research = sourcePriority(RESEARCH);
  return !sources.some((s) => sourcePriority(s.source) > research);
}

/** How precisely the stored date is known. */
export function datePrecisionOf(date: string, sources: readonly Pick<Provenance, "source">[]): DatePrecision {
  if (!fromResearchOnly(sources) || date >= RESEARCH_EXACT_DAYS_FROM) return "day";
  return Number(date.slice(8, 10)) <= 7 ? "month" : "day";
}

/** Why a date is approximate, in one sentence; null when it is exact. */
export function dateNote(date: string, precision: DatePrecision): string | null {
  if (precision === "day") return null;
  return `The research dataset dates this vote ${longDate(date)}, but before September 2003 its days of the month are not the days of the votes: the vote is known to ${monthYear(date)}, not to the day.`;
}

/** A date as read: "24 February 2025", or "about November 1975" when only the month is known. */
export function dateText(date: string, precision: DatePrecision): string {
  return precision === "month" ? `about ${monthYear(date)}` : longDate(date);
}

export interface DocumentSymbol {
  /** The symbol of the UN document this roll call is a vote on, or null when the source gave none. */
  documentSymbol: string | null;
  /** Why the roll call's symbol is not a document to link, in one sentence; null when it is one. */
  symbolNote: string | null;
}

/**
 * Whether the roll call's symbol is a UN document a link may point to. `session` and `outcome` as the
 * view has them (the outcome every surface shows, recordOutcome.ts).
 */
export function documentSymbolOf(rollCall: {
  symbol: string | null;
  body: string;
  session: string | null;
  kind: RollCallKind;
  sources: readonly Pick<Provenance, "source">[];
  outcome: RecordedOutcome | null;
}): DocumentSymbol {
  const symbol = rollCall.symbol;
  if (!symbol || !fromResearchOnly(rollCall.sources)) return { documentSymbol: symbol, symbolNote: null };
  const whole = rollCall.kind === "resolution" || rollCall.kind === "draft";
  if (whole && rollCall.body === "GA" && (rollCall.outcome === "rejected" || rollCall.outcome === "vetoed")) {
    return {
      documentSymbol: null,
      symbolNote: `The research dataset files this vote under ${symbol}, but the vote was ${rollCall.outcome}: a resolution symbol is given only to an adopted text, so this was a vote on something else (a motion or an amendment) and ${symbol} is not its document.`,
    };
  }
  const session = Number(rollCall.session);
  if (Number.isInteger(session) && session <= RESEARCH_OWN_NUMBERS_UNTIL_SESSION) {
    return {
      documentSymbol: null,
      symbolNote: `${symbol} is the research dataset's label for this vote: for sessions 1–${RESEARCH_OWN_NUMBERS_UNTIL_SESSION} (1946–1962) its numbers are not the UN's resolution numbers, so no UN document is linked.`,
    };
  }
  return { documentSymbol: symbol, symbolNote: null };
}
