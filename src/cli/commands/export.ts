import type { Command } from "commander";
import { print, printJson, withStore, type Io } from "../context.js";
import { parseDate } from "./votes.js";

const FORMATS = ["unvotes", "undl-ga", "undl-sc"] as const;
type ExportFormat = (typeof FORMATS)[number];

export function registerExport(program: Command, io: Io): void {
  program
    .command("export")
    .description(
      "Write the record in a format other tools (and plenary import) read: the unvotes research format, or the UN Digital Library's GA or SC bulk CSV",
    )
    .argument(
      "<path>",
      "unvotes: the folder for its three CSVs; undl-ga, undl-sc: the CSV file (.gz to gzip it)",
    )
    .option("--format <format>", `what to write: ${FORMATS.join(", ")}`, "unvotes")
    .option("--gzip", "gzip the output (.csv.gz)")
    .option("--from <date>", "roll calls on or after this date", parseDate)
    .option("--to <date>", "roll calls on or before this date", parseDate)
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  plenary export out/unvotes --gzip",
        "  plenary export out/ga.csv.gz --format undl-ga --from 2025-01-01",
        "  plenary export out/sc.csv --format undl-sc",
        "",
        "unvotes: General Assembly roll calls; only complete ones (the format says a member without a row",
        "did not vote, so a roll call with unknown votes is skipped and counted); rcid is the research",
        "dataset's own id where the roll call came from it, else 1000000 + the store's id.",
        "undl-ga, undl-sc: adopted resolutions, one row per member (X for members that did not vote);",
        "a roll call with unknown votes lists the known ones and the body's size as total_ms; undl_id is",
        "the UN Digital Library record where the roll call came from it, else 900000000 + the store's id.",
      ].join("\n"),
    )
    .action(
      async (
        target: string,
        options: { format: string; gzip?: boolean; from?: string; to?: string; json?: boolean },
        command: Command,
      ) => {
        if (!FORMATS.includes(options.format as ExportFormat)) {
          command.error(
            `error: --format must be one of ${FORMATS.join(", ")} (got ${JSON.stringify(options.format)})`,
            { exitCode: 1 },
          );
        }
        const format = options.format as ExportFormat;
        const range = { from: options.from, to: options.to };
        const { exportUndl } = await import("../../data/export/undl.js");
        const { exportUnvotes } = await import("../../data/export/unvotes.js");
        const report = await withStore(command, io, (store) =>
          format === "unvotes"
            ? exportUnvotes(store, target, { ...range, gzip: options.gzip })
            : exportUndl(store, target, format === "undl-ga" ? "GA" : "SC", {
                ...range,
                gzip: options.gzip || target.endsWith(".gz"),
              }),
        );
        if (options.json) {
          printJson(io, report);
          return;
        }
        const { rollCalls } = report;
        print(
          io,
          `Exported ${rollCalls.written.toLocaleString("en-US")} roll calls (${format}) with ${report.votes.toLocaleString("en-US")} ${format === "unvotes" ? "votes" : "member rows"} and ${report.issues.toLocaleString("en-US")} ${format === "unvotes" ? "issue codes" : "UNBIS subjects"} to:`,
        );
        for (const file of report.files) print(io, `  ${file}`);
        if (rollCalls.incomplete) {
          print(io, `${rollCalls.incomplete} of them incomplete: only their known votes are listed.`);
        }
        if (rollCalls.skipped) print(io, `Skipped ${rollCalls.skipped}: ${report.skippedBecause}.`);
      },
    );
}
