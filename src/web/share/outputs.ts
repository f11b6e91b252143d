/**
 * What a page's figure becomes when shared — its embed (HTML), the figure alone (SVG), the data behind it
 * (CSV) and the share card (SVG, rendered to PNG by the route) — for each kind of page. The heavy kinds
 * (member, comparison, bloc) run in the view worker like their pages (pageData/heavyViews.ts); a vote's
 * run where its page does.
 */
import { html } from "../html.js";
import { PALETTE } from "../charts/plot.js";
import { pct, tallyBar, outcomeBadge } from "../pages/components.js";
import { dateText } from "../../data/approximations.js";
import type { RollCallView } from "../../data/rollCallView.js";
import type { MapInput } from "../map/worldMap.js";
import { worldMapFigure, worldMapSvg } from "../map/worldMap.js";
import type { MemberPage } from "../pageData/member.js";
import type { CompareView } from "../pageData/compare.js";
import type { BlocView } from "../pageData/bloc.js";
import { agreementChart, agreementFigure, compareBodyLabel } from "../pages/compare.js";
import { blocBodyLabel, cohesionChart, cohesionFigure } from "../pages/blocs.js";
import { articleCard, chartCard, memberCard, voteCard } from "./cards.js";
import { agreementCsv, cohesionCsv, partnersCsv } from "./csv.js";
import { embedPage } from "./embedPage.js";
import { idsPath } from "./paths.js";
import { withQuery } from "../pages/components.js";
import { partnersChart, partnersFigure, standalone, tallySvg } from "./figures.js";

export type ShareFormat = "embed" | "svg" | "csv" | "card";

export const SHARE_TYPES: Record<ShareFormat, string> = {
  embed: "text/html; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  card: "image/svg+xml; charset=utf-8",
};

const CARD_CHART = { width: 440, height: 250 };

/** The page a shared figure comes from: its path with the query the figure read. */
export function sharedPath(
  kind: "members" | "compare" | "blocs",
  ids: readonly string[],
  query: Record<string, string>,
): string {
  return withQuery(`/${kind}/${idsPath(ids)}`, query);
}

function bodyName(body: string): string {
  return body === "GA" ? "General Assembly" : body === "SC" ? "Security Council" : "both bodies";
}

/** A vote's heading: its document's symbol, else its title (as the vote page). */
export function voteHeading(view: RollCallView): string {
  return view.documentSymbol ?? (view.symbol && !view.symbolNote ? view.symbol : view.title);
}

function voteKicker(view: RollCallView): string {
  return `${view.bodyName}${view.session ? ` · session ${view.session}` : ""} · ${dateText(view.date, view.datePrecision)}`;
}

function sourcesOf(view: RollCallView): string[] {
  return [...new Set(view.sources.map((s) => s.source))];
}

/** A vote's map or tally as an embed, an SVG document or a card. */
export function voteOutput(
  view: RollCallView,
  map: MapInput,
  chart: "map" | "tally",
  format: Exclude<ShareFormat, "csv">,
  permalink: string,
): string {
  const heading = voteHeading(view);
  if (format === "card") {
    return voteCard({
      heading,
      title: view.title,
      kicker: voteKicker(view),
      outcome: view.outcome,
      tally: view.tally,
      map,
      sources: sourcesOf(view),
      permalink,
    });
  }
  if (format === "svg") {
    return chart === "map"
      ? standalone(worldMapSvg(map, heading, { standalone: true }))
      : tallySvg(view.tally, heading);
  }
  return embedPage({
    title: heading === view.title ? heading : `${heading}: ${view.title}`,
    kicker: voteKicker(view),
    figure:
      chart === "map"
        ? worldMapFigure(map, heading, `${permalink}#members`)
        : html`<p>!${outcomeBadge(view.outcome, view.undecided)}</p>
            !${tallyBar(view.tally)}`,
    permalink,
    sources: sourcesOf(view),
  });
}

/** A vote's card data for an article's card (the first vote it cites). */
export function articleVote(view: RollCallView, map: MapInput) {
  return { heading: voteHeading(view), map, tally: view.tally, sources: sourcesOf(view) };
}

export { articleCard };

/** A member's partners. */
export function memberOutput(page: MemberPage, format: ShareFormat, permalink: string): string {
  const m = page.member;
  const { body, from, to } = page.period;
  const period = `${bodyName(body)}, ${from}–${to}`;
  if (format === "csv") return partnersCsv(page);
  if (format === "card") {
    return memberCard({
      name: m.name,
      kicker: `Member · ${period}`,
      subtitle: `${page.votesCast.all.total.toLocaleString("en")} votes cast · agreement with its closest and most opposed partners over ${page.partners.rollCalls.toLocaleString("en")} roll calls`,
      closest: page.partners.closest,
      opposed: page.partners.opposed,
      permalink,
    });
  }
  if (format === "svg") return standalone(partnersChart(page.partners, { name: m.name, width: 720 }));
  return embedPage({
    title: `${m.name}: closest and most opposed`,
    kicker: `${period} · agreement over ${page.partners.rollCalls} roll calls`,
    figure: partnersFigure(page),
    permalink,
  });
}

/** A pair's agreement over time. */
export function compareOutput(view: CompareView, format: ShareFormat, permalink: string): string {
  const title = `${view.a.name} and ${view.b.name}`;
  if (format === "csv") return agreementCsv(view);
  if (format === "card") {
    return chartCard({
      kicker: `Compare · ${compareBodyLabel(view)} · ${yearSpan(view.years.map((y) => y.year))}`,
      title,
      figure: pct(view.overall.agreement),
      figureLabel: `agreement over ${view.overall.both.toLocaleString("en")} roll calls both voted on`,
      chart: view.years.length ? agreementChart(view, CARD_CHART) : null,
      chartSize: CARD_CHART,
      legend: [
        { label: "Agreement", colour: PALETTE[0]! },
        { label: "Coincidence", colour: PALETTE[1]! },
      ],
      permalink,
    });
  }
  if (format === "svg") return standalone(agreementChart(view, { width: 720, height: 300 }));
  return embedPage({
    title: `${title}: agreement over time`,
    kicker: `${compareBodyLabel(view)} · ${pct(view.overall.agreement)} agreement over ${view.overall.both.toLocaleString("en")} roll calls`,
    figure: agreementFigure(view),
    permalink,
  });
}

/** A bloc's cohesion. */
export function blocOutput(view: BlocView, format: ShareFormat, permalink: string): string {
  if (format === "csv") return cohesionCsv(view);
  const index = view.overall.agreementIndex === null ? "—" : view.overall.agreementIndex.toFixed(2);
  if (format === "card") {
    return chartCard({
      kicker: `Bloc · ${blocBodyLabel(view)} · ${yearSpan(view.years.map((y) => y.year))}`,
      title: view.name,
      figure: index,
      figureLabel: `Agreement Index over ${view.overall.rollCalls.toLocaleString("en")} roll calls (1: all alike)`,
      chart: view.years.length ? cohesionChart(view, CARD_CHART) : null,
      chartSize: CARD_CHART,
      legend: [
        { label: "Agreement Index", colour: PALETTE[0]! },
        { label: "With the plurality", colour: PALETTE[1]! },
      ],
      permalink,
    });
  }
  if (format === "svg") return standalone(cohesionChart(view, { width: 720, height: 300 }));
  return embedPage({
    title: `Cohesion of the ${view.name}`,
    kicker: `${blocBodyLabel(view)} · Agreement Index ${index} over ${view.overall.rollCalls.toLocaleString("en")} roll calls`,
    figure: cohesionFigure(view),
    permalink,
  });
}

function yearSpan(years: readonly number[]): string {
  if (!years.length) return "no shared votes";
  return years[0] === years[years.length - 1] ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
}
