import { InvalidArgumentError, type Command } from "commander";
import type { Body } from "../../core/rollCall.js";
import { pagingOptions, print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

export function parseBody(value: string): Body {
  const body = value.toUpperCase();
  if (body !== "GA" && body !== "SC")
    throw new InvalidArgumentError("use GA (General Assembly) or SC (Security Council)");
  return body;
}

export function parseDate(value: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError("use a date like 2025-02-24 (or 2025-02, 2025)");
  }
  return value;
}

/** `--date 1950` means a day: a year or a month is read as its first day. */
export function startOf(value: string): string {
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  return value;
}

/** `--to 2025` means the end of 2025, not its first day. */
export function endOf(value: string): string {
  if (/^\d{4}$/.test(value)) return `${value}-12-31`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-31`;
  return value;
}

export function registerVotes(program: Command, io: Io): void {
  pagingOptions(
    program
      .command("votes")
      .description("List roll calls, newest first")
      .option("--body <body>", "GA or SC", parseBody)
      .option("--from <date>", "on or after this date", parseDate)
      .option("--to <date>", "on or before this date", parseDate)
      .option("--session <session>", "Assembly session, e.g. 74 or ES-11"),
    50,
    "how many (default 50, at most 1000)",
  )
    .option("--json", "print JSON: {votes: [...], meta: {...}}")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary votes --body SC --from 2025-01-01\n  plenary votes --session ES-11 --json",
    )
    .action(async (options, command: Command) => {
      const filter = {
        body: options.body as Body | undefined,
        from: options.from as string | undefined,
        to: options.to ? endOf(options.to) : undefined,
        session: options.session as string | undefined,
        limit: options.limit as number,
        offset: options.offset as number,
      };
      const [rollCalls, total] = await withStore(command, io, (store) =>
        Promise.all([store.listWithVotes(filter), store.count(filter)]),
      );
      const { summarise } = await import("../../data/rollCallView.js");
      const votes = rollCalls.map(summarise);
      if (options.json) {
        printJson(io, { votes, meta: { pagination: { total, limit: filter.limit, offset: filter.offset } } });
        return;
      }
      if (!votes.length) {
        print(io, "No roll calls match. Try a wider date range, or import data: plenary import --help");
        return;
      }
      print(
        io,
        table([
          ["DATE", "BODY", "REF", "KIND", "OUTCOME", "TITLE"],
          ...votes.map((v) => [v.date, v.body, v.ref, v.kind, v.outcome ?? "?", v.title.slice(0, 70)]),
        ]),
      );
      if (total > votes.length)
        print(io, `\n${votes.length} of ${total} shown; --limit and --offset page through the rest.`);
    });
}
