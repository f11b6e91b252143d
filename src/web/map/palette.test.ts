/** The vote colours pass for the common colour-vision deficiencies, and the site uses them (issue 14, item 7). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { leastDifference, visibleDifference } from "./colourVision.js";
import { MIN_DIFFERENCE, VOTE_COLOURS } from "./palette.js";
import { MAP_LEGEND } from "./worldMap.js";

const CSS = readFileSync(new URL("../../../public/site.css", import.meta.url), "utf8");
const variable = (name: string): string | undefined =>
  new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(CSS)?.[1]?.toLowerCase();

describe("the vote palette", () => {
  it("keeps every two vote colours apart for normal vision, protanopia, deuteranopia and tritanopia", () => {
    const least = leastDifference(VOTE_COLOURS);
    expect(least.difference, `${least.pair.join("/")} under ${least.vision}`).toBeGreaterThanOrEqual(
      MIN_DIFFERENCE,
    );
  });

  it("would have failed with the old red/green map (in favour and against alike under deuteranopia)", () => {
    const old = { Y: "#2e7d32", N: "#c62828", A: "#f2a900", X: "#7d8894", O: "#dfe3e7" };
    expect(leastDifference(old).difference).toBeLessThan(MIN_DIFFERENCE);
    expect(visibleDifference(old.Y, old.N, "deuteranopia")).toBeLessThan(MIN_DIFFERENCE);
  });

  it("tells the two greys apart clearly: non-voting members and territories outside the body", () => {
    expect(visibleDifference(VOTE_COLOURS.X, VOTE_COLOURS.O)).toBeGreaterThan(60);
  });

  it("is the palette site.css paints the map, the swatches and the tally with", () => {
    expect(variable("yes")).toBe(VOTE_COLOURS.Y);
    expect(variable("no")).toBe(VOTE_COLOURS.N);
    expect(variable("abstain")).toBe(VOTE_COLOURS.A);
    expect(variable("absent")).toBe(VOTE_COLOURS.X);
    expect(variable("outside")).toBe(VOTE_COLOURS.O);
    for (const [cls, name] of [
      ["Y", "yes"],
      ["N", "no"],
      ["A", "abstain"],
      ["X", "absent"],
      ["O", "outside"],
    ])
      expect(CSS).toMatch(new RegExp(`rect\\.v-${cls} \\{\\s*fill: var\\(--${name}\\);`));
  });

  it("names every category in words in the legend, the two greys distinctly", () => {
    const labels = new Map(MAP_LEGEND);
    expect(labels.get("X")).toMatch(/non-voting/i);
    expect(labels.get("O")).toMatch(/not a member/i);
    expect(new Set(labels.values()).size).toBe(MAP_LEGEND.length);
  });
});
