import type { Command } from "commander";
import type { Config } from "../../config.js";
import { PlenaryError } from "../../core/errors.js";
import { downloadProgressLine, formatBytes, importProgressLine } from "../../data/import/progress.js";
import type { SyncSourceName } from "../../data/sync/sources.js";
import type { DgacmSyncReport } from "../../data/sync/dgacm.js";
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

export function renderDgacmSyncReport(report: DgacmSyncReport): string {
  const lines = [
    `Source: ${report.source} (${report.layout === "github" ? "GitHub: the contents API's listings" : "a mirror: its SHA256SUMS"})  (cache ${report.cacheDir})`,
  ];
  const unchanged = report.files.filter((f) => f.status === "not-modified");
  const fetched = report.files.filter((f) => f.status !== "not-modified");
  lines.push(
    `Files: ${report.files.length} listed · ${fetched.length} downloaded · ${unchanged.length} unchanged since the last download (not downloaded again); each checked against its ${report.files[0]?.checkedAgainst ?? "manifest"}`,
  );
  if (fetched.length <= 10) {
    for (const f of fetched) {
      lines.push(
        `  ${f.path}: ${f.status}, ${formatBytes(f.bytesReceived)} received, ${formatBytes(f.size)} in all  ${f.url}`,
      );
    }
  } else {
    // A first sync fetches every file: one line per folder (--json lists them all).
    const folders = [...new Set(fetched.map((f) => f.path.slice(0, f.path.indexOf("/") + 1)))];
    for (const folder of folders) {
      const files = fetched.filter((f) => f.path.startsWith(folder));
      const bytes = files.reduce((sum, f) => sum + f.bytesReceived, 0);
      lines.push(
        `  ${folder}: ${files.length} file${files.length === 1 ? "" : "s"} fetched, ${formatBytes(bytes)} received (${files[0]!.path.slice(folder.length)} … ${files.at(-1)!.path.slice(folder.length)})`,
      );
    }
  }
  if (report.import) lines.push("", renderImportReport(report.import));
  else lines.push("", "Nothing to import: the store already holds these files as they are.");
  lines.push(
    "",
    "Source: United Nations (DGACM), machine-readable General Assembly / Security Council resolutions.",
  );
  return lines.join("\n");
}

interface SyncCliOptions {
  source?: string;
  url?: string;
  cacheDir?: string;
  skipBadRows?: boolean;
  json?: boolean;
}

/** `--source undl|dgacm|URL` (a URL: the UN Digital Library there, as before) and `--url`. */
async function chosenSource(options: SyncCliOptions): Promise<{ name: SyncSourceName; url?: string }> {
  const { SYNC_SOURCES } = await import("../../data/sync/sources.js");
  const source = options.source ?? "undl";
  if ((SYNC_SOURCES as readonly string[]).includes(source)) {
    return { name: source as SyncSourceName, ...(options.url ? { url: options.url } : {}) };
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(source)) {
    throw new PlenaryError("BAD_INPUT", `Unknown source: ${source}.`, {
      help: `Use --source ${SYNC_SOURCES.join(" or --source ")}, or the UN Digital Library's URL.`,
      suggestions: [...SYNC_SOURCES],
    });
  }
  if (options.url) {
    throw new PlenaryError("BAD_INPUT", "--source is a URL already: give --url with a named source only.", {
      help: "plenary sync --source dgacm --url http://127.0.0.1:8080",
    });
  }
  return { name: "undl", url: source };
}

export function registerSync(program: Command, io: Io, config: Config["sync"]): void {
  program
    .command("sync")
    .description(
      "Download the current official voting files — UN Digital Library (GA and SC) or DGACM — and import what changed",
    )
    .option(
      "--source <name|url>",
      "undl (the UN Digital Library, the default), dgacm (the UN's machine-readable resolutions), or the library's URL",
    )
    .option(
      "--url <url>",
      "a mirror of the named source (default PLENARY_UNDL_URL / PLENARY_DGACM_URL, then the UN's own sites)",
    )
    .option(
      "--cache-dir <dir>",
      "where downloads are kept (default: a folder undl/ or dgacm/ beside the store)",
    )
    .option(
      "--skip-bad-rows",
      "import the readable rows and list the skipped ones, instead of rejecting a file",
    )
    .option("--json", "print the sync report as JSON")
    .addHelpText(
      "after",
      `
undl: files are fetched from {url}/record/4060887 (General Assembly) and {url}/record/4055387 (Security
Council): the record's MARCXML export lists the current CSV.
dgacm: the JSON Lines of UNxml/GAresolutions and UNxml/SCresolutions (data_extract/) and the Council drafts
not adopted (Not adopted/English/), listed by the GitHub API; with --url, a mirror laid out as
../shared/data/unxml with its SHA256SUMS. Each file is checked against the listing before anything is
imported; then the changed files are imported in one transaction — all or nothing.
A file that has not changed is not downloaded again (ETag / Last-Modified); an interrupted download resumes
where it stopped. What each sync changed (roll calls added and updated, votes corrected) is kept in the
store: plenary imports.

Examples:
  plenary sync
  plenary sync --source dgacm
  plenary sync --source dgacm --url http://127.0.0.1:8080 --json
  PLENARY_UNDL_URL=http://127.0.0.1:8080 plenary sync --json`,
    )
    .action(async (options: SyncCliOptions, command: Command) => {
      const source = await chosenSource(options);
      // A URL on the command line, else the environment's (PLENARY_UNDL_URL / PLENARY_DGACM_URL).
      const url = source.url ?? (source.name === "dgacm" ? config.dgacmUrl : config.undlUrl);
      const tty = !options.json && io.stderr.isTTY === true;
      const download = tty ? downloadProgressLine(io.stderr as never) : null;
      const importing = tty ? importProgressLine(io.stderr as never) : null;
      const common = {
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        skipBadRows: options.skipBadRows ?? false,
        ...(download ? { onDownloadProgress: download.update } : {}),
        ...(importing
          ? {
              onImportProgress: (p: Parameters<typeof importing.update>[0]) => {
                download?.done();
                importing.update(p);
              },
            }
          : {}),
      };
      try {
        const { syncDgacm } = await import("../../data/sync/dgacm.js");
        const { syncUndl } = await import("../../data/sync/index.js");
        const { refreshDerivedData } = await import("../../web/pageData/refresh.js");
        const report = await withStore<SyncReport | DgacmSyncReport>(command, io, async (store) => {
          const report =
            source.name === "dgacm"
              ? await syncDgacm(store, { ...(url ? { url } : {}), ...common })
              : await syncUndl(store, { ...(url ? { source: url } : {}), ...common });
          // The vote matrix and catalog of the new data, stored for the commands and servers that follow.
          if (report.import?.changed) await refreshDerivedData(store);
          return report;
        });
        download?.done();
        importing?.done();
        if (options.json) printJson(io, report);
        else if ("layout" in report) print(io, renderDgacmSyncReport(report));
        else print(io, renderSyncReport(report));
      } finally {
        download?.done();
        importing?.done();
      }
    });
}
