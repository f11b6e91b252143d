/**
 * Benchmark of what a user runs at the command line (issue 17, goals 1 and 2), each command a whole
 * process of the built CLI (`node bin/plenary.js`, which runs dist/: `npm run build` first) on a fresh
 * SQLite store holding the whole record (bench/lib/record.ts), paired with its peer in the same run —
 * A B A B … after the same warm-up on both sides, output thrown away, the ratio taken pair by pair:
 *
 * 1. start-up: `plenary --help` ≤ 2× `node -e 0`; the lookups `vote`, `member` and `votes` ≤ 3×
 *    `node -e 0`;
 * 2. analytics: `align`, `partners`, `alongside` and `shifts` ≤ 0.5× the DuckDB-from-CSV peer
 *    (bench/peers/align-duckdb.mjs: a Node script that reads the gzipped research CSV from scratch and
 *    counts the same pair as `plenary align USA RUS`) — the one peer the issue names for all four.
 *
 *   npm run build && npm run bench -- cli
 *   BENCH_RUNS=5 BENCH_WARMUP=1 …          (timed pairs and warm-ups per command; 5 and 1 by default)
 *
 * `main()` is exported for bench/run.ts. Results go to bench/out/cli.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { conditions, median, spread, type Figure } from "../lib/figures.js";
import { plenary, ratioSpread, requireBuild, timePair, type Command } from "../lib/processes.js";
import { describeSources, fillWholeRecord } from "../lib/record.js";

const ROOT = process.cwd();
const OUT = path.resolve(ROOT, "bench/out");
const UN_VOTES = path.resolve(ROOT, "../shared/data/unvotes/un_votes.csv.gz");

interface Case {
  goal: 1 | 2;
  args: string[];
  /** The target: at most this many times the peer. */
  maxRatio: number;
  peer: "node" | "duckdb";
}

const CASES: Case[] = [
  { goal: 1, args: ["--help"], maxRatio: 2, peer: "node" },
  { goal: 1, args: ["vote", "ES-11/7", "--json"], maxRatio: 3, peer: "node" },
  { goal: 1, args: ["member", "USA", "--json"], maxRatio: 3, peer: "node" },
  { goal: 1, args: ["votes", "--json"], maxRatio: 3, peer: "node" },
  { goal: 2, args: ["align", "USA", "RUS", "--json"], maxRatio: 0.5, peer: "duckdb" },
  { goal: 2, args: ["partners", "USA", "--json"], maxRatio: 0.5, peer: "duckdb" },
  { goal: 2, args: ["alongside", "ES-11/7", "USA", "--json"], maxRatio: 0.5, peer: "duckdb" },
  {
    goal: 2,
    args: ["shifts", "--from", "2010..2014", "--to", "2015..2019", "--member", "USA", "--json"],
    maxRatio: 0.5,
    peer: "duckdb",
  },
];

const PEERS: Record<Case["peer"], Command> = {
  node: { label: "node -e 0", file: process.execPath, args: ["-e", "0"], cwd: ROOT },
  duckdb: {
    label: "node bench/peers/align-duckdb.mjs ../shared/data/unvotes/un_votes.csv.gz US RU",
    file: process.execPath,
    args: [path.join(ROOT, "bench/peers/align-duckdb.mjs"), UN_VOTES, "US", "RU"],
    cwd: ROOT,
  },
};

interface Row {
  goal: number;
  command: string;
  peer: string;
  ms: number[];
  peerMs: number[];
  ratios: number[];
  maxRatio: number;
  ok: boolean;
}

export async function main(): Promise<{ ok: boolean; figures: Figure[] }> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const warmup = Number(process.env.BENCH_WARMUP ?? 1);
  requireBuild(ROOT);
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-bench-cli-"));
  const rows: Row[] = [];
  let store = "";
  try {
    const db = path.join(dir, "plenary.db");
    store = describeSources(fillWholeRecord(ROOT, db));
    console.log(
      `${runs} timed pairs after ${warmup} warm-up(s) on each side; whole processes, output discarded`,
    );
    for (const c of CASES) {
      const label = `plenary ${c.args.join(" ")}`;
      const peer = PEERS[c.peer];
      const t = timePair(plenary(ROOT, db, c.args, label), peer, runs, warmup);
      const row: Row = {
        goal: c.goal,
        command: label,
        peer: peer.label,
        ms: t.a,
        peerMs: t.b,
        ratios: t.ratios,
        maxRatio: c.maxRatio,
        ok: median(t.ratios) <= c.maxRatio,
      };
      rows.push(row);
      console.log(
        `${label.padEnd(70)} ${spread(t.a).padEnd(40)} ${peer.label.slice(0, 14).padEnd(14)} ${spread(t.b).padEnd(40)} ${ratioSpread(t.ratios)}  target ≤ ${c.maxRatio}×: ${row.ok ? "met" : "NOT met"}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const figures: Figure[] = rows.map((r) => ({
    what: `${r.goal === 1 ? "CLI start-up" : "CLI analytics"}: \`${r.command}\`, a whole process of the built CLI (node bin/plenary.js), the whole record in a SQLite store; ${warmup} warm-up(s) each side, A/B in turn`,
    figure: spread(r.ms),
    target: `≤ ${r.maxRatio}× the peer`,
    ok: r.ok,
    peer: `\`${r.peer}\` ${spread(r.peerMs)}; ratio ${ratioSpread(r.ratios)}`,
    command: "npm run build && npm run bench -- cli",
  }));
  const ok = rows.every((r) => r.ok);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path.join(OUT, "cli.json"),
    JSON.stringify({ conditions: conditions(), protocol: { runs, warmup }, store, rows, figures }, null, 2) +
      "\n",
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
