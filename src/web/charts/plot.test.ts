import { describe, expect, it } from "vitest";
import { chartFigure, dataTable, lineChart, percent, stackedBars } from "./plot.js";

describe("server-side charts", () => {
  const series = [
    {
      label: "United States",
      points: [
        { x: 1990, y: 0.4 },
        { x: 1991, y: null },
        { x: 1992, y: 0.55 },
      ],
    },
    { label: "Russia <b>", points: [{ x: 1990, y: 0.8 }] },
  ];

  it("renders SVG with a title and aria-label and no inline styles or style elements", () => {
    const svg = lineChart(series, {
      title: "Agreement with <script>",
      description: "Share of roll calls voted alike",
      yLabel: "Agreement",
      yDomain: [0, 1],
      yPercent: true,
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toContain("<style");
    expect(svg).not.toContain("<script");
    expect(svg).toContain('role="img"');
    expect(svg).toContain('class="chart chart-wide"');
    expect(svg).toContain('class="chart chart-narrow"');
    expect(svg).toContain("<title>Agreement with &lt;script&gt;</title>");
    expect(svg).toContain("aria-label=");
    expect(svg).toContain("40%");
  });

  it("stacked bars are clean too", () => {
    const svg = stackedBars(
      [
        { x: "1940s", series: "USSR", value: 3 },
        { x: "1950s", series: "USSR", value: 10 },
        { x: "1950s", series: "United States", value: 1 },
      ],
      {
        title: "Vetoes",
        yLabel: "Vetoes",
        seriesOrder: ["USSR", "United States"],
        xOrder: ["1940s", "1950s"],
      },
    );
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).toContain("<rect");
  });

  it("puts the chart in a figure with its data table, escaping values", () => {
    const table = dataTable(
      [{ year: 1990, value: 0.4, who: "<i>x</i>" }],
      [
        { label: "Year", value: (r) => r.year },
        { label: "Agreement", value: (r) => percent(r.value), numeric: true },
        { label: "Who", value: (r) => r.who },
      ],
    );
    const figure = chartFigure({ id: "agreement", caption: "Agreement by year", svg: "<svg></svg>", table });
    expect(figure).toContain("<details>");
    expect(figure).toContain("<summary>Data table</summary>");
    expect(figure).toContain("40.0%");
    expect(figure).toContain("&#60;i&#62;x&#60;/i&#62;");
    expect(figure).toContain('aria-labelledby="agreement-caption"');
  });

  it("titles each dot with its tip, escaped, once: the phone drawing's marks keep empty titles", () => {
    const svg = lineChart(
      [
        {
          label: "A",
          points: [
            { x: 2000, y: 0.5, tip: "A & B, 2000: 50.0% over 40 <roll calls>" },
            { x: 2001, y: null, tip: "none" },
            { x: 2002, y: 0.25, tip: "A & B, 2002: 25.0% over 12 roll calls" },
          ],
        },
      ],
      { title: "T", yLabel: "Share", yDomain: [0, 1], yPercent: true },
    );
    const [wide, narrow] = svg.split('<svg aria-label="T"').slice(1);
    expect(wide).toContain("<circle");
    expect(wide).toContain("<title>A &amp; B, 2000: 50.0% over 40 &lt;roll calls&gt;</title>");
    expect(wide).toContain("<title>A &amp; B, 2002: 25.0% over 12 roll calls</title>");
    // A null value draws no dot, and so has no title.
    expect(wide).not.toContain("<title>none</title>");
    expect(narrow).toContain("<title>T</title>");
    expect(narrow!.match(/<circle[^>]*><title><\/title><\/circle>/g)?.length).toBe(2);
    expect(narrow).not.toContain("A &amp; B");
  });

  it("titles each bar and draws no empty bar", () => {
    const svg = stackedBars(
      [
        { x: "1940s", series: "USSR", value: 3, tip: "USSR, 1940s: 3 vetoes" },
        { x: "1940s", series: "France", value: 0, tip: "France, 1940s: 0 vetoes" },
        { x: "1950s", series: "France", value: 2, tip: "France, 1950s: 2 vetoes" },
      ],
      { title: "Vetoes", yLabel: "Vetoes", seriesOrder: ["USSR", "France"], xOrder: ["1940s", "1950s"] },
    );
    const wide = svg.split("chart-narrow")[0]!;
    expect(
      wide.match(/<rect[^>]*><title>[^<]+<\/title><\/rect>/g)?.map((r) => /<title>([^<]*)</.exec(r)![1]),
    ).toEqual(["USSR, 1940s: 3 vetoes", "France, 1950s: 2 vetoes"]);
  });
});
