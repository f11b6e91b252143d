import type { Command } from "commander";
import { PlenaryError } from "../../core/errors.js";
import type { ImportReport } from "../../data/import/index.js";
import type { ImportLogEntry } from "../../data/store/index.js";
import { pagingOptions, print, printJson, withStore, type Io } from "../context.js";
import { renderImportReport } from "./import.js";

const count = (n: number) => n.toLocaleString("en-US");

/** A stored report, with the fields reports written before they existed filled in empty. */
export function storedReport(entry: ImportLogEntry): ImportReport {
  const stored = entry.report as Partial<ImportReport>;
  return {
    ...(stored as ImportReport),
    importId: entry.id,
    changes: stored.changes ?? { items: [], omitted: 0 },
    additions: stored.additions ?? { items: [], omitted: 0 },
    corrections: stored.corrections ?? { count: 0, items: [], omitted: 0 },
    origin: stored.origin ?? null,
  };
}

/** One import in a few lines: when, what ran it, what it changed. */
function summary(entry: ImportLogEntry): string {
  const report = storedReport(entry);
  const rc = report.rollCalls;
  const lines = [
    `#${entry.id}  ${entry.finishedAt.slice(0, 19).replace("T", " ")}  ${report.origin ?? `import (${entry.format})`}  ${count(entry.files.length)} file${entry.files.length === 1 ? "" : "s"}`,
    `    ${count(rc.added)} added · ${count(rc.updated)} updated · ${count(rc.merged)} merged · ${count(rc.unchanged)} unchanged; ${count(report.corrections.count)} stored vote${report.corrections.count === 1 ? "" : "s"} corrected`,
  ];
  const symbols = (items: { symbol: string | null; sourceKey: string }[]) =>
    items
      .slice(0, 8)
      .map((i) => i.symbol ?? i.sourceKey)
      .join(", ") + (items.length > 8 ? " …" : "");
  if (report.additions.items.length) lines.push(`    added: ${symbols(report.additions.items)}`);
  const updated = report.changes.items.filter((c) => c.outcome === "updated");
  if (updated.length) lines.push(`    updated: ${symbols(updated)}`);
  if (report.corrections.items.length) {
    const shown = report.corrections.items
      .slice(0, 8)
      .map((c) => `${c.symbol ?? c.date} ${c.memberId} ${c.before ?? "–"} → ${c.after ?? "–"}`);
    lines.push(`    corrected: ${shown.join("; ")}${report.corrections.count > shown.length ? " …" : ""}`);
  }
  return lines.join("\n");
}

export function registerImports(program: Command, io: Io): void {
  pagingOptions(
    program
      .command("imports")
      .description(
        "The import log: every import and sync, latest first, with the roll calls it added and updated and the stored votes it corrected",
      )
      .option("--id <n>", "one import, with its whole report", (v) => Number.parseInt(v, 10)),
    20,
    "how many (default 20)",
  )
    .option(
      "--json",
      "print JSON: {imports: [{id, startedAt, finishedAt, format, files, report}], meta: {...}}",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  plenary imports\n  plenary imports --id 3\n  plenary imports --limit 1 --json",
    )
    .action(
      async (options: { id?: number; limit: number; offset: number; json?: boolean }, command: Command) => {
        if (options.id !== undefined && !Number.isInteger(options.id))
          throw new PlenaryError("BAD_INPUT", "--id takes the number of an import.", {
            help: "plenary imports lists them with their numbers.",
          });
        const [entries, total] = await withStore(command, io, (store) =>
          Promise.all([
            store.importLog(
              options.id !== undefined ? 1 : options.limit,
              options.id !== undefined ? 0 : options.offset,
              options.id,
            ),
            store.countImports(),
          ]),
        );
        if (options.id !== undefined && !entries.length)
          throw new PlenaryError("NOT_FOUND", `No import #${options.id}.`, {
            help: "plenary imports lists them with their numbers.",
          });
        if (options.json) {
          printJson(io, {
            imports: entries.map((e) => ({ ...e, report: storedReport(e) })),
            meta: { pagination: { total, limit: options.limit, offset: options.offset } },
          });
        } else if (options.id !== undefined) {
          const entry = entries[0]!;
          const report = storedReport(entry);
          print(io, `${report.origin ?? `import (${entry.format})`}, ${entry.finishedAt}`);
          print(io, renderImportReport(report));
        } else if (!entries.length) {
          print(
            io,
            "No imports yet: the store holds the starter data only. See plenary import and plenary sync.",
          );
        } else {
          print(io, entries.map(summary).join("\n"));
          if (total > options.offset + entries.length)
            print(
              io,
              `… ${count(total - options.offset - entries.length)} earlier (--offset ${options.offset + entries.length})`,
            );
        }
      },
    );
}
