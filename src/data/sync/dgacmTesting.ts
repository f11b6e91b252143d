/**
 * A stand-in for the DGACM sources in tests (node:http on 127.0.0.1, port 0), serving the real files of
 * ../shared/data/unxml in one of the two layouts `plenary sync --source dgacm` reads:
 * - `mirror`: the shared folder as it is — `SHA256SUMS` (its real lines, for the files served) and
 *   `ga/`, `sc/`, `sc-not-adopted/` — each file kept compressed (`gz`: only `ga/74.json.gz` answers, as a
 *   plain static server of the folder would), decompressed (`plain`: `ga/74.json`), or compressed in
 *   transfer (`encoded`: `ga/74.json` with Content-Encoding: gzip);
 * - `github`: the GitHub contents API's listings of `UNxml/GAresolutions/data_extract`,
 *   `UNxml/SCresolutions/data_extract` and `UNxml/SCresolutions/Not adopted/English` (with each file's
 *   git blob SHA-1, and the upstream's stray files beside them), and the files where the listings'
 *   `download_url` say — the Assembly's on raw.githubusercontent.com (the client rebases them), the
 *   Council's on this server — decompressed, as raw.githubusercontent.com sends them.
 * Every answer goes through `serveFile`: ETag, 304, Range, and the faults a test sets on a file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { notFound, serveFile, type RequestLog, type ServedFile } from "./testing.js";

export const UNXML = path.resolve(process.cwd(), "../shared/data/unxml");

export interface Fault {
  html?: boolean;
  dropAfter?: number;
  dropTimes?: number;
}

export interface TestDgacmOptions {
  layout: "mirror" | "github";
  /** Shared files served (`ga/ES-11.json`); default every file SHA256SUMS lists. */
  files?: string[];
  /** Mirror: how files are kept (see the module comment). Default `gz`. */
  compression?: "gz" | "plain" | "encoded";
}

export interface TestDgacm {
  url: string;
  /** Each file's content, decompressed, by shared path: set one to publish a new version. */
  contents: Map<string, Buffer>;
  /** Manifest digests kept as they were although the content changed (a damaged copy). */
  staleManifest: Set<string>;
  /** Faults by shared path (`ga/ES-11.json`). */
  faults: Map<string, Fault>;
  requests: RequestLog;
  /** The server path a shared file is fetched at (for reading `requests`). */
  servedPath(file: string): string;
  close(): Promise<void>;
}

const REPOS = {
  ga: { repo: "UNxml/GAresolutions", folder: "data_extract" },
  sc: { repo: "UNxml/SCresolutions", folder: "data_extract" },
  "sc-not-adopted": { repo: "UNxml/SCresolutions", folder: "Not adopted/English" },
} as const;

/** Files the upstream listings hold beside the data (never fetched by the sync). */
const STRAYS: Record<string, string[]> = {
  "UNxml/GAresolutions/data_extract": ["78_new.json", "2729 (2024).json"],
};

/**
 * ES-11.json as the UN might correct it: in A/RES/ES-11/6, Germany moved from in favour to abstaining
 * and the counts following (141 → 140 in favour, 32 → 33 abstaining).
 */
export function correctedEs11(content: Buffer): Buffer {
  const lines = content.toString("utf8").split("\n");
  const at = lines.findIndex((l) => l.includes('"A/RES/ES-11/6"'));
  const record = JSON.parse(lines[at]!) as Record<string, unknown>;
  record.MS_in_favour = (record.MS_in_favour as string[]).filter((n) => n !== "GERMANY");
  record.MS_abstaining = [...(record.MS_abstaining as string[]), "GERMANY"];
  record.MS_in_favour_count = "140";
  record.MS_abstaining_count = "33";
  lines[at] = JSON.stringify(record);
  return Buffer.from(lines.join("\n"));
}

export function sharedSums(): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of readFileSync(path.join(UNXML, "SHA256SUMS"), "utf8").split("\n")) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) sums.set(m[2]!, m[1]!);
  }
  return sums;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const gitBlob = (b: Buffer) => createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");
const encodePath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

export async function startTestDgacm(options: TestDgacmOptions): Promise<TestDgacm> {
  const sums = sharedSums();
  const names = options.files ?? [...sums.keys()];
  const original = new Map<string, { gz: Buffer; content: Buffer }>();
  const contents = new Map<string, Buffer>();
  for (const name of names) {
    const gz = readFileSync(path.join(UNXML, `${name}.gz`));
    const content = gunzipSync(gz);
    original.set(name, { gz, content });
    contents.set(name, content);
  }
  const staleManifest = new Set<string>();
  const faults = new Map<string, Fault>();
  const requests: RequestLog = [];
  const compression = options.compression ?? "gz";
  // Served bodies are kept between requests so that a drop's countdown (serveFile's) lasts; a fault's
  // drop is handed to its file once, its HTML page holds as long as the fault is set.
  const served = new Map<string, ServedFile>();
  const handed = new WeakSet<Fault>();
  const serve = (key: string, body: Buffer, extra: Partial<ServedFile>, fault?: Fault): ServedFile => {
    let file = served.get(key);
    if (!file || !file.body.equals(body)) {
      file = { path: key, body, ...extra };
      served.set(key, file);
    }
    file.html = fault?.html ?? false;
    if (fault?.dropAfter !== undefined && !handed.has(fault)) {
      handed.add(fault);
      file.dropAfter = fault.dropAfter;
      file.dropTimes = fault.dropTimes ?? 1;
    }
    return file;
  };
  const gzOf = (name: string) => {
    const o = original.get(name)!;
    return contents.get(name)!.equals(o.content) ? o.gz : gzipSync(contents.get(name)!, { level: 9 });
  };
  const digestOf = (name: string, digest: (b: Buffer) => string) =>
    digest(staleManifest.has(name) ? original.get(name)!.content : contents.get(name)!);
  const upstreamPath = (name: string) => {
    const kind = name.slice(0, name.indexOf("/")) as keyof typeof REPOS;
    const { repo, folder } = REPOS[kind];
    return { repo, folder, file: `${folder}/${path.basename(name)}` };
  };
  let base = "";
  const servedPath = (name: string) => {
    if (options.layout === "github") {
      const { repo, file } = upstreamPath(name);
      return `/${repo}/main/${encodePath(file)}`;
    }
    return `/${encodePath(name)}${compression === "gz" ? ".gz" : ""}`;
  };

  const listing = (repo: string, folder: string): Buffer => {
    const items = names
      .filter((n) => {
        const u = upstreamPath(n);
        return u.repo === repo && u.folder === folder;
      })
      .map((n) => {
        const u = upstreamPath(n);
        const host = repo === "UNxml/GAresolutions" ? "https://raw.githubusercontent.com" : base;
        return {
          name: path.basename(n),
          path: u.file,
          sha: digestOf(n, gitBlob),
          size: contents.get(n)!.length,
          type: "file",
          download_url: `${host}/${repo}/main/${encodePath(u.file)}`,
        };
      });
    for (const stray of STRAYS[`${repo}/${folder}`] ?? []) {
      items.push({
        name: stray,
        path: `${folder}/${stray}`,
        sha: gitBlob(Buffer.from(stray)),
        size: stray.length,
        type: "file",
        download_url: `${base}/${repo}/main/${encodePath(`${folder}/${stray}`)}`,
      });
    }
    return Buffer.from(JSON.stringify(items, null, 2));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const pathname = decodeURIComponent(url.pathname);
    const log = (status: number) => requests.push({ path: url.pathname, headers: req.headers, status });
    if (options.layout === "mirror") {
      if (pathname === "/SHA256SUMS") {
        const lines = names.map((n) => `${digestOf(n, sha256)}  ${n}\n`).join("");
        return serveFile(req, res, serve(pathname, Buffer.from(lines), { contentType: "text/plain" }), log);
      }
      const name = names.find((n) => servedPath(n) === url.pathname);
      if (!name) return notFound(res, log);
      const fault = faults.get(name);
      if (compression === "plain")
        return serveFile(
          req,
          res,
          serve(pathname, contents.get(name)!, { contentType: "application/json" }, fault),
          log,
        );
      const gz = gzOf(name);
      return serveFile(
        req,
        res,
        serve(
          pathname,
          gz,
          compression === "encoded"
            ? { contentType: "application/json", encoding: "gzip" }
            : { contentType: "application/gzip" },
          fault,
        ),
        log,
      );
    }
    const api = /^\/repos\/(UNxml\/\w+)\/contents\/(.+)$/.exec(pathname);
    if (api) {
      const body = listing(api[1]!, api[2]!);
      if (body.toString() === "[]") return notFound(res, log);
      return serveFile(
        req,
        res,
        serve(pathname, body, { contentType: "application/json; charset=utf-8" }),
        log,
      );
    }
    const name = names.find((n) => servedPath(n) === url.pathname);
    if (!name) return notFound(res, log);
    return serveFile(
      req,
      res,
      serve(pathname, contents.get(name)!, { contentType: "text/plain; charset=utf-8" }, faults.get(name)),
      log,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    contents,
    staleManifest,
    faults,
    requests,
    servedPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
