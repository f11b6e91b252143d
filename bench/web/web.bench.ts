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
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Store } from "../../src/data/store/index.js";
import { importFiles } from "../../src/data/import/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHARED = path.resolve(ROOT, "../shared/data");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const duration = option("duration", 10);
const connections = option("connections", 10);

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
    const store = await Store.open({ db });
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
    const server = JSON.parse(line) as { url: string; startMs: number; idealStatus: string };
    console.log(
      `server up in ${server.startMs} ms (matrix, catalog, ideal points: ${server.idealStatus}) at ${server.url}`,
    );

    const results: Result[] = [];
    const runs = TARGETS.flatMap((t) => [
      { ...t, encoding: "identity" },
      { ...t, name: `${t.name} (gzip)`, encoding: "gzip, deflate, br", target: undefined },
    ]);
    for (const t of runs) {
      // Warm: the first request builds and caches the page for this data version.
      const warm = await fetch(server.url + t.path, { headers: { "accept-encoding": t.encoding } });
      if (warm.status !== 200) throw new Error(`${t.path}: ${warm.status}`);
      const bytes = Number(warm.headers.get("content-length") ?? (await warm.arrayBuffer()).byteLength);
      const run = await autocannon({
        url: server.url + t.path,
        connections,
        duration,
        pipelining: 1,
        headers: { "accept-encoding": t.encoding },
      });
      const result: Result = {
        name: t.name,
        path: t.path,
        requestsPerSecond: Math.round(run.requests.average),
        latency: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max },
        bytesPerResponse: bytes,
        non2xx: run.non2xx,
        errors: run.errors,
      };
      if (t.target) {
        result.target = t.target;
        result.met =
          result.requestsPerSecond >= t.target.rps && result.latency.p99 <= t.target.p99 && run.non2xx === 0;
      }
      results.push(result);
      console.log(
        `${t.name.padEnd(19)} ${t.path.padEnd(26)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ${(bytes / 1024).toFixed(0)} KB  non-2xx ${run.non2xx}${result.target ? `  target ≥${t.target!.rps} req/s, p99 ≤${t.target!.p99} ms: ${result.met ? "met" : "NOT met"}` : ""}`,
      );
    }
    mkdirSync(path.join(ROOT, "bench/out"), { recursive: true });
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

await main();
