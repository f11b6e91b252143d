/**
 * Charts drawn on the server with Observable Plot into a linkedom document, returned as SVG markup.
 * Plot writes `<style>` elements and `style` attributes for its defaults; the site's CSP forbids inline
 * styles, so they are removed here and their effect lives in site.css (`svg.chart`). Every chart gets a
 * `<title>` and an aria-label, and sits in a figure with its data as a table behind a disclosure.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { html } from "../html.js";

/** Colours for series, in order (distinguishable for common colour-vision deficiencies). */
export const PALETTE = [
  "#0b5cad",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#a16207",
  "#0e7490",
  "#be185d",
  "#4b5563",
];

interface MinimalElement {
  tagName: string;
  children: ArrayLike<MinimalElement>;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  remove(): void;
  querySelectorAll(selector: string): ArrayLike<MinimalElement>;
  insertBefore(node: unknown, before: unknown): void;
  firstChild: unknown;
  outerHTML: string;
}

/**
 * Removes what the CSP would block — `<style>` and `<script>` elements, `style` attributes — and the ARIA
 * labels Plot puts on its groups: inside an `role="img"` chart they are not permitted (the chart has one
 * accessible name; its data table is the accessible detail).
 */
function sanitise(root: MinimalElement): void {
  for (const el of Array.from(root.querySelectorAll("style, script"))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll("[style]"))]) el.removeAttribute("style");
  for (const el of Array.from(root.querySelectorAll("[aria-label], [aria-description], [aria-hidden]"))) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
    el.removeAttribute("aria-hidden");
  }
}

export interface RenderOptions {
  /** Accessible name of the chart (its `<title>` and aria-label). */
  title: string;
  /** A sentence describing what the chart shows (aria-description and `<desc>`). */
  description?: string;
}

/**
 * Renders Plot options to an SVG string without inline styles. `options` are Plot's (marks, scales,
 * width, height …); no legend (pages draw their own in HTML) and no figure wrapper.
 */
export function renderPlot(options: Plot.PlotOptions, render: RenderOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const node = Plot.plot({
    ...options,
    document: document as never,
    className: "plot",
  }) as unknown as MinimalElement;
  sanitise(node);
  const svg =
    node.tagName.toLowerCase() === "svg"
      ? node
      : (node.querySelectorAll("svg")[0] as MinimalElement | undefined);
  if (!svg) return "";
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  svg.removeAttribute("aria-label");
  // Width and height attributes stay (they give the aspect ratio); CSS scales the chart to its column.
  // SVG-namespace elements: linkedom escapes their text (an HTML-namespace <title> it would not).
  const SVG_NS = "http://www.w3.org/2000/svg";
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = render.title;
  if (render.description) {
    const desc = document.createElementNS(SVG_NS, "desc");
    desc.textContent = render.description;
    svg.insertBefore(desc, svg.firstChild);
  }
  svg.insertBefore(title, svg.firstChild);
  // The accessible name is escaped by ghtml (linkedom leaves < and > in attribute values).
  return svg.outerHTML.replace(/^<svg/, html`<svg aria-label="${render.title}"`);
}

export interface TableColumn<Row> {
  label: string;
  value: (row: Row) => string | number | null;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/** A data table (the accessible twin of a chart, or a table on its own); sortable with /assets/tables.js. */
export function dataTable<Row>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
  caption?: string,
): string {
  return html`<div class="table-wrap">
    <table class="data sortable">
      !${
        caption
          ? html`<caption>
              ${caption}
            </caption>`
          : ""
      }
      <thead>
        <tr>
          !${columns.map((c) => html`<th scope="col" class="${c.numeric ? "num" : ""}">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        !${rows.map(
          (row) =>
            html`<tr>
              !${columns.map((c) => {
                const v = c.value(row);
                return html`<td class="${c.numeric ? "num" : ""}">${v === null ? "—" : String(v)}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export interface LegendItem {
  label: string;
  colour: string;
}

/** A legend in HTML: coloured line swatches (presentation attributes, not styles). */
export function legend(items: readonly LegendItem[]): string {
  if (items.length < 2) return "";
  return html`<ul class="chart-legend">
    !${items.map(
      (item) =>
        html`<li>
          <svg class="swatch" viewBox="0 0 16 8" aria-hidden="true">
            <line x1="0" y1="4" x2="16" y2="4" stroke="${item.colour}" stroke-width="3" />
          </svg>
          ${item.label}
        </li>`,
    )}
  </ul>`;
}

/** A chart in a figure: caption, legend, the SVG and its data table behind a disclosure. */
export function chartFigure(parts: {
  id: string;
  caption: string;
  svg: string;
  legend?: string;
  table: string;
  note?: string;
}): string {
  return html`<figure class="chart" id="${parts.id}" aria-labelledby="${parts.id}-caption">
    <figcaption id="${parts.id}-caption">${parts.caption}</figcaption>
    !${parts.legend ?? ""} !${parts.svg} !${parts.note ? html`<p class="note">${parts.note}</p>` : ""}
    <details>
      <summary>Data table</summary>
      !${parts.table}
    </details>
  </figure>`;
}

/** A point of a series; `tip` is what a reader hovering or focusing it reads (the figure and its n). */
export interface Point {
  x: number;
  y: number | null;
  tip?: string;
}

export interface Series {
  label: string;
  points: Point[];
}

/**
 * Lines over years (or any numeric x): one per series, gaps where y is null. `y` formats and bounds
 * come from the caller (a share 0–1, an ideal point …).
 */
export function lineChart(
  series: readonly Series[],
  options: {
    title: string;
    description?: string;
    yLabel: string;
    yDomain?: [number, number];
    yPercent?: boolean;
    width?: number;
    height?: number;
    band?: { x: number; low: number; high: number; label: string }[];
    /** One drawing at `width` × `height` (a share card, a download), not the wide and phone pair. */
    single?: boolean;
  },
): string {
  const rows = series.flatMap((s) =>
    withGaps(s.points).map((p) => ({ series: s.label, x: p.x, y: p.y, tip: p.tip ?? null })),
  );
  const labels = series.map((s) => s.label);
  const marks: Plot.Markish[] = [];
  if (options.band?.length) {
    marks.push(
      Plot.areaY(options.band, {
        x: "x",
        y1: "low",
        y2: "high",
        z: "label",
        fill: PALETTE[0],
        fillOpacity: 0.15,
      }),
    );
  }
  marks.push(
    Plot.ruleY(options.yDomain ? [options.yDomain[0]] : [0]),
    Plot.lineY(rows, { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2, curve: "linear" }),
    Plot.dot(
      rows.filter((r) => r.y !== null),
      {
        x: "x",
        y: "y",
        stroke: "series",
        r: 1.5,
        fill: "series",
        // Each dot's <title>: the value with its n, read on hover without JavaScript and by /assets/charts.js.
        ...(rows.some((r) => r.tip !== null) ? { title: "tip" } : {}),
      },
    ),
  );
  const render = (width: number, height: number, maxTicks: number) =>
    renderPlot(
      {
        width,
        height,
        marginLeft: 48,
        x: {
          label: null,
          tickFormat: "d",
          ticks: yearTicks(
            rows.map((r) => r.x),
            maxTicks,
          ),
        },
        y: {
          label: options.yLabel,
          grid: true,
          ...(options.yDomain ? { domain: options.yDomain } : {}),
          ...(options.yPercent ? { tickFormat: (d: number) => `${Math.round(d * 100)}%` } : {}),
        },
        color: { domain: labels, range: PALETTE.slice(0, Math.max(1, labels.length)) },
        marks,
      },
      { title: options.title, ...(options.description ? { description: options.description } : {}) },
    );
  if (options.single) {
    const width = options.width ?? 720;
    return render(width, options.height ?? 300, width < 500 ? 5 : 11);
  }
  return responsive(render(options.width ?? 720, options.height ?? 300, 11), render(380, 260, 5));
}

/**
 * Two drawings of one chart: a wide one, and a narrow one for phones (where scaling the wide one down
 * would shrink its text below reading size). CSS shows one; the other is display:none, so assistive
 * technology meets the chart once. The marks' titles (each value with its n) are written once, in the
 * wide drawing: the narrow one's marks keep an empty `<title>`, and /assets/charts.js reads the titles of
 * the wide drawing's marks, which come in the same order (same data, same marks). That keeps a chart's
 * weight down; without JavaScript a phone has no hover anyway, and the data table holds every value.
 */
export function responsive(wide: string, narrow: string): string {
  return (
    wide.replace('class="chart"', 'class="chart chart-wide"') +
    narrow.replace('class="chart"', 'class="chart chart-narrow"').replace(MARK_TITLE, "$1<title></title>")
  );
}

/** A mark (dot, bar, shape) and its title, in linkedom's serialisation (titles are escaped: no `<`). */
const MARK_TITLE = /(<(?:circle|rect|path)\b[^>]*>)<title>[^<]*<\/title>/g;

/**
 * Points in x order, with a null after any point followed by a jump of more than one (a year without
 * data), so the line breaks there instead of bridging the gap.
 */
export function withGaps(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const out: Point[] = [];
  sorted.forEach((p, i) => {
    out.push(p);
    const next = sorted[i + 1];
    if (next && Number.isInteger(p.x) && next.x - p.x > 1) out.push({ x: p.x + 1, y: null });
  });
  return out;
}

/** Whole-number ticks (years) at a step of 1, 2, 5, 10, 20 … giving at most `maxTicks` + 1 of them. */
export function yearTicks(xs: readonly number[], maxTicks = 11): number[] {
  if (!xs.length) return [];
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const steps = [1, 2, 5, 10, 20, 25, 50];
  const step = steps.find((s) => (max - min) / s <= maxTicks) ?? 100;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks.length ? ticks : [min];
}

/** Stacked bars: x categories, stacked by series (vetoes by decade and member); `tip` titles each bar. */
export function stackedBars(
  rows: readonly { x: string; series: string; value: number; tip?: string }[],
  options: { title: string; description?: string; yLabel: string; seriesOrder: string[]; xOrder: string[] },
): string {
  const render = (width: number, height: number) =>
    renderPlot(
      {
        width,
        height,
        marginLeft: 40,
        x: {
          label: null,
          domain: options.xOrder,
          tickFormat: (d: string) => (width < 500 ? `’${d.slice(2)}` : d),
        },
        y: { label: options.yLabel, grid: true },
        color: { domain: options.seriesOrder, range: PALETTE.slice(0, options.seriesOrder.length) },
        marks: [
          // Empty bars are left out: nothing to see, nothing to focus.
          Plot.barY(
            rows.filter((r) => r.value !== 0),
            {
              x: "x",
              y: "value",
              fill: "series",
              order: options.seriesOrder,
              ...(rows.some((r) => r.tip) ? { title: (r: { tip?: string }) => r.tip ?? "" } : {}),
            },
          ),
          Plot.ruleY([0]),
        ],
      },
      { title: options.title, ...(options.description ? { description: options.description } : {}) },
    );
  return responsive(render(720, 300), render(380, 260));
}

/** Swatches for filled series (bars). */
export function fillLegend(items: readonly LegendItem[]): string {
  return html`<ul class="chart-legend">
    !${items.map(
      (item) =>
        html`<li>
          <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true">
            <rect width="12" height="12" fill="${item.colour}" />
          </svg>
          ${item.label}
        </li>`,
    )}
  </ul>`;
}

/** Formats a share as a percentage with one decimal (null → "—"). */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;
}
