/**
 * The vote colours (issue 14, item 7), from Okabe and Ito's palette for colour-blind readers: blue for
 * in favour, vermillion for against, yellow for abstaining, near-black for a member that did not vote and
 * pale grey for a territory not voting in this body; an unknown vote is hatched. public/site.css uses
 * exactly these (palette.test.ts checks it), and every category is named in words beside its colour.
 * No two differ by less than MIN_DIFFERENCE (CIE76 ΔE) for normal vision, protanopia, deuteranopia or
 * tritanopia (colourVision.ts).
 */
import type { MapClass } from "./worldMap.js";

export const VOTE_COLOURS: Readonly<Record<Exclude<MapClass, "U">, string>> = {
  Y: "#0072b2",
  N: "#d55e00",
  A: "#f5d547",
  X: "#3d3d3d",
  O: "#eceff1",
};

/** The least colour difference between two vote colours, for every kind of colour vision checked. */
export const MIN_DIFFERENCE = 20;
