/**
 * A few lines of RFC 4180 for tests that count facts in the real files themselves, independently of the
 * importers' reader (src/data/import/csv.ts) whose results they check.
 */

/** CSV text (quoted fields may hold commas, quotes and newlines) → rows of named fields. */
export function rawCsvRows(text: string, what = "the file"): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (!header) throw new Error(`${what} is empty`);
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}
