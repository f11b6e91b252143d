/**
 * Benchmark of the vote matrix and its measures on the full research record (../shared/data/unvotes),
 * against DuckDB computing the same all-pairs counts by a self-join — and a check that both engines
 * produce identical counts (both, identical, identicalYesNo, opposite) for every pair.
 *
 *   node --import tsx bench/analysis/matrix.bench.ts        (from the repository root)
 *
 * Exits non-zero when the engines disagree. `main()` is exported for bench/run.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { jsKernel, pairSlot } from "../../src/analysis/kernel.js";
import { buildVoteMatrix, type VoteMatrix } from "../../src/analysis/matrix.js";
import { agreementMatrix, align, pairCounts, useKernel } from "../../src/analysis/measures.js";
import { selectionMask } from "../../src/analysis/selection.js";
import { defaultKernel } from "../../src/analysis/wasmKernel.js";
import { conditions, type Figure } from "../lib/figures.js";
import { loadUnvotes, UNVOTES_DIR } from "./unvotes.js";

interface Row {
  step: string;
  /** Wall time; null for a row that is not a time. */
  ms: number | null;
  /** Shown instead of the time. */
  value?: string;
  target?: string;
  ok?: boolean;
  detail?: string;
}

export interface MatrixBenchResult {
  ok: boolean;
  rows: Row[];
  ratio: number;
  ratioWithBuild: number;
  ratioWithLoads: number;
  protocol: { warmup: number; runs: number; duckdbJoinMs: number[] };
  conditions: ReturnType<typeof conditions>;
  figures: Figure[];
  pairsChecked: number;
  mismatches: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let lastMin = 0;

/** Median wall time of `runs` calls after `warmup` untimed ones (the fastest is kept in lastMin). */
function time(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  lastMin = Math.min(...samples);
  return median(samples);
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms).toLocaleString("en")} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

function printTable(rows: Row[]): void {
  const w0 = Math.max(...rows.map((r) => r.step.length));
  const shown = (r: Row): string => r.value ?? (r.ms === null ? "" : formatMs(r.ms));
  const w1 = Math.max(...rows.map((r) => shown(r).length));
  const w2 = Math.max(6, ...rows.map((r) => (r.target ?? "").length));
  console.log(`${"step".padEnd(w0)}  ${"time".padStart(w1)}  ${"target".padEnd(w2)}  status  detail`);
  console.log(`${"-".repeat(w0)}  ${"-".repeat(w1)}  ${"-".repeat(w2)}  ------  ------`);
  for (const r of rows) {
    const status = r.ok === undefined ? "" : r.ok ? "ok" : "SLOW";
    console.log(
      `${r.step.padEnd(w0)}  ${shown(r).padStart(w1)}  ${(r.target ?? "").padEnd(w2)}  ${status.padEnd(6)}  ${r.detail ?? ""}`,
    );
  }
}

/** DuckDB: load the votes file and count every pair by a self-join. */
/** Warm-up and timed runs of the all-pairs counts, the same on both sides (Plenary and DuckDB). */
const PAIRS_WARMUP = Number(process.env.BENCH_PAIRS_WARMUP ?? 1);
const PAIRS_RUNS = Number(process.env.BENCH_PAIRS_RUNS ?? 5);

async function duckdb(): Promise<{
  loadMs: number;
  joinMs: number;
  joinSamples: number[];
  pairs: Map<string, number[]>;
}> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const file = path.join(UNVOTES_DIR, "un_votes.csv.gz").replaceAll("'", "''");
  const load = await timeAsync(() =>
    connection.runAndReadAll(
      `CREATE TABLE v AS
         SELECT rcid, coalesce(nullif(country_code, ''), country) AS id, vote
         FROM read_csv('${file}', header = true,
           columns = {'rcid': 'INTEGER', 'country': 'VARCHAR', 'country_code': 'VARCHAR', 'vote': 'VARCHAR'})`,
    ),
  );
  const sql = `
    SELECT a.id AS a, b.id AS b,
      count(*) AS both,
      count(*) FILTER (WHERE a.vote = b.vote) AS identical,
      count(*) FILTER (WHERE a.vote = b.vote AND a.vote <> 'abstain') AS identical_yes_no,
      count(*) FILTER (WHERE (a.vote = 'yes' AND b.vote = 'no') OR (a.vote = 'no' AND b.vote = 'yes')) AS opposite
    FROM v a JOIN v b ON a.rcid = b.rcid AND a.id < b.id
    GROUP BY a.id, b.id`;
  // The same protocol as Plenary's all-pairs counts below: PAIRS_WARMUP untimed runs, then PAIRS_RUNS.
  let rows: unknown[][] = [];
  for (let i = 0; i < PAIRS_WARMUP; i++) rows = (await connection.runAndReadAll(sql)).getRows();
  const samples: number[] = [];
  for (let i = 0; i < PAIRS_RUNS; i++) {
    const run = await timeAsync(() => connection.runAndReadAll(sql));
    samples.push(run.ms);
    rows = run.value.getRows();
  }
  const pairs = new Map<string, number[]>();
  for (const [a, b, ...counts] of rows) {
    const [x, y] = String(a) < String(b) ? [String(a), String(b)] : [String(b), String(a)];
    pairs.set(
      `${x}|${y}`,
      counts.map((c) => Number(c)),
    );
  }
  connection.closeSync();
  instance.closeSync();
  return { loadMs: load.ms, joinMs: median(samples), joinSamples: samples, pairs };
}

export async function main(): Promise<MatrixBenchResult> {
  const rows: Row[] = [];
  // 1. Load and build. Member ids are the dataset's own keys here, as DuckDB sees them.
  const data = loadUnvotes({ ids: "code" });
  rows.push({ step: "load CSV (node:zlib + reader)", ms: data.loadMs, detail: "3 gzipped files" });
  let matrix: VoteMatrix = buildVoteMatrix(data.input);
  const buildMs = time(() => (matrix = buildVoteMatrix(data.input)), 3, 1);
  rows.push({
    step: "build vote matrix (median of 3)",
    ms: buildMs,
    target: "≤ 1 s",
    ok: buildMs <= 1000,
    detail: `${matrix.members.length} members × ${matrix.rollCalls.length} roll calls, ${matrix.voteCount.toLocaleString("en")} votes`,
  });
  const planesMb = matrix.byteSize / 1e6;
  rows.push({
    step: "matrix memory",
    ms: null,
    value: `${planesMb.toFixed(2)} MB`,
    target: "≤ 50 MB",
    ok: planesMb <= 50,
    detail: "bit planes and active ranges (roll call records aside)",
  });

  // 2. All pairs over the whole record.
  const kernel = defaultKernel();
  const all = {};
  let table = pairCounts(matrix, all);
  const allPairsMs = time(() => (table = pairCounts(matrix, all)), PAIRS_RUNS, PAIRS_WARMUP);
  rows.push({
    step: `all-pairs counts, ${kernel.name} kernel (median of ${PAIRS_RUNS} after ${PAIRS_WARMUP} warm-up)`,
    ms: allPairsMs,
    target: "≤ 20 ms",
    ok: allPairsMs <= 20,
    detail: `${((table.members.length * (table.members.length - 1)) / 2).toLocaleString("en")} pairs; fastest run ${formatMs(lastMin)}`,
  });
  useKernel(jsKernel);
  const jsMs = time(() => pairCounts(matrix, all), 5, 1);
  useKernel(null);
  rows.push({
    step: "all-pairs counts, js kernel (median of 5)",
    ms: jsMs,
    detail: "plain JavaScript, for comparison",
  });
  const fullMs = time(() => agreementMatrix(matrix, all), 5, 1);
  rows.push({
    step: "agreementMatrix with measures and kappa (median of 5)",
    ms: fullMs,
    detail: "JSON-able objects for every pair that met",
  });

  // 3. One pair, whole record.
  const usa = matrix.members.includes("US") ? "US" : matrix.members[0]!;
  const other = matrix.members.includes("GB") ? "GB" : matrix.members[1]!;
  const onePair =
    time(() => {
      for (let i = 0; i < 100; i++) align(matrix, usa, other);
    }, 21) / 100;
  rows.push({
    step: "one pair, whole record (align, 100 × 21 runs)",
    ms: onePair,
    target: "≤ 0.5 ms",
    ok: onePair <= 0.5,
    detail: `${usa}–${other}`,
  });

  // 4. Per-session matrix, every session.
  const perSession: number[] = [];
  for (const session of matrix.sessions) {
    selectionMask(matrix, { session });
    perSession.push(time(() => pairCounts(matrix, { session }), 5, 1));
  }
  const sessionMedian = median(perSession);
  const sessionMax = Math.max(...perSession);
  rows.push({
    step: `per-session all-pairs counts (median over ${perSession.length} sessions)`,
    ms: sessionMedian,
    target: "≤ 2 ms",
    ok: sessionMax <= 2,
    detail: `slowest session ${formatMs(sessionMax)}`,
  });
  const busiest = [...matrix.sessions].sort(
    (x, y) => selectionMask(matrix, { session: y }).count - selectionMask(matrix, { session: x }).count,
  )[0]!;
  const sessionFull = time(() => agreementMatrix(matrix, { session: busiest }), 5, 1);
  rows.push({
    step: `agreementMatrix of session ${busiest} (the most roll calls) with measures`,
    ms: sessionFull,
    detail: `${selectionMask(matrix, { session: busiest }).count} roll calls`,
  });

  // 6. DuckDB, and the check.
  const duck = await duckdb();
  rows.push({ step: "DuckDB: read_csv into a table", ms: duck.loadMs, detail: "gzip read by DuckDB" });
  rows.push({
    step: `DuckDB: all-pairs self-join (median of ${PAIRS_RUNS} after ${PAIRS_WARMUP} warm-up)`,
    ms: duck.joinMs,
  });
  const ratio = duck.joinMs / allPairsMs;
  // With the matrix build counted: the matrix is built from the same parsed votes DuckDB's table holds.
  const ratioWithBuild = duck.joinMs / (buildMs + allPairsMs);
  const ratioWithLoads = (duck.loadMs + duck.joinMs) / (data.loadMs + buildMs + allPairsMs);
  let checked = 0;
  let mismatches = 0;
  const n = table.members.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const o = pairSlot(i, j, n) * table.width;
      const ours = Array.from(table.counts.subarray(o, o + 4));
      const [x, y] = table.members[i]! < table.members[j]! ? [i, j] : [j, i];
      const theirs = duck.pairs.get(`${table.members[x]}|${table.members[y]}`) ?? [0, 0, 0, 0];
      if (ours[0] === 0 && theirs[0] === 0) continue;
      checked++;
      if (ours.some((v, k) => v !== theirs[k])) {
        if (mismatches < 5)
          console.error(`mismatch ${table.members[i]}–${table.members[j]}: ${ours} vs ${theirs}`);
        mismatches++;
      }
    }
  }
  if (checked !== duck.pairs.size) {
    console.error(`DuckDB has ${duck.pairs.size} pairs, Plenary ${checked}`);
    mismatches += Math.abs(duck.pairs.size - checked);
  }
  const ok = mismatches === 0;

  console.log(
    `\nPlenary analysis benchmark — unvotes 0.3.0: ${matrix.rollCalls.length.toLocaleString("en")} roll calls, ` +
      `${matrix.voteCount.toLocaleString("en")} votes, ${matrix.members.length} members\n` +
      `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (timings are wall clock)\n`,
  );
  printTable(rows);
  console.log(
    `\nDuckDB / Plenary (all-pairs counts): ${ratio.toFixed(0)}× — ${formatMs(duck.joinMs)} vs ${formatMs(allPairsMs)}`,
  );
  console.log(
    ok
      ? `check: both engines give identical counts (both, identical, identicalYesNo, opposite) for all ${checked.toLocaleString("en")} pairs`
      : `CHECK FAILED: ${mismatches} pairs differ between DuckDB and Plenary`,
  );
  console.log(
    `with the matrix build counted: ${ratioWithBuild.toFixed(0)}×; from the gzipped CSV on both sides (read + build + query vs read_csv + join): ${ratioWithLoads.toFixed(1)}×`,
  );
  const command = "npm run bench -- analysis";
  const figures: Figure[] = [
    {
      what: `all-pairs agreement counts over the whole record (${((table.members.length * (table.members.length - 1)) / 2).toLocaleString("en")} pairs), on the prebuilt vote matrix; both sides ${PAIRS_WARMUP} warm-up, median of ${PAIRS_RUNS}`,
      figure: formatMs(allPairsMs),
      target: "≤ 20 ms",
      ok: allPairsMs <= 20,
      peer: `DuckDB self-join on its loaded table ${formatMs(duck.joinMs)}: ${ratio.toFixed(0)}× faster; ${ok ? `identical counts for all ${checked.toLocaleString("en")} pairs that met` : `COUNTS DIFFER for ${mismatches} pairs`}`,
      command,
    },
    {
      what: "the same with the vote matrix built first (build + query, from the parsed votes)",
      figure: formatMs(buildMs + allPairsMs),
      peer: `DuckDB self-join ${formatMs(duck.joinMs)}: ${ratioWithBuild.toFixed(0)}× faster; from the gzipped CSV on both sides (read, build, query vs read_csv, join) ${formatMs(data.loadMs + buildMs + allPairsMs)} vs ${formatMs(duck.loadMs + duck.joinMs)}: ${ratioWithLoads.toFixed(1)}×`,
      command,
    },
    {
      what: `build the vote matrix from the parsed votes (${matrix.voteCount.toLocaleString("en")} votes; median of 3)`,
      figure: formatMs(buildMs),
      target: "≤ 1 s",
      ok: buildMs <= 1000,
      command,
    },
    {
      what: "vote matrix memory (bit planes and active ranges)",
      figure: `${planesMb.toFixed(2)} MB`,
      target: "≤ 50 MB",
      ok: planesMb <= 50,
      command,
    },
    {
      what: "one pair over the whole record (align)",
      figure: formatMs(onePair),
      target: "≤ 0.5 ms",
      ok: onePair <= 0.5,
      command,
    },
    {
      what: `per-session all-pairs counts (${perSession.length} sessions)`,
      figure: `${formatMs(sessionMedian)} median, ${formatMs(sessionMax)} slowest`,
      target: "≤ 2 ms",
      ok: sessionMax <= 2,
      command,
    },
  ];
  const result: MatrixBenchResult = {
    ok,
    rows,
    ratio,
    ratioWithBuild,
    ratioWithLoads,
    pairsChecked: checked,
    mismatches,
    protocol: { warmup: PAIRS_WARMUP, runs: PAIRS_RUNS, duckdbJoinMs: duck.joinSamples },
    conditions: conditions(),
    figures,
  };
  try {
    const out = path.resolve(process.cwd(), "bench/out");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "analysis-matrix.json"), JSON.stringify(result, null, 2) + "\n");
  } catch {
    // the JSON copy is a convenience
  }
  if (!ok) process.exitCode = 1;
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
