/**
 * Security Council composition (Charter Art. 23): who sat on the Council on a given day, how many
 * members it had and how many affirmative votes a decision needed (Art. 27). The data is
 * `composition.json`: one entry per calendar year 1946–2026 (terms run 1 January – 31 December) plus the
 * one change of a permanent seat within a year — China's seat, the Republic of China (TWN) until
 * 25 October 1971 and the People's Republic of China (CHN) from that day (A/RES/2758 (XXVI)).
 */
import { PlenaryError } from "../errors.js";
import composition from "./composition.json" with { type: "json" };
import { checkIsoDate } from "./date.js";

export { checkIsoDate, isIsoDate } from "./date.js";

/** The Council on one day. */
export interface Council {
  year: number;
  date: string;
  /** The five permanent members, China first (TWN until 1971-10-24, CHN from 1971-10-25). */
  permanent: string[];
  /** The elected (non-permanent) members, by English name. */
  elected: string[];
  /** Permanent then elected. */
  members: string[];
  /** 11 before 1966, 15 from 1966. */
  size: number;
  /** Affirmative votes a decision needs (Art. 27(2) and (3)): 7 before 1966, 9 from 1966. */
  threshold: number;
}

/** A permanent seat changing hands within a year. */
export interface SeatChange {
  date: string;
  seat: string;
  from: string;
  to: string;
  source: string;
}

interface YearEntry {
  year: number;
  permanent: string[];
  elected: string[];
  changes?: SeatChange[];
}

const YEARS: readonly YearEntry[] = composition.years;
const BY_YEAR = new Map(YEARS.map((entry) => [entry.year, entry]));

/** The first and last years the composition covers. */
export const FIRST_COUNCIL_YEAR = YEARS[0]!.year;
export const LAST_COUNCIL_YEAR = YEARS[YEARS.length - 1]!.year;

/** The day the enlargement to 15 members took effect (Charter amendment, A/RES/1991 A (XVIII)). */
export const ENLARGEMENT_DATE = "1966-01-01";

/** Where the composition comes from. */
export const COUNCIL_SOURCES: readonly string[] = composition.sources;

/** Every permanent-seat change within a year (China, 1971). */
export const SEAT_CHANGES: readonly SeatChange[] = YEARS.flatMap((entry) => entry.changes ?? []);

/** The Council on `date` (`YYYY-MM-DD`); BAD_INPUT for a malformed date or one outside 1946–2026. */
export function councilOn(date: string): Council {
  checkIsoDate(date);
  const year = Number(date.slice(0, 4));
  const entry = BY_YEAR.get(year);
  if (!entry) {
    throw new PlenaryError(
      "BAD_INPUT",
      `Plenary knows the Security Council's composition for ${FIRST_COUNCIL_YEAR}–${LAST_COUNCIL_YEAR}, not for ${date}`,
      { field: "date", help: `Give a date from ${FIRST_COUNCIL_YEAR}-01-01 to ${LAST_COUNCIL_YEAR}-12-31.` },
    );
  }
  let permanent = [...entry.permanent];
  for (const change of entry.changes ?? []) {
    if (date >= change.date) permanent = permanent.map((id) => (id === change.from ? change.to : id));
  }
  const elected = [...entry.elected];
  const enlarged = date >= ENLARGEMENT_DATE;
  return {
    year,
    date,
    permanent,
    elected,
    members: [...permanent, ...elected],
    size: permanent.length + elected.length,
    threshold: enlarged ? 9 : 7,
  };
}

/** The permanent members on `date`. */
export function permanentMembersOn(date: string): string[] {
  return councilOn(date).permanent;
}

/** Whether member `id` (alpha-3) sat on the Council on `date`. */
export function isCouncilMemberOn(id: string, date: string): boolean {
  return councilOn(date).members.includes(id);
}

/** Whether member `id` held a permanent seat on `date`. */
export function isPermanentMemberOn(id: string, date: string): boolean {
  return councilOn(date).permanent.includes(id);
}

/** The years a member sat on the Council as an elected member (empty for the permanent members). */
export function electedYearsOf(id: string): number[] {
  return YEARS.filter((entry) => entry.elected.includes(id)).map((entry) => entry.year);
}
