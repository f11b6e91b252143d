/**
 * The CSV layouts Plenary reads, by column name (never by position: the official files change their
 * columns between versions). A header that is no known layout is refused, naming the missing columns
 * and the columns found.
 */
import { PlenaryError } from "../../core/errors.js";
import type { ImportFormat } from "./context.js";

export interface CsvLayout {
  format: ImportFormat;
  /** What the file is, for messages. */
  title: string;
  required: readonly string[];
  optional: readonly string[];
  /** Other names a column has had (the 2024 data dictionary's plurals …). */
  aliases?: Readonly<Record<string, readonly string[]>>;
}

/** A layout Plenary also writes (`plenary export`). */
export interface WrittenLayout extends CsvLayout {
  /** The columns in the order the published file has them: what an export to the layout writes. */
  written: readonly string[];
}

const UNDL_TOTALS = ["total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms"];
const UNDL_ALIASES = {
  ms_code: ["ms_codes"],
  ms_name: ["ms_names"],
  ms_vote: ["ms_votes"],
  resolution: ["resolutions"],
  agenda_title: ["agenda_titles"],
  total_yes: ["yes"],
  total_no: ["no"],
  total_abstentions: ["abstentions"],
  total_non_voting: ["non-voting", "non_voting"],
  total_ms: ["total-voting", "total_voting"],
};

/**
 * A UN Digital Library layout from its published columns in order (what the export writes): the
 * `required` ones must be there, the others (and `alsoRead`, other columns some files have) may.
 */
function undlLayout(
  format: "undl-ga" | "undl-sc",
  title: string,
  written: readonly string[],
  required: readonly string[],
  alsoRead: readonly string[] = [],
): WrittenLayout {
  const optional = [...written.filter((c) => !required.includes(c)), ...alsoRead];
  return { format, title, required, optional, aliases: UNDL_ALIASES, written };
}

export const UNDL_GA = undlLayout(
  "undl-ga",
  "UN Digital Library General Assembly voting data (record 4060887)",
  // data-formats.md's columns; `modality` (which the Assembly's file lacks) where the Council's file
  // has it, for the roll calls adopted without a vote that Plenary holds from other sources.
  [
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "committee_report",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "vote_note",
    ...UNDL_TOTALS,
    "modality",
    "undl_link",
  ],
  ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution"],
);

export const UNDL_SC = undlLayout(
  "undl-sc",
  "UN Digital Library Security Council voting data (record 4055387)",
  // The header of the real file (version 2026_02_06; ../shared/data/undl-excerpts).
  [
    "undl_id",
    "ms_code",
    "ms_name",
    "permanent_member",
    "ms_vote",
    "date",
    "resolution",
    "draft",
    "meeting",
    "description",
    "agenda",
    "subjects",
    "vote_note",
    ...UNDL_TOTALS,
    "modality",
    "undl_link",
  ],
  ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "resolution"],
  // A title column, as the Assembly's file has one.
  ["title"],
);

export const UNVOTES_VOTES: CsvLayout = {
  format: "unvotes",
  title: "unvotes un_votes.csv",
  required: ["rcid", "country", "country_code", "vote"],
  optional: [],
};

export const UNVOTES_ROLL_CALLS: CsvLayout = {
  format: "unvotes",
  title: "unvotes un_roll_calls.csv",
  required: ["rcid", "session", "date", "unres"],
  optional: ["importantvote", "amend", "para", "short", "descr"],
};

export const UNVOTES_ISSUES: CsvLayout = {
  format: "unvotes",
  title: "unvotes un_roll_call_issues.csv",
  required: ["rcid", "short_name"],
  optional: ["issue"],
};

export const VETO_PERMANENT_COLUMNS = ["China", "France", "Russia", "USSR", "USA", "UK"] as const;

export const UNSC_VETOES: CsvLayout = {
  format: "unsc-vetoes",
  title: "Security Council veto list (unsc_vetoes)",
  required: [
    "date",
    "draft",
    "meeting_record",
    "agenda_item",
    ...VETO_PERMANENT_COLUMNS.map((c) => c.toLowerCase()),
  ],
  optional: [
    "year",
    "month",
    "crisis_topic",
    "region",
    "member_veto1",
    "member_veto2",
    "member_veto3",
    "single_veto",
    "multiple_vetoes",
  ],
};

/** Layouts that a single CSV file may have (unvotes is recognised by its votes file). */
export const FILE_LAYOUTS: readonly CsvLayout[] = [UNDL_GA, UNDL_SC, UNSC_VETOES, UNVOTES_VOTES];

const norm = (name: string) => name.trim().toLowerCase();

/** Column name → index in the header, under the layout's canonical names; or the missing columns. */
export function matchHeader(
  header: readonly string[],
  layout: CsvLayout,
): { columns: Map<string, number>; missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    if (!positions.has(norm(name))) positions.set(norm(name), i);
  });
  const columns = new Map<string, number>();
  const missing: string[] = [];
  for (const name of [...layout.required, ...layout.optional]) {
    const candidates = [name, ...(layout.aliases?.[name] ?? [])];
    const found = candidates.map((c) => positions.get(norm(c))).find((i) => i !== undefined);
    if (found !== undefined) columns.set(name, found);
    else if (layout.required.includes(name)) missing.push(name);
  }
  return { columns, missing };
}

/** A short name for the variant of a UN DL file, from its columns. */
export function describeVariant(layout: CsvLayout, header: readonly string[]): string {
  const names = new Set(header.map(norm));
  const parts: string[] = [layout.format];
  if (layout.format === "undl-ga" || layout.format === "undl-sc") {
    if (names.has("ms_codes") || names.has("yes")) parts.push("layout with the 2024 data-dictionary names");
    else parts.push(names.has("vote_note") ? "layout with vote_note" : "layout without vote_note");
  }
  return parts.join(" ");
}

function describeHeader(header: readonly string[]): string {
  const shown = header.slice(0, 40).map((h) => JSON.stringify(h));
  return shown.join(", ") + (header.length > 40 ? ", …" : "");
}

export function unknownHeaderError(
  file: string,
  header: readonly string[],
  expected: CsvLayout | null,
): PlenaryError {
  if (expected) {
    const { missing } = matchHeader(header, expected);
    return new PlenaryError(
      "BAD_FILE",
      `${file}:1: the header is not the layout of ${expected.title}: missing ${missing.join(", ")}; found ${describeHeader(header)}.`,
      {
        file,
        line: 1,
        field: missing[0],
        help: `Columns needed: ${expected.required.join(", ")}. Check --format, or the file.`,
      },
    );
  }
  const closest = [...FILE_LAYOUTS].sort(
    (a, b) => matchHeader(header, a).missing.length - matchHeader(header, b).missing.length,
  )[0]!;
  const { missing } = matchHeader(header, closest);
  return new PlenaryError(
    "BAD_FILE",
    `${file}:1: the header is no known layout. Closest: ${closest.title}, missing ${missing.join(", ")}; found ${describeHeader(header)}.`,
    {
      file,
      line: 1,
      help: `Known layouts: ${FILE_LAYOUTS.map((l) => `${l.format} (${l.required.join(", ")})`).join("; ")}.`,
    },
  );
}

/** The layout a CSV header is, or null. */
export function detectCsvLayout(header: readonly string[]): CsvLayout | null {
  const names = new Set(header.map(norm));
  const candidates: CsvLayout[] = [];
  if (names.has("member_veto1") || names.has("meeting_record")) candidates.push(UNSC_VETOES);
  if (names.has("rcid")) candidates.push(UNVOTES_VOTES);
  // The Council file has no sessions and flags permanent members; the Assembly file has sessions.
  if (
    names.has("permanent_member") ||
    (!names.has("session") && (names.has("description") || names.has("agenda")))
  ) {
    candidates.push(UNDL_SC);
  }
  candidates.push(UNDL_GA, UNDL_SC);
  for (const layout of candidates) if (matchHeader(header, layout).missing.length === 0) return layout;
  return null;
}
