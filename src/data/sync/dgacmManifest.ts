/**
 * Which DGACM files there are, and what each must contain: the manifest of a `plenary sync --source
 * dgacm` run, from one of two layouts.
 *
 * **GitHub** (the default). The UN's Department for General Assembly and Conference Management publishes
 * the files in two public repositories, on their default branch:
 * - `UNxml/GAresolutions`, folder `data_extract/`: one JSON Lines file per session — `74.json` … `80.json`,
 *   `ES-10.json`, `ES-11.json`, `S-32.json` — the resolutions of the General Assembly with their votes;
 * - `UNxml/SCresolutions`, folder `data_extract/`: one per year, `2000.json` … `2026.json`, the Security
 *   Council's resolutions;
 * - `UNxml/SCresolutions`, folder `Not adopted/English/`: the Council drafts that were not adopted, one
 *   Akoma Ntoso XML file each (`S_2024_312-2407138E.xml`).
 * The folders are listed through the GitHub contents API (`GET /repos/{repo}/contents/{folder}`: three
 * conditional requests a run, of the 60 an hour GitHub allows without an account — twenty syncs an
 * hour). A listing names every file with its git blob SHA-1 and its download URL
 * on raw.githubusercontent.com (on the default branch, whatever its name): new sessions, years and
 * drafts are found as they are published, and each downloaded file is checked against its blob SHA-1.
 * Files whose names are not of those forms are left alone: `data_extract/` also holds working copies
 * (`78_new.json`) and a stray Council file (`2729 (2024).json`).
 *
 * **Mirror**: any server with `SHA256SUMS` at its root, laid out as `../shared/data/unxml` is — `ga/`,
 * `sc/`, `sc-not-adopted/` — listing the files with the SHA-256 of their content. A file is fetched as
 * listed (`ga/74.json`), or compressed (`ga/74.json.gz`) where the mirror keeps only that; either way it
 * is checked against its SHA-256 once decompressed.
 *
 * A base URL without `SHA256SUMS` is taken for a server laid out as GitHub is: the contents API under
 * `{url}/repos/…` and the files where its listings say (links to raw.githubusercontent.com are rebased
 * onto `{url}`, as a mirror's copies of GitHub's listings would have them).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export const GITHUB_API = "https://api.github.com";
export const GITHUB_RAW = "https://raw.githubusercontent.com";

export type DgacmKind = "ga" | "sc" | "sc-not-adopted";

export interface DgacmFolder {
  kind: DgacmKind;
  repo: string;
  folder: string;
  /** The files of the folder that are data (a session, a year, a draft). */
  names: RegExp;
}

export const DGACM_FOLDERS: readonly DgacmFolder[] = [
  { kind: "ga", repo: "UNxml/GAresolutions", folder: "data_extract", names: /^(\d+|ES-\d+|S-\d+)\.json$/ },
  { kind: "sc", repo: "UNxml/SCresolutions", folder: "data_extract", names: /^\d{4}\.json$/ },
  {
    kind: "sc-not-adopted",
    repo: "UNxml/SCresolutions",
    folder: "Not adopted/English",
    names: /^S_\d{4}[_-]\d+[^/]*\.xml$/i,
  },
];

export type DigestAlgorithm = "sha256" | "git-blob-sha1";

export interface DgacmEntry {
  /** The file's place in the shared folder's layout, and in the cache: `ga/74.json`. */
  path: string;
  kind: DgacmKind;
  /** Where to fetch it, in order: a mirror may keep only the `.gz`. */
  urls: string[];
  /** What its content (decompressed) must hash to. */
  digest: { algorithm: DigestAlgorithm; hex: string };
}

/** The GitHub contents API's URL of a folder. */
export function listingUrl(api: string, folder: DgacmFolder): string {
  return `${api}/repos/${folder.repo}/contents/${folder.folder.split("/").map(encodeURIComponent).join("/")}`;
}

interface ListingItem {
  type?: unknown;
  name?: unknown;
  path?: unknown;
  sha?: unknown;
  download_url?: unknown;
}

/**
 * The data files of a GitHub contents listing. `rebase`: a mirror's base URL, onto which links to
 * raw.githubusercontent.com are moved. Throws a plain Error when the text is no such listing.
 */
export function entriesOfListing(text: string, folder: DgacmFolder, rebase: string | null): DgacmEntry[] {
  const items = JSON.parse(text) as unknown;
  if (!Array.isArray(items)) throw new Error("not a GitHub contents listing (a JSON array of files)");
  const entries: DgacmEntry[] = [];
  for (const item of items as ListingItem[]) {
    if (item.type !== "file" || typeof item.name !== "string" || !folder.names.test(item.name)) continue;
    if (typeof item.sha !== "string" || !/^[0-9a-f]{40}$/.test(item.sha))
      throw new Error(`${item.name} has no git blob SHA-1`);
    const filePath = typeof item.path === "string" ? item.path : `${folder.folder}/${item.name}`;
    const raw = rebase ?? GITHUB_RAW;
    let url =
      typeof item.download_url === "string"
        ? item.download_url
        : `${raw}/${folder.repo}/HEAD/${filePath.split("/").map(encodeURIComponent).join("/")}`;
    if (rebase && new URL(url).origin === new URL(GITHUB_RAW).origin)
      url = `${rebase}${new URL(url).pathname}`;
    entries.push({
      path: `${folder.kind}/${item.name}`,
      kind: folder.kind,
      urls: [url],
      digest: { algorithm: "git-blob-sha1", hex: item.sha },
    });
  }
  return entries;
}

/** The data files a mirror's SHA256SUMS lists (`<sha256>  ga/74.json`, one a line). */
export function entriesOfSums(text: string, base: string): DgacmEntry[] {
  const entries: DgacmEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *]?(\S.*)$/.exec(line.trim());
    if (!m) continue;
    const file = m[2]!.replace(/^\.\//, "");
    const slash = file.indexOf("/");
    const folder = DGACM_FOLDERS.find((f) => f.kind === file.slice(0, slash));
    if (!folder || !folder.names.test(file.slice(slash + 1))) continue;
    const url = `${base}/${file.split("/").map(encodeURIComponent).join("/")}`;
    entries.push({
      path: file,
      kind: folder.kind,
      urls: [url, `${url}.gz`],
      digest: { algorithm: "sha256", hex: m[1]!.toLowerCase() },
    });
  }
  return entries;
}

const KIND_ORDER: Record<DgacmKind, number> = { ga: 0, sc: 1, "sc-not-adopted": 2 };

/** Assembly sessions, then Council years, then drafts; each by name, numbers in number order. */
export function sortEntries(entries: DgacmEntry[]): DgacmEntry[] {
  return [...entries].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.path.localeCompare(b.path, "en", { numeric: true }),
  );
}

export interface ContentDigests {
  sha256: string;
  gitBlobSha1: string;
  /** Bytes of the content, decompressed. */
  size: number;
}

/** The digests of a downloaded file's content: decompressed first when it is gzip. */
export function contentDigests(file: string): ContentDigests {
  const bytes = readFileSync(file);
  const content = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return {
    sha256: createHash("sha256").update(content).digest("hex"),
    gitBlobSha1: createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex"),
    size: content.length,
  };
}

/** Whether a file's content is what its manifest says. */
export function matches(entry: DgacmEntry, digests: ContentDigests): boolean {
  return (entry.digest.algorithm === "sha256" ? digests.sha256 : digests.gitBlobSha1) === entry.digest.hex;
}
