/**
 * Share cards: what a link to a Plenary page shows on social networks and in chat (og:image,
 * twitter:image) — 1200×630 SVG documents, rendered to PNG by png.ts. Each is made from the drawing its
 * page shows (the vote's map and tally bar, the member's partners, the pair's agreement over time, the
 * bloc's cohesion) with the title, the key figures, the date and a source line, in type sizes that stay
 * readable when the card is shown a third of its size on a phone (nothing under 22 px).
 */
import { html } from "../html.js";
import { MAP_HEIGHT, MAP_WIDTH, worldMapSvg, type MapInput } from "../map/worldMap.js";
import { VOTE_COLOURS } from "../map/palette.js";
import { SOURCE_CREDITS } from "../../data/credits.js";
import { PALETTE } from "../charts/plot.js";
import { CARD_SIZE } from "../pages/components.js";
import type { TallyView } from "../../data/rollCallView.js";
import type { PartnerView } from "../pageData/names.js";
import { FONT_FAMILY, INK, MUTED, tallyBarShapes, tallyWords } from "./figures.js";
import { fit, wrap } from "./text.js";

const W = CARD_SIZE.width;
const H = CARD_SIZE.height;
const PAD = 48;
const ACCENT = "#0b5cad";

export interface CardFrame {
  /** Above the title: what and when ("General Assembly · 2 March 2022"). */
  kicker: string;
  title: string;
  /** Under the title, in smaller type (up to two lines). */
  subtitle?: string | null;
  /** Where the figure goes (below the titles, above the source line) and the markup that fills it. */
  figure: (box: Box) => string;
  /** The source line at the foot. */
  source: string;
  /** The page's address, at the foot on the right. */
  permalink: string;
  /** False: the title names the card (its accessible name) but the figure draws it (an article's). */
  drawTitle?: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function text(x: number, y: number, size: number, content: string, attrs = ""): string {
  return html`<text x="${String(x)}" y="${String(y)}" font-size="${String(size)}" !${attrs}
    >${content}</text
  >`;
}

/** A card: the brand and kicker, the title (one or two lines) and subtitle, the figure, the source line. */
export function card(frame: CardFrame): string {
  const titleLines =
    frame.drawTitle === false ? [] : wrap(frame.title, W - 2 * PAD, 50, frame.subtitle ? 1 : 2, true);
  let y = 70;
  const parts: string[] = [
    html`<rect width="${String(W)}" height="${String(H)}" fill="#ffffff" />`,
    html`<rect width="${String(W)}" height="10" fill="${ACCENT}" />`,
    text(PAD, y, 28, "Plenary", `font-weight="700" fill="${ACCENT}"`),
    text(PAD + 132, y, 26, fit(frame.kicker, W - 2 * PAD - 132, 26), `fill="${MUTED}"`),
  ];
  y += 62;
  for (const line of titleLines) {
    parts.push(text(PAD, y, 50, line, `font-weight="700" fill="${INK}"`));
    y += 58;
  }
  if (frame.subtitle) {
    for (const line of wrap(frame.subtitle, W - 2 * PAD, 28, 2)) {
      parts.push(text(PAD, y - 14, 28, line, `fill="${INK}"`));
      y += 36;
    }
  }
  const footY = H - 28;
  const box = { x: PAD, y: y - 10, width: W - 2 * PAD, height: footY - 40 - (y - 10) };
  parts.push(frame.figure(box));
  parts.push(
    html`<line
      x1="${String(PAD)}"
      y1="${String(footY - 34)}"
      x2="${String(W - PAD)}"
      y2="${String(footY - 34)}"
      stroke="#d9dee3"
      stroke-width="2"
    />`,
  );
  const link = fit(frame.permalink, 420, 22);
  parts.push(text(W - PAD, footY, 22, link, `fill="${ACCENT}" text-anchor="end"`));
  parts.push(text(PAD, footY, 22, fit(frame.source, W - 2 * PAD - 440, 22), `fill="${MUTED}"`));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${html`<svg
    xmlns="http://www.w3.org/2000/svg"
    width="${String(W)}"
    height="${String(H)}"
    viewBox="0 0 ${String(W)} ${String(H)}"
    font-family="${FONT_FAMILY}"
    color="${INK}"
    role="img"
    aria-label="${frame.title}"
  >
    <title>${frame.title}</title>
    !${parts.join("")}
  </svg>`}`;
}

/** A drawing (an `<svg>` with a viewBox) placed in a box, scaled to fit and centred vertically. */
export function placed(svg: string, box: Box, aspect: { width: number; height: number }): string {
  const scale = Math.min(box.width / aspect.width, box.height / aspect.height);
  const width = aspect.width * scale;
  const height = aspect.height * scale;
  const y = box.y + (box.height - height) / 2;
  const markup = svg.trim();
  const open = /^<svg\b[^>]*>/.exec(markup);
  if (!open) throw new Error("not an SVG element");
  const tag = open[0]
    .replace(/\s(width|height|x|y|xmlns)="[^"]*"/g, "")
    .replace(
      /^<svg\b/,
      `<svg x="${box.x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}"`,
    );
  return tag + markup.slice(open[0].length);
}

/** The source line for a list of the record's source ids ("Source: …"), or the site's sources. */
export function sourceLine(sources: readonly string[]): string {
  const credits = SOURCE_CREDITS.filter((c) => sources.includes(c.source));
  if (!credits.length) return "Source: the UN voting record, as Plenary holds it";
  return `Source: ${credits.map((c) => c.footer).join("; ")}`;
}

export interface VoteCardData {
  heading: string;
  title: string;
  kicker: string;
  outcome: string | null;
  tally: TallyView;
  map: MapInput;
  sources: string[];
  permalink: string;
}

/** The big figures beside the map: the outcome, then each count in its colour. */
function tallyColumn(outcome: string | null, tally: TallyView, box: Box): string {
  const parts: string[] = [];
  let y = box.y + 44;
  const outcomeColour = outcome === "adopted" ? VOTE_COLOURS.Y : outcome ? VOTE_COLOURS.N : MUTED;
  parts.push(
    text(
      box.x,
      y,
      40,
      fit(outcome ? capital(outcome) : "Outcome unknown", box.width, 40, true),
      `font-weight="700" fill="${outcomeColour}"`,
    ),
  );
  y += 58;
  for (const [n, label, colour] of tallyWords(tally)) {
    parts.push(
      html`<rect
        x="${String(box.x)}"
        y="${String(y - 24)}"
        width="26"
        height="26"
        rx="4"
        fill="${colour}"
      />`,
    );
    parts.push(text(box.x + 40, y, 34, n, `font-weight="700" fill="${INK}"`));
    parts.push(text(box.x + 40 + Math.max(70, n.length * 22 + 14), y, 28, label, `fill="${INK}"`));
    y += 50;
  }
  return parts.join("");
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A vote's card: the map, the outcome and tally beside it, the tally bar beneath. */
export function voteCard(data: VoteCardData): string {
  return card({
    kicker: data.kicker,
    title: data.heading,
    subtitle: data.title !== data.heading ? data.title : null,
    source: sourceLine(data.sources),
    permalink: data.permalink,
    figure: (box) => {
      const column = 330;
      const barHeight = 26;
      const mapBox = {
        x: box.x,
        y: box.y,
        width: box.width - column - 24,
        height: box.height - barHeight - 18,
      };
      return (
        placed(worldMapSvg(data.map, data.heading, { standalone: true }), mapBox, {
          width: MAP_WIDTH,
          height: MAP_HEIGHT,
        }) +
        tallyColumn(data.outcome, data.tally, {
          x: box.x + box.width - column,
          y: box.y,
          width: column,
          height: box.height,
        }) +
        tallyBarShapes(data.tally, box.x, box.y + box.height - barHeight, box.width, barHeight)
      );
    },
  });
}

export interface MemberCardData {
  name: string;
  kicker: string;
  subtitle: string;
  closest: readonly PartnerView[];
  opposed: readonly PartnerView[];
  permalink: string;
}

/** Partners as two columns of labelled bars (five each). */
function partnerColumns(closest: readonly PartnerView[], opposed: readonly PartnerView[], box: Box): string {
  const half = (box.width - 40) / 2;
  const column = (heading: string, rows: readonly PartnerView[], colour: string, x: number) => {
    const parts = [text(x, box.y + 30, 28, heading, `font-weight="700" fill="${INK}"`)];
    rows.slice(0, 5).forEach((r, i) => {
      const y = box.y + 76 + i * 54;
      const value = r.agreement === null ? "—" : `${Math.round(r.agreement * 100)}%`;
      parts.push(text(x, y, 26, fit(r.member.name, half - 250, 26), `fill="${INK}"`));
      const barX = x + half - 230;
      parts.push(
        html`<rect x="${String(barX)}" y="${String(y - 22)}" width="150" height="26" fill="#eef0f2" />`,
      );
      parts.push(
        html`<rect
          x="${String(barX)}"
          y="${String(y - 22)}"
          width="${((r.agreement ?? 0) * 150).toFixed(1)}"
          height="26"
          fill="${colour}"
        />`,
      );
      parts.push(text(x + half, y, 26, value, `font-weight="700" fill="${INK}" text-anchor="end"`));
    });
    return parts.join("");
  };
  return (
    column("Closest", closest, PALETTE[0]!, box.x) +
    column("Most opposed", opposed, PALETTE[1]!, box.x + half + 40)
  );
}

/** A member's card: its closest and most opposed partners over the page's period. */
export function memberCard(data: MemberCardData): string {
  return card({
    kicker: data.kicker,
    title: data.name,
    subtitle: data.subtitle,
    source: sourceLine([]),
    permalink: data.permalink,
    figure: (box) =>
      data.closest.length || data.opposed.length
        ? partnerColumns(data.closest, data.opposed, box)
        : text(box.x, box.y + 60, 30, "No recorded votes to compare.", `fill="${MUTED}"`),
  });
}

export interface ChartCardData {
  kicker: string;
  title: string;
  /** The headline figure ("21.5%") and what it is ("agreement over 6,759 roll calls"). */
  figure: string;
  figureLabel: string;
  /** The page's chart drawn at `chartSize` (one drawing), or null when there is nothing to draw. */
  chart: string | null;
  chartSize: { width: number; height: number };
  /** The legend: series and colours. */
  legend: { label: string; colour: string }[];
  permalink: string;
}

/** A card with a headline figure on the left and the page's chart on the right (comparison, bloc). */
export function chartCard(data: ChartCardData): string {
  return card({
    kicker: data.kicker,
    title: data.title,
    source: sourceLine([]),
    permalink: data.permalink,
    figure: (box) => {
      const left = 330;
      const parts = [text(box.x, box.y + 96, 84, data.figure, `font-weight="700" fill="${ACCENT}"`)];
      wrap(data.figureLabel, left - 10, 28, 3).forEach((line, i) =>
        parts.push(text(box.x, box.y + 146 + i * 36, 28, line, `fill="${INK}"`)),
      );
      data.legend.forEach((item, i) => {
        const y = box.y + box.height - 20 - (data.legend.length - 1 - i) * 40;
        parts.push(
          html`<rect
            x="${String(box.x)}"
            y="${String(y - 6)}"
            width="34"
            height="6"
            fill="${item.colour}"
          />`,
        );
        parts.push(text(box.x + 46, y, 24, item.label, `fill="${INK}"`));
      });
      if (data.chart) {
        parts.push(
          placed(
            data.chart,
            { x: box.x + left + 10, y: box.y, width: box.width - left - 10, height: box.height },
            data.chartSize,
          ),
        );
      }
      return parts.join("");
    },
  });
}

export interface ArticleCardData {
  headline: string;
  standfirst: string;
  kicker: string;
  permalink: string;
  /** The first vote the story cites, drawn beside the text; null when it cites none. */
  vote: { heading: string; map: MapInput; tally: TallyView; sources: string[] } | null;
}

/** A published story's card: headline and standfirst, beside the map of the first vote it cites. */
export function articleCard(data: ArticleCardData): string {
  const vote = data.vote;
  return card({
    kicker: data.kicker,
    title: data.headline,
    drawTitle: false,
    source: vote ? sourceLine(vote.sources) : "Plenary News: stories from the record of UN votes",
    permalink: data.permalink,
    figure: (box) => {
      const textWidth = vote ? 560 : box.width;
      const parts: string[] = [];
      const headline = wrap(data.headline, textWidth, 46, vote ? 4 : 3, true);
      let y = box.y + 40;
      for (const line of headline) {
        parts.push(text(box.x, y, 46, line, `font-weight="700" fill="${INK}"`));
        y += 54;
      }
      y += 8;
      const room = Math.max(1, Math.floor((box.y + box.height - y) / 36));
      for (const line of wrap(data.standfirst, textWidth, 28, Math.min(room, 4))) {
        parts.push(text(box.x, y, 28, line, `fill="${MUTED}"`));
        y += 36;
      }
      if (vote) {
        const mapBox = {
          x: box.x + textWidth + 30,
          y: box.y + 4,
          width: box.width - textWidth - 30,
          height: 240,
        };
        parts.push(
          placed(worldMapSvg(vote.map, vote.heading, { standalone: true }), mapBox, {
            width: MAP_WIDTH,
            height: MAP_HEIGHT,
          }),
        );
        const barY = mapBox.y + 250;
        parts.push(tallyBarShapes(vote.tally, mapBox.x, barY, mapBox.width, 22));
        const words = tallyWords(vote.tally);
        parts.push(
          text(
            mapBox.x,
            barY + 60,
            26,
            fit(vote.heading, mapBox.width, 26, true),
            `font-weight="700" fill="${INK}"`,
          ),
        );
        parts.push(
          text(
            mapBox.x,
            barY + 96,
            24,
            fit(
              words
                .slice(0, 3)
                .map(([n, label]) => `${n} ${label}`)
                .join(" · "),
              mapBox.width,
              24,
            ),
            `fill="${INK}"`,
          ),
        );
      }
      return parts.join("");
    },
  });
}
