/**
 * The estimation's rounds until the ideal points stop moving: each round a Newton step for every roll
 * call, then for every member's chain, then the best shift and scale (see ../idealPoints.ts). Rounds
 * are ascent steps, so the posterior never decreases; the Aitken-style jumps are checked and undone
 * when they would decrease it.
 */
import type { Passes } from "./parallel.js";

export interface ConvergeOptions {
  maxIterations: number;
  tolerance: number;
  /** Called after every round with the share of the way to convergence (0 … 1), for a progress bar. */
  onRound?: (fraction: number) => void;
}

export function converge(
  passes: Passes,
  options: ConvergeOptions,
): { iterations: number; converged: boolean } {
  const est = passes.estimator;
  const mps = est.x.length;
  const { maxIterations, tolerance } = options;
  let iterations = 0;
  let converged = false;
  // Alternating optimisation converges linearly along a nearly fixed direction: when two successive
  // rounds move the estimates the same way, jump ahead along it (Aitken-style extrapolation). After the
  // next round the log posterior is compared with the one before the jump; if it is lower, the jump is
  // undone (and later jumps are shorter).
  let previousChange: Float64Array | null = null;
  let previousNorm = 0;
  let jump: { state: Float64Array[]; logPost: number } | null = null;
  let cap = 20;
  let firstLargest = 0;
  const before = new Float64Array(mps);
  const change = new Float64Array(mps);
  while (iterations < maxIterations) {
    iterations++;
    before.set(est.x);
    passes.updateItems();
    passes.updateMembers();
    est.rescale();
    if (jump !== null) {
      const made = jump;
      jump = null;
      if (passes.logPosterior() < made.logPost) {
        est.restore(made.state);
        cap /= 4;
        previousChange = null;
        continue;
      }
      cap = Math.min(100, cap * 2);
    }
    let largest = 0;
    let norm = 0;
    let dot = 0;
    for (let mp = 0; mp < mps; mp++) {
      const dx = est.x[mp]! - before[mp]!;
      change[mp] = dx;
      largest = Math.max(largest, Math.abs(dx));
      norm += dx * dx;
      if (previousChange) dot += dx * previousChange[mp]!;
    }
    norm = Math.sqrt(norm);
    if (options.onRound) {
      firstLargest ||= largest;
      const span = Math.log(firstLargest / tolerance);
      options.onRound(span > 0 ? Math.min(1, Math.max(0, Math.log(firstLargest / largest) / span)) : 1);
    }
    if (largest < tolerance) {
      converged = true;
      break;
    }
    if (cap >= 2 && previousChange && iterations >= 4 && norm > 0 && previousNorm > 0) {
      const cosine = dot / (norm * previousNorm);
      const ratio = norm / previousNorm;
      if (cosine > 0.95 && ratio < 0.995) {
        const factor = Math.min(cap, ratio / (1 - ratio));
        jump = { state: est.snapshot(), logPost: passes.logPosterior() };
        for (let mp = 0; mp < mps; mp++) est.x[mp]! += factor * change[mp]!;
        previousChange = null;
        continue;
      }
    }
    previousChange = previousChange ?? new Float64Array(mps);
    previousChange.set(change);
    previousNorm = norm;
  }
  return { iterations, converged };
}
