/**
 * The world map of a vote, drawn on the server: Natural Earth shapes (world-atlas, 1:110m) projected
 * once with d3-geo (Equal Earth) into SVG paths — integer coordinates, relative moves, repeated points
 * dropped, about 40 KB for the world — and coloured by class per vote, so the page needs no script and
 * no inline style (the colours live in site.css). Unknown votes are hatched, non-members grey.
 */
import { createRequire } from "node:module";
import { geoEqualEarth, geoPath, type GeoContext, type GeoPermissibleObjects } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Feature, Geometry } from "geojson";
import type { MemberVote } from "../../core/vote.js";
import { getMember, nameOn } from "../../core/members/index.js";
import { html } from "../html.js";
import { VOTE_COLOURS } from "./palette.js";
import { memberForTerritory, territoryOfFeature, type Via } from "./territories.js";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 440;

export interface Shape {
  /** Territory id (alpha-3), or null for a shape Plenary cannot attribute (Kosovo). */
  territory: string | null;
  /** Natural Earth's name of the shape. */
  name: string;
  d: string;
}

/** A path context that writes integer, relative SVG path data and drops repeated points. */
class CompactPath implements GeoContext {
  private out = "";
  private x = 0;
  private y = 0;
  private moved = false;
  moveTo(x: number, y: number): void {
    const rx = Math.round(x);
    const ry = Math.round(y);
    this.out += `M${rx} ${ry}`;
    this.x = rx;
    this.y = ry;
    this.moved = true;
  }
  lineTo(x: number, y: number): void {
    const rx = Math.round(x);
    const ry = Math.round(y);
    const dx = rx - this.x;
    const dy = ry - this.y;
    if (dx === 0 && dy === 0) return;
    this.out += `l${dx}${dy < 0 ? "" : " "}${dy}`;
    this.x = rx;
    this.y = ry;
  }
  closePath(): void {
    if (this.moved) this.out += "z";
  }
  arc(): void {
    // Points (circles) are not drawn: the atlas has only polygons.
  }
  beginPath(): void {
    // Each ring starts with moveTo.
  }
  toString(): string {
    return this.out;
  }
}

let shapes: Shape[] | null = null;

/** The projected shapes, computed once per process. Antarctica is left out (no UN member). */
export function worldShapes(): readonly Shape[] {
  if (shapes) return shapes;
  const require = createRequire(import.meta.url);
  const topology = require("world-atlas/countries-110m.json") as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topology, topology.objects.countries) as unknown as {
    features: Feature<Geometry, { name: string }>[];
  };
  const features = collection.features.filter((f) => f.properties.name !== "Antarctica");
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: "FeatureCollection", features } as GeoPermissibleObjects,
  );
  shapes = features.map((f) => {
    const context = new CompactPath();
    geoPath(projection, context)(f as GeoPermissibleObjects);
    return {
      territory: territoryOfFeature(f.id as string | number | undefined, f.properties.name),
      name: f.properties.name,
      d: context.toString(),
    };
  });
  return shapes;
}

/** Map classes: a vote, `U` unknown (incomplete record), `O` outside (not a member of the body that day). */
export type MapClass = MemberVote | "U" | "O";

export const MAP_LEGEND: [MapClass, string][] = [
  ["Y", "In favour"],
  ["N", "Against"],
  ["A", "Abstaining"],
  ["X", "Non-voting (a member that did not vote)"],
  ["U", "Vote not known (hatched)"],
  ["O", "Not voting in this body (not a member that day)"],
];

export interface MapInput {
  body: "GA" | "SC";
  date: string;
  /** Members entitled to vote that day (the Assembly's membership or the Council). */
  electorate: readonly string[];
  /** Known votes by member (a complete record lists every member, X for non-voting). */
  votes: ReadonlyMap<string, MemberVote>;
}

export interface ColouredShape extends Shape {
  cls: MapClass;
  /** The member whose vote the shape shows, null when none. */
  member: string | null;
  via: Via | null;
  label: string;
}

const VOTE_WORDS: Record<MapClass, string> = {
  Y: "in favour",
  N: "against",
  A: "abstained",
  X: "did not vote",
  U: "vote not known",
  O: "not voting in this body",
};

/** Each shape with the class of the vote it shows on this roll call. */
export function colourShapes(input: MapInput): ColouredShape[] {
  const electorate = new Set(input.electorate);
  return worldShapes().map((shape) => {
    const found = shape.territory ? memberForTerritory(shape.territory, input.date) : null;
    let cls: MapClass = "O";
    if (found && electorate.has(found.member)) cls = input.votes.get(found.member) ?? "U";
    const member = found ? getMember(found.member) : undefined;
    const memberName = member ? nameOn(member, input.date) : null;
    const place = shape.territory ? (getMember(shape.territory)?.name ?? shape.name) : shape.name;
    let label: string;
    if (!found || !memberName) label = `${place}: not a UN member on ${input.date}`;
    else if (found.via === "self") label = `${memberName}: ${VOTE_WORDS[cls]}`;
    else label = `${place} (${memberName}): ${VOTE_WORDS[cls]}`;
    return { ...shape, cls, member: found?.member ?? null, via: found?.via ?? null, label };
  });
}

/** Counts of members per class, for the legend (members, not shapes: small states have no shape). */
export function legendCounts(input: MapInput): Record<MapClass, number> {
  const counts: Record<MapClass, number> = { Y: 0, N: 0, A: 0, X: 0, U: 0, O: 0 };
  for (const id of input.electorate) counts[input.votes.get(id) ?? "U"]++;
  return counts;
}

/** One shape as a compact path element (the map's bulk: no indentation, escaped title). */
function shapePath(s: ColouredShape, standalone: boolean): string {
  const fill = s.cls === "U" ? ' fill="url(#hatch)"' : standalone ? ` fill="${VOTE_COLOURS[s.cls]}"` : "";
  const member = s.member ? html` data-member="${s.member}"` : "";
  return html`<path class="v-${s.cls}" d="${s.d}" !${fill}!${member}><title>${s.label}</title></path>`;
}

/**
 * The map's drawing: an `<svg>` scaled by its viewBox. On the site's pages its colours come from
 * site.css (classes); `standalone` writes them as presentation attributes too, for a drawing that
 * stands on its own (the SVG download, the share card, which no stylesheet reaches).
 */
export function worldMapSvg(
  input: MapInput,
  caption: string,
  options: { standalone?: boolean } = {},
): string {
  const standalone = options.standalone ?? false;
  const coloured = colourShapes(input);
  const paint = (fill: string) => (standalone ? ` fill="${fill}"` : "");
  return html`<svg
    !${standalone ? 'xmlns="http://www.w3.org/2000/svg"' : ""}
    viewBox="0 0 ${String(MAP_WIDTH)} ${String(MAP_HEIGHT)}"
    role="img"
    aria-labelledby="map-title map-desc"
    focusable="false"
  >
    <title id="map-title">World map: ${caption}</title>
    <desc id="map-desc">
      Each member's territory is coloured by its vote. The same votes are listed by member below.
    </desc>
    <defs>
      <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6">
        <rect class="hatch-bg" width="6" height="6" !${paint("#eef0f2")} />
        <path
          class="hatch-line"
          d="M0 6L6 0M-1 1L1 -1M5 7L7 5"
          !${standalone ? 'stroke="#7d8894" stroke-width="1.2"' : ""}
        />
      </pattern>
    </defs>
    <rect class="sea" width="${String(MAP_WIDTH)}" height="${String(MAP_HEIGHT)}" !${paint("#f3f6f9")} />
    !${standalone ? '<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">' : ""}!${coloured.map((s) => shapePath(s, standalone)).join("")}!${standalone ? "</g>" : ""}
  </svg>`;
}

/**
 * The map as an SVG figure with a legend. `caption` names the vote; the accessible alternative is the
 * list of members by vote (`tableHref` links to it: on the same page, or the vote page from an embed).
 */
export function worldMapFigure(input: MapInput, caption: string, tableHref = "#members"): string {
  const counts = legendCounts(input);
  const legend = MAP_LEGEND.filter(([cls]) => cls === "O" || counts[cls] > 0);
  return html`<figure class="world-map">
    !${worldMapSvg(input, caption)}
    <figcaption>
      <ul class="map-legend">
        !${legend.map(
          ([cls, label]) =>
            html`<li>
              <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true">
                <rect class="v-${cls}" width="12" height="12" !${cls === "U" ? 'fill="url(#hatch)"' : ""} />
              </svg>
              ${label}${cls === "O" ? "" : ` (${String(counts[cls])})`}
            </li>`,
        )}
      </ul>
      <p class="note">
        Members too small to draw at this scale are in the <a href="${tableHref}">list by vote</a>. A state
        not yet admitted shows the vote of the member it was part of; pale grey: not a member of this body
        that day; dark grey: a member that did not vote.
      </p>
    </figcaption>
  </figure>`;
}
