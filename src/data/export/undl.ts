/**
 * Export to the UN Digital Library's bulk voting CSV layouts: the General Assembly file (record 4060887,
 * the 2026 columns with `vote_note` and `modality`) or the Security Council file (record 4055387) — one
 * row per member per resolution, as `plenary import` reads them (`--format undl-ga|undl-sc`).
 *
 * What the layout can say, and so what is written:
 * - Resolutions only (a resolution symbol is the layout's key): kind `resolution` with a symbol, adopted
 *   or of unknown outcome (a resolution symbol is given only to an adopted text); the others are counted
 *   as skipped.
 * - Every stored vote is a row, `X` (non-voting) where the source recorded one; nothing is added: a
 *   member the source did not list is not listed. `total_ms` is the number of rows of a complete roll
 *   call; an incomplete one (some votes unknown) gives the body's size that day, so the reader knows
 *   rows are missing.
 * - `total_*` are the official tallies where known, else empty — never the counts of the rows.
 * - `title` is the title (the Council's file names it `description`); the agenda column is the stored
 *   agenda; notes (`Note: …`, `Note (USA, FRA): …`) go back to `vote_note` on the rows they concern.
 * - `undl_id` is the UN Digital Library record where the roll call came from it, else 900,000,000 + the
 *   store's id; `undl_link` is the record's link where it has one, else empty (no link is made up).
 *
 * Import → export → import is the identity on roll calls read from these files (tested on the real-layout
 * fixtures and on generated ones).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { councilOn, isPermanentMemberOn } from "../../core/council/index.js";
import { membersOn, nameOn } from "../../core/members/index.js";
import type { Body, VoteNote } from "../../core/rollCall.js";
import { UNDL_GA, UNDL_SC } from "../import/layouts.js";
import type { Store } from "../store/index.js";
import { openCsvOut } from "./csvOut.js";
import {
  perMemberDay,
  selectRollCalls,
  sourceKeys,
  withVotes,
  type ExportReport,
  type ExportRollCall,
} from "./rollCalls.js";

export interface UndlExportOptions {
  gzip?: boolean;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

/** Offset of `undl_id` for roll calls that did not come from the UN Digital Library. */
export const FOREIGN_UNDL_ID_OFFSET = 900_000_000;

/**
 * The columns written: the layouts the importer reads (one definition for both directions), in their
 * order, less the Council's `title` (its file names the title `description`).
 */
const GA_COLUMNS = [...UNDL_GA.required, ...UNDL_GA.optional];
const SC_COLUMNS = [...UNDL_SC.required, ...UNDL_SC.optional].filter((c) => c !== "title");

/** A stored roll call's vote notes by member ("" = the note on every member's row). */
export function notesByMember(voteNotes: string | null): Map<string, string> {
  const notes = new Map<string, string>();
  for (const note of voteNotes ? (JSON.parse(voteNotes) as VoteNote[]) : []) {
    for (const member of note.members ?? [""]) notes.set(member, note.text);
  }
  return notes;
}

const count = (n: number | null) => (n === null ? "" : `${n}.0`);

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
  const columns = body === "GA" ? GA_COLUMNS : SC_COLUMNS;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const all = await selectRollCalls(store, { body, from: options.from, to: options.to });
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
  const provenance = await sourceKeys(store, format);
  const nameOf = perMemberDay((member, date) => nameOn(member, date).toUpperCase());
  const out = openCsvOut(file, columns, options.gzip ?? false);
  try {
    for await (const batch of withVotes(store, resolutions)) {
      const rows: unknown[][] = [];
      for (const rollCall of batch) {
        const written = rowsOf(rollCall, body, {
          undlId: provenance.get(rollCall.row.id)?.key ?? String(FOREIGN_UNDL_ID_OFFSET + rollCall.row.id),
          link: provenance.get(rollCall.row.id)?.citation ?? null,
          nameOf,
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
  context: { undlId: string; link: string | null; nameOf: (id: string, date: string) => string },
): Record<string, string | number>[] {
  const totalMs = row.complete ? votes.length : Math.max(bodySize(body, row.date), votes.length + 1);
  const notes = notesByMember(row.vote_notes);
  const agenda = row.agenda;
  const shared: Record<string, string | number> = {
    undl_id: context.undlId,
    date: row.date,
    resolution: row.symbol!,
    draft: row.draft_symbol ?? "",
    meeting: row.meeting ?? "",
    subjects: row.subjects ? (JSON.parse(row.subjects) as string[]).join("|") : "",
    modality: row.modality === "without-vote" ? "Adopted without a vote" : "Voted",
    total_yes: count(row.tally_yes),
    total_no: count(row.tally_no),
    total_abstentions: count(row.tally_abstain),
    total_non_voting: count(row.tally_non_voting),
    total_ms: `${totalMs}.0`,
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
  return votes.map(([id, vote]) => ({
    ...shared,
    ms_code: id,
    ms_name: context.nameOf(id, row.date),
    ms_vote: vote,
    vote_note: notes.get(id) ?? notes.get("") ?? "",
    ...(body === "SC" ? { permanent_member: isPermanentMemberOn(id, row.date) ? "True" : "False" } : {}),
  }));
}
