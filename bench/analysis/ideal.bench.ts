/**
 * Benchmark of the ideal points on the full research record (../shared/data/unvotes): every session
 * (the dynamic model) in one process, the bootstrap over roll calls (50 replicates, seed 1), the ratio of
 * the bootstrap standard errors to the curvature's, and the k-step replicates against replicates run
 * for 100 rounds (a few replicates; docs/analytics.md).
 *
 *   npm run build && node --import tsx bench/analysis/ideal.bench.ts        (from the repository root)
 *   BENCH_IDEAL_RUNS=1 BENCH_IDEAL_REPLICATES=4 BENCH_IDEAL_KSTEP=0 …   (a quick check of the script)
 *
 * Writes bench/out/ideal.json. `main()` is exported for bench/run.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { conditions, formatMs, median, spread, type Figure } from "../lib/figures.js";
import { requireBuild } from "../lib/processes.js";
import { loadUnvotes } from "./unvotes.js";

const COMMAND = "npm run build && npm run bench -- ideal";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && process.env[name] !== "" && process.env[name] !== undefined
    ? value
    : fallback;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function main(): Promise<{ ok: boolean; figures: Figure[] }> {
  const runs = envNumber("BENCH_IDEAL_RUNS", 3);
  const replicates = envNumber("BENCH_IDEAL_REPLICATES", 50);
  const kStepReplicates = envNumber("BENCH_IDEAL_KSTEP", 3);
  // The compiled code, as `plenary ideal` runs it: its second thread loads the compiled worker (from
  // the TypeScript sources, the worker would first have to load tsx, about 0.25 s, which no user pays).
  requireBuild(ROOT);
  const { idealPoints } = (await import(
    new URL("dist/analysis/idealPoints.js", pathToFileURL(ROOT)).href
  )) as typeof import("../../src/analysis/idealPoints.js");
  const { buildVoteMatrix } = (await import(
    new URL("dist/analysis/matrix.js", pathToFileURL(ROOT)).href
  )) as typeof import("../../src/analysis/matrix.js");
  const data = loadUnvotes({ ids: "code" });
  const matrix = buildVoteMatrix(data.input);
  const positive = matrix.members.includes("US") ? "US" : matrix.members[0]!;

  // 1. Every session, in process, from the matrix (what `plenary ideal` does after loading the matrix).
  const samples: number[] = [];
  let result = idealPoints(matrix, { positive, cache: false });
  samples.length = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = idealPoints(matrix, { positive, cache: false });
    samples.push(performance.now() - started);
  }
  const estimateMs = median(samples);

  // 2. The bootstrap: the estimate and its replicates, timed together.
  const started = performance.now();
  const boot = idealPoints(matrix, { positive, cache: false, bootstrap: { replicates, seed: 1 } });
  const bootMs = performance.now() - started;
  const ratios = boot.points.map((p) => p.bootstrapSe! / p.se).sort((a, b) => a - b);
  const ratioQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(ratios, q));

  // 3. k-step replicates (6 rounds) against replicates run for 100 rounds.
  let kStep: { replicates: number; min: number; median: number; max: number } | null = null;
  if (kStepReplicates >= 2) {
    const options = { positive, cache: false, bootstrap: { replicates: kStepReplicates, seed: 1 } } as const;
    const six = idealPoints(matrix, options);
    const hundred = idealPoints(matrix, { ...options, bootstrap: { ...options.bootstrap, rounds: 100 } });
    const r = six.points
      .map((p, i) => p.bootstrapSe! / hundred.points[i]!.bootstrapSe!)
      .sort((a, b) => a - b);
    kStep = { replicates: kStepReplicates, min: r[0]!, median: quantile(r, 0.5), max: r[r.length - 1]! };
  }

  const what = `${result.sessions.length} sessions, ${result.rollCalls.toLocaleString("en")} contested roll calls, ${result.points.length.toLocaleString("en")} member-sessions`;
  const figures: Figure[] = [
    {
      what: `ideal points, every session (dynamic model; ${what}): the estimate from the vote matrix in one process (the compiled code, dist/, as \`plenary ideal\` runs it), matrix already built (${result.iterations} rounds, ${result.converged ? "converged" : "NOT converged"})`,
      figure: spread(samples),
      target: "≤ 1.5 s",
      ok: estimateMs <= 1500,
      command: COMMAND,
    },
    {
      what: `the same with bootstrap standard errors over roll calls (${replicates} replicates, seed 1, 6 rounds each): estimate and replicates timed together`,
      figure: formatMs(bootMs),
      target: "≤ 15 s",
      ok: bootMs <= 15_000,
      peer: `bootstrap ÷ curvature standard error: median ${ratioQuantiles[2]!.toFixed(2)}, 5th–95th percentile ${ratioQuantiles[0]!.toFixed(2)}–${ratioQuantiles[4]!.toFixed(2)}`,
      command: COMMAND,
    },
  ];
  if (kStep)
    figures.push({
      what: `k-step bootstrap check: standard errors from 6 rounds a replicate ÷ from 100 rounds (${kStep.replicates} replicates)`,
      figure: `${kStep.min.toFixed(3)}–${kStep.max.toFixed(3)} (median ${kStep.median.toFixed(3)})`,
      command: COMMAND,
    });
  // 4. How far the default tolerance stops from the optimum: the same estimate run to a 1e-6 tolerance.
  let accuracy: { tightRounds: number; largest: number; median: number } | null = null;
  if (process.env.BENCH_IDEAL_ACCURACY !== "0") {
    const tight = idealPoints(matrix, { positive, cache: false, tolerance: 1e-6, maxIterations: 5000 });
    const gaps = result.points
      .map((p, i) => Math.abs(p.estimate - tight.points[i]!.estimate))
      .sort((a, b) => a - b);
    accuracy = {
      tightRounds: tight.iterations,
      largest: gaps[gaps.length - 1]!,
      median: quantile(gaps, 0.5),
    };
    figures.push({
      what: `how close the estimate stops to the optimum: |estimate − the estimate run to a 1e-6 tolerance (${tight.iterations} rounds)| over the ${result.points.length.toLocaleString("en")} member-sessions, on the reported scale (sd 1)`,
      figure: `largest ${accuracy.largest.toFixed(4)}, median ${accuracy.median.toFixed(5)}`,
      command: COMMAND,
    });
  }
  const ok = figures.every((f) => f.ok !== false);
  for (const f of figures)
    console.log(
      `${f.what}\n  ${f.figure}${f.target ? `  target ${f.target}: ${f.ok ? "ok" : "SLOW"}` : ""}${f.peer ? `  — ${f.peer}` : ""}`,
    );
  const out = {
    command: COMMAND,
    conditions: conditions(),
    settings: { runs, replicates, kStepReplicates },
    estimateMs: samples,
    bootstrapMs: bootMs,
    ratioQuantiles,
    kStep,
    accuracy,
    figures,
  };
  mkdirSync(path.resolve("bench/out"), { recursive: true });
  writeFileSync(path.resolve("bench/out/ideal.json"), JSON.stringify(out, null, 2) + "\n");
  console.log("written bench/out/ideal.json");
  return { ok, figures };
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
