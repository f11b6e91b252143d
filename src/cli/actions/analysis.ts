/**
 * What the alignment commands do (declared in ../commands/analysis.ts, loaded when one of them runs):
 * open the store, load the vote matrix once, ask one analysis function and render its plain data.
 */
import type { Command } from "commander";
// The measures' own modules, not the analysis index: each command loads what it uses (the blocs, the
// alongside notability and the ideal points are imported by their commands).
import {
  agreementMatrix,
  align as alignMeasure,
  alignmentsToCsv,
  partners as partnersMeasure,
  shifts as shiftsMeasure,
  type Alignment,
} from "../../analysis/measures.js";
import type { Selection } from "../../analysis/selection.js";
import type { VoteMatrix } from "../../analysis/matrix.js";
import { loadVoteMatrix } from "../../analysis/fromStore.js";
import { BODY_WORDS, DEFAULT_BODY } from "../../analysis/defaults.js";
import { MIN_ROLL_CALLS } from "../../analysis/minimums.js";
import type { Alongside } from "../../analysis/alongside.js";
import { possessive } from "../../core/english.js";
import { PlenaryError } from "../../core/errors.js";
import { resolveMember } from "../../core/members/index.js";
import { memberId, name } from "./names.js";
import type { Body } from "../../core/rollCall.js";
import { gapsWithin, type Coverage } from "../../data/coverage.js";
import { cachedCoverage } from "../../analysis/coverageCache.js";
import type { Store } from "../../data/store/index.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { dayBefore, formatDate, table } from "../format.js";
import { endOf } from "../commands/votes.js";

export interface SelectionOptions {
  body?: Body | "all";
  session?: string[];
  from?: string;
  to?: string;
  issue?: string;
  important?: boolean;
  amendments?: boolean;
  paragraphs?: boolean;
}

/** The body a measure runs on: the one asked for, else DEFAULT_BODY (defaults.ts); "all" is both. */
export function bodyOf(options: { body?: Body | "all" }): Body | "all" {
  return options.body ?? DEFAULT_BODY;
}

export function selectionOf(options: SelectionOptions): Selection {
  const selection: Selection = {};
  const body = bodyOf(options);
  if (body !== "all") selection.body = body;
  if (options.session?.length) selection.sessions = options.session;
  if (options.from)
    selection.from = /^\d{4}$/.test(options.from)
      ? `${options.from}-01-01`
      : options.from.length === 7
        ? `${options.from}-01`
        : options.from;
  if (options.to) selection.to = endOf(options.to);
  if (options.issue) selection.issue = options.issue.toLowerCase();
  if (options.important) selection.importantOnly = true;
  if (options.amendments === false) selection.excludeAmendments = true;
  if (options.paragraphs === false) selection.excludeParagraphs = true;
  return selection;
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? "—" : value.toFixed(3));

/** A row of measures; one built on too few roll calls is starred (minimums.ts) and explained below the table. */
function alignmentRow(r: Alignment & { year?: number; session?: string }, label: string): string[] {
  return [
    label,
    `${r.both}${r.smallSample ? "*" : ""}`,
    percent(r.agreement),
    percent(r.coincidence),
    fixed(r.kappa),
  ];
}

function smallSampleFootnote(io: Io, rows: readonly Alignment[]): void {
  if (rows.some((r) => r.smallSample))
    print(io, `* fewer than ${MIN_ROLL_CALLS} roll calls where both voted: a small sample, not a finding.`);
}

/** The history `alongside` judged on, said in the output: the choice of window is the reader's to see. */
function historyLine(result: Alongside): string {
  const h = result.history;
  const span =
    h.years === null
      ? `the whole record before the vote`
      : `the ${h.years} years before the vote (${formatDate(h.from!)} – ${formatDate(dayBefore(h.before))}; --years all for the whole record)`;
  return `History: ${span}, ${h.rollCalls} roll calls of the same body.`;
}

/** What the record does not hold over a selection's body and period: said under every figure. */
function printCoverageNotes(io: Io, coverage: Coverage, selection: Selection): void {
  const gaps = gapsWithin(coverage, selection);
  if (!gaps.length) return;
  print(io, "\nWhat the record holds (plenary coverage):");
  for (const gap of gaps) print(io, `- ${gap.detail}`);
}

async function withMatrix<T>(
  command: Command,
  io: Io,
  work: (matrix: VoteMatrix, store: Store) => Promise<T> | T,
): Promise<T> {
  return withStore(command, io, async (store) => work(await loadVoteMatrix(store), store));
}

export async function align(
  io: Io,
  a: string,
  b: string,
  options: SelectionOptions & { by?: string; json?: boolean },
  command: Command,
): Promise<void> {
  const [idA, idB] = [memberId(a), memberId(b)];
  if (options.by && options.by !== "year" && options.by !== "session") {
    throw new PlenaryError("BAD_INPUT", `--by ${options.by}: use year or session`);
  }
  const selection = selectionOf(options);
  const [result, coverage] = await withMatrix(command, io, async (matrix, store) => [
    options.by
      ? alignMeasure(matrix, idA, idB, selection, { by: options.by as "year" | "session" })
      : alignMeasure(matrix, idA, idB, selection),
    await cachedCoverage(store, new Date().toISOString().slice(0, 10)),
  ]);
  const where = BODY_WORDS[bodyOf(options)];
  if (options.json)
    return printJson(io, Array.isArray(result) ? result : { ...result, body: bodyOf(options) });
  const header = ["", "BOTH VOTED", "AGREEMENT", "COINCIDENCE", "KAPPA"];
  if (Array.isArray(result)) {
    print(io, `${name(idA)} and ${name(idB)} in ${where}, by ${options.by}`);
    print(
      io,
      table([header, ...result.map((r) => alignmentRow(r, String("year" in r ? r.year : r.session)))]),
    );
    smallSampleFootnote(io, result);
  } else {
    print(io, `${name(idA)} and ${name(idB)} in ${where}: ${result.both} roll calls where both voted`);
    print(io, table([header, alignmentRow(result, "")]));
    print(
      io,
      `identical ${result.identical}, identical yes/no ${result.identicalYesNo}, opposite ${result.opposite}`,
    );
    smallSampleFootnote(io, [result]);
  }
  printCoverageNotes(io, coverage, selection);
}

export async function partners(
  io: Io,
  member: string,
  options: SelectionOptions & { top: number; rank: string; json?: boolean },
  command: Command,
): Promise<void> {
  if (!["agreement", "coincidence", "kappa"].includes(options.rank))
    throw new PlenaryError("BAD_INPUT", `--rank ${options.rank}: use agreement, coincidence or kappa`);
  const id = memberId(member);
  const result = await withMatrix(command, io, (matrix) =>
    partnersMeasure(matrix, id, selectionOf(options), { top: options.top, by: options.rank as "agreement" }),
  );
  if (options.json) return printJson(io, { ...result, body: bodyOf(options) });
  const header = ["", "BOTH VOTED", "AGREEMENT", "COINCIDENCE", "KAPPA"];
  print(
    io,
    `${name(id)} in ${BODY_WORDS[bodyOf(options)]}, over ${result.rollCalls} roll calls (pairs with at least ${result.minBoth} together) — closest:`,
  );
  print(io, table([header, ...result.closest.map((r) => alignmentRow(r, name(r.b)))]));
  print(io, "\nMost opposed:");
  print(io, table([header, ...result.opposed.map((r) => alignmentRow(r, name(r.b)))]));
}

export async function alongside(
  io: Io,
  symbol: string,
  member: string,
  options: { years?: number | "all"; json?: boolean },
  command: Command,
): Promise<void> {
  const { findRollCall } = await import("../../data/rollCallView.js");
  const { alongside: alongsideMeasure } = await import("../../analysis/alongside.js");
  const result = await withStore(command, io, async (store) => {
    const rollCall = await findRollCall(store, symbol);
    const id = resolveMember(member, { date: rollCall.date }).id;
    const matrix = await loadVoteMatrix(store);
    return {
      symbol: rollCall.symbol,
      ...alongsideMeasure(
        matrix,
        rollCall.id,
        id,
        options.years === undefined ? {} : { years: options.years === "all" ? null : options.years },
      ),
    };
  });
  if (options.json) return printJson(io, result);
  const words: Record<string, string> = {
    Y: "in favour",
    N: "against",
    A: "abstaining",
    X: "not voting",
  };
  const who = name(result.member, result.date);
  if (result.vote === "X") {
    print(io, `${possessive(who)} vote on ${result.symbol ?? symbol} is not in the record.`);
    return;
  }
  const named = result.notable.map((id) => name(id, result.date));
  const others = result.members.length - named.length;
  const list = named.length
    ? `${named.join(", ")}${others ? ` and ${others} other state${others === 1 ? "" : "s"}` : ""}`
    : `${others} other state${others === 1 ? "" : "s"}`;
  print(io, `${who} voted ${words[result.vote]} on ${result.symbol ?? symbol}, alongside ${list}.`);
  print(io, historyLine(result));
  if (result.note) print(io, result.note);
  print(io, "");
  print(
    io,
    table([
      ["MEMBER", "AGREEMENT BEFORE", "BOTH VOTED", ""],
      ...result.members.map((m) => [
        name(m.id, result.date),
        percent(m.agreementBefore),
        String(m.both),
        m.notable ? "notable" : "",
      ]),
    ]),
  );
}

export async function shifts(
  io: Io,
  options: {
    from: Selection;
    to: Selection;
    member?: string;
    body?: Body;
    top: number;
    min: number;
    json?: boolean;
  },
  command: Command,
): Promise<void> {
  const member = options.member ? memberId(options.member) : undefined;
  const body = { body: options.body ?? DEFAULT_BODY };
  const result = await withMatrix(command, io, (matrix) =>
    shiftsMeasure(
      matrix,
      { ...options.from, ...body },
      { ...options.to, ...body },
      { member, top: options.top, minBoth: options.min },
    ),
  );
  if (options.json) return printJson(io, { shifts: result });
  print(
    io,
    table([
      ["PAIR", "BEFORE", "AFTER", "CHANGE"],
      ...result.map((s) => [
        `${name(s.a)} – ${name(s.b)}`,
        percent(s.from),
        percent(s.to),
        `${s.change >= 0 ? "+" : ""}${(s.change * 100).toFixed(1)} pts`,
      ]),
    ]),
  );
}

export async function matrix(
  io: Io,
  options: SelectionOptions & { format: string },
  command: Command,
): Promise<void> {
  if (options.format !== "csv" && options.format !== "json")
    throw new PlenaryError("BAD_INPUT", `--format ${options.format}: use csv or json`);
  const result = await withMatrix(command, io, (matrix) => agreementMatrix(matrix, selectionOf(options)));
  if (options.format === "json") printJson(io, result);
  else io.stdout.write(alignmentsToCsv(result.pairs));
}

export async function blocs(
  io: Io,
  bloc: string | undefined,
  options: SelectionOptions & { by: string; top: number; json?: boolean },
  command: Command,
): Promise<void> {
  const { blocCohesion, listBlocs } = await import("../../analysis/blocs.js");
  const by = options.by === "year" ? "year" : "session";
  const inputs = bloc
    ? [bloc.includes(",") ? bloc.split(",").map(memberId) : bloc]
    : listBlocs().map((b) => b.id);
  const results = await withMatrix(command, io, (matrix) =>
    inputs.map((input) => blocCohesion(matrix, input, selectionOf(options), { by, top: options.top })),
  );
  if (options.json) return printJson(io, bloc ? results[0] : { blocs: results });
  if (!bloc) {
    print(
      io,
      table([
        ["BLOC", "ROLL CALLS", "AGREEMENT INDEX", "WITH MAJORITY", "UNANIMOUS"],
        ...results.map((r) => [
          r.name,
          String(r.overall.rollCalls),
          fixed(r.overall.agreementIndex),
          percent(r.overall.majorityShare),
          String(r.overall.unanimous),
        ]),
      ]),
    );
    return;
  }
  const result = results[0]!;
  print(
    io,
    `${result.name} in ${BODY_WORDS[bodyOf(options)]}: agreement index ${fixed(result.overall.agreementIndex)}, ${percent(result.overall.majorityShare)} of votes with the bloc majority, over ${result.overall.rollCalls} roll calls`,
  );
  print(
    io,
    table([
      [by.toUpperCase(), "ROLL CALLS", "AGREEMENT INDEX", "WITH MAJORITY"],
      ...result.periods.map((p) => [
        String(p.session ?? p.year),
        String(p.rollCalls),
        fixed(p.agreementIndex),
        percent(p.majorityShare),
      ]),
    ]),
  );
  print(io, "\nMost frequent defectors:");
  print(
    io,
    table([
      ["MEMBER", "VOTES", "DEFECTIONS", "RATE"],
      ...result.defectors.map((d) => [name(d.id), String(d.votes), String(d.defections), percent(d.rate)]),
    ]),
  );
}
