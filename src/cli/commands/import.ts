import { Option, type Command } from "commander";
import type { ImportReport } from "../../data/import/index.js";
import { IMPORT_FORMATS, type ImportFormat } from "../../data/import/formats.js";
import { formatDuration, importProgressLine } from "../../data/import/progress.js";
import { print, printJson, withStore, type Io } from "../context.js";

const count = (n: number) => n.toLocaleString("en-US");

/** The human summary of an import: counts, problems by kind with the first few in full, conflicts. */
export function renderImportReport(report: ImportReport, heading = "Imported"): string {
  const lines: string[] = [];
  const formats = [...new Set(report.files.map((f) => f.format))].join(", ");
  lines.push(
    `${heading} ${report.files.length} input${report.files.length === 1 ? "" : "s"} (${formats}) in ${formatDuration(report.durationMs)} — import #${report.importId}`,
  );
  for (const f of report.files)
    lines.push(`  ${f.path}  [${f.layout}]  ${count(f.rows)} rows, ${count(f.rollCalls)} roll calls`);
  const rc = report.rollCalls;
  lines.push(`Rows read:   ${count(report.rowsRead)}`);
  lines.push(
    `Roll calls:  ${count(rc.read)} read · ${count(rc.added)} added · ${count(rc.updated)} updated · ${count(rc.unchanged)} unchanged · ${count(rc.merged)} merged with another source${rc.skipped ? ` · ${count(rc.skipped)} skipped` : ""}`,
  );
  lines.push(`Votes:       ${count(report.votes.read)} read · ${count(report.votes.written)} written`);
  const updated = report.changes.items.filter((c) => c.outcome === "updated");
  if (updated.length) {
    const shown = updated.slice(0, 10).map((c) => c.symbol ?? `${c.source} ${c.sourceKey}`);
    lines.push(
      `Updated:     ${shown.join(", ")}${updated.length > shown.length || report.changes.omitted ? " …" : ""}`,
    );
  }
  if (report.conflicts.count) {
    lines.push(
      `Conflicts:   ${count(report.conflicts.count)} votes on which sources disagree (the official record kept) — see plenary conflicts`,
    );
  }
  const { problems } = report;
  if (problems.warnings || problems.skipped) {
    const kinds = Object.entries(problems.byKind)
      .map(([kind, n]) => `${kind} ${count(n ?? 0)}`)
      .join(", ");
    lines.push(
      `Problems:    ${count(problems.warnings)} warnings${problems.skipped ? `, ${count(problems.skipped)} rows skipped` : ""} (${kinds})`,
    );
    const shown = [
      ...problems.items.filter((p) => p.severity === "error"),
      ...problems.items.filter((p) => p.severity === "warning"),
    ].slice(0, 10);
    for (const p of shown) {
      const where = [p.file, p.line].filter((x) => x !== null).join(":");
      lines.push(
        `  ${p.severity === "error" ? "skipped" : "warning"} ${where}${p.field ? ` [${p.field}]` : ""}: ${p.message}`,
      );
    }
    const rest = problems.warnings + problems.skipped - shown.length;
    if (rest > 0)
      lines.push(
        `  … and ${count(rest)} more (--json lists ${problems.omitted ? "the first 1,000 of each kind" : "them all"})`,
      );
  } else {
    lines.push("Problems:    none");
  }
  lines.push(
    report.changed
      ? `The store changed (data version ${report.dataVersion}).`
      : "Nothing changed: the store already held all of this.",
  );
  return lines.join("\n");
}

export function registerImport(program: Command, io: Io): void {
  program
    .command("import")
    .description(
      "Import voting data: UN Digital Library CSV or MARCXML, the unvotes research dataset, the Council veto list",
    )
    .argument("<paths...>", "files (.csv, .csv.gz, .xml) or the unvotes folder")
    .addOption(
      new Option("--format <format>", "the files' format; auto detects it from the header")
        .choices(["auto", ...IMPORT_FORMATS])
        .default("auto"),
    )
    .option(
      "--skip-bad-rows",
      "import the readable rows and list the skipped ones, instead of rejecting the file",
    )
    .option("--json", "print the import report as JSON")
    .addHelpText(
      "after",
      `
All files of one import are stored in one transaction: all or nothing. Importing the same file again
changes nothing; a newer version updates what changed. Problems are listed with file, line and field.

Examples:
  plenary import ../shared/data/unvotes
  plenary import 2026_ga_voting.csv.gz sc_voting.csv --json
  plenary import record-4025240.xml --format undl-marc`,
    )
    .action(
      async (
        paths: string[],
        options: { format: ImportFormat | "auto"; skipBadRows?: boolean; json?: boolean },
        command: Command,
      ) => {
        const progress = !options.json && io.stderr.isTTY ? importProgressLine(io.stderr as never) : null;
        try {
          const { importFiles } = await import("../../data/import/index.js");
          const { refreshDerivedData } = await import("../../web/views/refresh.js");
          const report = await withStore(command, async (store) => {
            const report = await importFiles(store, paths, {
              format: options.format,
              skipBadRows: options.skipBadRows ?? false,
              ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
            });
            // The vote matrix and catalog of the new data, stored for the commands and servers that follow.
            if (report.changed) await refreshDerivedData(store);
            return report;
          });
          progress?.done();
          if (options.json) printJson(io, report);
          else print(io, renderImportReport(report));
        } finally {
          progress?.done();
        }
      },
    );
}
