/**
 * The end of an import (`plenary import`, `plenary sync`): derive what every command and server start
 * reads whole — the vote matrix, the catalog of roll calls and the coverage — for the new data, and store it, so the
 * next `plenary align` or `plenary serve` reads it in one go instead of deriving it (about two seconds
 * for the whole record). Ideal points are left to the first reader (`plenary ideal`, or the server in
 * the background): they take longer, and not every store needs them.
 */
import { refreshAnalysisCache } from "../../analysis/fromStore.js";
import { cachedCoverage } from "../../analysis/coverageCache.js";
import type { Store } from "../../data/store/index.js";
import { loadCatalogCached } from "./catalog.js";

export async function refreshDerivedData(store: Store): Promise<void> {
  const { matrix, dataVersion } = await refreshAnalysisCache(store);
  await loadCatalogCached(store, matrix, dataVersion);
  await cachedCoverage(store, new Date().toISOString().slice(0, 10));
}
