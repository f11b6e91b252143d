/**
 * The alignment questions: align, partners, alongside, shifts, matrix, blocs, ideal. This file only
 * declares them (arguments, options, help): what they do lives in ../actions/, loaded when one of them
 * runs, so `plenary --help` and the lookups do not load the analysis code.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { Selection } from "../../analysis/selection.js";
import type { Body } from "../../core/rollCall.js";
import type { Io } from "../context.js";
import { endOf, parseBody, parseDate } from "./votes.js";

/** Runs the action `name` of ../actions/analysis.ts, loading it first. */
function measure(io: Io, name: keyof typeof import("../actions/analysis.js")) {
  return async (...args: unknown[]) => {
    const actions = await import("../actions/analysis.js");
    return (actions[name] as (io: Io, ...rest: unknown[]) => Promise<void>)(io, ...args);
  };
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

/** GA, SC or all (both bodies); the default, GA, is DEFAULT_BODY in analysis/defaults.ts (not loaded by --help). */
function parseBodyOrAll(value: string): Body | "all" {
  return value.toLowerCase() === "all" ? "all" : parseBody(value);
}

/** `--years 10` or `--years all` (the whole record). */
function parseYears(value: string): number | "all" {
  if (value.toLowerCase() === "all") return "all";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("use a whole number of years, or all");
  return n;
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
    .action(measure(io, "align"));

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
    .action(measure(io, "partners"));

  program
    .command("alongside")
    .description("The members who voted as MEMBER did on a roll call, the notable ones named first")
    .argument("<symbol>", "the roll call, e.g. ES-11/7")
    .argument("<member>", "any code or name")
    .option(
      "--years <n>",
      // The default is RECENT_YEARS in analysis/defaults.ts, written out so --help loads no analysis module.
      "history for notability: the N years before the vote (default 10), or all for the whole record",
      parseYears,
    )
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nNotable = a co-voter whose agreement with MEMBER over the history before the vote is in MEMBER's lowest quarter:\nan unusual pairing for MEMBER.\n\nExamples:\n  plenary alongside ES-11/7 USA",
    )
    .action(measure(io, "alongside"));

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
    .action(measure(io, "shifts"));

  withSelection(program.command("matrix").description("The full agreement matrix: every pair of members"))
    .option("--format <format>", "csv or json", "csv")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary matrix --session 74 > session74.csv\n  plenary matrix --from 2020 --format json",
    )
    .action(measure(io, "matrix"));

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
    .action(measure(io, "blocs"));

  program
    .command("ideal")
    .description(
      "One-dimensional ideal points per member per session (dynamic IRT; the United States positive)",
    )
    .option("--session <session>", "one session (static model); default: every session")
    .option("--member <member>", "only this member's points")
    .option(
      "--bootstrap [replicates]",
      "also bootstrap standard errors over roll calls (default 50 replicates)",
      (v) => Number.parseInt(v, 10),
    )
    .option("--seed <n>", "the bootstrap's seed (default 1): the same seed, the same standard errors", (v) =>
      Number.parseInt(v, 10),
    )
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nEvery session's estimate is kept in the store until an import changes the votes: the next run reads it.\n\nExamples:\n  plenary ideal --session 74\n  plenary ideal --member Russia --json\n  plenary ideal --bootstrap 50 --seed 1",
    )
    .action(async (options: object, command: Command) => {
      const { ideal } = await import("../actions/ideal.js");
      return ideal(io, options, command);
    });
}
