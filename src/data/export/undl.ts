/**
 * Export to the UN Digital Library's bulk voting CSV layouts: the General Assembly file (record 4060887,
 * the 2026 columns with `vote_note`) or the Security Council file (record 4055387) — one row per member
 * per resolution, as `plenary import` reads them (`--format undl-ga|undl-sc`), written as the Library
 * writes them (the Council's checked against a real excerpt of its file, ../shared/data/undl-excerpts).
 *
 * What the layout can say, and so what is written:
 * - Resolutions only (a resolution symbol is the layout's key): kind `resolution` with a symbol, adopted
 *   or of unknown outcome (a resolution symbol is given only to an adopted text); the others are counted
 *   as skipped.
 * - Every stored vote is a row, `X` (non-voting) where the source recorded one; nothing is added: a
 *   member the source did not list is not listed. `total_ms` is the number of rows of a complete roll
 *   call; an incomplete one (some votes unknown) gives the body's size that day, so the reader knows
 *   rows are missing.
 * - `total_*` are the official tallies where known, else empty — never the counts of the rows: integers
 *   in the Council's file, decimals (`120.0`) in the Assembly's, as each file has them.
 * - Members under the Library's codes and names (`SUN` "USSR"; the China seat `CHN` "CHINA" before
 *   25 October 1971, when it was the Republic of China's), `permanent_member` `True`/`False`; Council
 *   symbols without the space (`S/RES/504(1982)`); `modality` `Vote` or `Without Vote`; a field quoted
 *   only where CSV needs it; the columns in the real file's order.
 * - `title` is the title (the Council's file names it `description`); the agenda column is the stored
 *   agenda; each vote note goes back to `vote_note` on the rows it concerns (every row: the roll call's).
 * - `undl_id` is the UN Digital Library record where the roll call came from it, else 900,000,000 + the
 *   store's id; `undl_link` is the record's link where it has one, else empty (no link is made up).
 *
 * Import → export → import is the identity on roll calls read from these files (tested on the real
 * excerpt, the real-layout fixtures and generated roll calls); the Council excerpt exported again is the
 * excerpt, but for what the store does not keep (the Library's spelling of some names, its row order).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { councilOn, isPermanentMemberOn } from "../../core/council/index.js";
import { membersOn, nameOn, sourceCodeOn, type Member } from "../../core/members/index.js";
import type { Body, Modality, VoteNote } from "../../core/rollCall.js";
import { UNDL_GA, UNDL_SC } from "../import/layouts.js";
import type { Store } from "../store/index.js";
import { openCsvOut } from "./csvOut.js";
import { perMemberDay, withVotes, type ExportReport, type ExportRollCall } from "./rollCalls.js";

export interface UndlExportOptions {
  gzip?: boolean;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

/** Offset of `undl_id` for roll calls that did not come from the UN Digital Library. */
export const FOREIGN_UNDL_ID_OFFSET = 900_000_000;

/** The Library's word for each modality (the Council's file: `Vote`, `Without Vote`). */
const MODALITY_WORDS: Record<Modality, string> = {
  recorded: "Vote",
  "without-vote": "Without Vote",
  // The written procedure of 2020 was a vote (by letter); the Library's own word for it is not known.
  "written-procedure": "Vote",
};

/** A stored roll call's vote notes by member ("" = the note on every member's row). */
export function notesByMember(voteNotes: string | null): Map<string, string> {
  const notes = new Map<string, string>();
  for (const note of voteNotes ? (JSON.parse(voteNotes) as VoteNote[]) : []) {
    for (const member of note.members ?? [""]) notes.set(member, note.text);
  }
  return notes;
}

/**
 * A count as each file writes it: the Council's file as an integer (`15`, the real file), the
 * Assembly's as a decimal (`120.0`, data-formats.md). Unknown: empty.
 */
function countIn(body: Body): (n: number | null) => string {
  return body === "SC" ? (n) => (n === null ? "" : String(n)) : (n) => (n === null ? "" : `${n}.0`);
}

/** The Council's file writes `S/RES/504(1982)`, where the resolution (and Plenary) write `S/RES/504 (1982)`. */
export function librarySymbol(body: Body, symbol: string): string {
  return body === "SC" ? symbol.replace(/^(S\/RES\/\d+) \((\d{4})\)$/, "$1($2)") : symbol;
}

/** A member as the Library writes it that day: its code (`SUN`, the China seat's `CHN`) and name. */
function libraryMember(member: Member, date: string): { code: string; name: string } {
  const own = sourceCodeOn(member, "undl", date);
  return { code: own?.code ?? member.id, name: (own?.name ?? nameOn(member, date)).toUpperCase() };
}

/** How many members a body had on `date`: the Assembly's membership, or the Council's seats. */
function bodySize(body: Body, date: string): number {
  return body === "GA" ? membersOn(date).length : councilOn(date).members.length;
}

/** Writes the store's resolutions of `body` into one CSV in the UN Digital Library's layout. */
export async function exportUndl(
  store: Store,
  file: string,
  body: Body,
  options: UndlExportOptions = {},
): Promise<ExportReport> {
  const format = body === "GA" ? "undl-ga" : "undl-sc";
  const columns = (body === "GA" ? UNDL_GA : UNDL_SC).written;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const all = await store.rollCallRows({ body, from: options.from, to: options.to });
  const resolutions = all.filter(
    (r) =>
      r.kind === "resolution" &&
      r.symbol !== null &&
      (r.recorded_outcome === null || r.recorded_outcome === "adopted"),
  );
  const report: ExportReport = {
    format,
    files: [file],
    rollCalls: { written: 0, incomplete: 0, skipped: all.length - resolutions.length },
    skippedBecause:
      all.length > resolutions.length
        ? "not an adopted resolution: the UN Digital Library files hold adopted resolutions only"
        : null,
    votes: 0,
    issues: 0,
  };
  const provenance = await store.sourceKeys(format);
  const memberOf = perMemberDay(libraryMember);
  const out = openCsvOut(file, columns, options.gzip ?? false, "needed");
  try {
    for await (const batch of withVotes(store, resolutions)) {
      const rows: unknown[][] = [];
      for (const rollCall of batch) {
        const written = rowsOf(rollCall, body, {
          undlId: provenance.get(rollCall.row.id)?.key ?? String(FOREIGN_UNDL_ID_OFFSET + rollCall.row.id),
          link: provenance.get(rollCall.row.id)?.citation ?? null,
          memberOf,
        });
        for (const values of written) rows.push(columns.map((c) => values[c] ?? ""));
        report.rollCalls.written++;
        if (!rollCall.row.complete) report.rollCalls.incomplete++;
        report.votes += written.length;
        report.issues += rollCall.row.subjects ? (JSON.parse(rollCall.row.subjects) as string[]).length : 0;
      }
      await out.write(rows);
    }
    await out.finish();
    return report;
  } catch (error) {
    await out.abort();
    throw error;
  }
}

function rowsOf(
  { row, votes }: ExportRollCall,
  body: Body,
  context: {
    undlId: string;
    link: string | null;
    memberOf: (id: string, date: string) => { code: string; name: string };
  },
): Record<string, string | number>[] {
  const totalMs = row.complete ? votes.length : Math.max(bodySize(body, row.date), votes.length + 1);
  const notes = notesByMember(row.vote_notes);
  const agenda = row.agenda;
  const count = countIn(body);
  const shared: Record<string, string | number> = {
    undl_id: context.undlId,
    date: row.date,
    resolution: librarySymbol(body, row.symbol!),
    draft: row.draft_symbol ?? "",
    meeting: row.meeting ?? "",
    subjects: row.subjects ? (JSON.parse(row.subjects) as string[]).join("|") : "",
    modality: MODALITY_WORDS[row.modality as Modality] ?? MODALITY_WORDS.recorded,
    total_yes: count(row.tally_yes),
    total_no: count(row.tally_no),
    total_abstentions: count(row.tally_abstain),
    total_non_voting: count(row.tally_non_voting),
    total_ms: count(totalMs),
    undl_link: context.link ?? "",
  };
  if (body === "GA") {
    shared.session = row.session ?? "";
    shared.title = row.title;
    shared.agenda_title = agenda ?? "";
  } else {
    shared.description = row.title;
    shared.agenda = agenda ?? "";
  }
  return votes.map(([id, vote]) => {
    const { code, name } = context.memberOf(id, row.date);
    return {
      ...shared,
      ms_code: code,
      ms_name: name,
      ms_vote: vote,
      vote_note: notes.get(id) ?? notes.get("") ?? "",
      ...(body === "SC" ? { permanent_member: isPermanentMemberOn(id, row.date) ? "True" : "False" } : {}),
    };
  });
}
