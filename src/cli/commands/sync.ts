import type { Command } from "commander";
import { downloadProgressLine, formatBytes, importProgressLine } from "../../data/import/progress.js";
import type { SyncReport } from "../../data/sync/index.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { renderImportReport } from "./import.js";

export function renderSyncReport(report: SyncReport): string {
  const lines = [`Source: ${report.source}  (cache ${report.cacheDir})`];
  for (const f of report.files) {
    const what =
      f.status === "not-modified"
        ? "unchanged since the last download (not downloaded again)"
        : `${f.status}, ${formatBytes(f.bytesReceived)} received, ${formatBytes(f.size)} in all`;
    lines.push(`  record ${f.record} (${f.format}): ${f.url}\n    ${what}`);
  }
  if (report.import) lines.push("", renderImportReport(report.import));
  else lines.push("", "Nothing to import: the store already holds these files.");
  return lines.join("\n");
}

export function registerSync(program: Command, io: Io): void {
  program
    .command("sync")
    .description("Download the current UN Digital Library voting files (GA and SC) and import them")
    .option(
      "--source <url>",
      "base URL of the library or a mirror (default PLENARY_UNDL_URL, then https://digitallibrary.un.org)",
    )
    .option("--cache-dir <dir>", "where downloads are kept (default: a folder undl/ beside the store)")
    .option(
      "--skip-bad-rows",
      "import the readable rows and list the skipped ones, instead of rejecting a file",
    )
    .option("--json", "print the sync report as JSON")
    .addHelpText(
      "after",
      `
Files are fetched from {source}/record/4060887 (General Assembly) and {source}/record/4055387 (Security
Council): the record's MARCXML export lists the current CSV. A file that has not changed is not downloaded
again (ETag / Last-Modified); an interrupted download resumes where it stopped.

Examples:
  plenary sync
  PLENARY_UNDL_URL=http://127.0.0.1:8080 plenary sync --json`,
    )
    .action(
      async (
        options: { source?: string; cacheDir?: string; skipBadRows?: boolean; json?: boolean },
        command: Command,
      ) => {
        const tty = !options.json && io.stderr.isTTY === true;
        const download = tty ? downloadProgressLine(io.stderr as never) : null;
        const importing = tty ? importProgressLine(io.stderr as never) : null;
        try {
          const { syncUndl } = await import("../../data/sync/index.js");
          const { refreshDerivedData } = await import("../../web/views/refresh.js");
          const report = await withStore(command, async (store) => {
            const report = await syncUndl(store, {
              ...(options.source ? { source: options.source } : {}),
              ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
              skipBadRows: options.skipBadRows ?? false,
              ...(download ? { onDownloadProgress: (p) => download.update(p) } : {}),
              ...(importing
                ? {
                    onImportProgress: (p) => {
                      download?.done();
                      importing.update(p);
                    },
                  }
                : {}),
            });
            if (report.import?.changed) await refreshDerivedData(store);
            return report;
          });
          download?.done();
          importing?.done();
          if (options.json) printJson(io, report);
          else print(io, renderSyncReport(report));
        } finally {
          download?.done();
          importing?.done();
        }
      },
    );
}
