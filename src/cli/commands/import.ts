import path from "node:path";
import { Option, type Command } from "commander";
import type { ImportReport } from "../../data/import/index.js";
import { IMPORT_FORMATS, type ImportFormat } from "../../data/import/formats.js";
import { bundleProgress, formatDuration, importProgressLine } from "../../data/import/progress.js";
import { PlenaryError } from "../../core/errors.js";
import { openStore, print, printJson, withStore, type Io } from "../context.js";

const count = (n: number) => n.toLocaleString("en-US");
const show = (value: string | number | null) =>
  value === null ? "–" : typeof value === "string" && value.length > 40 ? `${value.slice(0, 39)}…` : value;

/**
 * One line per file read; past eight files (the DGACM folder holds 56), one per folder and layout, so
 * the summary stays readable (`--json` lists every file).
 */
function fileLines(files: ImportReport["files"]): string[] {
  if (files.length <= 8) {
    return files.map(
      (f) => `  ${f.path}  [${f.layout}]  ${count(f.rows)} rows, ${count(f.rollCalls)} roll calls`,
    );
  }
  const groups = new Map<
    string,
    { folder: string; layout: string; files: number; rows: number; rollCalls: number }
  >();
  for (const f of files) {
    const folder = path.dirname(f.path);
    const key = `${folder}\u0000${f.layout}`;
    const group = groups.get(key) ?? { folder, layout: f.layout, files: 0, rows: 0, rollCalls: 0 };
    group.files++;
    group.rows += f.rows;
    group.rollCalls += f.rollCalls;
    groups.set(key, group);
  }
  return [...groups.values()].map(
    (g) =>
      `  ${g.folder}/  [${g.layout}]  ${count(g.files)} file${g.files === 1 ? "" : "s"}, ${count(g.rows)} rows, ${count(g.rollCalls)} roll calls`,
  );
}

/** The human summary of an import: counts, problems by kind with the first few in full, conflicts. */
export function renderImportReport(report: ImportReport, heading = "Imported"): string {
  const lines: string[] = [];
  const formats = [...new Set(report.files.map((f) => f.format))].join(", ");
  lines.push(
    `${heading} ${report.files.length} input${report.files.length === 1 ? "" : "s"} (${formats}) in ${formatDuration(report.durationMs)} — import #${report.importId}`,
  );
  lines.push(...fileLines(report.files));
  const rc = report.rollCalls;
  lines.push(`Rows read:   ${count(report.rowsRead)}`);
  lines.push(
    `Roll calls:  ${count(rc.read)} read · ${count(rc.added)} added · ${count(rc.updated)} updated · ${count(rc.unchanged)} unchanged · ${count(rc.merged)} merged with another source${rc.skipped ? ` · ${count(rc.skipped)} skipped` : ""}`,
  );
  lines.push(`Votes:       ${count(report.votes.read)} read · ${count(report.votes.written)} written`);
  const name = (c: { symbol: string | null; source: string; sourceKey: string }) =>
    c.symbol ?? `${c.source} ${c.sourceKey}`;
  const { additions } = report;
  if (additions.items.length) {
    const shown = additions.items.slice(0, 10).map(name);
    lines.push(
      `Added:       ${shown.join(", ")}${additions.items.length > shown.length || additions.omitted ? " …" : ""}`,
    );
  }
  const updated = report.changes.items.filter((c) => c.outcome === "updated");
  if (updated.length) {
    const shown = updated.slice(0, 10).map((c) => {
      const fields = (c.fields ?? []).filter((f) => f.field !== "sequence");
      return fields.length
        ? `${name(c)} (${fields.map((f) => `${f.field} ${show(f.before)} → ${show(f.after)}`).join(", ")})`
        : name(c);
    });
    lines.push(
      `Updated:     ${shown.join(", ")}${updated.length > shown.length || report.changes.omitted ? " …" : ""}`,
    );
  }
  const { corrections } = report;
  if (corrections.count) {
    const shown = corrections.items
      .slice(0, 10)
      .map((c) => `${c.symbol ?? c.date} ${c.memberId} ${c.before ?? "–"} → ${c.after ?? "–"}`);
    lines.push(
      `Corrected:   ${count(corrections.count)} stored vote${corrections.count === 1 ? "" : "s"}: ${shown.join("; ")}${corrections.count > shown.length ? " …" : ""}`,
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
    .argument("[paths...]", "files (.csv, .csv.gz, .xml) or the unvotes folder")
    .addOption(
      new Option("--format <format>", "the files' format; auto detects it from the header")
        .choices(["auto", ...IMPORT_FORMATS])
        .default("auto"),
    )
    .option(
      "--skip-bad-rows",
      "import the readable rows and list the skipped ones, instead of rejecting the file",
    )
    .option(
      "--bundle [file]",
      "load the whole record shipped with Plenary (bundle/record.bundle), or a bundle made by npm run bundle",
    )
    .option("--json", "print the import report as JSON")
    .addHelpText(
      "after",
      `
All files of one import are stored in one transaction: all or nothing. Importing the same file again
changes nothing; a newer version updates what changed. Problems are listed with file, line and field.

A new store is filled with the whole record from the bundle before anything else is imported;
--bundle loads it into a store that lacks it (one made by an earlier Plenary holds the starter votes
only): what the store already holds from the same sources is unchanged.

Examples:
  plenary import --bundle
  plenary import ../shared/data/unvotes
  plenary import 2026_ga_voting.csv.gz sc_voting.csv --json
  plenary import record-4025240.xml --format undl-marc`,
    )
    .action(
      async (
        paths: string[],
        options: {
          format: ImportFormat | "auto";
          skipBadRows?: boolean;
          bundle?: string | true;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (options.bundle !== undefined) {
          if (paths.length)
            throw new PlenaryError("BAD_INPUT", "Give files to import or --bundle, not both.", {
              help: "plenary import --bundle, then plenary import FILE...",
            });
          const file = options.bundle === true ? undefined : options.bundle;
          const { loadBundle } = await import("../../data/bundle/load.js");
          const { refreshDerivedData } = await import("../../web/pageData/refresh.js");
          // Opened without the first-start fill: this load is the fill.
          const store = await openStore(command, io, false);
          try {
            const report = await loadBundle(store, {
              ...(file ? { file } : {}),
              ...(!options.json && io.stderr.isTTY ? { onProgress: bundleProgress(io.stderr, false) } : {}),
            });
            // The vote matrix and catalog of the new data, as after any import.
            if (report.changed) await refreshDerivedData(store);
            if (options.json) printJson(io, report);
            else print(io, renderImportReport(report, "Loaded the bundle:"));
          } finally {
            await store.close();
          }
          return;
        }
        // Said before the store is opened (and, new, filled from the bundle): importFiles says the same.
        if (!paths.length)
          throw new PlenaryError("BAD_INPUT", "Nothing to import: give one or more files.", {
            help: "plenary import FILE...",
          });
        const progress = !options.json && io.stderr.isTTY ? importProgressLine(io.stderr as never) : null;
        try {
          const { importFiles } = await import("../../data/import/index.js");
          const { refreshDerivedData } = await import("../../web/pageData/refresh.js");
          const report = await withStore(command, io, async (store) => {
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
