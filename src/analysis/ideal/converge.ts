/**
 * The estimation's rounds until the ideal points stop moving: each round a Newton step for every roll
 * call, then for every member's chain, then the best affine map of each session's scale (see
 * ../idealPoints.ts). Rounds are ascent steps, so the posterior never decreases.
 *
 * Earlier versions jumped ahead along the direction of the last rounds (Aitken-style, checked by the
 * log posterior: two extra passes over the votes a jump). Once each session's scale is set exactly
 * every round (sessionRescale.ts), the slow directions those jumps chased are gone, and the jumps only
 * cost: on the whole record 16 rounds without them against 23 with them (measured when they were dropped).
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
  let firstLargest = 0;
  const before = new Float64Array(mps);
  while (iterations < maxIterations) {
    iterations++;
    before.set(est.x);
    passes.updateItems();
    passes.updateMembers();
    est.rescale();
    let largest = 0;
    for (let mp = 0; mp < mps; mp++) {
      const dx = Math.abs(est.x[mp]! - before[mp]!);
      if (dx > largest) largest = dx;
    }
    if (options.onRound) {
      firstLargest ||= largest;
      const span = Math.log(firstLargest / tolerance);
      options.onRound(span > 0 ? Math.min(1, Math.max(0, Math.log(firstLargest / largest) / span)) : 1);
    }
    if (largest < tolerance) {
      converged = true;
      break;
    }
  }
  return { iterations, converged };
}
