/**
 * The real excerpt of the UN Digital Library's Security Council voting CSV (../shared/data/undl-excerpts,
 * never copied into the repository), read by the tests' own few lines of CSV: the facts the importer and
 * the exporter are checked against are counted here from the raw file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { rawCsvRows } from "./rawCsv.js";

export const UNDL_SC_EXCERPT = path.resolve(
  process.cwd(),
  "../shared/data/undl-excerpts/sc_voting_2026_02_06_excerpt.csv",
);

/** The day the People's Republic took the China seat (A/RES/2758 (XXVI)). */
export const CHINA_SEAT_CHANGE = "1971-10-25";

/** One resolution of the excerpt: its rows in file order and the counts of its votes. */
export interface ExcerptResolution {
  undlId: string;
  /** The first row (the shared fields are the same on every row; the file's own check). */
  first: Record<string, string>;
  rows: Record<string, string>[];
  counted: { Y: number; N: number; A: number; X: number };
}

/** The header, then the rows as written. */
export function excerptText(): string {
  return readFileSync(UNDL_SC_EXCERPT, "utf8");
}

export function excerptRows(): Record<string, string>[] {
  return rawCsvRows(excerptText(), UNDL_SC_EXCERPT);
}

/** The resolutions, in the file's order. */
export function excerptResolutions(): ExcerptResolution[] {
  const byId = new Map<string, ExcerptResolution>();
  for (const row of excerptRows()) {
    const id = row.undl_id!;
    let resolution = byId.get(id);
    if (!resolution) {
      resolution = { undlId: id, first: row, rows: [], counted: { Y: 0, N: 0, A: 0, X: 0 } };
      byId.set(id, resolution);
    }
    resolution.rows.push(row);
    resolution.counted[row.ms_vote as "Y" | "N" | "A" | "X"]++;
  }
  return [...byId.values()];
}
