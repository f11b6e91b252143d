/**
 * A CSV file written for export: rows in batches (each batch one string from csv-stringify's sync API
 * and one write — per-row stream writes spend their time waiting on drains through gzip), optionally
 * gzipped, into a file beside the target that is renamed into place only when complete: a failed
 * export leaves no half file.
 */
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { stringify } from "csv-stringify/sync";

export interface CsvOut {
  write(rows: unknown[][]): Promise<void>;
  /** Ends the file and renames it into place. */
  finish(): Promise<void>;
  /** Ends and removes the partial file. */
  abort(): Promise<void>;
}

/**
 * `strings`: every text field quoted, numbers bare (R's write.csv: the research data's files);
 * `needed`: a field quoted only when it holds a comma, a quote or a line break (the UN Digital Library's).
 */
export type CsvQuoting = "strings" | "needed";

export function openCsvOut(
  file: string,
  header: readonly string[],
  gzip: boolean,
  quoting: CsvQuoting = "strings",
): CsvOut {
  const partial = `${file}.partial-${process.pid}`;
  const out = createWriteStream(partial);
  const gzipped = gzip ? createGzip() : null;
  const sink = gzipped ?? out;
  const done = gzipped
    ? pipeline(gzipped, out)
    : new Promise<void>((resolve, reject) => {
        out.on("finish", resolve);
        out.on("error", reject);
      });
  // Seen where it is awaited (finish), not as an unhandled rejection before.
  done.catch(() => {});
  let first = true;
  const write = async (rows: unknown[][]) => {
    const text = stringify(rows, {
      header: first,
      columns: [...header],
      quoted_string: quoting === "strings",
    });
    first = false;
    // `once` rejects if the stream fails meanwhile (a full disk): never a wait forever.
    if (text && !sink.write(text)) await once(sink, "drain");
  };
  return {
    write,
    async finish() {
      // A file with no rows still gets its header.
      if (first) await write([]);
      sink.end();
      await done;
      renameSync(partial, file);
    },
    async abort() {
      sink.end();
      await done.catch(() => {});
      rmSync(partial, { force: true });
    },
  };
}
