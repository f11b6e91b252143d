/**
 * Web benchmark: `node --import tsx bench/web/web.bench.ts [--duration 10] [--connections 10]`
 * (npm run bench:web).
 *
 * Imports the full research record (../shared/data/unvotes, 1946–2019) and the Council veto list into a
 * fresh SQLite store, starts the server in a child process, warms each URL once, then runs autocannon
 * against the vote page, a member page and the compare API — one after the other, each for `duration`
 * seconds, without and with `Accept-Encoding: gzip, deflate, br` (as browsers send) — and reports
 * requests per second and latency percentiles (bytes: as sent). Results go to
 * bench/out/web.json. Target (2 cores): the vote page at ≥ 1,000 requests/s with p99 ≤ 50 ms.
 *
 * Then pages with a cache in front (issue 17): the home, vote and member pages as a reader who is not
 * signed in asks for them (gzip, no cookie), from the server directly and through nginx from Debian as a
 * caching reverse proxy (bench/web/nginx.ts: the configuration of docs/deploy.md, started here; installed
 * with apt-get when missing and running as root, else the rows are skipped and the JSON says why) — same
 * pages, same autocannon settings, one after the other. Results go to bench/out/web-cache.json.
 * `--only cache` runs just these rows; `--nginx-workers N` (default 1).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { importFiles } from "../../src/data/import/index.js";
import { findOrInstallNginx, startNginxCache, type NginxCache } from "./nginx.js";
import { openStore } from "../../src/tables.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHARED = path.resolve(ROOT, "../shared/data");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const duration = option("duration", 10);
const connections = option("connections", 10);
const onlyCache =
  process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "cache";
const nginxWorkers = option("nginx-workers", 1);

/** The pages measured with and without a cache in front, as a browser asks for them (no cookie). */
const CACHE_PAGES = [
  { name: "home page", path: "/" },
  { name: "vote page", path: "/votes/A%2FRES%2F74%2F246" },
  { name: "member page", path: "/members/USA" },
];
const BROWSER_ENCODING = "gzip, deflate, br";

const TARGETS = [
  { name: "vote page", path: "/votes/A%2FRES%2F74%2F246", target: { rps: 1000, p99: 50 } },
  { name: "member page", path: "/members/USA" },
  { name: "compare API", path: "/api/compare/US/RU" },
];

interface Result {
  name: string;
  path: string;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  target?: { rps: number; p99: number };
  met?: boolean;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-bench-web-"));
  const db = path.join(dir, "plenary.db");
  let child: ReturnType<typeof spawn> | null = null;
  try {
    const store = await openStore({ db });
    let started = Date.now();
    const report = await importFiles(store, [path.join(SHARED, "unvotes")]);
    const importMs = Date.now() - started;
    await importFiles(store, [path.join(SHARED, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], {
      skipBadRows: true,
    });
    await store.close();
    console.log(
      `imported ${report.rollCalls.read} roll calls and ${report.votes.written} votes in ${importMs} ms (unvotes), plus the veto list`,
    );

    started = Date.now();
    child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/web/server.ts"), db], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child!.stdout! });
      lines.once("line", resolve);
      child!.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    const server = JSON.parse(line) as {
      url: string;
      startMs: number;
      idealStatus: string;
      backgroundSettled: boolean;
      settledMs: number;
    };
    console.log(
      `server up in ${server.startMs} ms (matrix, catalog, ideal points: ${server.idealStatus}) at ${server.url}; background work (the bootstrap) ${server.backgroundSettled ? `over after ${server.settledMs} ms` : "NOT over"}: measuring`,
    );

    const results: Result[] = [];
    const runs = onlyCache
      ? []
      : TARGETS.flatMap((t) => [
          { ...t, encoding: "identity" },
          { ...t, name: `${t.name} (gzip)`, encoding: BROWSER_ENCODING, target: undefined },
        ]);
    for (const t of runs) {
      const { result, bytes, non2xx } = await measure(server.url, t.name, t.path, t.encoding);
      if (t.target) {
        result.target = t.target;
        result.met =
          result.requestsPerSecond >= t.target.rps && result.latency.p99 <= t.target.p99 && non2xx === 0;
      }
      results.push(result);
      console.log(
        `${t.name.padEnd(19)} ${t.path.padEnd(26)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ${(bytes / 1024).toFixed(0)} KB  non-2xx ${non2xx}${result.target ? `  target ≥${t.target!.rps} req/s, p99 ≤${t.target!.p99} ms: ${result.met ? "met" : "NOT met"}` : ""}`,
      );
    }
    mkdirSync(path.join(ROOT, "bench/out"), { recursive: true });

    // Pages with a cache in front: the server directly, then nginx caching in front of it.
    const cacheRows: (Result & { via: "direct" | "nginx cache"; cacheStatus?: string | null })[] = [];
    const found = findOrInstallNginx();
    let nginx: NginxCache | null = null;
    try {
      if ("bin" in found)
        nginx = await startNginxCache(found.bin, new URL(server.url).host, dir, nginxWorkers);
      else console.log(`nginx cache rows SKIPPED: ${found.skipped}`);
      for (const page of CACHE_PAGES) {
        for (const via of ["direct", "nginx cache"] as const) {
          const base = via === "direct" ? server.url : nginx?.url;
          if (!base) continue;
          const { result, bytes, non2xx, headers } = await measure(
            base,
            page.name,
            page.path,
            BROWSER_ENCODING,
          );
          const row = {
            ...result,
            via,
            ...(via === "nginx cache" ? { cacheStatus: headers.get("x-cache-status") } : {}),
          };
          cacheRows.push(row);
          console.log(
            `${`${page.name}, ${via}`.padEnd(24)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ${(bytes / 1024).toFixed(0)} KB  non-2xx ${non2xx}  ${headers.get("cache-control")}${row.cacheStatus ? `  (X-Cache-Status after warming: ${row.cacheStatus})` : ""}`,
          );
        }
      }
    } finally {
      await nginx?.stop();
    }
    const speedups = CACHE_PAGES.map((page) => {
      const direct = cacheRows.find((r) => r.name === page.name && r.via === "direct");
      const cached = cacheRows.find((r) => r.name === page.name && r.via === "nginx cache");
      return {
        name: page.name,
        times:
          direct && cached
            ? Math.round((cached.requestsPerSecond / direct.requestsPerSecond) * 10) / 10
            : null,
      };
    });
    if (nginx)
      console.log(`nginx cache ÷ direct: ${speedups.map((s) => `${s.name} ${s.times}×`).join(", ")}`);
    writeFileSync(
      path.join(ROOT, "bench/out/web-cache.json"),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version },
          settings: {
            duration,
            connections,
            encoding: BROWSER_ENCODING,
            cookies: "none (a reader not signed in)",
          },
          nginx: nginx
            ? {
                version: nginx.version,
                workers: nginx.workers,
                config: "bench/web/nginx.ts (as docs/deploy.md)",
              }
            : { skipped: "skipped" in found ? found.skipped : "not started" },
          results: cacheRows,
          speedups,
        },
        null,
        2,
      )}\n`,
    );
    console.log("written bench/out/web-cache.json");
    if (onlyCache) return;
    const out = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version },
      settings: { duration, connections },
      importMs,
      serverStartMs: server.startMs,
      results,
    };
    writeFileSync(path.join(ROOT, "bench/out/web.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log("written bench/out/web.json");
  } finally {
    child?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Warms one URL (the first request builds the page), then loads it with autocannon. */
async function measure(
  base: string,
  name: string,
  urlPath: string,
  encoding: string,
): Promise<{ result: Result; bytes: number; non2xx: number; headers: Headers }> {
  const headers = { "accept-encoding": encoding };
  const warm = await fetch(base + urlPath, { headers });
  if (warm.status !== 200) throw new Error(`${urlPath}: ${warm.status}`);
  const bytes = Number(warm.headers.get("content-length") ?? (await warm.arrayBuffer()).byteLength);
  if (!warm.bodyUsed) await warm.arrayBuffer();
  const second = await fetch(base + urlPath, { headers });
  await second.arrayBuffer();
  const run = await autocannon({ url: base + urlPath, connections, duration, pipelining: 1, headers });
  return {
    result: {
      name,
      path: urlPath,
      requestsPerSecond: Math.round(run.requests.average),
      latency: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max },
      bytesPerResponse: bytes,
      non2xx: run.non2xx,
      errors: run.errors,
    },
    bytes,
    non2xx: run.non2xx,
    headers: second.headers,
  };
}

await main();
