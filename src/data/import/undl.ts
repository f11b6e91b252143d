/**
 * The UN Digital Library bulk voting CSVs: General Assembly (record 4060887, ~900,000 rows, ~360 MB) and
 * Security Council (record 4055387), one row per member per resolution adopted by recorded vote. Every
 * layout of data-formats.md: with or without `vote_note`, `X`, `NV` or empty for non-voting, decimal
 * (`120.0`) or integer totals, the Council's `permanent_member` and `modality` (`Without Vote`: kept as
 * modality `without-vote`, with the members' votes as written — `X` in the real Council file).
 * Members are read as of the vote's date: the Council file writes the China seat `CHN` before
 * 25 October 1971 too, when it was the Republic of China's (docs/import.md).
 *
 * Streaming: rows are grouped by `undl_id` as they come and each roll call is handed on as soon as its
 * rows end, so memory stays bounded whatever the file size. The rows of one roll call must be
 * contiguous (they are in every published file); a roll call whose rows come back later is a bad row.
 */
import { councilOn, isPermanentMemberOn } from "../../core/council/index.js";
import type { Body, Modality, VoteNote } from "../../core/rollCall.js";
import { councilSymbol } from "../../core/symbols.js";
import { countVotes, parseMemberVote, type MemberVote, type OfficialTally } from "../../core/vote.js";
import type { RollCallRecord } from "../records.js";
import { openCsv, parseCsvText, type CsvRecord } from "./csv.js";
import { readCount, readFlag, readId, readIsoDate, textOrNull, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { UNDL_GA, UNDL_SC } from "./layouts.js";
import { daySequence, officialTally } from "./readerParts.js";

export const UNDL_RECORD_URL = "https://digitallibrary.un.org/record/";

/** Row fields that must agree across the rows of one roll call. */
const SHARED = ["date", "resolution"] as const;

const TOTALS: [keyof OfficialTally, string][] = [
  ["yes", "total_yes"],
  ["no", "total_no"],
  ["abstain", "total_abstentions"],
  ["nonVoting", "total_non_voting"],
];

interface Group {
  key: string;
  line: number;
  /** The first row's fields. */
  first: string[];
  date: string;
  votes: Map<string, MemberVote>;
  rows: number;
  /** vote_note → the members whose rows carry it. */
  notes: Map<string, string[]>;
  /** Rows skipped: the roll call is no longer complete. */
  skipped: number;
}

/** One file being read: what every step needs. */
interface UndlFile {
  file: string;
  format: "undl-ga" | "undl-sc";
  body: Body;
  context: ImportContext;
  /** A column's index, -1 where the file has no such column. */
  col: (name: string) => number;
  /** A field of a row by column name, "" where the file has no such column. */
  at: (fields: string[], name: string) => string;
  /** undl_id → the line its roll call began on, once its rows have ended. */
  finished: Map<string, number>;
  sequence: (date: string) => number;
}

function modalityOf(text: string | null): Modality {
  return text && /without|consensus|acclamation|unanim/i.test(text) ? "without-vote" : "recorded";
}

export async function* readUndlCsv(
  file: string,
  format: "undl-ga" | "undl-sc",
  context: ImportContext,
): AsyncGenerator<RollCallRecord> {
  const body: Body = format === "undl-ga" ? "GA" : "SC";
  const input = openTextInput(file);
  // Per row only these columns are read; the first row of each roll call is read whole (its `raw` text).
  const csv = await openCsv(input, body === "GA" ? UNDL_GA : UNDL_SC, {
    columns: ["undl_id", "ms_code", "ms_name", "ms_vote", "permanent_member", "vote_note", ...SHARED],
    raw: true,
  });
  const col = (name: string) => csv.columns.get(name) ?? -1;
  const at = (fields: string[], name: string): string => {
    const i = col(name);
    return i >= 0 ? (fields[i] ?? "") : "";
  };
  const reading: UndlFile = {
    file,
    format,
    body,
    context,
    col,
    at,
    finished: new Map(),
    sequence: daySequence(),
  };
  const width = csv.header.length;
  const { problems, stats } = context;
  let group: Group | null = null;
  for await (const batch of csv.batches) {
    stats.rows += batch.length;
    const ready: RollCallRecord[] = [];
    for (const row of batch) {
      const { fields, line } = row;
      if (fields.length !== width) {
        problems.reject("bad-row", `expected ${width} fields, found ${fields.length}`, { file, line });
        if (group) group.skipped++;
        continue;
      }
      const key = readId(at(fields, "undl_id"));
      if (!key) {
        problems.reject("missing-id", "no undl_id", { file, line, field: "undl_id" });
        continue;
      }
      if (!group || group.key !== key) {
        const record = group ? closeGroup(reading, group) : null;
        if (record) ready.push(record);
        group = openGroup(reading, key, row);
        if (!group) continue;
      } else {
        checkShared(reading, group, fields, line);
      }
      addRow(reading, group, fields, line);
    }
    context.progress(file, input.bytesRead(), input.size);
    for (const record of ready) yield record;
  }
  const last = group ? closeGroup(reading, group) : null;
  if (last) yield last;
  context.progress(file, input.bytesRead(), input.size, true);
}

/** A new roll call's first row: its group, or null (the row rejected) when it cannot begin one. */
function openGroup({ file, context, at, finished }: UndlFile, key: string, row: CsvRecord): Group | null {
  const { fields, line } = row;
  const where = (field: string) => ({ file, line, field, key });
  if (finished.has(key)) {
    context.problems.reject(
      "inconsistent-row",
      `rows of undl_id ${key} are not together (the roll call began on line ${finished.get(key)})`,
      where("undl_id"),
    );
    return null;
  }
  if (!textOrNull(at(fields, "resolution"))) {
    context.problems.reject("missing-symbol", `undl_id ${key} has no resolution symbol`, where("resolution"));
    finished.set(key, line);
    return null;
  }
  const date = readIsoDate(at(fields, "date"));
  if (!date) {
    context.problems.reject(
      "bad-date",
      `unreadable date ${JSON.stringify(at(fields, "date"))}`,
      where("date"),
    );
    finished.set(key, line);
    return null;
  }
  return {
    key,
    line,
    first: parseCsvText(row.raw ?? "", file)[0]?.fields ?? fields,
    date,
    votes: new Map(),
    notes: new Map(),
    rows: 0,
    skipped: 0,
  };
}

/** A later row of the roll call: the fields every row repeats must agree with the first row's. */
function checkShared({ file, context, at }: UndlFile, group: Group, fields: string[], line: number): void {
  for (const name of SHARED) {
    if (at(fields, name) === at(group.first, name)) continue;
    context.problems.warn(
      "inconsistent-row",
      `${name} ${JSON.stringify(at(fields, name))} differs from the roll call's first row (${JSON.stringify(at(group.first, name))}, line ${group.line}); kept the first`,
      { file, line, field: name, key: group.key },
    );
  }
}

/** One member's row: its vote kept, or the row rejected (and the roll call no longer complete). */
function addRow({ file, context, at, col }: UndlFile, group: Group, fields: string[], line: number): void {
  const { problems, members } = context;
  const key = group.key;
  const where = (field: string) => ({ file, line, field, key });
  const code = at(fields, "ms_code").trim();
  const name = at(fields, "ms_name").trim();
  const member = members.resolve(code, name, group.date, file, line, key);
  if (!member) {
    problems.reject(
      "unknown-member",
      `unknown member ${JSON.stringify(code)} / ${JSON.stringify(name)}`,
      where(code ? "ms_code" : "ms_name"),
    );
    group.skipped++;
    return;
  }
  const written = at(fields, "ms_vote");
  const vote = parseMemberVote(written);
  if (vote === null) {
    problems.reject(
      "bad-vote",
      `unreadable vote ${JSON.stringify(written)} for ${member.id}`,
      where("ms_vote"),
    );
    group.skipped++;
    return;
  }
  const previous = group.votes.get(member.id);
  if (previous !== undefined) {
    problems.warn(
      "duplicate-vote",
      `${member.id} appears twice in undl_id ${key} (${previous}, then ${vote}); kept the first`,
      where("ms_code"),
    );
    return;
  }
  members.checkMembership(member, group.date, file, line, key);
  if (col("permanent_member") >= 0) {
    const flag = readFlag(at(fields, "permanent_member"));
    if (flag !== null && flag !== isPermanentMemberOn(member.id, group.date)) {
      problems.warn(
        "not-permanent-member",
        permanentFlagMismatch(at(fields, "permanent_member"), member.id, group.date),
        where("permanent_member"),
      );
    }
  }
  group.votes.set(member.id, vote);
  group.rows++;
  const note = col("vote_note") >= 0 ? at(fields, "vote_note").trim() : "";
  if (note) {
    const ids = group.notes.get(note);
    if (ids) ids.push(member.id);
    else group.notes.set(note, [member.id]);
  }
}

/** The roll call's rows have ended: its record, or null when no vote was kept. */
function closeGroup(reading: UndlFile, g: Group): RollCallRecord | null {
  const { file, format, body, context, at, col } = reading;
  reading.finished.set(g.key, g.line);
  const f = g.first;
  const written = textOrNull(at(f, "resolution"));
  // Stored as the other sources write it (`S/RES/504 (1982)`); the export writes the Library's form back.
  const symbol = written === null ? null : councilSymbol(written);
  const official = groupTally(reading, g, symbol);
  const totalMs = readCount(at(f, "total_ms"));
  if (totalMs !== null && !Number.isNaN(totalMs) && totalMs !== g.rows + g.skipped) {
    context.problems.warn(
      "tally-mismatch",
      `total_ms is ${totalMs} but the roll call has ${g.rows + g.skipped} rows (${symbol ?? g.key})`,
      { file, line: g.line, field: "total_ms", key: g.key },
    );
  }
  if (g.votes.size === 0) {
    context.stats.rollCallsSkipped++;
    return null;
  }
  const agenda = textOrNull(at(f, body === "GA" ? "agenda_title" : "agenda"));
  // vote_note is written per row: a note on every row is the roll call's, otherwise it names members.
  const voteNotes: VoteNote[] = [...g.notes].map(([text, ids]) => ({
    text,
    members: ids.length === g.rows ? null : ids,
  }));
  const described = textOrNull(at(f, "description"));
  const title =
    textOrNull(at(f, "title")) ?? described ?? agenda ?? symbol ?? `UN Digital Library record ${g.key}`;
  return {
    body,
    session: body === "GA" ? sessionText(at(f, "session")) : null,
    date: g.date,
    symbol,
    draftSymbol: textOrNull(at(f, "draft")),
    kind: "resolution",
    title,
    description: described !== title ? described : null,
    meeting: textOrNull(at(f, "meeting")),
    agenda: agenda !== title ? agenda : null,
    voteNotes,
    subjects: readSubjects(at(f, "subjects")),
    procedural: false,
    importantQuestion: null,
    importantVote: false,
    modality: modalityOf(textOrNull(at(f, "modality"))),
    officialTally: official,
    // Only adopted resolutions are in these files.
    recordedOutcome: "adopted",
    // Every member is listed (non-voting as X) — unless rows were skipped or fewer rows than total_ms.
    complete: g.skipped === 0 && (totalMs === null || Number.isNaN(totalMs) || g.rows >= totalMs),
    issues: [],
    sequence: reading.sequence(g.date),
    source: format,
    sourceKey: g.key,
    // A file without the column is cited by the record's address; an empty link stays empty (a file
    // Plenary exported for a roll call from another source has no record to point to).
    citation: textOrNull(at(f, "undl_link")) ?? (col("undl_link") < 0 ? `${UNDL_RECORD_URL}${g.key}` : null),
    file,
    parentSourceKey: null,
    disputes: [],
    votes: g.votes,
  };
}

/** The first row's totals, checked against the rows (when none was skipped). */
function groupTally({ file, context, at }: UndlFile, g: Group, symbol: string | null): OfficialTally {
  const where = (field: string) => ({ file, line: g.line, field, key: g.key });
  return officialTally(
    TOTALS.map(([key, field]) => ({ key, field, text: at(g.first, field) })),
    countVotes(g.votes.values()),
    g.skipped === 0,
    {
      unreadable: ({ field, text }) =>
        context.problems.warn(
          "bad-number",
          `unreadable ${field} ${JSON.stringify(text)}; kept as unknown`,
          where(field),
        ),
      mismatch: ({ field }, value, counted) =>
        context.problems.warn(
          "tally-mismatch",
          `${field} is ${value} but the rows count ${counted} (${symbol ?? g.key})`,
          where(field),
        ),
    },
  );
}

/**
 * What the file claims with a `permanent_member` flag and what the Council's composition says of the
 * member that day: a permanent seat, an elected one, or no seat at all.
 */
export function permanentFlagMismatch(flag: string, id: string, date: string): string {
  const council = councilOn(date);
  const claim = readFlag(flag) ? "a permanent member" : "an elected member";
  const fact = council.permanent.includes(id)
    ? "a permanent member"
    : council.elected.includes(id)
      ? "an elected member"
      : "not a member of the Council";
  return `permanent_member is ${flag} for ${id} on ${date}: the file makes it ${claim}, but by the Council's composition it was ${fact} (permanent members that day: ${council.permanent.join(", ")})`;
}

/** `79`, `79.0`, `ES-10` → `79`, `79`, `ES-10`. */
function sessionText(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf(".")) : t.toUpperCase();
}

/** `UKRAINE|RUSSIAN FEDERATION` → the subjects, in order, each once. */
export function readSubjects(text: string): string[] {
  return [
    ...new Set(
      text
        .split("|")
        .map((subject) => subject.trim())
        .filter(Boolean),
    ),
  ];
}
