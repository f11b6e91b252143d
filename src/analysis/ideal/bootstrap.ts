/**
 * Bootstrap standard errors over roll calls: each replicate draws as many roll calls as there are, with
 * replacement (a roll call drawn twice counts twice, one not drawn does not count), estimates again and
 * puts the ideal points on the reported scale; a member-session's bootstrap standard error is the
 * standard deviation of its estimates over the replicates.
 *
 * Each replicate starts from the full sample's estimate and takes `rounds` rounds of the estimator (the
 * k-step bootstrap of Davidson & MacKinnon 1999 and Andrews 2002: Newton-type steps from the full
 * estimate reach the replicate's estimate closely enough for its spread; docs/analytics.md shows how
 * close, against replicates run to convergence). The draws come from a generator seeded by the seed and
 * the replicate's number, so a seed gives the same standard errors on any machine and thread count.
 */
import type { Passes } from "./parallel.js";

export interface BootstrapOptions {
  replicates: number;
  seed: number;
  /** Rounds of the estimator per replicate (default 6). */
  rounds?: number;
  onReplicate?: (done: number, total: number) => void;
}

export const DEFAULT_ROUNDS = 6;

/** A 32-bit generator (mulberry32) of uniforms in [0, 1). */
export function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replicate r's draw: how many times each of `items` roll calls was drawn. */
export function drawWeights(items: number, seed: number, replicate: number, out: Float64Array): void {
  const random = uniforms(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(replicate + 1, 0x85ebca77));
  out.fill(0);
  for (let i = 0; i < items; i++) out[Math.floor(random() * items)]! += 1;
}

/**
 * Bootstrap standard errors of every member-period, on the reported scale. `start` is the full
 * sample's estimate on the model's scale (Estimator.snapshot()); `report` turns the estimator's current
 * estimate into the reported scale (orientation and normalisation), as the point estimate was.
 */
export function bootstrapStandardErrors(
  passes: Passes,
  start: Float64Array[],
  report: () => void,
  options: BootstrapOptions,
): Float64Array {
  const est = passes.estimator;
  const mps = est.x.length;
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  // Welford's running mean and sum of squared deviations, per member-period.
  const mean = new Float64Array(mps);
  const squares = new Float64Array(mps);
  const weights = new Float64Array(est.weight.length);
  try {
    for (let r = 0; r < options.replicates; r++) {
      drawWeights(weights.length, options.seed, r, weights);
      est.weight.set(weights);
      est.restore(start);
      for (let round = 0; round < rounds; round++) {
        passes.updateItems();
        passes.updateMembers();
        est.rescale();
      }
      report();
      for (let mp = 0; mp < mps; mp++) {
        const x = est.x[mp]!;
        const delta = x - mean[mp]!;
        mean[mp]! += delta / (r + 1);
        squares[mp]! += delta * (x - mean[mp]!);
      }
      options.onReplicate?.(r + 1, options.replicates);
    }
  } finally {
    est.weight.fill(1);
    est.restore(start);
  }
  const n = options.replicates;
  const se = new Float64Array(mps);
  for (let mp = 0; mp < mps; mp++) se[mp] = n > 1 ? Math.sqrt(squares[mp]! / (n - 1)) : NaN;
  return se;
}
