/**
 * Drawings that stand on their own — the SVG downloads, the share cards, the embeds — besides the ones
 * the pages already draw (the map, Observable Plot's line charts): a member's partners as bars, the tally
 * as a bar with its figures, and `standalone`, which turns a page's chart into an SVG document. Colours
 * are presentation attributes (never `style`), so the same drawing works on a page under the strict CSP
 * and in a file that no stylesheet reaches.
 */
import { html } from "../html.js";
import { dataTable, PALETTE, responsive } from "../charts/plot.js";
import { pct } from "../pages/components.js";
import type { MemberPage } from "../pageData/member.js";
import { VOTE_COLOURS } from "../map/palette.js";
import type { TallyView } from "../../data/rollCallView.js";
import type { PartnerView } from "../pageData/names.js";
import { CARD_FONT } from "./png.js";

export const INK = "#1b1f24";
export const MUTED = "#5b6570";
/** Font families for drawings outside the site's stylesheet (resvg has Inter; browsers fall back). */
export const FONT_FAMILY = `${CARD_FONT}, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;

/**
 * A page's chart (an `<svg>` element as markup) as an SVG document: the namespace, the ink colour and
 * font the site's stylesheet gives it on the page, and a white background.
 */
export function standalone(svg: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg.trim());
  if (!open) throw new Error("not an SVG element");
  let tag = open[0]
    .replace(/\s(class|font-family|font-size|color)="[^"]*"/g, "")
    .replace(/\sxmlns="[^"]*"/, "");
  tag = tag.replace(
    /^<svg/,
    `<svg xmlns="http://www.w3.org/2000/svg" font-family="${FONT_FAMILY}" font-size="11" color="${INK}"`,
  );
  const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(tag);
  if (size && !/\swidth=/.test(tag)) tag = tag.replace(/>$/, ` width="${size[1]}" height="${size[2]}">`);
  const background = size ? `<rect width="${size[1]}" height="${size[2]}" fill="#ffffff"/>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n${tag}${background}${svg.trim().slice(open[0].length)}`;
}

/** A share as a percentage with one decimal ("—" when there is nothing to divide). */
function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

export interface PartnersChartOptions {
  /** The member whose partners these are (the chart's accessible name). */
  name: string;
  /** One drawing of this width (a download, a card), not the wide and phone pair. */
  width?: number;
}

/**
 * A member's closest and most opposed partners as horizontal bars of agreement (0–100%), each labelled
 * with the partner's name and the figure; the numbers are the same as the tables beside it.
 */
export function partnersChart(
  partners: { closest: readonly PartnerView[]; opposed: readonly PartnerView[] },
  options: PartnersChartOptions,
): string {
  const draw = (width: number): string => {
    const labelWidth = width < 500 ? 130 : 190;
    const valueWidth = 52;
    const barWidth = width - labelWidth - valueWidth - 12;
    const row = 20;
    let y = 0;
    const parts: string[] = [];
    const group = (heading: string, rows: readonly PartnerView[], colour: string) => {
      if (!rows.length) return;
      y += 18;
      parts.push(html`<text x="0" y="${String(y)}" font-weight="700" text-anchor="start">${heading}</text>`);
      y += 6;
      for (const r of rows) {
        const share = r.agreement ?? 0;
        const w = Math.max(0, share * barWidth);
        const top = y + 3;
        parts.push(
          html`<g
            ><title>
              ${r.member.name}: ${percent(r.agreement)} agreement over ${String(r.both)} roll calls</title
            ><text x="0" y="${String(y + 14)}" text-anchor="start"
              >${clip(r.member.name, width < 500 ? 20 : 30)}</text
            ><rect
              x="${String(labelWidth)}"
              y="${String(top)}"
              width="${String(barWidth)}"
              height="14"
              fill="#eef0f2"
            /><rect
              x="${String(labelWidth)}"
              y="${String(top)}"
              width="${w.toFixed(1)}"
              height="14"
              fill="${colour}"
            /><text x="${String(width)}" y="${String(y + 14)}" text-anchor="end"
              >${percent(r.agreement)}</text
            ></g
          >`,
        );
        y += row;
      }
      y += 8;
    };
    group("Closest", partners.closest, PALETTE[0]!);
    group("Most opposed", partners.opposed, PALETTE[1]!);
    const height = Math.max(y, 40);
    return html`<svg
      class="chart"
      role="img"
      aria-label="Agreement of ${options.name} with its closest and most opposed partners"
      viewBox="0 0 ${String(width)} ${String(height)}"
      width="${String(width)}"
      height="${String(height)}"
      font-size="11"
      fill="currentColor"
    >
      <title>Agreement of ${options.name} with its closest and most opposed partners</title>
      <desc>Share of the roll calls both voted on where they voted alike.</desc>
      !${parts.join("")}
    </svg>`;
  };
  return options.width ? draw(options.width) : responsive(draw(720), draw(380));
}

/** A name cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const TALLY_PARTS: [keyof TallyView, string, string][] = [
  ["yes", "In favour", VOTE_COLOURS.Y],
  ["no", "Against", VOTE_COLOURS.N],
  ["abstain", "Abstaining", VOTE_COLOURS.A],
  ["nonVoting", "Non-voting", VOTE_COLOURS.X],
];

/** The tally as a bar (segments in proportion, attributes only) at x, y; nothing when unknown. */
export function tallyBarShapes(
  tally: TallyView,
  x: number,
  y: number,
  width: number,
  height: number,
): string {
  const counts = TALLY_PARTS.map(([key]) => tally[key] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total)
    return html`<rect
      x="${String(x)}"
      y="${String(y)}"
      width="${String(width)}"
      height="${String(height)}"
      fill="#eef0f2"
    />`;
  let at = x;
  return TALLY_PARTS.map(([, label, colour], i) => {
    const w = (counts[i]! / total) * width;
    const rect = html`<rect
      x="${at.toFixed(2)}"
      y="${String(y)}"
      width="${w.toFixed(2)}"
      height="${String(height)}"
      fill="${colour}"
      ><title>${label}: ${String(counts[i])}</title></rect
    >`;
    at += w;
    return rect;
  }).join("");
}

/** The tally's figures in words, in order ("141 in favour, 5 against …"; unknown ones said so). */
export function tallyWords(tally: TallyView): [string, string, string][] {
  return TALLY_PARTS.map(([key, label, colour]) => [
    tally[key] === null ? "unknown" : String(tally[key]),
    label.toLowerCase(),
    colour,
  ]);
}

/** The tally as an SVG document: the bar and its four figures (the download behind the tally embed). */
export function tallySvg(tally: TallyView, caption: string): string {
  const width = 720;
  const figures = tallyWords(tally)
    .map(
      ([n, label, colour], i) =>
        html`<rect x="${String(i * 180)}" y="52" width="12" height="12" fill="${colour}" /><text
            x="${String(i * 180 + 18)}"
            y="63"
            >${n} ${label}</text
          >`,
    )
    .join("");
  return standalone(
    html`<svg viewBox="0 0 ${String(width)} 80" role="img" aria-label="Tally: ${caption}">
      <title>Tally: ${caption}</title>
      !${tallyBarShapes(tally, 0, 8, width, 32)}
      <g font-size="13" fill="${INK}">!${figures}</g>
    </svg>`,
  );
}

/**
 * The partners chart in its figure, with its data table — but on the member page, whose tables beside it
 * are the chart's accessible twin (`table: false`).
 */
export function partnersFigure(page: MemberPage, options: { table?: boolean } = {}): string {
  const rows = [
    ...page.partners.closest.map((p) => ({ group: "Closest", ...p })),
    ...page.partners.opposed.map((p) => ({ group: "Most opposed", ...p })),
  ];
  if (!rows.length) return html`<p class="note">No recorded votes to compare.</p>`;
  return html`<figure class="chart" id="partners-chart" aria-labelledby="partners-chart-caption">
    <figcaption id="partners-chart-caption">
      Agreement of ${page.member.name} with its closest and most opposed partners
    </figcaption>
    !${partnersChart(page.partners, { name: page.member.name })}
    !${
      options.table === false
        ? ""
        : html`<details>
            <summary>Data table</summary>
            !${dataTable(rows, [
              { label: "Group", value: (r) => r.group },
              { label: "Member", value: (r) => r.member.name },
              { label: "Agreement", value: (r) => pct(r.agreement), numeric: true },
              { label: "Coincidence", value: (r) => pct(r.coincidence), numeric: true },
              { label: "Roll calls", value: (r) => r.both, numeric: true },
            ])}
          </details>`
    }
  </figure>`;
}
