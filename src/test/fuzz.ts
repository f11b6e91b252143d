/**
 * Shared settings for the property-based fuzz tests: a fixed seed and a bounded budget in `npm test`;
 * `npm run fuzz` raises the budget (PLENARY_FUZZ_RUNS) and, with PLENARY_FUZZ_SEED, varies the seed.
 */
import type { Parameters } from "fast-check";

export const FUZZ_RUNS = Number(process.env.PLENARY_FUZZ_RUNS ?? 300);
export const FUZZ_SEED = Number(process.env.PLENARY_FUZZ_SEED ?? 20250224);

export function fuzzParameters<T>(scale = 1): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(FUZZ_RUNS * scale)), endOnFailure: true };
}
