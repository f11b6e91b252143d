/**
 * Which format a path is: the unvotes folder (or one of its files), a MARCXML file (its first tag), or a
 * CSV recognised by its header. With an explicit --format the header must be that format's layout.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PlenaryError } from "../../core/errors.js";
import { parseCsvText } from "./csv.js";
import type { ImportFormat } from "./context.js";
import { peekText } from "./input.js";
import {
  describeVariant,
  detectCsvLayout,
  matchHeader,
  unknownHeaderError,
  UNDL_GA,
  UNDL_SC,
  UNSC_VETOES,
  UNVOTES_VOTES,
  type CsvLayout,
} from "./layouts.js";
import { isUnvotesPath, unvotesFiles, unvotesFolder } from "./unvotes.js";

export interface ImportInput {
  format: ImportFormat;
  /** A file, or the unvotes folder. */
  path: string;
  /** What exactly was recognised (`undl-ga 2026 layout (with vote_note)`). */
  layout: string;
}

const LAYOUT_OF: Partial<Record<ImportFormat, CsvLayout>> = {
  "undl-ga": UNDL_GA,
  "undl-sc": UNDL_SC,
  "unsc-vetoes": UNSC_VETOES,
};

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text);
}

/** A DGACM JSON Lines file: its first line is an object with a symbol and member lists or an adoption. */
function unxmlJsonLayout(text: string): string | null {
  if (!/^\s*\{/.test(text)) return null;
  const line = firstLine(text.trimStart());
  const isUnxml = /"symbol"\s*:/.test(line) && /"(adoption_type|MS_in_favour)"\s*:/.test(line);
  if (!isUnxml) return null;
  return /"symbol"\s*:\s*"S\//.test(line)
    ? "unxml Security Council JSON Lines"
    : "unxml General Assembly JSON Lines";
}

const UNXML_AKN = "unxml Akoma Ntoso draft (not adopted)";

async function detectFile(file: string, format: ImportFormat | "auto"): Promise<ImportInput> {
  const head = await peekText(file);
  const jsonLayout = unxmlJsonLayout(head);
  if (jsonLayout || (looksLikeXml(head) && /<akomaNtoso\b/.test(head))) {
    if (format !== "auto" && format !== "unxml") {
      throw new PlenaryError("BAD_FILE", `${file}:1: this is a DGACM (unxml) file, not ${format}.`, {
        file,
        line: 1,
        help: "Use --format unxml (or auto) for the UN's machine-readable resolutions.",
      });
    }
    return { format: "unxml", path: file, layout: jsonLayout ?? UNXML_AKN };
  }
  if (format === "unxml") {
    throw new PlenaryError(
      "BAD_FILE",
      `${file}:1: not a DGACM resolutions file (JSON Lines with symbol and MS_in_favour, or Akoma Ntoso XML).`,
      {
        file,
        line: 1,
        help: /<html/i.test(head) ? "This is an HTML page: the download may have failed." : undefined,
      },
    );
  }
  if (looksLikeXml(head)) {
    const isMarc = /<(\w+:)?(collection|record)\b/.test(head);
    if (format !== "auto" && format !== "undl-marc") {
      throw new PlenaryError("BAD_FILE", `${file}:1: this is an XML file, not ${format} CSV.`, {
        file,
        line: 1,
        help: "Use --format undl-marc (or auto) for MARCXML voting records.",
      });
    }
    if (!isMarc) {
      throw new PlenaryError(
        "BAD_FILE",
        `${file}:1: an XML file that is not MARCXML (no <collection> or <record>).`,
        {
          file,
          line: 1,
          help: /<html/i.test(head)
            ? "This is an HTML page: the download may have failed."
            : "Expected a UN Digital Library MARCXML export.",
        },
      );
    }
    return { format: "undl-marc", path: file, layout: "undl-marc MARCXML" };
  }
  if (format === "undl-marc") {
    throw new PlenaryError("BAD_FILE", `${file}:1: not an XML file, so not a MARCXML voting record.`, {
      file,
      line: 1,
    });
  }
  const header = parseCsvText(firstLine(head), file)[0]?.fields ?? [];
  if (
    format === "unvotes" ||
    (format === "auto" && matchHeader(header, UNVOTES_VOTES).missing.length === 0)
  ) {
    return { format: "unvotes", path: unvotesFiles(path.dirname(file)).folder, layout: "unvotes folder" };
  }
  const expected = format === "auto" ? null : (LAYOUT_OF[format] ?? null);
  const layout = expected ?? detectCsvLayout(header);
  if (!layout || matchHeader(header, layout).missing.length) throw unknownHeaderError(file, header, expected);
  if (layout.format === "unvotes") {
    return { format: "unvotes", path: unvotesFiles(path.dirname(file)).folder, layout: "unvotes folder" };
  }
  return { format: layout.format, path: file, layout: describeVariant(layout, header) };
}

/**
 * The DGACM files of a folder — the GA and SC JSON Lines and the not-adopted drafts, directly or in its
 * `ga/`, `sc/` and `sc-not-adopted/` subfolders — in that order, each folder's files by name.
 */
function unxmlFiles(folder: string): string[] {
  const files = (dir: string, pattern: RegExp): string[] => {
    try {
      return readdirSync(dir)
        .filter((name) => pattern.test(name))
        .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
        .map((name) => path.join(dir, name))
        .filter((p) => statSync(p).isFile());
    } catch {
      return [];
    }
  };
  const json = /\.jsonl?(\.gz)?$/i;
  const xml = /\.xml(\.gz)?$/i;
  return [
    ...files(folder, json),
    ...files(path.join(folder, "ga"), json),
    ...files(path.join(folder, "sc"), json),
    ...files(folder, xml),
    ...files(path.join(folder, "sc-not-adopted"), xml),
  ];
}

/** The inputs of an import, in the order given; the unvotes files of one folder count once. */
export async function detectInputs(
  paths: string[],
  format: ImportFormat | "auto" = "auto",
): Promise<ImportInput[]> {
  const inputs: ImportInput[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new PlenaryError("BAD_INPUT", `No such file or folder: ${p}.`, {
        file: p,
        help: "Check the path.",
      });
    }
    let found: ImportInput[];
    if ((format === "auto" || format === "unvotes") && isUnvotesPath(p)) {
      found = [{ format: "unvotes", path: unvotesFiles(unvotesFolder(p)).folder, layout: "unvotes folder" }];
    } else if (stat.isDirectory() && (format === "auto" || format === "unxml") && unxmlFiles(p).length) {
      found = await Promise.all(unxmlFiles(p).map((file) => detectFile(file, "unxml")));
    } else if (stat.isDirectory()) {
      throw new PlenaryError(
        "BAD_INPUT",
        `${p} is a folder without un_votes.csv[.gz] or DGACM files: give the files to import.`,
        {
          file: p,
          help: "A folder is read as the unvotes research dataset (un_votes, un_roll_calls, un_roll_call_issues).",
        },
      );
    } else {
      found = [await detectFile(p, format)];
    }
    for (const input of found) {
      const key = `${input.format}\u0000${path.resolve(input.path)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inputs.push(input);
    }
  }
  return inputs;
}
