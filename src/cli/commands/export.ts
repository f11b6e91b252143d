import type { Command } from "commander";
import { exportUnvotes } from "../../data/export/unvotes.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { parseDate } from "./votes.js";

export function registerExport(program: Command, io: Io): void {
  program
    .command("export")
    .description(
      "Write the General Assembly record in the unvotes research format (un_roll_calls, un_votes, un_roll_call_issues), readable by research tools and by plenary import",
    )
    .argument("<folder>", "the folder to write the three CSV files into (created if missing)")
    .option("--format <format>", "the format to write: unvotes", "unvotes")
    .option("--gzip", "write .csv.gz files")
    .option("--from <date>", "roll calls on or after this date", parseDate)
    .option("--to <date>", "roll calls on or before this date", parseDate)
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  plenary export out/unvotes --gzip",
        "  plenary export out/2010s --from 2010-01-01 --to 2019-12-31",
        "",
        "Only complete roll calls are written: the format says a member without a row did not vote, so",
        "a roll call with unknown votes is skipped (and counted). rcid is the research dataset's own id",
        "where the roll call came from it, else 1000000 + the store's id.",
      ].join("\n"),
    )
    .action(
      async (
        folder: string,
        options: { format: string; gzip?: boolean; from?: string; to?: string; json?: boolean },
        command: Command,
      ) => {
        if (options.format !== "unvotes") {
          command.error(`error: --format must be unvotes (got ${JSON.stringify(options.format)})`, {
            exitCode: 1,
          });
        }
        const report = await withStore(command, (store) =>
          exportUnvotes(store, folder, { gzip: options.gzip, from: options.from, to: options.to }),
        );
        if (options.json) {
          printJson(io, report);
          return;
        }
        print(
          io,
          `Exported ${report.rollCalls.written.toLocaleString("en-US")} roll calls and ${report.votes.toLocaleString("en-US")} votes (${report.issues.toLocaleString("en-US")} issue codes) to:`,
        );
        for (const file of report.files) print(io, `  ${file}`);
        if (report.rollCalls.skippedIncomplete) {
          print(
            io,
            `Skipped ${report.rollCalls.skippedIncomplete} incomplete roll call(s): the research format cannot say that a vote is unknown.`,
          );
        }
      },
    );
}
