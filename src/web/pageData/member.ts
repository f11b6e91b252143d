/**
 * A member's page as data (the page and `GET /api/members/:code` show the same): who it is, how many
 * votes it cast (from the vote matrix), its closest and most opposed partners over a chosen period, its
 * agreement with chosen members year by year, its ideal point per session, how it voted on the latest
 * roll calls, and its Security Council seats.
 */
import { gapsWithin, type CoverageGap } from "../../data/coverage.js";
import { align, partners } from "../../analysis/measures.js";
import type { VoteMatrix } from "../../analysis/matrix.js";
import type { Selection } from "../../analysis/selection.js";
import {
  FIRST_COUNCIL_YEAR,
  LAST_COUNCIL_YEAR,
  electedYearsOf,
  councilOn,
} from "../../core/council/index.js";
import { DEFAULT_BODY } from "../../analysis/defaults.js";
import { PlenaryError } from "../../core/errors.js";
import type { Member } from "../../core/members/index.js";
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import { memberView, type MemberView } from "../../data/memberView.js";
import { electorate } from "../../data/rollCallView.js";
import type { CatalogEntry, ListedRollCall } from "./catalog.js";
import { memberRef, partnerView, resolveMembers, type MemberRef, type PartnerView } from "./names.js";
import type { Snapshot } from "./site.js";

export interface VoteCounts {
  total: number;
  yes: number;
  no: number;
  abstain: number;
  first: string | null;
  last: string | null;
}

export interface Period {
  body: Body;
  from: number;
  to: number;
}

export interface AgreementSeries {
  member: MemberRef;
  points: { year: number; agreement: number | null; coincidence: number | null; both: number }[];
}

export interface IdealPointView {
  session: string;
  year: number;
  estimate: number;
  se: number;
  /** The bootstrap standard error, once the background bootstrap is done (else null). */
  bootstrapSe: number | null;
  votes: number;
  /** Fewer than MIN_ROLL_CALLS votes in the session: no finding (minimums.ts). */
  smallSample: boolean;
}

export interface LatestVote extends ListedRollCall {
  body: Body;
  /** X: did not vote; null: not known (incomplete record). */
  vote: MemberVote | null;
}

export interface MemberPage {
  member: MemberView;
  votesCast: { all: VoteCounts; GA: VoteCounts; SC: VoteCounts };
  period: Period;
  partners: { rollCalls: number; minBoth: number; closest: PartnerView[]; opposed: PartnerView[] };
  agreement: { body: Body; with: MemberRef[]; series: AgreementSeries[] };
  idealPoints: { status: Snapshot["idealStatus"]; points: IdealPointView[] };
  latest: LatestVote[];
  council: { permanentYears: number[]; electedYears: number[] };
  /** The record's gaps over the period of the partners (see /api/coverage). */
  coverage: CoverageGap[];
}

function emptyCounts(): VoteCounts {
  return { total: 0, yes: 0, no: 0, abstain: 0, first: null, last: null };
}

/** Votes cast (Y, N, A) by a member, per body, read from the matrix. */
export function votesCast(matrix: VoteMatrix, id: string): MemberPage["votesCast"] {
  const all = emptyCounts();
  const byBody: Record<Body, VoteCounts> = { GA: emptyCounts(), SC: emptyCounts() };
  const m = matrix.indexOfMember(id);
  if (m < 0) return { all, ...byBody };
  const from = matrix.activeFrom[m]! * 64;
  const to = Math.min(matrix.activeTo[m]! * 64, matrix.rollCalls.length);
  for (let c = from; c < to; c++) {
    const v = matrix.voteAt(m, c);
    if (v === "X") continue;
    const rc = matrix.rollCalls[c]!;
    for (const counts of [all, byBody[rc.body]]) {
      counts.total++;
      if (v === "Y") counts.yes++;
      else if (v === "N") counts.no++;
      else counts.abstain++;
      counts.first ??= rc.date;
      counts.last = rc.date;
    }
  }
  return { all, ...byBody };
}

const DEFAULT_PEERS = ["USA", "RUS", "CHN", "FRA", "GBR", "IND", "BRA"];

/** Reads ?body=, ?from=, ?to= (years) with defaults: the General Assembly's last ten years in the record. */
export function readPeriod(matrix: VoteMatrix, query: Record<string, unknown>): Period {
  const body = String(query.body ?? DEFAULT_BODY).toUpperCase();
  if (body !== "GA" && body !== "SC") {
    throw new PlenaryError("BAD_INPUT", `Unknown body "${body}".`, { field: "body", help: "Use GA or SC." });
  }
  const years = matrix.rollCalls.filter((rc) => rc.body === body).map((rc) => Number(rc.date.slice(0, 4)));
  const last = years.length ? years[years.length - 1]! : new Date().getUTCFullYear();
  const first = years.length ? years[0]! : last;
  const year = (key: string, fallback: number): number => {
    const raw = query[key];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1900 || n > 2200) {
      throw new PlenaryError("BAD_INPUT", `"${String(raw)}" is not a year.`, {
        field: key,
        help: "Give a year such as 2015.",
      });
    }
    return n;
  };
  let to = year("to", last);
  let from = year("from", Math.max(first, to - 9));
  if (from > to) [from, to] = [to, from];
  return { body: body as Body, from, to };
}

export function periodSelection(period: Period): Selection {
  return { body: period.body, from: `${period.from}-01-01`, to: `${period.to}-12-31` };
}

function councilSeats(id: string): MemberPage["council"] {
  const permanentYears: number[] = [];
  for (let y = FIRST_COUNCIL_YEAR; y <= LAST_COUNCIL_YEAR; y++) {
    const start = councilOn(`${y}-01-01`).permanent.includes(id);
    const end = councilOn(`${y}-12-31`).permanent.includes(id);
    if (start || end) permanentYears.push(y);
  }
  return { permanentYears, electedYears: electedYearsOf(id) };
}

function latestVotes(snapshot: Snapshot, member: Member, limit: number): LatestVote[] {
  const { matrix, catalog } = snapshot;
  const row = matrix.indexOfMember(member.id);
  const out: LatestVote[] = [];
  for (const e of catalog.newestFirst) {
    if (out.length >= limit) break;
    if (e.kind !== "resolution" && e.kind !== "draft") continue;
    const c = matrix.columnOf(e.id);
    const v: MemberVote = row >= 0 && c >= 0 ? matrix.voteAt(row, c) : "X";
    const vote: MemberVote | null = v;
    if (v === "X") {
      let entitled = false;
      try {
        entitled = electorate(e.body, e.date).includes(member.id);
      } catch {
        entitled = false;
      }
      // Not entitled, or not known (an incomplete record): the list shows how it voted.
      if (!entitled || !e.complete) continue;
    }
    out.push(latestOf(e, vote));
  }
  return out;
}

function latestOf(e: CatalogEntry, vote: MemberVote | null): LatestVote {
  return {
    id: e.id,
    ref: e.ref,
    symbol: e.symbol,
    title: e.title,
    date: e.date,
    datePrecision: e.datePrecision,
    body: e.body,
    outcome: e.outcome,
    vote,
  };
}

/** The member page's data. `query`: body, from, to (years) and with (members to compare). */
export function memberPage(snapshot: Snapshot, member: Member, query: Record<string, unknown>): MemberPage {
  const { matrix } = snapshot;
  const period = readPeriod(matrix, query);
  const inMatrix = matrix.indexOfMember(member.id) >= 0;
  let partnerData: MemberPage["partners"] = { rollCalls: 0, minBoth: 0, closest: [], opposed: [] };
  if (inMatrix) {
    const p = partners(matrix, member.id, periodSelection(period), { top: 10 });
    partnerData = {
      rollCalls: p.rollCalls,
      minBoth: p.minBoth,
      closest: p.closest.map(partnerView),
      opposed: p.opposed.map(partnerView),
    };
  }
  const chosen = query.with !== undefined && query.with !== "" ? resolveMembers(query.with, 6) : [];
  const peers = (chosen.length ? chosen.map((m) => m.id) : DEFAULT_PEERS)
    .filter((id) => id !== member.id && matrix.indexOfMember(id) >= 0)
    .slice(0, chosen.length ? 6 : 4);
  const series: AgreementSeries[] = inMatrix
    ? peers.map((other) => ({
        member: memberRef(other),
        points: align(matrix, member.id, other, { body: period.body }, { by: "year" }).map((y) => ({
          year: y.year,
          agreement: y.agreement,
          coincidence: y.coincidence,
          both: y.both,
        })),
      }))
    : [];
  const sessionYear = new Map<string, number>();
  for (const rc of matrix.rollCalls) {
    if (rc.session !== null && !sessionYear.has(rc.session))
      sessionYear.set(rc.session, Number(rc.date.slice(0, 4)));
  }
  const ideal = (snapshot.idealPoints?.points ?? [])
    .filter((p) => p.member === member.id)
    .map((p) => ({
      session: p.session,
      year: sessionYear.get(p.session) ?? 0,
      estimate: p.estimate,
      se: p.se,
      bootstrapSe: p.bootstrapSe ?? null,
      votes: p.votes,
      smallSample: p.smallSample,
    }));
  return {
    member: memberView(member),
    votesCast: votesCast(matrix, member.id),
    period,
    partners: partnerData,
    agreement: { body: period.body, with: peers.map((id) => memberRef(id)), series },
    idealPoints: { status: snapshot.idealStatus, points: ideal },
    latest: latestVotes(snapshot, member, 15),
    council: councilSeats(member.id),
    coverage: gapsWithin(snapshot.coverage, {
      body: period.body,
      from: `${period.from}-01-01`,
      to: `${period.to}-12-31`,
    }),
  };
}
