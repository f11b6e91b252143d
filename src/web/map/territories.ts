/**
 * Which member a shape on the world map stands for on a given day. The shapes are Natural Earth's
 * (world-atlas), keyed by ISO 3166-1 numeric code; `territories.json` turns those into alpha-3 ids and
 * says which non-member territories are shown with their administering member, and which states were
 * part of a member before their own admission (a Kazakh shape in 1980 shows the USSR's vote).
 */
import { getMember, isMemberOn } from "../../core/members/index.js";
import data from "./territories.json" with { type: "json" };

interface TerritoriesFile {
  numeric: Record<string, string>;
  unnamed: Record<string, string | null>;
  partOf: Record<string, string>;
  formerlyPartOf: Record<string, { member: string; until: string } | string>;
}

const FILE = data as unknown as TerritoriesFile;

/** Alpha-3 id of an ISO 3166-1 numeric code (`840` or 840 → `USA`), null when unknown. */
export function alpha3OfNumeric(code: string | number): string | null {
  const key = typeof code === "number" ? String(code).padStart(3, "0") : code.padStart(3, "0");
  return FILE.numeric[key] ?? null;
}

/** Every numeric code in the table (for tests). */
export function numericTable(): Readonly<Record<string, string>> {
  return FILE.numeric;
}

/** The territory id of an atlas feature: its alpha-3 id, or for shapes without a code the member they belong to. */
export function territoryOfFeature(id: string | number | undefined, name: string): string | null {
  if (id !== undefined && id !== null && String(id) !== "") return alpha3OfNumeric(id);
  const owner = FILE.unnamed[name];
  return owner ?? null;
}

/** How a shape came to show a member's vote. */
export type Via = "self" | "predecessor" | "part-of" | "formerly-part-of";

export interface ShapeMember {
  member: string;
  via: Via;
}

/**
 * The member whose vote a territory shows on `date`: the territory's own member while it is a UN
 * member; else a predecessor member (members.json) that was a member that day; else the member it was
 * part of before its admission (territories.json); else the member administering a non-member
 * territory. Null when none applies (not a UN member that day).
 */
export function memberForTerritory(territory: string, date: string): ShapeMember | null {
  const own = getMember(territory);
  if (own && isMemberOn(own, date)) return { member: own.id, via: "self" };
  if (own) {
    const seen = new Set<string>();
    const queue = [...own.predecessors];
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const predecessor = getMember(id);
      if (!predecessor) continue;
      if (isMemberOn(predecessor, date)) return { member: predecessor.id, via: "predecessor" };
      queue.push(...predecessor.predecessors);
    }
  }
  const former = FILE.formerlyPartOf[territory];
  if (former && typeof former !== "string" && date < former.until) {
    const member = getMember(former.member);
    if (member && isMemberOn(member, date)) return { member: member.id, via: "formerly-part-of" };
  }
  const administrator = FILE.partOf[territory];
  if (administrator) {
    const member = getMember(administrator);
    if (member && isMemberOn(member, date)) return { member: member.id, via: "part-of" };
  }
  return null;
}
