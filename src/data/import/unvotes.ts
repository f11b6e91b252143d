/**
 * The unvotes / Voeten research format (`../shared/data/unvotes`): a folder with three CSVs joined on
 * `rcid` — un_roll_calls (one row per roll call), un_votes (one row per member and roll call; absent
 * members have no row) and un_roll_call_issues (issue codes). Alpha-2 codes as text (`NA` is Namibia),
 * historical states with their own codes, a few empty codes to map by name.
 *
 * A roll call from this dataset is complete: members of the UN on that date without a row did not vote.
 * Amendments (amend=1) and paragraph votes (para=1) become their own kinds, linked to the vote on the
 * whole text of the same resolution; `unres` becomes the official symbol (`R/74/19` → `A/RES/74/19`).
 *
 * The votes file is not ordered by roll call, so its votes are gathered before the roll calls are
 * handed on: this reader holds the dataset (24 MB of text) in memory, unlike the streaming UN DL readers.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { PlenaryError } from "../../core/errors.js";
import type { RollCallKind } from "../../core/rollCall.js";
import { symbolFromUnres } from "../../core/symbols.js";
import { researchTitle } from "../../core/titles.js";
import { parseMemberVote, type MemberVote } from "../../core/vote.js";
import { unrecordedDetails, type IssueTag, type RollCallRecord } from "../records.js";
import { openCsv, type CsvFile } from "./csv.js";
import { readIsoDate, readId, textOrNull, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { UNVOTES_ISSUES, UNVOTES_ROLL_CALLS, UNVOTES_VOTES } from "./layouts.js";

export const UNVOTES_CITATION =
  "unvotes 0.3.0 (D. Robinson), from E. Voeten, United Nations General Assembly Voting Data, hdl:1902.1/12379";

export interface UnvotesFiles {
  folder: string;
  votes: string;
  rollCalls: string;
  issues: string | null;
}

const BASENAMES = { votes: "un_votes", rollCalls: "un_roll_calls", issues: "un_roll_call_issues" } as const;

function findFile(folder: string, base: string): string | null {
  for (const name of [`${base}.csv.gz`, `${base}.csv`]) {
    const file = path.join(folder, name);
    if (existsSync(file)) return file;
  }
  return null;
}

/** Whether a path is the research dataset: its folder, or one of its three files. */
export function isUnvotesPath(p: string): boolean {
  try {
    if (statSync(p).isDirectory()) return findFile(p, BASENAMES.votes) !== null;
  } catch {
    return false;
  }
  return /^un_(votes|roll_calls|roll_call_issues)\.csv(\.gz)?$/.test(path.basename(p));
}

/** The dataset's folder, from the folder or any of its files. */
export function unvotesFolder(p: string): string {
  return statSync(p).isDirectory() ? p : path.dirname(p);
}

export function unvotesFiles(p: string): UnvotesFiles {
  const folder = unvotesFolder(p);
  const votes = findFile(folder, BASENAMES.votes);
  const rollCalls = findFile(folder, BASENAMES.rollCalls);
  if (!votes || !rollCalls) {
    const missing = [!votes && "un_votes.csv[.gz]", !rollCalls && "un_roll_calls.csv[.gz]"]
      .filter(Boolean)
      .join(" and ");
    throw new PlenaryError("BAD_FILE", `${folder}: the unvotes dataset lacks ${missing}.`, {
      file: folder,
      help: "The research format is a folder with un_votes, un_roll_calls and un_roll_call_issues (.csv or .csv.gz).",
    });
  }
  return { folder, votes, rollCalls, issues: findFile(folder, BASENAMES.issues) };
}

interface UnvotesRollCall {
  rcid: string;
  line: number;
  session: string | null;
  date: string;
  unres: string | null;
  symbol: string | null;
  kind: RollCallKind;
  importantVote: boolean;
  title: string;
  description: string | null;
  issues: IssueTag[];
  votes: Map<string, MemberVote>;
}

/** The research data's `unres` → an official symbol; a few variants (`R/42/70/A`) are tidied first. */
export function unresSymbol(unres: string): string | null {
  const direct = symbolFromUnres(unres);
  if (direct) return direct;
  const tidied = unres
    .trim()
    .toUpperCase()
    .replace(/^(R|ESS|SS)\/(\d+)\/(\d+)\/([A-Z])$/, "$1/$2/$3$4");
  return symbolFromUnres(tidied);
}

function column(file: CsvFile, name: string): number {
  return file.columns.get(name) ?? -1;
}

function widthOk(context: ImportContext, file: CsvFile, fields: string[], line: number): boolean {
  if (fields.length === file.header.length) return true;
  context.problems.reject("bad-row", `expected ${file.header.length} fields, found ${fields.length}`, {
    file: file.input.file,
    line,
  });
  return false;
}

async function readRollCalls(file: string, context: ImportContext): Promise<Map<string, UnvotesRollCall>> {
  const csv = await openCsv(openTextInput(file), UNVOTES_ROLL_CALLS);
  const [iRcid, iSession, iImportant, iDate, iUnres, iAmend, iPara, iShort, iDescr] = [
    "rcid",
    "session",
    "importantvote",
    "date",
    "unres",
    "amend",
    "para",
    "short",
    "descr",
  ].map((name) => column(csv, name)) as number[];
  const rollCalls = new Map<string, UnvotesRollCall>();
  const at = (i: number, fields: string[]) => (i! >= 0 ? (fields[i!] ?? "") : "");
  for await (const batch of csv.batches) {
    for (const { fields, line } of batch) {
      context.stats.rows++;
      if (!widthOk(context, csv, fields, line)) continue;
      const rcid = readId(at(iRcid!, fields));
      if (!/^\d+$/.test(rcid)) {
        context.problems.reject("missing-id", `no readable rcid (${JSON.stringify(rcid)})`, {
          file,
          line,
          field: "rcid",
        });
        continue;
      }
      if (rollCalls.has(rcid)) {
        context.problems.reject(
          "duplicate-roll-call",
          `rcid ${rcid} appears again (first on line ${rollCalls.get(rcid)!.line})`,
          {
            file,
            line,
            field: "rcid",
            key: rcid,
          },
        );
        continue;
      }
      const date = readIsoDate(at(iDate!, fields));
      if (!date) {
        context.problems.reject("bad-date", `unreadable date ${JSON.stringify(at(iDate!, fields))}`, {
          file,
          line,
          field: "date",
          key: rcid,
        });
        continue;
      }
      const unres = textOrNull(at(iUnres!, fields));
      const symbol = unres ? unresSymbol(unres) : null;
      if (unres && !symbol) {
        context.problems.warn(
          "bad-symbol",
          `unres ${JSON.stringify(unres)} is not a readable resolution symbol; kept without a symbol`,
          {
            file,
            line,
            field: "unres",
            key: rcid,
          },
        );
      }
      const amend = at(iAmend!, fields).trim() === "1";
      const para = at(iPara!, fields).trim() === "1";
      const kind: RollCallKind = amend ? "amendment" : para ? "paragraph" : symbol ? "resolution" : "draft";
      // Whole words only (core/titles.ts): the dataset cuts short titles at 60 characters, descriptions at ~244.
      const { title, description } = researchTitle(
        rawOrNull(at(iShort!, fields)),
        rawOrNull(at(iDescr!, fields)),
      );
      rollCalls.set(rcid, {
        rcid,
        line,
        session: textOrNull(at(iSession!, fields)),
        date,
        unres,
        symbol,
        kind,
        importantVote: at(iImportant!, fields).trim() === "1",
        title: title ?? `Roll call ${rcid}`,
        description,
        issues: [],
        votes: new Map(),
      });
    }
  }
  return rollCalls;
}

async function readIssues(
  file: string,
  rollCalls: Map<string, UnvotesRollCall>,
  context: ImportContext,
): Promise<void> {
  const csv = await openCsv(openTextInput(file), UNVOTES_ISSUES);
  const iRcid = column(csv, "rcid");
  const iCode = column(csv, "short_name");
  const iLabel = column(csv, "issue");
  for await (const batch of csv.batches) {
    for (const { fields, line } of batch) {
      context.stats.rows++;
      if (!widthOk(context, csv, fields, line)) continue;
      const rcid = readId(fields[iRcid] ?? "");
      const rollCall = rollCalls.get(rcid);
      if (!rollCall) {
        context.problems.warn(
          "unknown-roll-call",
          `issue for rcid ${rcid}, which is not in un_roll_calls; ignored`,
          {
            file,
            line,
            field: "rcid",
          },
        );
        continue;
      }
      const code = (fields[iCode] ?? "").trim();
      if (!code) continue;
      if (!rollCall.issues.some((i) => i.code === code)) {
        rollCall.issues.push({ code, label: iLabel >= 0 ? textOrNull(fields[iLabel]) : null });
      }
    }
  }
}

async function readVotes(
  file: string,
  rollCalls: Map<string, UnvotesRollCall>,
  context: ImportContext,
): Promise<void> {
  const input = openTextInput(file);
  const csv = await openCsv(input, UNVOTES_VOTES);
  const iRcid = column(csv, "rcid");
  const iName = column(csv, "country");
  const iCode = column(csv, "country_code");
  const iVote = column(csv, "vote");
  const width = csv.header.length;
  const { members, problems, stats } = context;
  const skippedRollCalls = new Set<string>();
  const voteCache = new Map<string, MemberVote | null>();
  let lastRcid = "";
  let lastRollCall: UnvotesRollCall | undefined;
  for await (const batch of csv.batches) {
    stats.rows += batch.length;
    for (const { fields, line } of batch) {
      if (fields.length !== width && !widthOk(context, csv, fields, line)) continue;
      const rcidText = fields[iRcid]!;
      // Rows mostly come roll call by roll call: the previous row's is the likely one.
      const rollCall =
        rcidText === lastRcid ? lastRollCall : (rollCalls.get(rcidText) ?? rollCalls.get(readId(rcidText)));
      lastRcid = rcidText;
      lastRollCall = rollCall;
      if (!rollCall) {
        if (skippedRollCalls.has(rcidText)) continue;
        problems.reject("unknown-roll-call", `rcid ${rcidText} is not in un_roll_calls`, {
          file,
          line,
          field: "rcid",
        });
        skippedRollCalls.add(rcidText);
        continue;
      }
      const code = fields[iCode]!;
      const name = fields[iName]!;
      const member = members.resolve(code, name, rollCall.date, file, line, rollCall.rcid);
      if (!member) {
        problems.reject(
          "unknown-member",
          `unknown member ${JSON.stringify(code)} / ${JSON.stringify(name)}`,
          {
            file,
            line,
            field: code ? "country_code" : "country",
            key: rollCall.rcid,
          },
        );
        rollCall.votes.set("\u0000incomplete", "X");
        continue;
      }
      const voteText = fields[iVote]!;
      let vote = voteCache.get(voteText);
      if (vote === undefined) {
        vote = parseMemberVote(voteText);
        voteCache.set(voteText, vote);
      }
      if (vote === null) {
        problems.reject("bad-vote", `unreadable vote ${JSON.stringify(fields[iVote])}`, {
          file,
          line,
          field: "vote",
          key: rollCall.rcid,
        });
        rollCall.votes.set("\u0000incomplete", "X");
        continue;
      }
      const previous = rollCall.votes.get(member.id);
      if (previous !== undefined) {
        problems.warn(
          "duplicate-vote",
          `${member.id} votes twice on rcid ${rollCall.rcid} (${previous}, then ${vote} for ${JSON.stringify(name)}); kept the first`,
          { file, line, field: "country_code", key: rollCall.rcid },
        );
        continue;
      }
      members.checkMembership(member, rollCall.date, file, line, rollCall.rcid);
      rollCall.votes.set(member.id, vote);
    }
    context.progress(file, input.bytesRead(), input.size);
  }
}

/**
 * The vote on the whole text each amendment and paragraph vote belongs to: the same resolution, taken
 * next. "The same" by symbol, not by `unres` as written: the dataset writes one resolution both ways
 * (`R/71/36` for a paragraph vote, `A/RES/71/36` for the whole text).
 */
function parentsOf(rollCalls: UnvotesRollCall[]): Map<string, string> {
  const resolutionOf = (rc: UnvotesRollCall) => (rc.unres ? (unresSymbol(rc.unres) ?? rc.unres) : null);
  const wholeByUnres = new Map<string, number[]>();
  for (const rc of rollCalls) {
    const resolution = resolutionOf(rc);
    if (rc.kind !== "resolution" || !resolution) continue;
    const list = wholeByUnres.get(resolution) ?? [];
    list.push(Number(rc.rcid));
    wholeByUnres.set(resolution, list);
  }
  const parents = new Map<string, string>();
  for (const rc of rollCalls) {
    const resolution = resolutionOf(rc);
    if ((rc.kind !== "amendment" && rc.kind !== "paragraph") || !resolution) continue;
    const candidates = wholeByUnres.get(resolution);
    if (!candidates) continue;
    const own = Number(rc.rcid);
    const after = candidates.filter((c) => c > own).sort((a, b) => a - b)[0];
    const before = candidates.filter((c) => c < own).sort((a, b) => b - a)[0];
    const parent = after ?? before;
    if (parent !== undefined) parents.set(rc.rcid, String(parent));
  }
  return parents;
}

export async function* readUnvotes(p: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const files = unvotesFiles(p);
  const rollCalls = await readRollCalls(files.rollCalls, context);
  if (files.issues) await readIssues(files.issues, rollCalls, context);
  else {
    context.problems.warn(
      "missing-file",
      "un_roll_call_issues.csv[.gz] is missing: roll calls are imported without issue codes",
      {
        file: files.folder,
      },
    );
  }
  await readVotes(files.votes, rollCalls, context);
  const ordered = [...rollCalls.values()].sort((a, b) => Number(a.rcid) - Number(b.rcid));
  const parents = parentsOf(ordered);
  const sequenceByDate = new Map<string, number>();
  for (const rc of ordered) {
    const sequence = sequenceByDate.get(rc.date) ?? 0;
    sequenceByDate.set(rc.date, sequence + 1);
    // A roll call with a skipped row is no longer complete.
    const complete = !rc.votes.delete("\u0000incomplete");
    const record: RollCallRecord = {
      body: "GA",
      session: rc.session,
      date: rc.date,
      symbol: rc.symbol,
      draftSymbol: null,
      kind: rc.kind,
      title: rc.title,
      description: rc.description,
      ...unrecordedDetails(),
      importantVote: rc.importantVote,
      modality: "recorded",
      officialTally: { yes: null, no: null, abstain: null, nonVoting: null },
      recordedOutcome: null,
      complete,
      issues: rc.issues,
      sequence,
      source: "unvotes",
      sourceKey: rc.rcid,
      citation: `${UNVOTES_CITATION}, rcid ${rc.rcid}`,
      file: files.votes,
      parentSourceKey: parents.get(rc.rcid) ?? null,
      disputes: [],
      votes: rc.votes,
    };
    rollCalls.delete(rc.rcid);
    yield record;
  }
}

/** A field as the file gives it (untrimmed: where the source cut it matters), null when blank. */
function rawOrNull(text: string | undefined): string | null {
  return text === undefined || text.trim() === "" ? null : text;
}
