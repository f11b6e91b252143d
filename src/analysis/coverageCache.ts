/**
 * The record's coverage (data/coverage.ts) in the store's analysis cache, per data version and code
 * (derived.ts). Working it out reads a row per roll call and walks every session's numbering — about a
 * quarter of a second on the whole record — and `align`, `partners` and every server start show it, so
 * it is worked out once per data version and read in one go after that.
 *
 * The "since the last update" gap depends on the day as well as on the data, so the entry is labelled
 * with the day it was worked out on, and a new day works it out afresh (once).
 */
import { storeCoverage, type Coverage } from "../data/coverage.js";
import type { Store } from "../data/store/index.js";
import { readDerived, writeDerived, type DerivedKind } from "./derived.js";

export const COVERAGE: DerivedKind = { key: "coverage", format: 1, code: ["data/coverage"] };

interface Entry {
  today: string;
  coverage: Coverage;
}

/** The coverage of what `store` holds as of `today` (ISO date): from the cache, or worked out and stored. */
export async function cachedCoverage(store: Store, today: string): Promise<Coverage> {
  const version = await store.dataVersion();
  const stored = await readDerived(store, COVERAGE, version);
  const entry = stored.content?.json as Entry | undefined;
  if (entry && entry.today === today) return entry.coverage;
  const coverage = await storeCoverage(store, today);
  await writeDerived(store, COVERAGE, version, { today, coverage } satisfies Entry);
  return coverage;
}
