/**
 * What the record covers, said out loud (issue 13): per body and year, the roll calls known, complete and
 * incomplete, from which sources and of what kind; and the gaps by name. Everything is computed from the
 * store's rows and what each source is known to list (its scope): a source that lists every adopted
 * resolution (the UN's DGACM files) lets missing resolution numbers and missing months be named; a
 * source that lists only recorded votes, or only vetoed drafts, limits what a year's figures can mean.
 * Pure: rows in, plain data out (the store query is `coverageRows`).
 */
import { BODY_NAMES, isVoted, type Body } from "../core/rollCall.js";
import { longDate } from "../core/dates.js";
import type { CoverageRow } from "./store/index.js";

/** What a source lists, per body: what a year's count means when it is the widest source of that year. */
export interface SourceScope {
  /** Higher lists more: a year is described by its widest source. */
  rank: number;
  /** What the source lists, in words ("every adopted resolution"). */
  lists: string;
  /** The source lists every adopted resolution of the body: numbering gaps and silent months are gaps. */
  everyResolution: boolean;
}

export const SOURCE_SCOPES: Record<string, Partial<Record<Body, SourceScope>>> = {
  unxml: {
    GA: {
      rank: 4,
      lists: "every adopted resolution, by recorded vote or without a vote",
      everyResolution: true,
    },
    SC: {
      rank: 4,
      lists: "every adopted resolution, and the drafts that failed in 2023–2025",
      everyResolution: true,
    },
  },
  "undl-ga": { GA: { rank: 3, lists: "resolutions adopted by recorded vote", everyResolution: false } },
  "undl-sc": { SC: { rank: 3, lists: "resolutions adopted by recorded vote", everyResolution: false } },
  "undl-marc": {
    GA: { rank: 2, lists: "individual voting records", everyResolution: false },
    SC: { rank: 2, lists: "individual voting records", everyResolution: false },
  },
  unvotes: { GA: { rank: 3, lists: "recorded votes (the research dataset)", everyResolution: false } },
  "unsc-vetoes": { SC: { rank: 1, lists: "vetoed drafts (the veto list)", everyResolution: false } },
  starter: {
    GA: { rank: 0, lists: "the votes of 24 February 2025 (starter data)", everyResolution: false },
    SC: { rank: 0, lists: "the votes of 24 February 2025 (starter data)", everyResolution: false },
  },
};

const UNKNOWN_SCOPE: SourceScope = {
  rank: -1,
  lists: "roll calls from an unlisted source",
  everyResolution: false,
};

export function scopeOf(source: string, body: Body): SourceScope {
  return SOURCE_SCOPES[source]?.[body] ?? UNKNOWN_SCOPE;
}

export interface YearCoverage {
  body: Body;
  year: number;
  rollCalls: number;
  /** Roll calls on which members voted (recorded, or in writing). */
  voted: number;
  /** Texts adopted without a vote (by consensus or acclamation). */
  withoutVote: number;
  complete: number;
  incomplete: number;
  /** Roll calls a source contradicts itself about. */
  disputed: number;
  /** Roll calls per source (a roll call two sources hold counts for both). */
  bySource: Record<string, number>;
  /** What the year's widest source lists. */
  scope: string;
}

export type GapKind = "no-roll-calls" | "scope" | "missing-numbers" | "silent-period" | "partial" | "since";

export interface CoverageGap {
  body: Body;
  kind: GapKind;
  /** ISO dates bounding the gap, where it has bounds. */
  from: string | null;
  to: string | null;
  /** Short name: "General Assembly, 27 December 2019 – 2 October 2020". */
  label: string;
  /** What is missing, in a sentence. */
  detail: string;
  /** The roll calls or symbols concerned (missing symbols, or roll calls known in part). */
  refs: string[];
}

export interface Coverage {
  bodies: { body: Body; first: string; last: string; rollCalls: number; complete: number }[];
  years: YearCoverage[];
  gaps: CoverageGap[];
}

const byBodyYear = (rows: readonly CoverageRow[]) => {
  const map = new Map<string, CoverageRow[]>();
  for (const row of rows) {
    const key = `${row.body}\u0000${row.date.slice(0, 4)}`;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
};

function widestScope(rows: readonly CoverageRow[], body: Body): SourceScope {
  let best = UNKNOWN_SCOPE;
  for (const row of rows) {
    for (const source of row.sources) {
      const scope = scopeOf(source, body);
      if (scope.rank > best.rank) best = scope;
    }
  }
  return best;
}

/** The coverage of a store's rows; `today` bounds the "since the last update" gap. */
export function computeCoverage(rows: readonly CoverageRow[], today: string): Coverage {
  const groups = byBodyYear(rows);
  const years: YearCoverage[] = [];
  const bodies: Coverage["bodies"] = [];
  const gaps: CoverageGap[] = [];
  for (const body of ["GA", "SC"] as const) {
    const own = rows.filter((r) => r.body === body);
    if (!own.length) continue;
    const first = own[0]!.date;
    const last = own[own.length - 1]!.date;
    bodies.push({ body, first, last, rollCalls: own.length, complete: own.filter((r) => r.complete).length });
    const bodyYears: YearCoverage[] = [];
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
      const list = groups.get(`${body}\u0000${year}`) ?? [];
      const bySource: Record<string, number> = {};
      for (const row of list)
        for (const source of row.sources) bySource[source] = (bySource[source] ?? 0) + 1;
      bodyYears.push({
        body,
        year,
        rollCalls: list.length,
        voted: list.filter((r) => isVoted(r.modality)).length,
        withoutVote: list.filter((r) => !isVoted(r.modality)).length,
        complete: list.filter((r) => r.complete).length,
        incomplete: list.filter((r) => !r.complete).length,
        disputed: list.filter((r) => r.disputed).length,
        bySource,
        scope: list.length ? widestScope(list, body).lists : "nothing",
      });
    }
    years.push(...bodyYears);
    gaps.push(
      ...partialYears(body, bodyYears, groups),
      ...missingNumbers(body, own),
      ...silentPeriods(body, own),
      ...partlyKnown(body, own),
      ...failedDrafts(body, own),
      ...sinceLastUpdate(body, own, today),
    );
  }
  return { bodies, years, gaps };
}

const bodyName = (body: Body) => BODY_NAMES[body];

/** Runs of consecutive years, as `[first, last]`. */
function runs(values: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    const lastRun = out.at(-1);
    if (lastRun && v === lastRun[1] + 1) lastRun[1] = v;
    else out.push([v, v]);
  }
  return out;
}

const yearSpan = ([a, b]: [number, number]) => (a === b ? `${a}` : `${a}–${b}`);

/**
 * The years a body's record holds only part of what it decided: before a source that lists every
 * resolution, only recorded votes (the Assembly) or only vetoed drafts (the Council). Years with no roll
 * call at all inside such a run are named in it; outside one, an empty year is a gap of its own.
 */
function partialYears(
  body: Body,
  years: readonly YearCoverage[],
  groups: Map<string, CoverageRow[]>,
): CoverageGap[] {
  const listedInFull = (y: YearCoverage) =>
    widestScope(groups.get(`${body}\u0000${y.year}`) ?? [], body).everyResolution;
  const firstFull = years.find(listedInFull)?.year ?? Infinity;
  const out: CoverageGap[] = [];
  for (const run of runs(
    years.filter((y) => !listedInFull(y) && (y.rollCalls || y.year < firstFull)).map((y) => y.year),
  )) {
    const inRun = years.filter((y) => y.year >= run[0] && y.year <= run[1]);
    const known = inRun.filter((y) => y.rollCalls);
    if (!known.length) {
      out.push({
        body,
        kind: "no-roll-calls",
        from: `${run[0]}-01-01`,
        to: `${run[1]}-12-31`,
        label: `${bodyName(body)}, ${yearSpan(run)}`,
        detail: `No ${bodyName(body)} roll call of ${yearSpan(run)} is in the record.`,
        refs: [],
      });
      continue;
    }
    const scopes = [...new Set(known.map((y) => y.scope))];
    const count = known.reduce((n, y) => n + y.rollCalls, 0);
    const empty = runs(inRun.filter((y) => !y.rollCalls).map((y) => y.year)).map(yearSpan);
    const missing =
      body === "SC"
        ? "the resolutions the Security Council adopted then are not in it"
        : "texts adopted without a vote are not in it";
    out.push({
      body,
      kind: "scope",
      from: `${run[0]}-01-01`,
      to: `${run[1]}-12-31`,
      label: `${bodyName(body)}, ${yearSpan(run)}: only ${scopes.join("; ")}`,
      detail: `For ${yearSpan(run)} the record holds only ${scopes.join("; ")} — ${count} roll call${count === 1 ? "" : "s"}${
        empty.length ? `, none in ${empty.join(", ")}` : ""
      }; ${missing}.`,
      refs: [],
    });
  }
  return out;
}

interface Numbered {
  series: string;
  number: number;
  row: CoverageRow;
}

/** `A/RES/78/258` → series `A/RES/78/`, 258; `S/RES/2762 (2024)` → `S/RES/`, 2762. */
function numberOf(symbol: string): { series: string; number: number } | null {
  const m = /^(A\/RES\/(?:ES-|S-)?\d+\/|S\/RES\/)(\d+)/.exec(symbol);
  return m ? { series: m[1]!, number: Number(m[2]) } : null;
}

/**
 * Resolution numbers missing from a run a source lists in full: an Assembly session's 1 … highest, or
 * the Council's numbers between the first and last it lists.
 */
function missingNumbers(body: Body, rows: readonly CoverageRow[]): CoverageGap[] {
  const listed: Numbered[] = [];
  for (const row of rows) {
    if (!row.symbol || !row.sources.some((s) => scopeOf(s, body).everyResolution)) continue;
    const n = numberOf(row.symbol);
    if (n) listed.push({ ...n, row });
  }
  const all = new Map<string, Set<number>>();
  for (const row of rows) {
    const n = row.symbol ? numberOf(row.symbol) : null;
    if (n) all.set(n.series, (all.get(n.series) ?? new Set()).add(n.number));
  }
  const series = new Map<string, Numbered[]>();
  for (const entry of listed) series.set(entry.series, [...(series.get(entry.series) ?? []), entry]);
  const out: CoverageGap[] = [];
  for (const [prefix, entries] of series) {
    const numbers = entries.map((e) => e.number);
    const low = body === "GA" ? 1 : Math.min(...numbers);
    const high = Math.max(...numbers);
    const have = all.get(prefix)!;
    const missing: number[] = [];
    for (let n = low; n <= high; n++) if (!have.has(n)) missing.push(n);
    if (!missing.length) continue;
    const symbols = missing.map((n) => `${prefix}${n}`);
    const sorted = entries.map((e) => e.row.date).sort();
    const where =
      body === "GA"
        ? `session ${prefix.slice(6, -1)}`
        : `the Council's resolutions ${Math.min(...numbers)}–${high}`;
    out.push({
      body,
      kind: "missing-numbers",
      from: sorted[0]!,
      to: sorted.at(-1)!,
      label: `${bodyName(body)}, ${where}: ${missing.length} resolution${missing.length === 1 ? "" : "s"} missing`,
      detail: `Not in the record: ${shortList(symbols)} (numbers the listing source skips).`,
      refs: symbols,
    });
  }
  return out;
}

function shortList(items: readonly string[], max = 8): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** Days between two ISO dates. */
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

/**
 * An Assembly session listed in full whose last resolution comes long before the next session's first:
 * the resumed part of the session (January to September) is missing.
 */
function silentPeriods(body: Body, rows: readonly CoverageRow[]): CoverageGap[] {
  if (body !== "GA") return [];
  const regular = new Map<number, CoverageRow[]>();
  for (const row of rows) {
    if (!row.session || !/^\d+$/.test(row.session)) continue;
    if (!row.sources.some((s) => scopeOf(s, body).everyResolution)) continue;
    const n = Number(row.session);
    regular.set(n, [...(regular.get(n) ?? []), row]);
  }
  const all = rows.filter((r) => r.session && /^\d+$/.test(r.session));
  const out: CoverageGap[] = [];
  for (const [session, listed] of regular) {
    const last = listed.reduce((a, b) => (b.date > a.date ? b : a));
    const next = all.filter((r) => Number(r.session) === session + 1);
    if (!next.length) continue;
    const nextFirst = next.reduce((a, b) => (b.date < a.date ? b : a));
    // A session's resumed part runs into the summer; four months of silence is a missing part.
    if (days(last.date, nextFirst.date) <= 120) continue;
    const between = all.filter((r) => r.date > last.date && r.date < nextFirst.date);
    out.push({
      body,
      kind: "silent-period",
      from: last.date,
      to: nextFirst.date,
      label: `${bodyName(body)}, ${longDate(last.date)} – ${longDate(nextFirst.date)}`,
      detail: `Session ${session} is listed in full only until ${longDate(last.date)}${
        last.symbol ? ` (${last.symbol})` : ""
      }: its later resolutions, to the opening of session ${session + 1}, are not in the record${
        between.length
          ? `, but for ${between.length} recorded vote${between.length === 1 ? "" : "s"} from another source (${shortList(
              between.map((r) => r.symbol ?? `rc-${r.id}`),
              3,
            )})`
          : ""
      }.`,
      refs: between.map((r) => r.symbol ?? `rc-${r.id}`),
    });
  }
  return out;
}

/** Roll calls whose votes are known only in part, named (the few) or counted per year (the many). */
function partlyKnown(body: Body, rows: readonly CoverageRow[]): CoverageGap[] {
  const out: CoverageGap[] = [];
  const byYear = new Map<string, CoverageRow[]>();
  for (const row of rows) {
    if (row.complete || !isVoted(row.modality)) continue;
    // Vetoed drafts from the veto list are incomplete by their nature: said once by the scope gap.
    if (row.sources.length === 1 && row.sources[0] === "unsc-vetoes") continue;
    const year = row.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), row]);
  }
  for (const [year, list] of byYear) {
    const refs = list.map((r) => r.symbol ?? r.draftSymbol ?? `rc-${r.id}`);
    const few = list.length <= 10;
    out.push({
      body,
      kind: "partial",
      from: list[0]!.date,
      to: list.at(-1)!.date,
      label: `${bodyName(body)}, ${year}: ${list.length} roll call${list.length === 1 ? "" : "s"} known only in part`,
      detail: few
        ? `${refs.join(", ")}: ${list.length === 1 ? "its" : "their"} tally or some members' votes are not in the record${
            list.some((r) => r.disputed) ? ", or a source contradicts itself about them" : ""
          }.`
        : `${list.length} roll calls of ${year} have votes known only in part (${shortList(refs, 5)}).`,
      refs,
    });
  }
  return out;
}

/**
 * Council drafts that failed come from two sources with a gap between them and after them: the veto list
 * (vetoed drafts only, to mid-2022) and the UN's files of failed drafts (2023–2025). Named where the
 * Council's record goes on past either.
 */
function failedDrafts(body: Body, rows: readonly CoverageRow[]): CoverageGap[] {
  if (body !== "SC") return [];
  const failed = rows.filter(
    (r) => r.kind === "draft" && (r.outcome === "vetoed" || r.outcome === "rejected"),
  );
  const spanOf = (source: string) => {
    const dates = failed.filter((r) => r.sources.includes(source)).map((r) => r.date);
    return dates.length ? { first: dates[0]!, last: dates.at(-1)! } : null;
  };
  const vetoList = spanOf("unsc-vetoes");
  const files = spanOf("unxml");
  const lastOfBody = rows.at(-1)!.date;
  const out: CoverageGap[] = [];
  const gap = (from: string, to: string, detail: string) =>
    out.push({
      body,
      kind: "silent-period",
      from,
      to,
      label: `Security Council failed drafts, ${longDate(from)} – ${longDate(to)}`,
      detail,
      refs: [],
    });
  if (vetoList && files && days(vetoList.last, files.first) > 60) {
    gap(
      vetoList.last,
      files.first,
      `Drafts that failed between ${longDate(vetoList.last)} (the veto list's last) and ${longDate(files.first)} (the first of the UN's files of failed drafts) are not in the record; before that, only vetoed drafts are.`,
    );
  }
  const lastFailed = files?.last ?? vetoList?.last;
  if (lastFailed && days(lastFailed, lastOfBody) > 60) {
    gap(
      lastFailed,
      lastOfBody,
      `No draft that failed after ${longDate(lastFailed)} is in the record, though its adopted resolutions go on to ${longDate(lastOfBody)}.`,
    );
  }
  return out;
}

function sinceLastUpdate(body: Body, rows: readonly CoverageRow[], today: string): CoverageGap[] {
  const last = rows[rows.length - 1]!.date;
  if (days(last, today) < 31) return [];
  return [
    {
      body,
      kind: "since",
      from: last,
      to: today,
      label: `${bodyName(body)}, since ${longDate(last)}`,
      detail: `The record's latest ${bodyName(body)} roll call is of ${longDate(last)}: later votes are not in it yet (plenary sync fetches them).`,
      refs: [],
    },
  ];
}

/** The coverage of what `store` holds, as of `today` (ISO date). */
export async function storeCoverage(
  store: { coverageRows(): Promise<CoverageRow[]> },
  today: string,
): Promise<Coverage> {
  return computeCoverage(await store.coverageRows(), today);
}

/** Gaps that bound what a figure can say: periods and scopes, not single roll calls known in part. */
const PERIOD_GAPS: readonly GapKind[] = ["scope", "silent-period", "no-roll-calls", "since"];

/**
 * The gaps a figure over a body and period should be read with (a series, a partner list): those of the
 * body (both bodies when none is given) whose dates overlap `from`–`to`.
 */
export function gapsWithin(
  coverage: Coverage,
  span: { body?: Body | readonly Body[] | null; from?: string | null; to?: string | null },
  kinds: readonly GapKind[] = PERIOD_GAPS,
): CoverageGap[] {
  const bodies = span.body ? ([] as Body[]).concat(span.body) : null;
  return coverage.gaps.filter(
    (g) =>
      kinds.includes(g.kind) &&
      (!bodies || bodies.includes(g.body)) &&
      (!span.from || !g.to || g.to >= span.from) &&
      (!span.to || !g.from || g.from <= span.to),
  );
}
