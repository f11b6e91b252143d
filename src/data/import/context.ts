/**
 * What every format reader shares: the problem list, the member resolver, counters and progress, and
 * small readers for the values sources write (dates, counts, ids).
 */
import type { RollCallRecord } from "../records.js";
import { MemberResolver } from "./memberResolver.js";
import { Problems } from "./problems.js";

export { IMPORT_FORMATS, type ImportFormat } from "./formats.js";

export interface ImportProgress {
  file: string;
  /** Bytes read from disk of this file, and its size. */
  bytesRead: number;
  bytesTotal: number;
  /** Rows read (votes, CSV rows, MARC records) in the whole import. */
  rows: number;
  rollCalls: number;
  elapsedMs: number;
}

export interface ReaderStats {
  /** Rows read from the files (CSV rows without headers; MARC 967 fields). */
  rows: number;
  /** Roll calls skipped whole (all their rows bad). */
  rollCallsSkipped: number;
}

export class ImportContext {
  readonly problems: Problems;
  readonly members: MemberResolver;
  readonly stats: ReaderStats = { rows: 0, rollCallsSkipped: 0 };
  rollCalls = 0;
  private readonly started = Date.now();
  private lastProgress = 0;

  constructor(
    options: { skipBadRows?: boolean; problemLimit?: number },
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.problems = new Problems(options.skipBadRows ?? false, options.problemLimit);
    this.members = new MemberResolver(this.problems);
  }

  private last = { file: "", bytesRead: 0, bytesTotal: 0 };

  /** Reports progress at most ten times a second (and always when `force`). */
  progress(file: string, bytesRead: number, bytesTotal: number, force = false): void {
    this.last = { file, bytesRead, bytesTotal };
    this.tick(force);
  }

  /** Reports progress of the writing (roll calls stored) with the last position read. */
  tick(force = false): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < 100) return;
    this.lastProgress = now;
    const { file, bytesRead, bytesTotal } = this.last;
    this.onProgress({
      file,
      bytesRead,
      bytesTotal,
      rows: this.stats.rows,
      rollCalls: this.rollCalls,
      elapsedMs: now - this.started,
    });
  }
}

export type FormatReader = (path: string, context: ImportContext) => AsyncGenerator<RollCallRecord>;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const isoCache = new Map<string, string | null>();

/** `2023-10-27`, `2023-10-27T00:00:00`, `2023-10-27 00:00:00` or `20231027` → `2023-10-27`; null when not a date. */
export function readIsoDate(text: string): string | null {
  let cached = isoCache.get(text);
  if (cached !== undefined) return cached;
  const t = text.trim();
  const m = ISO.exec(t) ?? COMPACT.exec(t);
  cached = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (isoCache.size > 100_000) isoCache.clear();
  isoCache.set(text, cached);
  return cached;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** `7 October 2022`, with any spaces (a no-break space too) and text after the year (`… in Nairobi`). */
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})(?:\s.*)?$/u;

/**
 * A date as the UN's documents write it — `7 October 2022`, `4 March 2025` with a no-break space,
 * `19 November 2004 in Nairobi` — or in ISO form (`2019-12-10 00:00:00`); null when not a date.
 */
export function readWrittenDate(text: string): string | null {
  const t = text.replace(/\s+/gu, " ").trim();
  const m = DAY_MONTH_YEAR.exec(t);
  if (!m) return readIsoDate(t);
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  return month < 0 ? null : validDate(Number(m[3]), month + 1, Number(m[1]));
}

/** `2/16/1946` (month/day/year) → `1946-02-16`; null when not a date. */
export function readUsDate(text: string): string | null {
  const m = US.exec(text.trim());
  return m ? validDate(Number(m[3]), Number(m[1]), Number(m[2])) : null;
}

/** An id written as a number, possibly as a decimal (`4025240.0`) → `4025240`. */
export function readId(text: string): string {
  const t = text.trim();
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf(".")) : t;
}

/** A count written as an integer or decimal (`120.0`); null when empty, NaN when unreadable. */
export function readCount(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 ? n : Number.NaN;
}

/** A true/false flag as sources write it (`True`, `1`, `yes`); null when empty or unreadable. */
export function readFlag(text: string | undefined): boolean | null {
  const t = (text ?? "").trim().toLowerCase();
  if (t === "true" || t === "1" || t === "yes" || t === "y" || t === "1.0") return true;
  if (t === "false" || t === "0" || t === "no" || t === "n" || t === "0.0") return false;
  return null;
}

/** Empty → null, otherwise trimmed text. */
export function textOrNull(text: string | undefined): string | null {
  const t = (text ?? "").trim();
  return t === "" ? null : t;
}
