/**
 * The web benchmark on PostgreSQL with two app instances (issue 8): `node --import tsx
 * bench/web/web-pg.bench.ts [--duration 10]` (npm run bench:web:pg). Starts a throw-away PostgreSQL
 * server (the test suite's), imports the research record and the veto list into it, starts two server
 * processes on it (bench/web/server.ts), and drives both at once with autocannon (half the connections
 * each) for the same three URLs as bench:web; reports the combined requests/s and the worse p99.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { importFiles } from "../../src/data/import/index.js";
import { findPostgresBin, startPostgres } from "../../src/test/postgresServer.js";
import { openStore } from "../../src/tables.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHARED = path.resolve(ROOT, "../shared/data");
const i = process.argv.indexOf("--duration");
const duration = i > 0 ? Number(process.argv[i + 1]) : 10;
const connections = 10;
const TARGETS = [
  { name: "vote page", path: "/votes/A%2FRES%2F74%2F246" },
  { name: "member page", path: "/members/USA" },
  { name: "compare API", path: "/api/compare/US/RU" },
];

function startServer(url: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/web/server.ts"), url], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve({ child, url: (JSON.parse(line) as { url: string }).url }),
    );
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const bin = findPostgresBin();
if (!bin) throw new Error("PostgreSQL is not installed");
const pg = await startPostgres(bin);
const servers: ChildProcess[] = [];
try {
  const store = await openStore({ databaseUrl: pg.url });
  let started = Date.now();
  await importFiles(store, [path.join(SHARED, "unvotes")]);
  const importMs = Date.now() - started;
  await importFiles(store, [path.join(SHARED, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], {
    skipBadRows: true,
  });
  await store.close();
  console.log(`imported the research record into PostgreSQL in ${importMs} ms, plus the veto list`);
  started = Date.now();
  const instances = await Promise.all([startServer(pg.url), startServer(pg.url)]);
  servers.push(...instances.map((s) => s.child));
  console.log(`two instances up in ${Date.now() - started} ms: ${instances.map((s) => s.url).join(", ")}`);
  const results = [];
  for (const target of TARGETS) {
    for (const s of instances) await fetch(s.url + target.path);
    const runs = await Promise.all(
      instances.map((s) => autocannon({ url: s.url + target.path, connections: connections / 2, duration })),
    );
    const result = {
      name: target.name,
      path: target.path,
      requestsPerSecond: Math.round(runs.reduce((sum, r) => sum + r.requests.average, 0)),
      p99: Math.max(...runs.map((r) => r.latency.p99)),
      non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
    };
    results.push(result);
    console.log(
      `${target.name.padEnd(12)} ${target.path.padEnd(26)} ${String(result.requestsPerSecond).padStart(6)} req/s (two instances)  p99 ${result.p99} ms  non-2xx ${result.non2xx}  errors ${result.errors}`,
    );
  }
  mkdirSync(path.join(ROOT, "bench/out"), { recursive: true });
  writeFileSync(
    path.join(ROOT, "bench/out/web-pg.json"),
    `${JSON.stringify({ date: new Date().toISOString(), importMs, duration, connections, results }, null, 2)}\n`,
  );
  console.log("written bench/out/web-pg.json");
} finally {
  for (const child of servers) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  pg.stop();
}
