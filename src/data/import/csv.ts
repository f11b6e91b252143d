/**
 * A streaming CSV reader (RFC 4180: `,` separated, `"` quoted, `""` an escaped quote, CRLF or LF),
 * written for speed on large files: the text is scanned once, records come out in batches (one batch
 * per input chunk) with the line each starts on. A quoted field left open or followed by anything but a
 * separator is a broken quote: a BAD_FILE error naming the file and line.
 */
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import type { TextInput } from "./input.js";
import { matchHeader, unknownHeaderError, type CsvLayout } from "./layouts.js";

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on (the header is line 1). */
  line: number;
  /** The record's text (with CsvParserOptions.raw). */
  raw?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** A record longer than this is a quote left open, not data. */
const MAX_RECORD_CHARS = 1 << 22;

export interface CsvParserOptions {
  /**
   * Called with the first record (the header). May return which columns to read: the others come out
   * as "" without being copied — most of a UN DL row is the roll call's title, agenda and subjects,
   * needed once per roll call, not once per member (`raw` gives the whole record when it is needed).
   */
  onHeader?: (fields: string[]) => readonly boolean[] | undefined;
  /** Keep each record's text in `raw`. */
  raw?: boolean;
}

function countLinesIn(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i !== -1 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

export class CsvParser {
  /** The line the next record starts on. */
  line = 1;
  private carry = "";
  private rest: { text: string; pos: number } | null = null;
  private keep: readonly boolean[] | undefined;
  private sawHeader = false;

  constructor(
    private readonly file: string,
    private readonly options: CsvParserOptions = {},
  ) {}

  private broken(line: number, message: string): PlenaryError {
    return new PlenaryError("BAD_FILE", `${this.file}:${line}: ${message}`, {
      file: this.file,
      line,
      help: "The file is damaged (a quote left open or misplaced): fetch it again or fix that line.",
    });
  }

  /** Parses `chunk` (appended to what was left over); pushes complete records to `out`. */
  push(chunk: string, out: CsvRecord[], limit = Infinity): void {
    const text = this.carry ? this.carry + chunk : chunk;
    this.carry = "";
    this.parse(text, 0, out, false, limit);
  }

  /** Whether the last chunk has records left (push or resume stopped at its limit). */
  get pending(): boolean {
    return this.rest !== null;
  }

  /** Reads on in the last chunk, up to `limit` more records. */
  resume(out: CsvRecord[], limit = Infinity): void {
    const rest = this.rest;
    if (!rest) return;
    this.rest = null;
    this.parse(rest.text, rest.pos, out, false, limit);
  }

  /** The end of the input: the last record may lack its line break. */
  end(out: CsvRecord[]): void {
    while (this.rest) this.resume(out);
    if (this.carry) {
      const text = this.carry;
      this.carry = "";
      this.parse(text, 0, out, true, Infinity);
    }
  }

  private emit(
    out: CsvRecord[],
    fields: string[],
    line: number,
    s: string,
    start: number,
    end: number,
  ): void {
    const record: CsvRecord = { fields, line };
    if (this.options.raw) {
      let stop = end;
      if (stop > start && s.charCodeAt(stop - 1) === CR) stop--;
      record.raw = s.slice(start, stop);
    }
    out.push(record);
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.keep = this.options.onHeader?.(fields);
    }
  }

  private parse(s: string, from: number, out: CsvRecord[], final: boolean, limit: number): void {
    const len = s.length;
    let pos = from;
    let line = this.line;
    /** The next line break at or after `pos` (-1: none), for counting lines in quoted fields. */
    let nl = -2;
    records: while (pos < len) {
      if (out.length >= limit) {
        // Enough for one batch: the rest of this text is read by resume().
        this.rest = { text: s, pos };
        this.line = line;
        return;
      }
      const start = pos;
      const startLine = line;
      const fields: string[] = [];
      for (;;) {
        const keep = this.keep === undefined || this.keep[fields.length] !== false;
        if (s.charCodeAt(pos) === QUOTE) {
          // Quoted field: runs to a quote not followed by another quote.
          let value: string | null = keep ? null : "";
          let p = pos + 1;
          let closed = -1;
          for (;;) {
            const q = s.indexOf('"', p);
            if (q === -1) break;
            if (q + 1 < len && s.charCodeAt(q + 1) === QUOTE) {
              if (keep) value = value === null ? s.slice(p, q + 1) : value + s.slice(p, q + 1);
              p = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) break;
            if (keep) value = value === null ? s.slice(p, q) : value + s.slice(p, q);
            closed = q;
            break;
          }
          if (closed === -1 || value === null) {
            if (final) throw this.broken(startLine, "a quoted field is never closed (unterminated quote).");
            this.keep_(s, start, startLine);
            return;
          }
          // Line breaks inside the field: found from the next line break (one search per record).
          if (nl === -2 || (nl !== -1 && nl < pos)) nl = s.indexOf("\n", pos);
          if (nl !== -1 && nl < closed) line += countLinesIn(s, pos + 1, closed);
          fields.push(value);
          const next = closed + 1;
          if (next >= len) {
            // final: the file ends right after the closing quote.
            this.emit(out, fields, startLine, s, start, len);
            pos = len;
            break records;
          }
          const c = s.charCodeAt(next);
          if (c === COMMA) {
            pos = next + 1;
            if (pos >= len && !final) {
              this.keep_(s, start, startLine);
              return;
            }
            if (pos >= len) {
              fields.push("");
              this.emit(out, fields, startLine, s, start, len);
              break records;
            }
            continue;
          }
          if (c === LF || (c === CR && next + 1 < len && s.charCodeAt(next + 1) === LF)) {
            pos = c === LF ? next + 1 : next + 2;
            line++;
            this.emit(out, fields, startLine, s, start, next);
            continue records;
          }
          if (c === CR && next + 1 >= len && !final) {
            this.keep_(s, start, startLine);
            return;
          }
          throw this.broken(
            startLine,
            `unexpected text after a closing quote in field ${fields.length} (a broken quote).`,
          );
        }
        // Unquoted field: runs to the next comma or line end.
        let i = pos;
        let c = 0;
        while (i < len) {
          c = s.charCodeAt(i);
          if (c === COMMA || c === LF) break;
          i++;
        }
        if (i >= len && !final) {
          this.keep_(s, start, startLine);
          return;
        }
        let value = keep ? s.slice(pos, i) : "";
        if (i >= len) {
          if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
          fields.push(value);
          // A blank line is no record.
          if (!(fields.length === 1 && (i === start || (i === start + 1 && s.charCodeAt(start) === CR)))) {
            this.emit(out, fields, startLine, s, start, len);
          }
          pos = len;
          break records;
        }
        if (c === COMMA) {
          fields.push(value);
          pos = i + 1;
          if (pos >= len) {
            if (!final) {
              this.keep_(s, start, startLine);
              return;
            }
            fields.push("");
            this.emit(out, fields, startLine, s, start, len);
            break records;
          }
          continue;
        }
        // Line feed: the record ends.
        if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
        fields.push(value);
        pos = i + 1;
        line++;
        // A blank line is no record.
        if (!(fields.length === 1 && (i === start || (i === start + 1 && s.charCodeAt(start) === CR)))) {
          this.emit(out, fields, startLine, s, start, i);
        }
        continue records;
      }
    }
    this.carry = "";
    this.line = line;
  }

  private keep_(s: string, start: number, startLine: number): void {
    this.carry = start === 0 ? s : s.slice(start);
    this.line = startLine;
    if (this.carry.length > MAX_RECORD_CHARS) {
      throw this.broken(
        startLine,
        "a record runs on for megabytes: a quote is left open (unterminated quote).",
      );
    }
  }
}

/** Records per batch: small batches die young (cheap garbage collection). */
const BATCH = 512;

/**
 * The records of a CSV input, in batches. Errors of the input (a truncated gzip stream) are reported at
 * the line reached.
 */
export async function* csvBatches(
  input: TextInput,
  options: CsvParserOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser(input.file, options);
  try {
    for await (const chunk of input.chunks()) {
      let out: CsvRecord[] = [];
      parser.push(chunk, out, BATCH);
      if (out.length) yield out;
      while (parser.pending) {
        out = [];
        parser.resume(out, BATCH);
        if (out.length) yield out;
      }
    }
  } catch (error) {
    if (isPlenaryError(error) && error.line === undefined) {
      throw new PlenaryError(error.code, `${input.file}:${parser.line}: ${error.message}`, {
        file: input.file,
        line: parser.line,
        help: error.help,
        cause: error,
      });
    }
    throw error;
  }
  const out: CsvRecord[] = [];
  parser.end(out);
  if (out.length) yield out;
}

/** Reads a whole (small) CSV text at once. */
export function parseCsvText(text: string, file = "<text>"): CsvRecord[] {
  const parser = new CsvParser(file);
  const out: CsvRecord[] = [];
  parser.push(text, out);
  parser.end(out);
  return out;
}

export interface CsvFile {
  input: TextInput;
  header: string[];
  /** Canonical column name → index. */
  columns: Map<string, number>;
  /** The data records (the header excluded), in batches. */
  batches: AsyncGenerator<CsvRecord[]>;
}

/**
 * Opens a CSV file of a known layout: reads the header, refuses it when columns are missing (naming
 * them and the columns found), and hands out the records after it — with `columns`, only those columns
 * as text (the others ""), and with `raw` each record's text.
 */
export async function openCsv(
  input: TextInput,
  layout: CsvLayout,
  options: { columns?: readonly string[]; raw?: boolean } = {},
): Promise<CsvFile> {
  const wanted = options.columns;
  const source = csvBatches(input, {
    raw: options.raw ?? false,
    // Only the columns the reader asks for are read as text (the header match is checked below).
    onHeader: wanted
      ? (header) => {
          const { columns } = matchHeader(header, layout);
          const keep = header.map(() => false);
          for (const name of wanted) {
            const i = columns.get(name);
            if (i !== undefined) keep[i] = true;
          }
          return keep;
        }
      : undefined,
  });
  const first = await source.next();
  const firstBatch = first.done ? [] : first.value;
  const headerRecord = firstBatch.shift();
  if (!headerRecord) {
    await source.return(undefined);
    throw new PlenaryError("BAD_FILE", `${input.file}:1: the file is empty (no header).`, {
      file: input.file,
      line: 1,
      help: `Expected the layout of ${layout.title}.`,
    });
  }
  const header = headerRecord.fields;
  const { columns, missing } = matchHeader(header, layout);
  if (missing.length) {
    await source.return(undefined);
    throw unknownHeaderError(input.file, header, layout);
  }
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    if (firstBatch.length) yield firstBatch;
    yield* source;
  }
  return { input, header, columns, batches: batches() };
}
