/**
 * The values behind each mark, as the server writes them (issue 18, item 4): every dot, bar, tally
 * segment and country carries a <title> with its exact figure and n, read on the real record (unvotes,
 * 1946–2019, and the Council veto list from ../shared/data) through the site's pages and checked against
 * the API's JSON for the same page. The phone drawing of a chart leaves its titles empty (public/charts.js
 * reads the wide drawing's), so a chart's values are written once.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { RESEARCH_RECORD, suiteServer } from "../../test/suiteServer.js";
import { MIN_ROLL_CALLS } from "../../analysis/minimums.js";

const site = suiteServer({ imports: RESEARCH_RECORD });

async function page(url: string) {
  const response = await fetch(site.base + url);
  expect(response.status, url).toBe(200);
  return parseHTML(await response.text()).document;
}

async function api<T>(url: string): Promise<T> {
  const response = await fetch(site.base + url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

type Doc = Awaited<ReturnType<typeof page>>;

/** The titles of a drawing's marks (its elements with a <title> of their own), in document order. */
function markTitles(doc: Doc, svgSelector: string, mark: string): string[] {
  const svg = doc.querySelector(svgSelector);
  expect(svg, svgSelector).not.toBeNull();
  return [...svg!.querySelectorAll(`${mark} > title`)].map((t) => t.textContent ?? "");
}

const pct = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

describe("the value and n of every mark, in the server's SVG", () => {
  it("compare: each charted year's agreement and coincidence with its roll calls; the phone drawing's titles empty", async () => {
    const view = await api<{
      years: { year: number; both: number; agreement: number | null; coincidence: number | null }[];
    }>("/api/compare/USA/RUS");
    const doc = await page("/compare/USA/RUS");
    const wide = markTitles(doc, "#agreement-by-year svg.chart-wide", "circle");
    const charted = view.years.filter((y) => y.both >= MIN_ROLL_CALLS);
    expect(charted.length).toBeGreaterThan(60);
    const expected = [
      ...charted
        .filter((y) => y.agreement !== null)
        .map(
          (y) => `United States – Russia, ${y.year}: ${pct(y.agreement)} agreement over ${y.both} roll calls`,
        ),
      ...charted
        .filter((y) => y.coincidence !== null)
        .map(
          (y) =>
            `United States – Russia, ${y.year}: ${pct(y.coincidence)} coincidence (abstentions left out) over ${y.both} roll calls`,
        ),
    ];
    expect(wide).toEqual(expected);
    // A year the record knows well, spelled out: 1985, from the research record.
    const y1985 = view.years.find((y) => y.year === 1985)!;
    expect(wide).toContain(
      `United States – Russia, 1985: ${pct(y1985.agreement)} agreement over ${y1985.both} roll calls`,
    );
    // The phone drawing: the same marks, titles left empty (the script reads the wide drawing's).
    const narrow = markTitles(doc, "#agreement-by-year svg.chart-narrow", "circle");
    expect(narrow.length).toBe(wide.length);
    expect(narrow.every((t) => t === "")).toBe(true);
    // The drawing's own title stays in both.
    expect(doc.querySelector("#agreement-by-year svg.chart-narrow > title")?.textContent).toBe(
      "Agreement and coincidence of United States and Russia by year",
    );
  });

  it("member: agreement with each chosen member by year, with its roll calls", async () => {
    const view = await api<{
      agreement: {
        series: {
          member: { name: string };
          points: { year: number; agreement: number | null; both: number }[];
        }[];
      };
    }>("/api/members/DEU?with=FRA,POL");
    const doc = await page("/members/DEU?with=FRA,POL");
    const wide = markTitles(doc, "#agreement svg.chart-wide", "circle");
    const expected = view.agreement.series.flatMap((s) =>
      s.points
        .filter((p) => p.both >= MIN_ROLL_CALLS && p.agreement !== null)
        .map(
          (p) =>
            `Germany – ${s.member.name}, ${p.year}: ${pct(p.agreement)} agreement over ${p.both} roll calls`,
        ),
    );
    expect(view.agreement.series.map((s) => s.member.name)).toEqual(["France", "Poland"]);
    expect(wide).toEqual(expected);
  });

  it("bloc: the Agreement Index and the share with the plurality each year, with its roll calls", async () => {
    const view = await api<{
      name: string;
      years: {
        year: number;
        rollCalls: number;
        agreementIndex: number | null;
        majorityShare: number | null;
      }[];
    }>("/api/blocs/NAM");
    const doc = await page("/blocs/NAM");
    const charted = view.years.filter((y) => y.rollCalls >= MIN_ROLL_CALLS);
    const wide = markTitles(doc, "#cohesion svg.chart-wide", "circle");
    expect(wide).toEqual([
      ...charted
        .filter((y) => y.agreementIndex !== null)
        .map(
          (y) =>
            `${view.name}, ${y.year}: Agreement Index ${y.agreementIndex!.toFixed(3)} over ${y.rollCalls} roll calls`,
        ),
      ...charted
        .filter((y) => y.majorityShare !== null)
        .map(
          (y) =>
            `${view.name}, ${y.year}: ${pct(y.majorityShare)} voted with the bloc's plurality, over ${y.rollCalls} roll calls`,
        ),
    ]);
  });

  it("council: each non-empty bar is a seat's vetoes in a decade, of all vetoes cast that decade", async () => {
    const view = await api<{
      vetoes: {
        total: number;
        decades: string[];
        seats: { name: string; vetoes: number; byDecade: Record<string, number> }[];
      };
    }>("/api/council");
    const doc = await page("/council");
    const wide = markTitles(doc, "#vetoes svg.chart-wide", "rect");
    const cast = (d: string) => view.vetoes.seats.reduce((sum, s) => sum + (s.byDecade[d] ?? 0), 0);
    const expected = view.vetoes.seats.flatMap((s) =>
      view.vetoes.decades
        .filter((d) => (s.byDecade[d] ?? 0) > 0)
        .map((d) => {
          const n = s.byDecade[d]!;
          return `${s.name}, ${d}: ${n} ${n === 1 ? "veto" : "vetoes"} of ${cast(d)} cast that decade`;
        }),
    );
    expect(new Set(wide)).toEqual(new Set(expected));
    expect(wide.length).toBe(expected.length);
    // The bars add up to the vetoes the record holds (a draft vetoed by two counts for each).
    const sum = wide.reduce((total, t) => total + Number(/: (\d+) veto/.exec(t)![1]), 0);
    expect(sum).toBe(view.vetoes.seats.reduce((total, s) => total + s.vetoes, 0));
    // No bar without a height is drawn (nothing to see or focus).
    for (const rect of [...doc.querySelectorAll("#vetoes svg.chart-wide rect")])
      expect(rect.getAttribute("height")).not.toBe("0");
  });

  it("vote page: each tally segment's count of the members, and each country's vote on the map", async () => {
    const view = await api<{
      tally: { yes: number; no: number; abstain: number; nonVoting: number | null };
      votes: { member: string; name: string; vote: string }[];
    }>("/api/votes/A%2FRES%2F74%2F246");
    const doc = await page("/votes/A%2FRES%2F74%2F246");
    const t = view.tally;
    const total = t.yes + t.no + t.abstain + (t.nonVoting ?? 0);
    const of = t.nonVoting === null ? "votes cast" : "members";
    expect(markTitles(doc, "figure.tally svg", "rect")).toEqual([
      `In favour: ${t.yes} of ${total} ${of} (${pct(t.yes / total)})`,
      `Against: ${t.no} of ${total} ${of} (${pct(t.no / total)})`,
      `Abstaining: ${t.abstain} of ${total} ${of} (${pct(t.abstain / total)})`,
      `Non-voting: ${t.nonVoting ?? "unknown"}${t.nonVoting === null ? "" : ` of ${total} ${of} (${pct(t.nonVoting / total)})`}`,
    ]);
    expect(total).toBe(view.votes.length);
    const words: Record<string, string> = { Y: "in favour", N: "against", A: "abstained", X: "did not vote" };
    const byMember = new Map(view.votes.map((v) => [v.member, v]));
    let checked = 0;
    for (const shape of [...doc.querySelectorAll("figure.world-map path[data-member]")]) {
      const member = byMember.get(shape.getAttribute("data-member")!);
      const title = shape.querySelector("title")?.textContent ?? "";
      if (!member) continue;
      // The member's own shape reads "Name: vote"; a territory shown with its member, "Place (Name): vote".
      expect(title).toMatch(new RegExp(`(^${member.name}|\\(${member.name}\\)): ${words[member.vote]}$`));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    // The map stays light: under 60 KB of SVG for about 180 shapes and their titles.
    expect(doc.querySelector("figure.world-map")!.outerHTML.length).toBeLessThan(60_000);
  });
});
