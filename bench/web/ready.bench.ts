/**
 * Benchmark of server start-up (issue 17, goal 3): `plenary serve` of the built CLI (`npm run build`
 * first) on a fresh SQLite store holding the whole record (bench/lib/record.ts), timed from the moment
 * the process is started until the first page (`GET /`, the home page) answers 200 — target ≤ 1 s.
 * The issue names no peer; the reference, measured the same way in the same run, is Node's bare HTTP
 * server (`node -e "http.createServer(…).listen(PORT)"` until it answers 200). The two in turn, after
 * the same warm-up on both sides; each server is stopped (SIGTERM) before the next starts. The time
 * until `/healthz` answers is recorded in the same runs, polled beside `/`.
 *
 *   npm run build && npm run bench -- ready
 *   BENCH_RUNS=5 BENCH_WARMUP=1 …
 *
 * `main()` is exported for bench/run.ts. Results go to bench/out/ready.json.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { conditions, median, spread, type Figure } from "../lib/figures.js";
import { ratioSpread, requireBuild } from "../lib/processes.js";
import { describeSources, fillWholeRecord } from "../lib/record.js";

const ROOT = process.cwd();
const OUT = path.resolve(ROOT, "bench/out");
const TARGET_MS = 1000;
const BARE =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts `args` (with the port appended by `withPort`), polls every path until each answers 200; ms since spawn. */
async function timeReady(
  withPort: (port: number) => string[],
  paths: string[],
  timeoutMs = 120_000,
): Promise<Record<string, number>> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, withPort(port), { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  const ready: Record<string, number> = {};
  try {
    await Promise.all(
      paths.map(async (p) => {
        while (!(p in ready)) {
          if (exited) throw new Error(`server exited before ${p} answered: ${stderr.slice(0, 2000)}`);
          if (performance.now() - started > timeoutMs)
            throw new Error(`${p} did not answer 200 in ${timeoutMs} ms`);
          if (await answers200(`http://127.0.0.1:${port}${p}`)) ready[p] = performance.now() - started;
          else await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
  } finally {
    if (!exited) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  return ready;
}

export async function main(): Promise<{ ok: boolean; figures: Figure[] }> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const warmup = Number(process.env.BENCH_WARMUP ?? 1);
  requireBuild(ROOT);
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-bench-ready-"));
  const page: number[] = [];
  const healthz: number[] = [];
  const bare: number[] = [];
  let store = "";
  try {
    const db = path.join(dir, "plenary.db");
    store = describeSources(fillWholeRecord(ROOT, db));
    const plenaryServe = (port: number) => [
      path.join(ROOT, "bin/plenary.js"),
      "--db",
      db,
      "serve",
      "--port",
      String(port),
    ];
    const bareServe = (port: number) => ["-e", BARE, String(port)];
    for (let i = 0; i < warmup + runs; i++) {
      const p = await timeReady(plenaryServe, ["/", "/healthz"]);
      const b = await timeReady(bareServe, ["/"]);
      if (i < warmup) continue;
      page.push(p["/"]!);
      healthz.push(p["/healthz"]!);
      bare.push(b["/"]!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratios = page.map((ms, i) => ms / bare[i]!);
  const ok = median(page) <= TARGET_MS;
  console.log(
    `plenary serve until GET / answers 200: ${spread(page)} (target ≤ 1 s: ${ok ? "met" : "NOT met"}); /healthz ${spread(healthz)}; Node's bare http server ${spread(bare)}; ratio ${ratioSpread(ratios)}`,
  );
  const figures: Figure[] = [
    {
      what: `server ready: \`plenary serve\` (built CLI) from process start until the first page (GET /) answers 200, the whole record in a SQLite store; ${warmup} warm-up(s) each side, in turn (/healthz answered after ${spread(healthz)})`,
      figure: spread(page),
      target: "≤ 1 s",
      ok,
      peer: `Node's bare http server, start until it answers 200: ${spread(bare)}; ratio ${ratioSpread(ratios)}`,
      command: "npm run build && npm run bench -- ready",
    },
  ];
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path.join(OUT, "ready.json"),
    JSON.stringify(
      {
        conditions: conditions(),
        protocol: { runs, warmup },
        store,
        pageMs: page,
        healthzMs: healthz,
        bareMs: bare,
        ratios,
        figures,
      },
      null,
      2,
    ) + "\n",
  );
  return { ok, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (r) => {
      process.exitCode = r.ok ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
