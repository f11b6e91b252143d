import { InvalidArgumentError, type Command } from "commander";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

function parseIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError("use a date like 2025-01-01");
  }
  return value;
}

export function registerNewsworthy(program: Command, io: Io): void {
  program
    .command("newsworthy")
    .description(
      "Rank recent votes by how unusual they are: vetoes, close results, drafters and bloc members breaking ranks, large shifts",
    )
    .option("--since <date>", "on or after this date (default: 90 days before the newest vote)", parseIsoDate)
    .option("--limit <n>", "how many (default 20)", (v) => Number.parseInt(v, 10), 20)
    .option("--json", "print JSON: {votes: [...], meta: {...}}")
    .addHelpText(
      "after",
      `
Score (points add up; each comes with the fact behind it):
  veto     4     a permanent member vetoed it
  close    0-3   yes votes near the number required (Council: within 3 votes; Assembly: within a tenth
                 of the members present and voting)
  sponsor  3     the drafter the record names abstained on or voted against its own text
  bloc     1-3   1 per member voting against its bloc's plurality (EU, NATO, AU, OIC, ASEAN, BRICS)
  shift    0-3   1 per 5 points of change in the yes share since the latest vote on the same theme

Examples:
  plenary newsworthy
  plenary newsworthy --since 2025-01-01 --json`,
    )
    .action(async (options, command: Command) => {
      const { newsworthy } = await import("../../news/newsworthy.js");
      const result = await withStore(command, io, (store) =>
        newsworthy(store, { since: options.since as string | undefined, limit: options.limit as number }),
      );
      if (options.json) {
        printJson(io, {
          votes: result.votes,
          meta: {
            since: result.since,
            until: result.until,
            considered: result.considered,
            limit: options.limit,
          },
        });
        return;
      }
      if (!result.votes.length) {
        print(io, `No votes since ${result.since}.`);
        return;
      }
      const rows = [["SCORE", "DATE", "BODY", "REF", "KIND", "WHY"]];
      for (const v of result.votes) {
        rows.push([
          v.score.toFixed(2),
          v.date,
          v.body,
          v.ref,
          v.kind,
          v.components.map((c) => `${c.name} ${c.points}: ${c.detail}`).join("; ") || "-",
        ]);
      }
      print(io, table(rows));
      print(
        io,
        `\n${result.considered} votes since ${result.since}; the highest ${result.votes.length} shown.`,
      );
    });
}
