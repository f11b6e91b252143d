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
});
