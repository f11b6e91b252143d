/**
 * Text in a drawing that no browser lays out (the share cards, rendered by resvg): widths estimated from
 * Inter's proportions, lines broken at spaces and cut with an ellipsis. Estimates err wide, so a line
 * never runs past its box.
 */

const NARROW = new Set([..."iljI.,:;'’|!()[]{} "]);
const SEMI = new Set([...'frt-–/"“”']);
const WIDE = new Set([..."mwMW@%—"]);

/** The width of `text` at `size` px in Inter (bold a little wider). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.3;
    else if (SEMI.has(c)) em += 0.4;
    else if (WIDE.has(c)) em += 0.9;
    else if (c >= "A" && c <= "Z") em += 0.7;
    else if (c >= "0" && c <= "9") em += 0.62;
    else em += 0.58;
  }
  return em * size * (bold ? 1.07 : 1);
}

/** `text` cut to fit `width`, with an ellipsis when cut. */
export function fit(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** `text` in at most `maxLines` lines of `width`; the last line cut with an ellipsis when it overflows. */
export function wrap(text: string, width: number, size: number, maxLines: number, bold = false): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= width || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) {
      const last = lines.pop()!;
      return [
        ...lines,
        fit(`${last} ${words.slice(i).join(" ")}`, width, size, bold).replace(/([^…])$/, "$1…"),
      ];
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) return lines.slice(0, maxLines);
  return lines.map((l) => fit(l, width, size, bold));
}
