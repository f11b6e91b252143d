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
import { once } from "node:events";
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import { findMember, getMember, nameOn, type Member } from "../../core/members/index.js";
import type { Store } from "../store/index.js";

export interface UnvotesExportOptions {
  /** Write `.csv.gz` files (as the dataset is distributed here) instead of `.csv`. */
  gzip?: boolean;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
}

export interface ExportReport {
  format: "unvotes";
  files: string[];
  rollCalls: { written: number; skippedIncomplete: number };
  votes: number;
  issues: number;
}

/** Offset of `rcid` for roll calls that did not come from the research dataset. */
export const FOREIGN_RCID_OFFSET = 1_000_000;

/** Roll calls whose votes are read per query: bounded memory on both stores. */
const VOTES_PER_QUERY = 500;

const VOTE_WORDS = { Y: "yes", N: "no", A: "abstain" } as const;

interface RollCallRow {
  id: number;
  session: string | null;
  date: string;
  symbol: string | null;
  kind: string;
  title: string;
  description: string | null;
  important_vote: number;
}

/** The code and name a member is written with on `date`: its alpha-2 where that reads back as it. */
export function memberColumns(member: Member, date: string): { code: string; name: string } {
  const code =
    member.alpha2 && findMember(member.alpha2, { date })?.id === member.id ? member.alpha2 : member.id;
  return { code, name: nameOn(member, date) };
}

/**
 * A CSV file written in batches: each batch of rows becomes one string (csv-stringify's sync API) and
 * one write — per-row stream writes spend their time waiting on drains through the gzip stream.
 */
function csvFile(file: string, header: string[], gzip: boolean) {
  const out = createWriteStream(file);
  const gzipped = gzip ? createGzip() : null;
  const sink = gzipped ?? out;
  const done = gzipped
    ? pipeline(gzipped, out)
    : new Promise<void>((resolve, reject) => {
        out.on("finish", resolve);
        out.on("error", reject);
      });
  let first = true;
  return {
    async write(rows: unknown[][]): Promise<void> {
      const text = stringify(rows, { header: first, columns: header, quoted_string: true });
      first = false;
      // `once` rejects if the stream fails meanwhile (a full disk): no wait forever.
      if (text && !sink.write(text)) await once(sink, "drain");
    },
    async end(): Promise<void> {
      // A file with no rows still gets its header.
      if (first) await this.write([]);
      sink.end();
      await done;
    },
  };
}

/** Writes the store's General Assembly record into `folder` in the research format. */
export async function exportUnvotes(
  store: Store,
  folder: string,
  options: UnvotesExportOptions = {},
): Promise<ExportReport> {
  const gzip = options.gzip ?? false;
  const extension = gzip ? ".csv.gz" : ".csv";
  mkdirSync(folder, { recursive: true });
  const names = ["un_roll_calls", "un_votes", "un_roll_call_issues"].map((n) =>
    path.join(folder, n + extension),
  );
  // Written beside their final names and renamed at the end: a failed export leaves no half file.
  const temps = names.map((n) => `${n}.partial-${process.pid}`);
  const report: ExportReport = {
    format: "unvotes",
    files: names,
    rollCalls: { written: 0, skippedIncomplete: 0 },
    votes: 0,
    issues: 0,
  };
  const rollCallsFile = csvFile(
    temps[0]!,
    ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
    gzip,
  );
  const votesFile = csvFile(temps[1]!, ["rcid", "country", "country_code", "vote"], gzip);
  const issuesFile = csvFile(temps[2]!, ["rcid", "short_name", "issue"], gzip);
  try {
    let query = store.db
      .selectFrom("roll_calls")
      .select([
        "id",
        "session",
        "date",
        "symbol",
        "kind",
        "title",
        "description",
        "important_vote",
        "complete",
      ])
      .where("body", "=", "GA");
    if (options.from) query = query.where("date", ">=", options.from);
    if (options.to) query = query.where("date", "<=", options.to);
    const all = await query.orderBy("date").orderBy("id").execute();
    const rollCalls = all.filter((r) => r.complete === 1);
    report.rollCalls.skippedIncomplete = all.length - rollCalls.length;

    const research = new Map(
      (
        await store.db
          .selectFrom("provenance")
          .select(["roll_call_id", "source_key"])
          .where("source", "=", "unvotes")
          .execute()
      ).map((p) => [p.roll_call_id, p.source_key]),
    );
    // Members are written per date (names and codes change): the same pair recurs on every roll call of a day.
    const columnsCache = new Map<string, { code: string; name: string }>();
    const rcidOf = (id: number) => research.get(id) ?? String(FOREIGN_RCID_OFFSET + id);

    for (let i = 0; i < rollCalls.length; i += VOTES_PER_QUERY) {
      const batch = rollCalls.slice(i, i + VOTES_PER_QUERY);
      const ids = batch.map((r) => r.id);
      const [votes, issues] = await Promise.all([
        store.db
          .selectFrom("votes")
          .select(["roll_call_id", "member_id", "vote"])
          .where("roll_call_id", "in", ids)
          .orderBy("roll_call_id")
          .orderBy("member_id")
          .execute(),
        store.db
          .selectFrom("roll_call_issues")
          .select(["roll_call_id", "code", "label"])
          .where("roll_call_id", "in", ids)
          .orderBy("roll_call_id")
          .orderBy("code")
          .execute(),
      ]);
      const byId = new Map(batch.map((r) => [r.id, r]));
      await rollCallsFile.write(batch.map((r) => rollCallColumns(r, rcidOf(r.id))));
      report.rollCalls.written += batch.length;
      const voteRows: unknown[][] = [];
      for (const v of votes) {
        const word = VOTE_WORDS[v.vote as keyof typeof VOTE_WORDS];
        if (!word) continue;
        const member = getMember(v.member_id);
        if (!member) throw new Error(`vote of unknown member ${v.member_id} on roll call ${v.roll_call_id}`);
        const date = byId.get(v.roll_call_id)!.date;
        const key = `${member.id}${date}`;
        let columns = columnsCache.get(key);
        if (!columns) columnsCache.set(key, (columns = memberColumns(member, date)));
        const { code, name } = columns;
        voteRows.push([Number(rcidOf(v.roll_call_id)), name, code, word]);
      }
      await votesFile.write(voteRows);
      report.votes += voteRows.length;
      await issuesFile.write(
        issues.map((issue) => [Number(rcidOf(issue.roll_call_id)), issue.code, issue.label ?? ""]),
      );
      report.issues += issues.length;
    }
    await Promise.all([rollCallsFile.end(), votesFile.end(), issuesFile.end()]);
    temps.forEach((temp, i) => renameSync(temp, names[i]!));
    return report;
  } catch (error) {
    for (const file of [rollCallsFile, votesFile, issuesFile]) await file.end().catch(() => {});
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
}

function rollCallColumns(r: RollCallRow, rcid: string): unknown[] {
  return [
    Number(rcid),
    r.session === null ? "" : /^\d+$/.test(r.session) ? Number(r.session) : r.session,
    r.important_vote ? 1 : 0,
    r.date,
    r.symbol ?? "",
    r.kind === "amendment" ? 1 : 0,
    r.kind === "paragraph" ? 1 : 0,
    r.title,
    r.description ?? "",
  ];
}
