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
 * Downloads go to a cache folder beside the store (`<store folder>/undl/`): `sync-state.json` keeps each
 * file's ETag and Last-Modified, so an unchanged file is not downloaded again (conditional request: 304);
 * an interrupted download is kept as `.part` and resumed with a Range request (If-Range guards against a
 * file that changed meanwhile), within the same run (a few retries) or the next. A page of HTML instead
 * of a CSV is refused with a clear error. Then the new files are imported in one transaction; a file is
 * marked imported only once its import committed.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import type { ImportFormat, ImportProgress } from "../import/context.js";
import { importInputs, type ImportReport } from "../import/index.js";
import type { DownloadProgress } from "../import/progress.js";
import type { Store } from "../store/index.js";

export const DEFAULT_UNDL_URL = "https://digitallibrary.un.org";

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
  /** Base URL of the library (or a mirror); default PLENARY_UNDL_URL, then the UN Digital Library. */
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

export type FileStatus = "downloaded" | "resumed" | "not-modified";

export interface SyncedFile {
  record: string;
  format: ImportFormat;
  url: string;
  file: string;
  status: FileStatus;
  /** Bytes received in this run. */
  bytesReceived: number;
  size: number;
  etag: string | null;
  lastModified: string | null;
  /** Whether this run imported it. */
  imported: boolean;
}

export interface SyncReport {
  source: string;
  cacheDir: string;
  files: SyncedFile[];
  /** The import of the new files; null when every file was already imported and unchanged. */
  import: ImportReport | null;
}

interface FileState {
  url: string;
  file: string;
  etag: string | null;
  lastModified: string | null;
  size: number | null;
  complete: boolean;
  /** The validator (ETag or Last-Modified) of the version last imported. */
  importedVersion: string | null;
}

type SyncState = Record<string, FileState>;

const STATE_FILE = "sync-state.json";

export function resolveSource(source?: string, env = process.env): string {
  const base = (source ?? env.PLENARY_UNDL_URL ?? DEFAULT_UNDL_URL).trim();
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new PlenaryError("BAD_INPUT", `Not a URL: ${base}.`, {
      help: "Give the library's base URL, e.g. https://digitallibrary.un.org.",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PlenaryError("BAD_INPUT", `Only http and https sources are supported, not ${url.protocol}.`);
  }
  return url.toString().replace(/\/+$/, "");
}

function readState(dir: string): SyncState {
  try {
    return JSON.parse(readFileSync(path.join(dir, STATE_FILE), "utf8")) as SyncState;
  } catch {
    return {};
  }
}

function saveState(dir: string, state: SyncState): void {
  const file = path.join(dir, STATE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}

function sourceError(message: string, url: string, help?: string): PlenaryError {
  return new PlenaryError("BAD_FILE", message, {
    file: url,
    help: help ?? "Check --source (or PLENARY_UNDL_URL) and try again later.",
  });
}

function looksLikeHtml(head: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(head);
}

async function request(
  url: string,
  headers: Record<string, string>,
  idleTimeoutMs: number,
): Promise<{ response: Response; abort: AbortController; touch: () => void; done: () => void }> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => abort.abort(new Error(`no data for ${Math.round(idleTimeoutMs / 1000)} s`)),
      idleTimeoutMs,
    );
  };
  touch();
  try {
    const response = await fetch(url, {
      headers: { "accept-encoding": "identity", ...headers },
      signal: abort.signal,
      redirect: "follow",
    });
    return { response, abort, touch, done: () => clearTimeout(timer) };
  } catch (error) {
    clearTimeout(timer);
    throw sourceError(
      `Cannot reach ${url}: ${(error as Error).cause ? String((error as Error).cause) : (error as Error).message}.`,
      url,
    );
  }
}

/** The bulk file URL of a dataset record, from its MARCXML export (856 $u). */
export async function findDatasetFile(
  base: string,
  dataset: UndlDataset,
  idleTimeoutMs = 60_000,
): Promise<string> {
  const manifest = `${base}/record/${dataset.record}/export/xm`;
  const { response, done } = await request(manifest, { accept: "application/xml, text/xml" }, idleTimeoutMs);
  let text: string;
  try {
    if (!response.ok) {
      throw sourceError(
        `${manifest} answered ${response.status} ${response.statusText}: cannot list the files of record ${dataset.record}.`,
        manifest,
      );
    }
    text = await response.text();
  } finally {
    done();
  }
  if (looksLikeHtml(text) || !/<(\w+:)?(record|collection)\b/.test(text)) {
    throw sourceError(`${manifest} sent a web page, not the MARCXML record ${dataset.record}.`, manifest);
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
    throw sourceError(
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

interface DownloadResult {
  status: FileStatus;
  bytesReceived: number;
}

/** Downloads `url` to `state.file`, conditionally and resuming a partial download. */
async function download(
  state: FileState,
  save: () => void,
  options: { attempts: number; idleTimeoutMs: number; onProgress?: (p: DownloadProgress) => void },
): Promise<DownloadResult> {
  const part = `${state.file}.part`;
  let received = 0;
  let resumed = false;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const headers: Record<string, string> = {};
    const partSize = existsSync(part) ? statSync(part).size : 0;
    const validator = state.etag ?? state.lastModified;
    if (partSize > 0 && validator) {
      headers.range = `bytes=${partSize}-`;
      headers["if-range"] = validator;
    } else if (state.complete && existsSync(state.file)) {
      if (state.etag) headers["if-none-match"] = state.etag;
      if (state.lastModified) headers["if-modified-since"] = state.lastModified;
    }
    const { response, touch, done } = await request(state.url, headers, options.idleTimeoutMs);
    try {
      if (response.status === 304) return { status: "not-modified", bytesReceived: 0 };
      if (response.status === 416) {
        // The partial file is not a prefix of the current one: start again.
        rmSync(part, { force: true });
        if (attempt >= options.attempts)
          throw sourceError(`${state.url}: the server refused to resume (416).`, state.url);
        continue;
      }
      if (!response.ok) {
        throw sourceError(`${state.url} answered ${response.status} ${response.statusText}.`, state.url);
      }
      const append = response.status === 206;
      const type = response.headers.get("content-type") ?? "";
      if (!append && /text\/html/i.test(type)) {
        throw sourceError(
          `${state.url} sent a web page (content-type ${type}), not the CSV file: nothing was imported.`,
          state.url,
          "The library may be down or the file moved: try again later, or check --source.",
        );
      }
      const length = Number(response.headers.get("content-length") ?? Number.NaN);
      const offset = append ? partSize : 0;
      const total = Number.isFinite(length) ? offset + length : null;
      if (!append) {
        state.etag = response.headers.get("etag");
        state.lastModified = response.headers.get("last-modified");
        state.complete = false;
        state.size = total;
        save();
      } else {
        resumed = true;
      }
      const out = createWriteStream(part, { flags: append ? "a" : "w" });
      let bytes = offset;
      let checkedHead = append;
      let interrupted: Error | null = null;
      try {
        if (!response.body) throw new Error("empty response");
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          touch();
          if (!checkedHead) {
            checkedHead = true;
            const head = Buffer.from(chunk.subarray(0, 512)).toString("utf8");
            if (looksLikeHtml(head)) {
              throw sourceError(
                `${state.url} sent a web page, not the CSV file: nothing was imported.`,
                state.url,
                "The library may be down or the file moved: try again later, or check --source.",
              );
            }
          }
          if (!out.write(chunk)) await once(out, "drain");
          bytes += chunk.length;
          received += chunk.length;
          options.onProgress?.({
            name: path.basename(state.file),
            bytes,
            total,
            received,
            elapsedMs: Date.now() - started,
          });
        }
      } catch (error) {
        if (isPlenaryError(error)) {
          out.destroy();
          rmSync(part, { force: true });
          state.complete = false;
          save();
          throw error;
        }
        interrupted = error as Error;
      } finally {
        await new Promise<void>((resolve) => out.end(resolve));
      }
      if (!interrupted && total !== null && bytes < total)
        interrupted = new Error(`the connection closed at ${bytes} of ${total} bytes`);
      if (interrupted) {
        if (attempt >= options.attempts) {
          throw sourceError(
            `Download of ${state.url} interrupted (${interrupted.message}); ${bytes} bytes kept.`,
            state.url,
            "Run plenary sync again: it resumes where it stopped.",
          );
        }
        continue;
      }
      renameSync(part, state.file);
      state.complete = true;
      state.size = bytes;
      save();
      return { status: resumed ? "resumed" : "downloaded", bytesReceived: received };
    } finally {
      done();
    }
  }
}

function defaultCacheDir(store: Store): string {
  if (store.dialect === "sqlite" && store.location !== ":memory:")
    return path.join(path.dirname(path.resolve(store.location)), "undl");
  return path.resolve("data", "undl");
}

/** Downloads what changed and imports it (one transaction). */
export async function syncUndl(store: Store, options: SyncOptions = {}): Promise<SyncReport> {
  const source = resolveSource(options.source);
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(store));
  mkdirSync(cacheDir, { recursive: true });
  const state = readState(cacheDir);
  const save = () => saveState(cacheDir, state);
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const files: SyncedFile[] = [];
  for (const dataset of options.datasets ?? UNDL_DATASETS) {
    const url = await findDatasetFile(source, dataset, idleTimeoutMs);
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
    const result = await download(entry, save, {
      attempts: options.attempts ?? 4,
      idleTimeoutMs,
      onProgress: options.onDownloadProgress,
    });
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
