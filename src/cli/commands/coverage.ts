import type { Command } from "commander";
import type { Coverage } from "../../data/coverage.js";
import { BODY_NAMES, type Body } from "../../core/rollCall.js";
import { PlenaryError } from "../../core/errors.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

const count = (n: number) => n.toLocaleString("en");

/** The coverage as text: the years of each body, then the gaps by name. */
export function renderCoverage(coverage: Coverage, body?: Body): string {
  const lines: string[] = [];
  for (const b of coverage.bodies) {
    if (body && b.body !== body) continue;
    lines.push(
      `${BODY_NAMES[b.body]}: ${count(b.rollCalls)} roll calls from ${b.first} to ${b.last}, ${count(b.complete)} complete`,
    );
    lines.push(
      table([
        ["YEAR", "ROLL CALLS", "VOTED", "WITHOUT VOTE", "COMPLETE", "INCOMPLETE", "SOURCES"],
        ...coverage.years
          .filter((y) => y.body === b.body)
          .map((y) => [
            String(y.year),
            count(y.rollCalls),
            count(y.voted),
            count(y.withoutVote),
            count(y.complete),
            y.incomplete ? count(y.incomplete) : "-",
            Object.entries(y.bySource)
              .map(([source, n]) => `${source} ${count(n)}`)
              .join(", ") || "none",
          ]),
      ]),
    );
    lines.push("");
  }
  const gaps = coverage.gaps.filter((g) => !body || g.body === body);
  lines.push(gaps.length ? `Gaps (${gaps.length}):` : "No gaps found.");
  for (const gap of gaps) lines.push(`- ${gap.label}. ${gap.detail}`);
  return lines.join("\n");
}

export function registerCoverage(program: Command, io: Io): void {
  program
    .command("coverage")
    .description(
      "What the record covers: per body and year, the roll calls known, complete and incomplete, by source — and the gaps by name",
    )
    .option("--body <body>", "GA or SC only")
    .option("--json", "print one JSON object: {bodies, years, gaps}")
    .addHelpText("after", "\nExamples:\n  plenary coverage\n  plenary coverage --body SC --json")
    .action(async (options: { body?: string; json?: boolean }, command: Command) => {
      const body = options.body?.toUpperCase();
      if (body !== undefined && body !== "GA" && body !== "SC") {
        throw new PlenaryError("BAD_INPUT", `--body ${options.body}: use GA or SC.`, { field: "body" });
      }
      const { cachedCoverage } = await import("../../analysis/coverageCache.js");
      const coverage = await withStore(command, io, (store) =>
        cachedCoverage(store, new Date().toISOString().slice(0, 10)),
      );
      if (options.json) {
        return printJson(io, {
          bodies: coverage.bodies.filter((b) => !body || b.body === body),
          years: coverage.years.filter((y) => !body || y.body === body),
          gaps: coverage.gaps.filter((g) => !body || g.body === body),
        });
      }
      print(io, renderCoverage(coverage, body as Body | undefined));
    });
}
