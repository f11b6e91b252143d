/**
 * Two members compared (page `/compare/:a/:b` and `GET /api/compare/:a/:b`): agreement, coincidence and
 * kappa by year over the whole record, and for one year the roll calls where they split (one in favour,
 * the other against) and where they joined (the same vote) — joined against the majority first.
 */
import { align } from "../../analysis/measures.js";
import { gapsWithin, type CoverageGap } from "../../data/coverage.js";
import { DEFAULT_BODY } from "../../analysis/defaults.js";
import { PlenaryError } from "../../core/errors.js";
import type { Member } from "../../core/members/index.js";
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { CatalogEntry, ListedRollCall } from "./catalog.js";
import { memberRef, type MemberRef } from "./names.js";
import type { Snapshot } from "./site.js";

export interface YearRow {
  year: number;
  both: number;
  identical: number;
  opposite: number;
  agreement: number | null;
  coincidence: number | null;
  kappa: number | null;
  /** Fewer than MIN_ROLL_CALLS roll calls where both voted: no finding (minimums.ts). */
  smallSample: boolean;
}

export interface PairVote extends ListedRollCall {
  a: MemberVote;
  b: MemberVote;
  /** Both voted the same way, against the result (no on an adopted text, yes on a rejected one). */
  againstMajority: boolean;
}

export interface CompareView {
  a: MemberRef;
  b: MemberRef;
  body: Body | "all";
  overall: Omit<YearRow, "year">;
  years: YearRow[];
  year: number | null;
  splits: PairVote[];
  joined: PairVote[];
  /** How many splits and joins the year holds (the lists stop at 100). */
  counts: { splits: number; joined: number };
  /** What the record does not hold over the years compared (gaps by name, see /api/coverage). */
  coverage: CoverageGap[];
}

export function readCompareBody(value: unknown): Body | "all" {
  const body = String(value ?? DEFAULT_BODY).toUpperCase();
  if (body === "GA" || body === "SC") return body;
  if (body === "ALL") return "all";
  throw new PlenaryError("BAD_INPUT", `Unknown body "${body}".`, {
    field: "body",
    help: "Use GA, SC or all.",
  });
}

export function compareView(
  snapshot: Snapshot,
  a: Member,
  b: Member,
  query: Record<string, unknown>,
): CompareView {
  const { matrix, catalog } = snapshot;
  if (a.id === b.id) {
    throw new PlenaryError("BAD_INPUT", "Choose two different members to compare.", { field: "b" });
  }
  for (const m of [a, b]) matrix.requireMember(m.id);
  const body = readCompareBody(query.body);
  const selection = body === "all" ? {} : { body };
  const pick = (r: Omit<YearRow, "year">) => ({
    both: r.both,
    identical: r.identical,
    opposite: r.opposite,
    agreement: r.agreement,
    coincidence: r.coincidence,
    kappa: r.kappa,
    smallSample: r.smallSample,
  });
  const overall = pick(align(matrix, a.id, b.id, selection));
  const years = align(matrix, a.id, b.id, selection, { by: "year" }).map((y) => ({
    year: y.year,
    ...pick(y),
  }));
  // By default the latest year with a fair number of shared roll calls (a year of two says little).
  const substantial = years.filter((y) => !y.smallSample);
  let year: number | null = (substantial.length ? substantial : years).at(-1)?.year ?? null;
  if (query.year !== undefined && query.year !== "") {
    const asked = Number(query.year);
    if (!Number.isInteger(asked)) {
      throw new PlenaryError("BAD_INPUT", `"${String(query.year)}" is not a year.`, { field: "year" });
    }
    year = asked;
  }
  const splits: PairVote[] = [];
  const joined: PairVote[] = [];
  const counts = { splits: 0, joined: 0 };
  if (year !== null) {
    const ra = matrix.indexOfMember(a.id);
    const rb = matrix.indexOfMember(b.id);
    const prefix = String(year);
    for (let c = matrix.rollCalls.length - 1; c >= 0; c--) {
      const rc = matrix.rollCalls[c]!;
      if (!rc.date.startsWith(prefix) || (body !== "all" && rc.body !== body)) continue;
      const va = matrix.voteAt(ra, c);
      const vb = matrix.voteAt(rb, c);
      if (va === "X" || vb === "X") continue;
      const entry = catalog.get(rc.id);
      if (!entry) continue;
      if ((va === "Y" && vb === "N") || (va === "N" && vb === "Y")) {
        counts.splits++;
        if (splits.length < 100) splits.push(pairVote(entry, va, vb));
      } else if (va === vb) {
        counts.joined++;
        joined.push(pairVote(entry, va, vb));
      }
    }
  }
  joined.sort((x, y) => Number(y.againstMajority) - Number(x.againstMajority) || (x.date < y.date ? 1 : -1));
  return {
    a: memberRef(a.id),
    b: memberRef(b.id),
    body,
    overall,
    years,
    year,
    splits,
    joined: joined.slice(0, 100),
    counts,
    coverage: gapsWithin(snapshot.coverage, {
      body: body === "all" ? null : body,
      from: years.length ? `${years[0]!.year}-01-01` : null,
      to: years.length ? `${years.at(-1)!.year}-12-31` : null,
    }),
  };
}

function pairVote(entry: CatalogEntry, a: MemberVote, b: MemberVote): PairVote {
  const againstMajority =
    a === b && ((a === "N" && entry.outcome === "adopted") || (a === "Y" && entry.outcome === "rejected"));
  return {
    id: entry.id,
    ref: entry.ref,
    symbol: entry.symbol,
    title: entry.title,
    date: entry.date,
    datePrecision: entry.datePrecision,
    outcome: entry.outcome,
    a,
    b,
    againstMajority,
  };
}
