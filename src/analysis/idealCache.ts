/**
 * The ideal points of the whole record (every Assembly session, the dynamic model, the United States
 * positive) in the store's analysis cache, per data version and estimator code (derived.ts): estimated
 * once — by `plenary ideal` or by the web server in the background — and then read by every command,
 * page and API call until an import changes the votes. One entry: the latest estimate, with its
 * bootstrap when one was made (it serves a request without a bootstrap too).
 */
import type { Store } from "../data/store/index.js";
import { readDerived, writeDerived, type DerivedKind } from "./derived.js";
import type { IdealPointsResult } from "./idealPoints.js";

export const IDEAL_POINTS: DerivedKind = {
  key: "ideal-points",
  format: 1,
  code: [
    "analysis/idealPoints",
    "analysis/ideal",
    "analysis/matrix",
    "analysis/selection",
    "analysis/fromStore",
  ],
};

/** The bootstrap the web server makes, and `plenary ideal --bootstrap` without a number. */
export const DEFAULT_BOOTSTRAP = { replicates: 50, seed: 1 } as const;

export interface BootstrapRequest {
  replicates: number;
  seed: number;
}

/**
 * The cached estimate of data version `dataVersion`, if there is one — and, when `bootstrap` is asked
 * for, only if it carries that bootstrap (same replicates and seed).
 */
export async function readIdealPoints(
  store: Store,
  dataVersion: number,
  bootstrap: BootstrapRequest | null = null,
): Promise<IdealPointsResult | null> {
  const stored = await readDerived(store, IDEAL_POINTS, dataVersion);
  if (!stored.content) return null;
  const result = stored.content.json as IdealPointsResult;
  if (
    bootstrap &&
    (result.bootstrap?.replicates !== bootstrap.replicates || result.bootstrap?.seed !== bootstrap.seed)
  ) {
    return null;
  }
  return result;
}

/** Stores the whole record's estimate of data version `dataVersion` (see writeDerived). */
export function writeIdealPoints(
  store: Store,
  dataVersion: number,
  result: IdealPointsResult,
): Promise<boolean> {
  return writeDerived(store, IDEAL_POINTS, dataVersion, result);
}
