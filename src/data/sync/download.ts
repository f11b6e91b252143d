/**
 * Downloading a source's files, shared by every `plenary sync` source (the UN Digital Library, the
 * DGACM repositories): conditional requests, resumed downloads and refusal of web pages.
 *
 * Each file has a {@link FileState} kept in the source's `sync-state.json`: its URL, where it is kept,
 * and the ETag and Last-Modified of the version held. With a complete copy, the next request is
 * conditional (If-None-Match / If-Modified-Since) and a 304 means nothing is fetched again. An
 * interrupted download is kept as `<file>.part` and resumed with a Range request, guarded by If-Range so
 * that a file that changed meanwhile is fetched whole — within the same run (a few attempts) or the next.
 * A server that compresses the transfer (Content-Encoding) cannot be resumed byte for byte: such a file
 * is fetched again whole. An HTML page where a data file was expected is refused, and its partial copy
 * removed.
 */
import {
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import type { DownloadProgress } from "../import/progress.js";
import type { Store } from "../store/index.js";

export type FileStatus = "downloaded" | "resumed" | "not-modified";

export interface FileState {
  url: string;
  file: string;
  etag: string | null;
  lastModified: string | null;
  size: number | null;
  complete: boolean;
  /** The validator (ETag or Last-Modified) of the version last imported. */
  importedVersion: string | null;
  /** The server compressed the transfer (Content-Encoding): a partial copy cannot be resumed. */
  encoded?: boolean;
}

/** A file a sync fetched (or found unchanged), as its report lists it. */
export interface DownloadedFile {
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

export interface DownloadResult {
  /** `missing`: the server has no such file (404), and the caller allowed that. */
  status: FileStatus | "missing";
  bytesReceived: number;
}

export interface DownloaderOptions {
  /** Attempts per file when the connection drops (each resumes where the last stopped). */
  attempts: number;
  /** No data for this long aborts a request (ms). */
  idleTimeoutMs: number;
  /** What to do when the source fails (the hint of every error this downloader raises). */
  help: string;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadRequest {
  /** What the file should be, for messages: "the CSV file". */
  expected: string;
  /** Headers sent with every request for this file (e.g. the GitHub API's Accept). */
  headers?: Record<string, string>;
  /** A 404 is an answer (status `missing`), not an error. */
  optional?: boolean;
  /** The name shown by the progress line, and the file's place among the run's files. */
  name?: string;
  index?: number;
  count?: number;
}

const USER_AGENT = "Plenary (the open record of UN votes; plenary sync)";

export function looksLikeHtml(head: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(head);
}

/** A source's cache folder: `<store folder>/<name>` beside a SQLite file, else `./data/<name>`. */
export function defaultCacheDir(store: Store, name: string): string {
  if (store.dialect === "sqlite" && store.location !== ":memory:")
    return path.join(path.dirname(path.resolve(store.location)), name);
  return path.resolve("data", name);
}

/** The sync state of a source's cache folder (`sync-state.json`), or an empty one. */
export function readSyncState<T>(dir: string, file = "sync-state.json"): Record<string, T> {
  try {
    return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, T>;
  } catch {
    return {};
  }
}

/** Saves the sync state atomically (a crash leaves the old or the new state, never half of one). */
export function saveSyncState(dir: string, state: unknown, file = "sync-state.json"): void {
  const target = path.join(dir, file);
  writeFileSync(`${target}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${target}.tmp`, target);
}

export class Downloader {
  constructor(readonly options: DownloaderOptions) {}

  /** A failure of the source (BAD_FILE), naming the URL. */
  error(message: string, url: string, help?: string): PlenaryError {
    return new PlenaryError("BAD_FILE", message, { file: url, help: help ?? this.options.help });
  }

  /** One request, aborted when no data comes for the idle timeout. */
  async request(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ response: Response; touch: () => void; done: () => void }> {
    const abort = new AbortController();
    const { idleTimeoutMs } = this.options;
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
        headers: { "accept-encoding": "identity", "user-agent": USER_AGENT, ...headers },
        signal: abort.signal,
        redirect: "follow",
      });
      return { response, touch, done: () => clearTimeout(timer) };
    } catch (error) {
      clearTimeout(timer);
      const cause = (error as Error).cause;
      throw this.error(`Cannot reach ${url}: ${cause ? String(cause) : (error as Error).message}.`, url);
    }
  }

  /** A small document (a record's export), whole, as text; an error status is an error. */
  async text(url: string, headers: Record<string, string>, what: string): Promise<string> {
    const { response, done } = await this.request(url, headers);
    try {
      if (!response.ok)
        throw this.error(`${url} answered ${response.status} ${response.statusText}: ${what}.`, url);
      return await response.text();
    } finally {
      done();
    }
  }

  /** Downloads `state.url` to `state.file`, conditionally and resuming a partial download. */
  async download(state: FileState, save: () => void, request: DownloadRequest): Promise<DownloadResult> {
    const part = `${state.file}.part`;
    let received = 0;
    let resumed = false;
    const started = Date.now();
    const refuse = (message: string) =>
      this.error(
        `${state.url} sent a web page${message}, not ${request.expected}: nothing was imported.`,
        state.url,
        "The source may be down or the file moved: try again later, or check the source URL.",
      );
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { ...request.headers };
      if (state.encoded) rmSync(part, { force: true });
      const partSize = existsSync(part) ? statSync(part).size : 0;
      const validator = state.etag ?? state.lastModified;
      if (partSize > 0 && validator) {
        headers.range = `bytes=${partSize}-`;
        headers["if-range"] = validator;
      } else if (state.complete && existsSync(state.file)) {
        if (state.etag) headers["if-none-match"] = state.etag;
        if (state.lastModified) headers["if-modified-since"] = state.lastModified;
      }
      const { response, touch, done } = await this.request(state.url, headers);
      try {
        if (response.status === 304) return { status: "not-modified", bytesReceived: 0 };
        if (response.status === 404 && request.optional) return { status: "missing", bytesReceived: 0 };
        if (response.status === 416) {
          // The partial file is not a prefix of the current one: start again.
          rmSync(part, { force: true });
          if (attempt >= this.options.attempts)
            throw this.error(`${state.url}: the server refused to resume (416).`, state.url);
          continue;
        }
        if (!response.ok) {
          throw this.error(`${state.url} answered ${response.status} ${response.statusText}.`, state.url);
        }
        const append = response.status === 206;
        const type = response.headers.get("content-type") ?? "";
        if (!append && /text\/html/i.test(type)) throw refuse(` (content-type ${type})`);
        const encoding = (response.headers.get("content-encoding") ?? "identity").toLowerCase();
        const encoded = !append && encoding !== "identity";
        // A compressed transfer arrives decompressed: its Content-Length counts other bytes.
        const length = encoded ? Number.NaN : Number(response.headers.get("content-length") ?? Number.NaN);
        const offset = append ? partSize : 0;
        const total = Number.isFinite(length) ? offset + length : null;
        if (!append) {
          state.etag = response.headers.get("etag");
          state.lastModified = response.headers.get("last-modified");
          state.complete = false;
          state.size = total;
          state.encoded = encoded || undefined;
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
              if (looksLikeHtml(Buffer.from(chunk.subarray(0, 512)).toString("utf8"))) throw refuse("");
            }
            if (!out.write(chunk)) await once(out, "drain");
            bytes += chunk.length;
            received += chunk.length;
            this.options.onProgress?.({
              name: request.name ?? path.basename(state.file),
              bytes,
              total,
              received,
              elapsedMs: Date.now() - started,
              ...(request.count ? { index: request.index ?? 0, count: request.count } : {}),
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
          if (attempt >= this.options.attempts) {
            throw this.error(
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
}
