/**
 * The home page's figures: the latest roll calls, and among the recent votes on whole texts
 * (resolutions and drafts) the closest and the most divisive.
 *
 * Recent: the year up to the newest roll call in the record, widened to the latest 250 decided votes
 * when that year holds fewer. Closest: smallest |yes − required| (vetoed drafts left out: the veto, not
 * the count, decided them). Most divisive: largest share of no and abstain among the votes cast.
 */
import type { Catalog, CatalogEntry } from "./catalog.js";

export interface HomeView {
  total: number;
  latest: CatalogEntry[];
  /** The dates the latest list spans (oldest, newest). */
  latestWindow: { from: string; to: string } | null;
  /** The window the rankings cover. */
  window: { from: string; to: string; rollCalls: number } | null;
  closest: CatalogEntry[];
  divisive: CatalogEntry[];
}

const WHOLE_TEXT = new Set(["resolution", "draft"]);

function yearBefore(date: string): string {
  return `${String(Number(date.slice(0, 4)) - 1).padStart(4, "0")}${date.slice(4)}`;
}

export function homeView(
  catalog: Catalog,
  options: { latest?: number; top?: number; minWindow?: number } = {},
): HomeView {
  const top = options.top ?? 8;
  const minWindow = options.minWindow ?? 250;
  const decided = catalog.newestFirst.filter((e) => WHOLE_TEXT.has(e.kind) && e.divisiveness !== null);
  let window: CatalogEntry[] = [];
  if (decided.length) {
    const since = yearBefore(decided[0]!.date);
    window = decided.filter((e) => e.date > since);
    if (window.length < minWindow) window = decided.slice(0, minWindow);
  }
  const closest = window
    .filter((e) => e.margin !== null && e.outcome !== "vetoed")
    .sort((a, b) => Math.abs(a.margin!) - Math.abs(b.margin!) || (a.date < b.date ? 1 : -1))
    .slice(0, top);
  const divisive = [...window]
    .sort((a, b) => b.divisiveness! - a.divisiveness! || (a.date < b.date ? 1 : -1))
    .slice(0, top);
  const latest = catalog.newestFirst.slice(0, options.latest ?? 20);
  return {
    total: catalog.size,
    latest,
    latestWindow: latest.length ? { from: latest.at(-1)!.date, to: latest[0]!.date } : null,
    window: window.length
      ? { from: window[window.length - 1]!.date, to: window[0]!.date, rollCalls: window.length }
      : null,
    closest,
    divisive,
  };
}
