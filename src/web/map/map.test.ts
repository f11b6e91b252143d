import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { allMembers, findMember, membersOn } from "../../core/members/index.js";
import type { MemberVote } from "../../core/vote.js";
import { councilOn } from "../../core/council/index.js";
import { alpha3OfNumeric, memberForTerritory, numericTable, territoryOfFeature } from "./territories.js";
import { colourShapes, legendCounts, worldMapFigure, worldShapes } from "./worldMap.js";

interface AtlasGeometry {
  id?: string;
  properties: { name: string };
}
const require = createRequire(import.meta.url);
const atlas = require("world-atlas/countries-110m.json") as {
  objects: { countries: { geometries: AtlasGeometry[] } };
};
const geometries = atlas.objects.countries.geometries;

describe("the numeric → alpha-3 table", () => {
  it("maps every member, former member and observer with an ISO code (members.json)", () => {
    const table = new Set(Object.values(numericTable()));
    const missing = allMembers()
      .filter((m) => m.alpha2 !== null)
      .filter((m) => !table.has(m.id))
      .map((m) => m.id);
    expect(missing).toEqual([]);
  });

  it("maps every current member (all have a territory), each code once", () => {
    const current = membersOn("2026-01-01");
    expect(current.length).toBe(193);
    const codes = Object.entries(numericTable());
    for (const member of current) {
      const own = codes.filter(([, id]) => id === member.id);
      expect(own.length, member.id).toBeGreaterThanOrEqual(1);
    }
    for (const [code] of codes) expect(code).toMatch(/^\d{3}$/);
  });

  it("agrees with the atlas's own names: each shape's code and name designate the same member", () => {
    const disagreements: string[] = [];
    for (const g of geometries) {
      if (g.id === undefined) continue;
      const byCode = alpha3OfNumeric(g.id);
      expect(byCode, `${g.id} ${g.properties.name}`).not.toBeNull();
      const byName = findMember(g.properties.name, { date: "2020-01-01" });
      if (byName && byName.id !== byCode)
        disagreements.push(`${g.id} ${g.properties.name}: ${byCode} ≠ ${byName.id}`);
    }
    expect(disagreements).toEqual([]);
  });

  it("accepts numbers and unpadded codes", () => {
    expect(alpha3OfNumeric(840)).toBe("USA");
    expect(alpha3OfNumeric("4")).toBe("AFG");
    expect(alpha3OfNumeric("999")).toBeNull();
  });

  it("attributes every shape of current members to them, and shapes without a code by name", () => {
    const drawn = new Set(worldShapes().map((s) => s.territory));
    // Members big enough for the 1:110m atlas are all drawn.
    for (const id of ["USA", "RUS", "CHN", "BRA", "IND", "NGA", "UKR", "FRA", "DEU", "AUS", "SSD", "MNE"]) {
      expect(drawn.has(id), id).toBe(true);
    }
    expect(territoryOfFeature(undefined, "N. Cyprus")).toBe("CYP");
    expect(territoryOfFeature(undefined, "Kosovo")).toBeNull();
  });
});

describe("which member a territory shows", () => {
  it("follows predecessors and former states", () => {
    expect(memberForTerritory("CHN", "1960-01-01")).toEqual({ member: "TWN", via: "predecessor" });
    expect(memberForTerritory("CHN", "1980-01-01")).toEqual({ member: "CHN", via: "self" });
    expect(memberForTerritory("TWN", "1980-01-01")).toBeNull();
    expect(memberForTerritory("CZE", "1980-01-01")?.member).toBe("CSK");
    expect(memberForTerritory("MNE", "1980-01-01")?.member).toBe("YUG");
    expect(memberForTerritory("KAZ", "1980-01-01")).toEqual({ member: "RUS", via: "formerly-part-of" });
    expect(memberForTerritory("KAZ", "2000-01-01")?.via).toBe("self");
    expect(memberForTerritory("EST", "1980-01-01")).toBeNull();
    expect(memberForTerritory("SSD", "2005-01-01")?.member).toBe("SDN");
    expect(memberForTerritory("GRL", "2005-01-01")).toEqual({ member: "DNK", via: "part-of" });
    expect(memberForTerritory("ESH", "2005-01-01")).toBeNull();
  });
});

describe("map colouring", () => {
  const date = "2025-02-24";
  const votes = new Map<string, MemberVote>([
    ["USA", "N"],
    ["RUS", "N"],
    ["UKR", "Y"],
    ["CHN", "A"],
    ["FRA", "Y"],
  ]);

  it("colours shapes by vote; unknown votes of an incomplete record are U, non-members O", () => {
    const shapes = colourShapes({ body: "GA", date, electorate: membersOn(date).map((m) => m.id), votes });
    const cls = (t: string) => shapes.find((s) => s.territory === t)?.cls;
    expect(cls("USA")).toBe("N");
    expect(cls("UKR")).toBe("Y");
    expect(cls("CHN")).toBe("A");
    expect(cls("BRA")).toBe("U");
    expect(cls("ESH")).toBe("O");
    expect(cls("GRL")).toBe("U"); // Denmark's vote, unknown here
    expect(shapes.find((s) => s.territory === "USA")?.label).toBe("United States: against");
  });

  it("in the Council only its members are coloured", () => {
    const council = councilOn(date).members;
    const shapes = colourShapes({ body: "SC", date, electorate: council, votes });
    const cls = (t: string) => shapes.find((s) => s.territory === t)?.cls;
    expect(cls("USA")).toBe("N");
    expect(cls("UKR")).toBe("O");
    expect(cls("DZA")).toBe("U");
    const counts = legendCounts({ body: "SC", date, electorate: council, votes });
    expect(counts).toMatchObject({ N: 2, Y: 1, A: 1, U: 11 });
  });

  it("renders an accessible SVG without inline styles, hatched unknowns and a legend", () => {
    const svg = worldMapFigure(
      { body: "GA", date, electorate: membersOn(date).map((m) => m.id), votes },
      "A/RES/ES-11/7",
    );
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="map-title">World map: A/RES/ES-11/7</title>');
    expect(svg).toMatch(/class="v-N"[^>]*data-member="USA"/);
    expect(svg).toContain('fill="url(#hatch)"');
    expect(svg).toContain("Against (2)");
    expect(svg.length).toBeLessThan(80_000);
  });
});
