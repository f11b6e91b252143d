/**
 * PostgreSQL's COPY FROM STDIN, for the bulk write of an import: rows encoded in COPY's text format and
 * streamed on the transaction's own client (pg-copy-streams), so they belong to the same transaction.
 * One COPY per table per flush replaces thousands of INSERT round trips.
 */
import type pg from "pg";
import { postgresCopyStreams } from "./drivers.js";

export type CopyValue = string | number | null;

/** Lines per chunk written to the stream: big enough to amortise the writes, small enough to stay flat. */
const LINES_PER_CHUNK = 4096;

const SPECIAL = /[\\\t\n\r]/;

/** One field in COPY's text format: `\N` for null; backslash, tab and line breaks escaped. */
export function copyField(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/** One row: fields separated by tabs, ended by a line break. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += "\t" + copyField(values[i] ?? null);
  return line + "\n";
}

function* chunks(lines: readonly string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += LINES_PER_CHUNK) {
    yield lines.slice(i, i + LINES_PER_CHUNK).join("");
  }
}

/**
 * Streams `lines` (from {@link copyLine}) into `table`. `table` and `columns` are the code's own
 * identifiers, never input: COPY takes no parameters for them.
 */
export async function copyInto(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<void> {
  if (!lines.length) return;
  // Node's stream modules load with the first COPY: a command on SQLite never needs them.
  const [{ Readable }, { pipeline }] = await Promise.all([
    import("node:stream"),
    import("node:stream/promises"),
  ]);
  const stream = client.query(postgresCopyStreams().from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks(lines)), stream);
}
