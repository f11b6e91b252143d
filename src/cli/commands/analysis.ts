/**
 * The alignment questions: align, partners, alongside, shifts, matrix, blocs, ideal. Each opens the
 * store, loads the vote matrix once, asks one analysis function and renders its plain data.
 */
import { InvalidArgumentError, type Command } from "commander";
import {
  agreementMatrix,
  align,
  alignmentsToCsv,
  alongside,
  blocCohesion,
  idealPoints,
  listBlocs,
  partners,
  shifts,
  type Alignment,
  type Alongside,
  type Selection,
  type VoteMatrix,
} from "../../analysis/index.js";
import { loadVoteMatrix } from "../../analysis/fromStore.js";
import { BODY_WORDS, DEFAULT_BODY, RECENT_YEARS } from "../../analysis/defaults.js";
import { MIN_ROLL_CALLS } from "../../analysis/minimums.js";
import { possessive } from "../../core/english.js";
import { PlenaryError } from "../../core/errors.js";
import { getMember, nameOn, resolveMember } from "../../core/members/index.js";
import type { Body } from "../../core/rollCall.js";
import { findRollCall } from "../../data/rollCallView.js";
import { gapsWithin, storeCoverage, type Coverage } from "../../data/coverage.js";
import type { Store } from "../../data/store/index.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { dayBefore, formatDate, table } from "../format.js";
import { endOf, parseBody, parseDate } from "./votes.js";

interface SelectionOptions {
  body?: Body | "all";
  session?: string[];
  from?: string;
  to?: string;
  issue?: string;
  important?: boolean;
  amendments?: boolean;
  paragraphs?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The selection options every measure takes. */
function withSelection(command: Command, dates = true): Command {
  command
    .option("--body <body>", "GA (default), SC, or all for both bodies", parseBodyOrAll)
    .option("--session <session>", "an Assembly session, e.g. 74 or ES-11 (repeatable)", collect);
  if (dates) {
    command
      .option("--from <date>", "roll calls on or after this date", parseDate)
      .option("--to <date>", "on or before this date", parseDate);
  }
  return command
    .option(
      "--issue <code>",
      "research issue code: me (Middle East), nu (nuclear), di (disarmament), hr (human rights), co (colonialism), ec (development)",
    )
    .option("--important", "only the US State Department's important votes")
    .option("--no-amendments", "leave out votes on amendments")
    .option("--no-paragraphs", "leave out separate votes on paragraphs");
}

/** GA, SC or all (both bodies). */
function parseBodyOrAll(value: string): Body | "all" {
  return value.toLowerCase() === "all" ? "all" : parseBody(value);
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

function memberId(text: string): string {
  return resolveMember(text).id;
}

function name(id: string, date = new Date().toISOString().slice(0, 10)): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
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

/** `--years 10` or `--years all` (the whole record). */
function parseYears(value: string): number | "all" {
  if (value.toLowerCase() === "all") return "all";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("use a whole number of years, or all");
  return n;
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

/** `2024`, `2010..2019`, `2022-02-24..2025-02-24`, `s74` (a session): a selection for shifts. */
export function parsePeriod(text: string): Selection {
  const session = /^s(?:ession)?[:=]?(\d+|ES-\d+)$/i.exec(text);
  if (session) return { sessions: [session[1]!.toUpperCase()] };
  const [from, to = from] = text.split("..");
  const dateLike = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  if (!from || !dateLike.test(from) || !dateLike.test(to!)) {
    throw new InvalidArgumentError(
      "use a year (2024), a range (2010..2019, 2022-02-24..2025-02-24) or a session (s74)",
    );
  }
  return { from: /^\d{4}$/.test(from) ? `${from}-01-01` : from, to: endOf(to!) };
}

export function registerAnalysis(program: Command, io: Io): void {
  withSelection(
    program
      .command("align")
      .description("How often two members vote alike: agreement, coincidence (US State Dept), Cohen's kappa")
      .argument("<a>", "a member: any code or name")
      .argument("<b>", "another member"),
  )
    .option("--by <period>", "a time series: year or session")
    .option("--json", "print JSON (one object, or an array with --by)")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary align US RU --session 74\n  plenary align USA Russia --by year --from 2000 --json",
    )
    .action(
      async (
        a: string,
        b: string,
        options: SelectionOptions & { by?: string; json?: boolean },
        command: Command,
      ) => {
        const [idA, idB] = [memberId(a), memberId(b)];
        if (options.by && options.by !== "year" && options.by !== "session") {
          throw new PlenaryError("BAD_INPUT", `--by ${options.by}: use year or session`);
        }
        const selection = selectionOf(options);
        const [result, coverage] = await withMatrix(command, io, async (matrix, store) => [
          options.by
            ? align(matrix, idA, idB, selection, { by: options.by as "year" | "session" })
            : align(matrix, idA, idB, selection),
          await storeCoverage(store, new Date().toISOString().slice(0, 10)),
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
      },
    );

  withSelection(
    program
      .command("partners")
      .description("A member's closest and most opposed partners")
      .argument("<member>", "any code or name"),
  )
    .option("--top <n>", "how many of each (default 10)", (v) => Number.parseInt(v, 10), 10)
    .option("--rank <measure>", "agreement, coincidence or kappa", "agreement")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary partners USA --from 2017 --to 2020\n  plenary partners Hungary --session 74 --top 5",
    )
    .action(
      async (
        member: string,
        options: SelectionOptions & { top: number; rank: string; json?: boolean },
        command: Command,
      ) => {
        if (!["agreement", "coincidence", "kappa"].includes(options.rank))
          throw new PlenaryError("BAD_INPUT", `--rank ${options.rank}: use agreement, coincidence or kappa`);
        const id = memberId(member);
        const result = await withMatrix(command, io, (matrix) =>
          partners(matrix, id, selectionOf(options), { top: options.top, by: options.rank as "agreement" }),
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
      },
    );

  program
    .command("alongside")
    .description("The members who voted as MEMBER did on a roll call, the notable ones named first")
    .argument("<symbol>", "the roll call, e.g. ES-11/7")
    .argument("<member>", "any code or name")
    .option(
      "--years <n>",
      `history for notability: the N years before the vote (default ${RECENT_YEARS}), or all for the whole record`,
      parseYears,
    )
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nNotable = a co-voter whose agreement with MEMBER over the history before the vote is in MEMBER's lowest quarter:\nan unusual pairing for MEMBER.\n\nExamples:\n  plenary alongside ES-11/7 USA",
    )
    .action(
      async (
        symbol: string,
        member: string,
        options: { years?: number | "all"; json?: boolean },
        command: Command,
      ) => {
        const result = await withStore(command, io, async (store) => {
          const rollCall = await findRollCall(store, symbol);
          const id = resolveMember(member, { date: rollCall.date }).id;
          const matrix = await loadVoteMatrix(store);
          return {
            symbol: rollCall.symbol,
            ...alongside(
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
      },
    );

  program
    .command("shifts")
    .description("The pairs whose agreement changed most between two periods")
    .requiredOption(
      "--from <period>",
      "the first period: 2024, 2010..2019, 2022-02-24..2025-02-24 or s74",
      parsePeriod,
    )
    .requiredOption("--to <period>", "the second period", parsePeriod)
    .option("--member <member>", "only pairs with this member")
    .option("--body <body>", "GA (default) or SC", parseBody)
    .option("--top <n>", "how many (default 10)", (v) => Number.parseInt(v, 10), 10)
    .option(
      "--min <n>",
      "least roll calls voted together in each period (default 10)",
      (v) => Number.parseInt(v, 10),
      10,
    )
    .option("--json", "print JSON: {shifts: [...]}")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary shifts --from 2010..2014 --to 2015..2019 --member USA\n  plenary shifts --from s73 --to s74 --top 20",
    )
    .action(
      async (
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
      ) => {
        const member = options.member ? memberId(options.member) : undefined;
        const body = { body: options.body ?? DEFAULT_BODY };
        const result = await withMatrix(command, io, (matrix) =>
          shifts(
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
      },
    );

  withSelection(program.command("matrix").description("The full agreement matrix: every pair of members"))
    .option("--format <format>", "csv or json", "csv")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary matrix --session 74 > session74.csv\n  plenary matrix --from 2020 --format json",
    )
    .action(async (options: SelectionOptions & { format: string }, command: Command) => {
      if (options.format !== "csv" && options.format !== "json")
        throw new PlenaryError("BAD_INPUT", `--format ${options.format}: use csv or json`);
      const result = await withMatrix(command, io, (matrix) => agreementMatrix(matrix, selectionOf(options)));
      if (options.format === "json") printJson(io, result);
      else io.stdout.write(alignmentsToCsv(result.pairs));
    });

  withSelection(
    program
      .command("blocs")
      .description("Cohesion of voting blocs and their most frequent defectors")
      .argument(
        "[bloc]",
        "EU, NATO, G77, NAM, AU, OIC, ASEAN, BRICS, P5, or a comma-separated list of members",
      ),
  )
    .option("--by <period>", "session or year", "session")
    .option("--top <n>", "defectors to list (default 10)", (v) => Number.parseInt(v, 10), 10)
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary blocs                      every known bloc, overall\n  plenary blocs EU --from 2010\n  plenary blocs USA,GBR,FRA --session 74",
    )
    .action(
      async (
        bloc: string | undefined,
        options: SelectionOptions & { by: string; top: number; json?: boolean },
        command: Command,
      ) => {
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
            ...result.defectors.map((d) => [
              name(d.id),
              String(d.votes),
              String(d.defections),
              percent(d.rate),
            ]),
          ]),
        );
      },
    );

  program
    .command("ideal")
    .description(
      "One-dimensional ideal points per member per session (dynamic IRT; the United States positive)",
    )
    .option("--session <session>", "one session (static model); default: every session")
    .option("--member <member>", "only this member's points")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  plenary ideal --session 74\n  plenary ideal --member Russia --json")
    .action(async (options: { session?: string; member?: string; json?: boolean }, command: Command) => {
      const member = options.member ? memberId(options.member) : undefined;
      const result = await withMatrix(command, io, (matrix) =>
        idealPoints(matrix, options.session ? { session: options.session } : {}),
      );
      if (result.smallSample) {
        // Refused, not printed: a handful of contested votes places members wherever the prior puts them.
        throw new PlenaryError(
          "BAD_INPUT",
          `${options.session ? `Session ${options.session} has` : "The record holds"} ${result.rollCalls} contested roll call${result.rollCalls === 1 ? "" : "s"}: an ideal point needs at least ${result.minVotes}.`,
          { help: "Estimate over a regular session or the whole record (plenary ideal without --session)." },
        );
      }
      const points = member ? result.points.filter((p) => p.member === member) : result.points;
      if (options.json) return printJson(io, { ...result, points });
      print(
        io,
        `${result.model} model over ${result.sessions.length} session(s), ${result.rollCalls} contested roll calls; ${result.converged ? "converged" : "NOT converged"} after ${result.iterations} iterations`,
      );
      const sorted = [...points].sort((a, b) => (a.session === b.session ? b.estimate - a.estimate : 0));
      print(
        io,
        table([
          ["SESSION", "MEMBER", "IDEAL POINT", "SE", "VOTES"],
          ...sorted.map((p) => [
            p.session,
            name(p.member),
            p.smallSample ? "—" : p.estimate.toFixed(3),
            p.smallSample ? "—" : p.se.toFixed(3),
            `${p.votes}${p.smallSample ? " (too few)" : ""}`,
          ]),
        ]),
      );
      if (sorted.some((p) => p.smallSample))
        print(
          io,
          `\n—: fewer than ${result.minVotes} votes in the session, no estimate shown (Plenary's minimum).`,
        );
    });
}
