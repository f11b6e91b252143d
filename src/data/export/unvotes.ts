/**
 * Export to the unvotes / Voeten research format: a folder with un_roll_calls, un_votes and
 * un_roll_call_issues (`.csv`, or `.csv.gz` with `gzip`), the layout research tools (the R package
 * unvotes, most published replication code) read — and the layout `plenary import` reads back.
 *
 * What the format can say, and so what is written:
 * - General Assembly roll calls only (the format has no Security Council).
 * - Only complete roll calls: the format means "every member without a row did not vote", so a roll
 *   call whose votes are partly unknown (the official tally known, some votes not) would be falsified;
 *   those are counted as skipped, never written.
 * - `X` (non-voting) votes have no row, as in the original.
 * - `rcid` is the research dataset's own id where the roll call came from it, else 1,000,000 + the
 *   store's id (no clash with the dataset's ids, which stay below 10,000).
 * - `unres` is the official symbol (the importer reads `A/RES/…` as it is); amendments and paragraph
 *   votes keep their flags; `short` is the title and `descr` the description.
 *
 * Import → export → import is the identity on the research record: the re-read records hash exactly as
 * the original files' did (tested on the full dataset).
 */
import { researchShort } from "../../core/titles.js";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { findMember, nameOn, type Member } from "../../core/members/index.js";
import type { Store } from "../store/index.js";
import { openCsvOut } from "./csvOut.js";
import { perMemberDay, withVotes, type ExportReport, type ExportRow } from "./rollCalls.js";

export interface UnvotesExportOptions {
  /** Write `.csv.gz` files (as the dataset is distributed here) instead of `.csv`. */
  gzip?: boolean;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

/** Offset of `rcid` for roll calls that did not come from the research dataset. */
export const FOREIGN_RCID_OFFSET = 1_000_000;

const VOTE_WORDS = { Y: "yes", N: "no", A: "abstain" } as const;

/** The code and name a member is written with on `date`: its alpha-2 where that reads back as it. */
export function memberColumns(member: Member, date: string): { code: string; name: string } {
  const code =
    member.alpha2 && findMember(member.alpha2, { date })?.id === member.id ? member.alpha2 : member.id;
  return { code, name: nameOn(member, date) };
}

/** Writes the store's General Assembly record into `folder` in the research format. */
export async function exportUnvotes(
  store: Store,
  folder: string,
  options: UnvotesExportOptions = {},
): Promise<ExportReport> {
  const extension = options.gzip ? ".csv.gz" : ".csv";
  mkdirSync(folder, { recursive: true });
  const names = ["un_roll_calls", "un_votes", "un_roll_call_issues"].map((n) =>
    path.join(folder, n + extension),
  );
  const all = await store.rollCallRows({ body: "GA", from: options.from, to: options.to });
  const rollCalls = all.filter((r) => r.complete === 1);
  const report: ExportReport = {
    format: "unvotes",
    files: names,
    rollCalls: { written: 0, incomplete: 0, skipped: all.length - rollCalls.length },
    skippedBecause:
      all.length > rollCalls.length
        ? "incomplete: the research format says a member without a row did not vote, and cannot say a vote is unknown"
        : null,
    votes: 0,
    issues: 0,
  };
  const research = await store.sourceKeys("unvotes");
  const rcidOf = (id: number) => Number(research.get(id)?.key ?? FOREIGN_RCID_OFFSET + id);
  const columnsOf = perMemberDay(memberColumns);
  const files = [
    openCsvOut(
      names[0]!,
      ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
      options.gzip ?? false,
    ),
    openCsvOut(names[1]!, ["rcid", "country", "country_code", "vote"], options.gzip ?? false),
    openCsvOut(names[2]!, ["rcid", "short_name", "issue"], options.gzip ?? false),
  ] as const;
  const [rollCallsFile, votesFile, issuesFile] = files;
  try {
    for await (const batch of withVotes(store, rollCalls)) {
      await rollCallsFile.write(batch.map(({ row }) => rollCallColumns(row, rcidOf(row.id))));
      const votes: unknown[][] = [];
      const issues: unknown[][] = [];
      for (const { row, votes: cast, issues: tags } of batch) {
        const rcid = rcidOf(row.id);
        for (const [member, vote] of cast) {
          if (vote === "X") continue;
          const { code, name } = columnsOf(member, row.date);
          votes.push([rcid, name, code, VOTE_WORDS[vote]]);
        }
        for (const tag of tags) issues.push([rcid, tag.code, tag.label ?? ""]);
      }
      await votesFile.write(votes);
      await issuesFile.write(issues);
      report.rollCalls.written += batch.length;
      report.votes += votes.length;
      report.issues += issues.length;
    }
    for (const file of files) await file.finish();
    return report;
  } catch (error) {
    for (const file of files) await file.abort();
    throw error;
  }
}

function rollCallColumns(r: ExportRow, rcid: number): unknown[] {
  return [
    rcid,
    r.session === null ? "" : /^\d+$/.test(r.session) ? Number(r.session) : r.session,
    r.important_vote ? 1 : 0,
    r.date,
    r.symbol ?? "",
    r.kind === "amendment" ? 1 : 0,
    r.kind === "paragraph" ? 1 : 0,
    researchShort(r.title),
    r.description ?? "",
  ];
}
