/**
 * `plenary sync --source dgacm`: fetch the UN's machine-readable resolutions (DGACM) as they are
 * published and import what changed.
 *
 * 1. The manifest (dgacmManifest.ts): the GitHub repositories' listings (default), or a mirror's
 *    `SHA256SUMS` (`--url`, `PLENARY_DGACM_URL`) — which files there are and what each must contain.
 * 2. Every file, through the shared downloader (download.ts) into `<store folder>/dgacm/` laid out as
 *    `../shared/data/unxml` (`ga/`, `sc/`, `sc-not-adopted/`): conditional requests (an unchanged file
 *    is not fetched again), resumed downloads, web pages refused — then checked against the manifest
 *    (git blob SHA-1 or SHA-256 of the decompressed content) and recognised as DGACM data. A file whose
 *    content does not match is deleted and the run stops: the next one fetches it afresh.
 * 3. Only when every file is here and checked: one import of the files whose content changed since
 *    they were last imported (by SHA-256), in one transaction — all or nothing. A failure anywhere
 *    leaves the store as it was; running the sync again is always safe.
 *
 * What changed is the import's report — roll calls added, updated (with the fields that changed) and
 * the stored votes corrected — kept in the store's `imports` table (`plenary imports`). A file that
 * disappears upstream removes nothing from the store.
 */
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { ImportProgress } from "../import/context.js";
import { detectInputs } from "../import/detect.js";
import { importInputs, type ImportReport } from "../import/index.js";
import type { DownloadProgress } from "../import/progress.js";
import type { Store } from "../store/index.js";
import { resolveDgacmUrl } from "./sources.js";
import {
  contentDigests,
  DGACM_FOLDERS,
  entriesOfListing,
  entriesOfSums,
  GITHUB_API,
  listingUrl,
  matches,
  sortEntries,
  type ContentDigests,
  type DgacmEntry,
} from "./dgacmManifest.js";
import {
  defaultCacheDir,
  Downloader,
  readSyncState,
  saveSyncState,
  type DownloadedFile,
  type FileState,
  type FileStatus,
} from "./download.js";

export interface DgacmSyncOptions {
  /** A mirror (or a server laid out as GitHub; the CLI passes PLENARY_DGACM_URL); default GitHub itself. */
  url?: string;
  /** Where downloads and their state are kept; default `<store folder>/dgacm`. */
  cacheDir?: string;
  onDownloadProgress?: (progress: DownloadProgress) => void;
  onImportProgress?: (progress: ImportProgress) => void;
  skipBadRows?: boolean;
  /** Attempts per file when the connection drops (each resumes where the last stopped). */
  attempts?: number;
  /** No data for this long aborts a request (ms). */
  idleTimeoutMs?: number;
}

export type DgacmLayout = "github" | "mirror";

export interface DgacmSyncedFile extends DownloadedFile {
  /** Its place in the layout of ../shared/data/unxml: `ga/74.json`. */
  path: string;
  format: "unxml";
  /** SHA-256 of the content (decompressed). */
  sha256: string;
  /** What the content was checked against. */
  checkedAgainst: "git blob SHA-1" | "SHA256SUMS";
}

export interface DgacmSyncReport {
  /** Where the files came from: the repositories' owner on GitHub, or the mirror. */
  source: string;
  layout: DgacmLayout;
  cacheDir: string;
  /** The listings (GitHub) or SHA256SUMS (mirror) read to know the files. */
  manifest: { url: string; status: FileStatus }[];
  files: DgacmSyncedFile[];
  /** The import of the changed files; null when every file was already imported as it is. */
  import: ImportReport | null;
}

const HELP =
  "Check --url (or PLENARY_DGACM_URL) and try again later. GitHub answers 60 listing requests an hour without an account.";

interface Run {
  cacheDir: string;
  state: Record<string, FileState>;
  save: () => void;
  downloader: Downloader;
}

function stateOf(run: Run, key: string, url: string, file: string): FileState {
  const known = run.state[key];
  if (known && known.url === url && known.file === file) return known;
  // A new file, or one that now comes from elsewhere: its validators meant something to the other server.
  const fresh: FileState = {
    url,
    file,
    etag: null,
    lastModified: null,
    size: null,
    complete: false,
    importedVersion: known?.importedVersion ?? null,
  };
  run.state[key] = fresh;
  return fresh;
}

/** A manifest document (SHA256SUMS, a listing), fetched conditionally into `<cache>/manifest/`. */
async function fetchManifest(
  run: Run,
  url: string,
  name: string,
  expected: string,
  headers: Record<string, string> = {},
  optional = false,
): Promise<{ file: string; status: FileStatus } | null> {
  mkdirSync(path.join(run.cacheDir, "manifest"), { recursive: true });
  const entry = stateOf(run, `manifest/${name}`, url, path.join(run.cacheDir, "manifest", name));
  const result = await run.downloader.download(entry, run.save, { expected, headers, optional, name });
  if (result.status === "missing") return null;
  return { file: entry.file, status: result.status };
}

async function discover(
  run: Run,
  mirror: string | null,
): Promise<{ layout: DgacmLayout; entries: DgacmEntry[]; manifest: DgacmSyncReport["manifest"] }> {
  if (mirror) {
    const url = `${mirror}/SHA256SUMS`;
    const sums = await fetchManifest(run, url, "SHA256SUMS", "a SHA256SUMS list", {}, true);
    if (sums) {
      const entries = entriesOfSums(readFileSync(sums.file, "utf8"), mirror);
      if (!entries.length)
        throw run.downloader.error(`${url} lists no DGACM file (ga/, sc/, sc-not-adopted/).`, url);
      return { layout: "mirror", entries: sortEntries(entries), manifest: [{ url, status: sums.status }] };
    }
  }
  const api = mirror ?? GITHUB_API;
  const entries: DgacmEntry[] = [];
  const manifest: DgacmSyncReport["manifest"] = [];
  for (const folder of DGACM_FOLDERS) {
    const url = listingUrl(api, folder);
    const name = `${folder.repo.replace("/", "-")}-${folder.folder.replace(/\W+/g, "-")}.json`;
    const listing = await fetchManifest(run, url, name, "a GitHub contents listing", {
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    });
    try {
      entries.push(...entriesOfListing(readFileSync(listing!.file, "utf8"), folder, mirror));
    } catch (error) {
      rmSync(listing!.file, { force: true });
      throw run.downloader.error(`${url}: ${(error as Error).message}.`, url);
    }
    manifest.push({ url, status: listing!.status });
  }
  return { layout: "github", entries: sortEntries(entries), manifest };
}

/** Fetches one file (trying its URLs in order) and checks it; returns its state and digests. */
async function fetchEntry(
  run: Run,
  entry: DgacmEntry,
  place: { index: number; count: number },
): Promise<{ state: FileState; status: FileStatus; bytesReceived: number; digests: ContentDigests }> {
  const known = run.state[entry.path];
  // The URL that answered last time first (a mirror keeping only `.gz` costs one 404, once).
  const urls =
    known && entry.urls.includes(known.url)
      ? [known.url, ...entry.urls.filter((u) => u !== known.url)]
      : entry.urls;
  const folder = path.join(run.cacheDir, path.dirname(entry.path));
  mkdirSync(folder, { recursive: true });
  const expected = entry.kind === "sc-not-adopted" ? "the Akoma Ntoso XML file" : "the JSON Lines file";
  for (const [i, url] of urls.entries()) {
    // Named by the manifest (its names are checked: no folder in them), `.gz` kept where the URL has it.
    const file = path.join(
      folder,
      `${path.basename(entry.path)}${/\.gz$/i.test(new URL(url).pathname) ? ".gz" : ""}`,
    );
    const state = stateOf(run, entry.path, url, file);
    for (let check = 1; ; check++) {
      const result = await run.downloader.download(state, run.save, {
        expected,
        optional: i < urls.length - 1,
        name: entry.path,
        ...place,
      });
      if (result.status === "missing") break;
      let digests: ContentDigests;
      try {
        digests = contentDigests(state.file);
      } catch (error) {
        throw damaged(run, state, `${url}: not a readable gzip file (${(error as Error).message})`);
      }
      if (matches(entry, digests))
        return { state, status: result.status, bytesReceived: result.bytesReceived, digests };
      // A copy kept from an earlier run that no longer matches: fetch it afresh, once.
      if (result.status === "not-modified" && check === 1) {
        state.complete = false;
        continue;
      }
      const got = entry.digest.algorithm === "sha256" ? digests.sha256 : digests.gitBlobSha1;
      throw damaged(
        run,
        state,
        `${url} does not match its ${entry.digest.algorithm === "sha256" ? "SHA256SUMS line" : "listing's git blob SHA-1"} (expected ${entry.digest.hex}, got ${got}): nothing was imported`,
        entry.digest.algorithm === "sha256"
          ? "The mirror's copy is damaged or its SHA256SUMS out of date: run plenary sync again, or check the mirror."
          : "GitHub's raw files can lag a few minutes behind a new commit: run plenary sync again in a few minutes.",
      );
    }
  }
  // Unreachable: the last URL is never optional.
  throw run.downloader.error(`${entry.urls.join(" or ")}: not found.`, entry.urls[0]!);
}

/** Forgets a damaged download (the next run fetches it whole) and says what is wrong. */
function damaged(run: Run, state: FileState, message: string, help?: string) {
  rmSync(state.file, { force: true });
  Object.assign(state, { etag: null, lastModified: null, size: null, complete: false });
  run.save();
  return run.downloader.error(`${message}.`, state.url, help);
}

/** Downloads what changed, checks it all, and imports it in one transaction. */
export async function syncDgacm(store: Store, options: DgacmSyncOptions = {}): Promise<DgacmSyncReport> {
  const mirror = resolveDgacmUrl(options.url);
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(store, "dgacm"));
  mkdirSync(cacheDir, { recursive: true });
  const state = readSyncState<FileState>(cacheDir);
  const run: Run = {
    cacheDir,
    state,
    save: () => saveSyncState(cacheDir, state),
    downloader: new Downloader({
      attempts: options.attempts ?? 4,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      help: HELP,
      ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
    }),
  };
  const { layout, entries, manifest } = await discover(run, mirror);
  const source = mirror ?? "https://github.com/UNxml";
  const files: DgacmSyncedFile[] = [];
  for (const [i, entry] of entries.entries()) {
    const got = await fetchEntry(run, entry, { index: i + 1, count: entries.length });
    files.push({
      path: entry.path,
      format: "unxml",
      url: got.state.url,
      file: got.state.file,
      status: got.status,
      bytesReceived: got.bytesReceived,
      size: got.state.size ?? statSync(got.state.file).size,
      etag: got.state.etag,
      lastModified: got.state.lastModified,
      sha256: got.digests.sha256,
      checkedAgainst: entry.digest.algorithm === "sha256" ? "SHA256SUMS" : "git blob SHA-1",
      imported: false,
    });
  }
  const pending = files.filter((f) => state[f.path]!.importedVersion !== f.sha256);
  let report: ImportReport | null = null;
  if (pending.length) {
    // Every file is recognised before the import starts: one that is not DGACM data stops the run here.
    const inputs = await detectInputs(
      pending.map((f) => f.file),
      "unxml",
    );
    report = await importInputs(store, inputs, {
      skipBadRows: options.skipBadRows ?? false,
      origin: `sync dgacm ${source}`,
      ...(options.onImportProgress ? { onProgress: options.onImportProgress } : {}),
    });
    for (const f of pending) {
      state[f.path]!.importedVersion = f.sha256;
      f.imported = true;
    }
    run.save();
  }
  return { source, layout, cacheDir, manifest, files, import: report };
}
