import fc from "fast-check";
import { fuzzParameters } from "../../test/fuzz.js";
import { describe, expect, it } from "vitest";
import { CsvParser, parseCsvText, type CsvRecord } from "./csv.js";

function parseInChunks(text: string, cuts: number[]): CsvRecord[] {
  const parser = new CsvParser("t.csv");
  const out: CsvRecord[] = [];
  let start = 0;
  // Batches of at most two records: push stops, resume goes on where it stopped.
  const feed = (piece: string) => {
    parser.push(piece, out, out.length + 2);
    while (parser.pending) parser.resume(out, out.length + 2);
  };
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    feed(text.slice(start, cut));
    start = cut;
  }
  feed(text.slice(start));
  parser.end(out);
  return out;
}

function toCsv(rows: string[][], eol: string): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(",")).join(eol) + eol;
}

describe("CSV reader", () => {
  it("reads quotes, escaped quotes, embedded line breaks, CRLF and empty fields, with the line each record starts on", () => {
    const records = parseCsvText('a,"b ""x""\nc",d\r\n1,,\n\n2,3,"4"');
    expect(records).toEqual([
      { fields: ["a", 'b "x"\nc', "d"], line: 1 },
      { fields: ["1", "", ""], line: 3 },
      { fields: ["2", "3", "4"], line: 5 },
    ]);
  });

  it("reads the research data's odd but valid quoting", () => {
    const [record] = parseCsvText('5,"VOTE.\\""""",x\n');
    expect(record!.fields).toEqual(["5", 'VOTE.\\""', "x"]);
  });

  it("rejects a broken quote and an unterminated quote, naming the line", () => {
    expect(() => parseCsvText('a,b\n1,"2"x\n', "f.csv")).toThrow(/f\.csv:2: .*broken quote/);
    expect(() => parseCsvText('a,b\n1,2\n3,"4\n5,6\n', "f.csv")).toThrow(/f\.csv:3: .*unterminated quote/);
  });

  it("reads only the columns asked for, and gives each record's text when asked", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('"', ",", "\n", "x y")), {
            minLength: 3,
            maxLength: 3,
          }),
          {
            minLength: 2,
            maxLength: 5,
          },
        ),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (rows, keep, cutSeeds) => {
          const text = toCsv(rows, "\r\n");
          const parser = new CsvParser("t.csv", { onHeader: () => keep, raw: true });
          const out: CsvRecord[] = [];
          let start = 0;
          for (const cut of [...new Set(cutSeeds.map((n) => n % (text.length + 1)))].sort((a, b) => a - b)) {
            parser.push(text.slice(start, cut), out);
            start = cut;
          }
          parser.push(text.slice(start), out);
          parser.end(out);
          expect(out.map((r) => r.fields)).toEqual(
            rows.map((r, i) => (i === 0 ? r : r.map((v, j) => (keep[j] ? v : "")))),
          );
          expect(out.map((r) => parseCsvText(r.raw!)[0]!.fields)).toEqual(rows);
          expect(out.map((r) => r.line)).toEqual(parseCsvText(text).map((r) => r.line));
        },
      ),
      fuzzParameters(),
    );
  });

  it("gives the same records however the text is cut into chunks", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('"', '""', ",", "\n", "\r\n", "a b", "é"),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.nat(), { maxLength: 8 }),
        (rows, eol, cutSeeds) => {
          // A lone empty field would be a blank line, which is no record.
          const data = rows.map((r) => (r.length === 1 && r[0] === "" ? ["x"] : r));
          const text = toCsv(data, eol);
          const cuts = cutSeeds.map((n) => n % (text.length + 1));
          const whole = parseCsvText(text).map((r) => r.fields);
          expect(whole).toEqual(data);
          expect(parseInChunks(text, cuts).map((r) => r.fields)).toEqual(data);
        },
      ),
      fuzzParameters(),
    );
  });
});
