/** Small text formatters shared by the CLI's human output. */
import type { TallyView } from "../data/rollCallView.js";

export { dayBefore, longDate as formatDate } from "../core/dates.js";

const figure = (n: number | null) => (n === null ? "?" : String(n));

export function formatTally(tally: TallyView): string {
  return `${figure(tally.yes)} yes · ${figure(tally.no)} no · ${figure(tally.abstain)} abstain · ${figure(tally.nonVoting)} non-voting`;
}

/** A plain text table: columns padded to their widest cell. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "))
    .join("\n");
}
