/**
 * The addresses of what can be shared from a page, in one place (the pages' bars and metadata link them,
 * routes/share.ts serves them):
 *
 * | page | embed | SVG | CSV | card |
 * | --- | --- | --- | --- | --- |
 * | /votes/:symbol | /embed/votes/:symbol/map, …/tally | /charts/votes/:symbol/map.svg, …/tally.svg | /votes/:symbol.csv | /cards/votes/:symbol.png |
 * | /members/:code | /embed/members/:code/partners | /charts/members/:code/partners.svg | …/partners.csv | /cards/members/:code.png |
 * | /compare/:a/:b | /embed/compare/:a/:b/agreement | /charts/compare/:a/:b/agreement.svg | …/agreement.csv | /cards/compare/:a/:b.png |
 * | /blocs/:id | /embed/blocs/:id/cohesion | /charts/blocs/:id/cohesion.svg | …/cohesion.csv | /cards/blocs/:id.png |
 * | /news/articles/:slug | | | | /cards/articles/:slug.png |
 *
 * A member's, pair's or bloc's page read with a period or body (`?body=SC&from=2000`) shares the same
 * query on each address.
 */
import { withQuery } from "../pages/components.js";
import type { ShareTargets } from "../pages/shareBar.js";

export type ShareKind = "votes" | "members" | "compare" | "blocs";

/** The chart each kind embeds (a vote has a second: its tally bar). */
export const CHART_OF: Record<ShareKind, string> = {
  votes: "map",
  members: "partners",
  compare: "agreement",
  blocs: "cohesion",
};

/** The ids as one path (each encoded: a symbol's slashes too). */
export function idsPath(ids: readonly string[]): string {
  return ids.map((id) => encodeURIComponent(id)).join("/");
}

/** The query a shared address keeps: only what the figure reads, in a fixed order. */
export function shareQuery(
  query: Record<string, string | undefined>,
  keys: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = query[key];
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

export function cardPath(
  kind: ShareKind | "articles",
  ids: readonly string[],
  query: Record<string, string> = {},
): string {
  return withQuery(`/cards/${kind}/${idsPath(ids)}.png`, query);
}

export function embedPath(
  kind: ShareKind,
  ids: readonly string[],
  chart = CHART_OF[kind],
  query: Record<string, string> = {},
): string {
  return withQuery(`/embed/${kind}/${idsPath(ids)}/${chart}`, query);
}

export function chartPath(
  kind: ShareKind,
  ids: readonly string[],
  format: "svg" | "csv",
  chart = CHART_OF[kind],
  query: Record<string, string> = {},
): string {
  return withQuery(`/charts/${kind}/${idsPath(ids)}/${chart}.${format}`, query);
}

/** The bar's addresses for a page of `kind` (its canonical path plus the shared query). */
export function shareTargets(
  kind: ShareKind,
  ids: readonly string[],
  page: { path: string; title: string },
  query: Record<string, string> = {},
): ShareTargets {
  const chart = CHART_OF[kind];
  const embeds = [
    {
      label: { votes: "the map", members: "the partners chart", compare: "the chart", blocs: "the chart" }[
        kind
      ],
      path: embedPath(kind, ids, chart, query),
      height: { votes: 560, members: 620, compare: 520, blocs: 520 }[kind],
      title: `${page.title} — Plenary`,
    },
  ];
  if (kind === "votes") {
    embeds.push({
      label: "the tally bar",
      path: embedPath(kind, ids, "tally"),
      height: 200,
      title: `Tally: ${page.title} — Plenary`,
    });
  }
  return {
    permalink: withQuery(page.path, query),
    embeds,
    png: cardPath(kind, ids, query),
    svg: chartPath(kind, ids, "svg", chart, query),
    csv: kind === "votes" ? `${page.path}.csv` : chartPath(kind, ids, "csv", chart, query),
  };
}
