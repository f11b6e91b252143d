/**
 * The share cards' drawing: lines fit their box, a card's own text is never under 22 px (a card is shown
 * about a third of its size on a phone), the vote card carries the vote's figures from the record, and
 * every card is a 1200×630 PNG once rendered.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../data/import/index.js";
import { viewRollCall } from "../../data/rollCallView.js";
import { tempStore, type TempStore } from "../../test/tempStore.js";
import { mapInput } from "../pageData/vote.js";
import { articleCard, chartCard, memberCard } from "./cards.js";
import { pngSize, svgToPng } from "./png.js";
import { fit, textWidth, wrap } from "./text.js";
import { voteOutput } from "./outputs.js";

const SHARED = path.resolve(import.meta.dirname, "../../../../shared/data");

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStore();
  await importFiles(temp.store, [path.join(SHARED, "unvotes")]);
});
afterAll(async () => temp?.cleanup());

/** The card's own text elements (not those of a drawing placed in it) and their sizes. */
function ownTexts(svg: string): { size: number; text: string }[] {
  const nested = svg.indexOf("<svg", svg.indexOf("<svg") + 4);
  const own = nested > 0 ? svg.slice(0, nested) + svg.slice(svg.lastIndexOf("</svg>", svg.length - 7)) : svg;
  return [...own.matchAll(/<text[^>]*font-size="(\d+)"[^>]*>([^<]*)<\/text\s*>/g)].map((m) => ({
    size: Number(m[1]),
    text: m[2]!.trim().replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))),
  }));
}

describe("text in a card", () => {
  it("wraps at spaces within the width, cuts the last line with an ellipsis", () => {
    const long =
      "Situation of human rights of Rohingya Muslims and other minorities in Myanmar and the region around it";
    const lines = wrap(long, 600, 28, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(textWidth(line, 28)).toBeLessThanOrEqual(600);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(wrap("Short title", 600, 28, 2)).toEqual(["Short title"]);
    expect(fit("United States of America", 100, 26)).toMatch(/…$/);
    expect(fit("France", 400, 26)).toBe("France");
  });
});

describe("cards", () => {
  it("a vote's card: its symbol, title, outcome and tally from the record, its map; text of 22 px or more", async () => {
    const view = await viewRollCall(temp.store, "A/RES/74/246");
    const svg = voteOutput(view, mapInput(view), "map", "card", "/votes/A/RES/74/246");
    expect(svg).toMatch(
      /^<\?xml[^>]*>\n<svg\s+xmlns="http:\/\/www.w3.org\/2000\/svg"\s+width="1200"\s+height="630"/,
    );
    const texts = ownTexts(svg);
    const words = texts.map((t) => t.text);
    expect(words).toContain("A/RES/74/246");
    expect(words).toContain("Adopted");
    for (const n of [view.tally.yes, view.tally.no, view.tally.abstain]) expect(words).toContain(String(n));
    expect(words).toContain("/votes/A/RES/74/246");
    expect(words.some((w) => w.startsWith("Source: E. Voeten"))).toBe(true);
    for (const t of texts) expect(t.size, t.text).toBeGreaterThanOrEqual(22);
    // The map is the page's drawing, its colours written as attributes.
    expect(svg).toMatch(/<path class="v-N" d="[^"]+"\s+fill="#d55e00"[^>]*data-member="RUS"/);
    expect(pngSize(await svgToPng(svg))).toEqual({ width: 1200, height: 630 });
  });

  it("member, chart and article cards escape their text and keep to 22 px or more", async () => {
    const partner = (id: string, name: string, agreement: number) => ({
      member: { id, name },
      both: 100,
      agreement,
      coincidence: agreement,
      kappa: null,
    });
    const cards = [
      memberCard({
        name: "Côte d’Ivoire <script>",
        kicker: "Member · General Assembly, 2010–2019",
        subtitle: "1,234 votes cast",
        closest: [partner("FRA", "France", 0.9), partner("SEN", "Senegal & co", 0.8)],
        opposed: [partner("USA", "United States", 0.2)],
        permalink: "/members/CIV",
      }),
      chartCard({
        kicker: "Compare",
        title: "A and B",
        figure: "50.0%",
        figureLabel: "agreement over 10 roll calls",
        chart: null,
        chartSize: { width: 440, height: 250 },
        legend: [{ label: "Agreement", colour: "#0b5cad" }],
        permalink: "/compare/A/B",
      }),
      articleCard({
        headline:
          "A headline long enough to wrap over more than one line of the card, and then some more words",
        standfirst: "What the story says in a sentence or two.",
        kicker: "News · Analysis · 1 March 2026",
        permalink: "/news/articles/a",
        vote: null,
      }),
    ];
    for (const svg of cards) {
      expect(svg).not.toContain("<script>");
      for (const t of ownTexts(svg)) expect(t.size, t.text).toBeGreaterThanOrEqual(22);
      expect(pngSize(await svgToPng(svg))).toEqual({ width: 1200, height: 630 });
    }
    expect(cards[0]).toContain("Côte d’Ivoire &#60;script&#62;");
    expect(cards[0]).toContain("Senegal &#38; co");
  });
});
