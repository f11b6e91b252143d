/**
 * `plenary sync`: fetch the current UN Digital Library bulk voting files and import them.
 *
 * URL layout, under a configurable base (`--source URL`, `PLENARY_UNDL_URL`, default
 * https://digitallibrary.un.org) so that a mirror or a local server can stand in for the library:
 * - `{base}/record/4060887/export/xm` — the MARCXML record of the General Assembly voting dataset; its
 *   `856 $u` fields list the record's files. The newest `.csv` (or `.csv.gz`) is the bulk file.
 * - `{base}/record/4055387/export/xm` — the same for the Security Council dataset.
 * - the file URLs as listed (relative ones resolved against the record; links to the library's own host
 *   are rebased onto `{base}`), e.g. `{base}/record/4060887/files/2026_2_6_ga_voting.csv`.
 *
 * Downloads go to a cache folder beside the store (`<store folder>/undl/`) through the shared downloader
 * (download.ts): an unchanged file is not downloaded again (conditional request: 304), an interrupted
 * download resumes (Range), a page of HTML instead of a CSV is refused. Then the new files are imported
 * in one transaction; a file is marked imported only once its import committed. The DGACM files have
 * their own sync (dgacm.ts) on the same downloader.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ImportFormat, ImportProgress } from "../import/context.js";
import { importInputs, type ImportReport } from "../import/index.js";
import type { DownloadProgress } from "../import/progress.js";
import type { Store } from "../store/index.js";
import { DEFAULT_UNDL_URL, resolveSource } from "./sources.js";
import {
  defaultCacheDir,
  Downloader,
  looksLikeHtml,
  readSyncState,
  saveSyncState,
  type DownloadedFile,
  type FileState,
} from "./download.js";

export { DEFAULT_UNDL_URL, resolveSource } from "./sources.js";
export type { FileStatus } from "./download.js";

export interface UndlDataset {
  record: string;
  format: Extract<ImportFormat, "undl-ga" | "undl-sc">;
  title: string;
}

export const UNDL_DATASETS: readonly UndlDataset[] = [
  { record: "4060887", format: "undl-ga", title: "General Assembly voting data" },
  { record: "4055387", format: "undl-sc", title: "Security Council voting data" },
];

export interface SyncOptions {
  /** Base URL of the library (or a mirror; the CLI passes PLENARY_UNDL_URL); default the UN Digital Library. */
  source?: string;
  /** Where downloads and their state are kept; default `<store folder>/undl`. */
  cacheDir?: string;
  datasets?: readonly UndlDataset[];
  onDownloadProgress?: (progress: DownloadProgress) => void;
  onImportProgress?: (progress: ImportProgress) => void;
  skipBadRows?: boolean;
  /** Attempts per file when the connection drops (each resumes where the last stopped). */
  attempts?: number;
  /** No data for this long aborts a request (ms). */
  idleTimeoutMs?: number;
}

export interface SyncedFile extends DownloadedFile {
  record: string;
  format: ImportFormat;
}

export interface SyncReport {
  source: string;
  cacheDir: string;
  files: SyncedFile[];
  /** The import of the new files; null when every file was already imported and unchanged. */
  import: ImportReport | null;
}

const HELP = "Check --source (or PLENARY_UNDL_URL) and try again later.";

/** The bulk file URL of a dataset record, from its MARCXML export (856 $u). */
export async function findDatasetFile(
  base: string,
  dataset: UndlDataset,
  downloader: Downloader = undlDownloader({}),
): Promise<string> {
  const manifest = `${base}/record/${dataset.record}/export/xm`;
  const text = await downloader.text(
    manifest,
    { accept: "application/xml, text/xml" },
    `cannot list the files of record ${dataset.record}`,
  );
  if (looksLikeHtml(text) || !/<(\w+:)?(record|collection)\b/.test(text)) {
    throw downloader.error(
      `${manifest} sent a web page, not the MARCXML record ${dataset.record}.`,
      manifest,
    );
  }
  const urls: string[] = [];
  for (const field of text.matchAll(
    /<(?:\w+:)?datafield[^>]*tag="856"[^>]*>([\s\S]*?)<\/(?:\w+:)?datafield>/g,
  )) {
    const u = /<(?:\w+:)?subfield[^>]*code="u"[^>]*>([^<]+)</.exec(field[1]!);
    if (u) urls.push(u[1]!.trim().replace(/&amp;/g, "&"));
  }
  const csvs = urls.filter((u) => /\.csv(\.gz)?(\?.*)?$/i.test(u));
  if (!csvs.length) {
    throw downloader.error(
      `Record ${dataset.record} at ${manifest} lists no CSV file (856 $u: ${urls.join(", ") || "none"}).`,
      manifest,
    );
  }
  // File names begin with their date (2026_2_6_ga_voting.csv): take the newest.
  const dated = (u: string) => {
    const m = /(\d{4})_(\d{1,2})_(\d{1,2})[^/]*$/.exec(u);
    return m ? Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]) : 0;
  };
  const best = [...csvs].sort((a, b) => dated(b) - dated(a))[0]!;
  const resolved = new URL(best, `${manifest}`);
  const library = new URL(DEFAULT_UNDL_URL);
  const baseUrl = new URL(base);
  if (resolved.origin === library.origin && baseUrl.origin !== library.origin) {
    // A mirror's record still links to the library: fetch the file from the mirror.
    return new URL(resolved.pathname + resolved.search, `${base}/`).toString();
  }
  return resolved.toString();
}

function undlDownloader(options: SyncOptions): Downloader {
  return new Downloader({
    attempts: options.attempts ?? 4,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    help: HELP,
    ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
  });
}

/** Downloads what changed and imports it (one transaction). */
export async function syncUndl(store: Store, options: SyncOptions = {}): Promise<SyncReport> {
  const source = resolveSource(options.source);
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(store, "undl"));
  mkdirSync(cacheDir, { recursive: true });
  const state = readSyncState<FileState>(cacheDir);
  const save = () => saveSyncState(cacheDir, state);
  const downloader = undlDownloader(options);
  const files: SyncedFile[] = [];
  for (const dataset of options.datasets ?? UNDL_DATASETS) {
    const url = await findDatasetFile(source, dataset, downloader);
    const name = `${dataset.record}-${decodeURIComponent(path.basename(new URL(url).pathname))}`;
    const entry: FileState = state[url] ?? {
      url,
      file: path.join(cacheDir, name),
      etag: null,
      lastModified: null,
      size: null,
      complete: false,
      importedVersion: null,
    };
    state[url] = entry;
    const result = await downloader.download(entry, save, { expected: "the CSV file" });
    if (result.status === "missing") throw downloader.error(`${url} answered 404 Not Found.`, url);
    files.push({
      record: dataset.record,
      format: dataset.format,
      url,
      file: entry.file,
      status: result.status,
      bytesReceived: result.bytesReceived,
      size: entry.size ?? statSync(entry.file).size,
      etag: entry.etag,
      lastModified: entry.lastModified,
      imported: false,
    });
  }
  const version = (e: FileState) => e.etag ?? e.lastModified ?? String(e.size);
  const pending = files.filter((f) => {
    const e = state[f.url]!;
    return f.status !== "not-modified" || e.importedVersion !== version(e);
  });
  let report: ImportReport | null = null;
  if (pending.length) {
    report = await importInputs(
      store,
      pending.map((f) => ({
        format: f.format,
        path: f.file,
        layout: `${f.format} (${path.basename(f.file)})`,
      })),
      {
        skipBadRows: options.skipBadRows ?? false,
        origin: `sync undl ${source}`,
        ...(options.onImportProgress ? { onProgress: options.onImportProgress } : {}),
      },
    );
    for (const f of pending) {
      const e = state[f.url]!;
      e.importedVersion = version(e);
      f.imported = true;
    }
    save();
  }
  return { source, cacheDir, files, import: report };
}
