/**
 * `importFiles`: one import = one transaction. Each input is read by its format's streaming reader,
 * roll call by roll call, and written through the store's writer; problems are collected (warnings) or
 * reject the whole import (row-breaking, unless bad rows are skipped). A failure anywhere — a bad file,
 * a crash, a kill — leaves the store as it was. A successful import is recorded in `imports` with its
 * report.
 */
import path from "node:path";
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import type { Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { RollCallRecord } from "../records.js";
import type { FieldChange, Store } from "../store/index.js";
import { ImportContext, type FormatReader, type ImportFormat, type ImportProgress } from "./context.js";
import { detectInputs, type ImportInput } from "./detect.js";
import type { ImportProblem, ProblemKind } from "./problems.js";
import { peekText } from "./input.js";
import { readMarc } from "./marc.js";
import { readUndlCsv } from "./undl.js";
import { readUnvotes } from "./unvotes.js";
import { readVetoes } from "./vetoes.js";
import { readAkomaNtoso } from "./akomaNtoso.js";
import { readUnxml } from "./unxml.js";

export type { ImportFormat, ImportProgress } from "./context.js";
export { IMPORT_FORMATS } from "./context.js";
export type { ImportProblem, ProblemKind } from "./problems.js";
export type { ImportInput } from "./detect.js";

const READERS: Record<ImportFormat, FormatReader> = {
  "undl-ga": (p, context) => readUndlCsv(p, "undl-ga", context),
  "undl-sc": (p, context) => readUndlCsv(p, "undl-sc", context),
  "undl-marc": readMarc,
  unvotes: readUnvotes,
  "unsc-vetoes": readVetoes,
  unxml: readUnxmlFile,
};

/** One format, two shapes: the JSON Lines of adopted resolutions and the XML of failed drafts. */
async function* readUnxmlFile(file: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const xml = /^\s*</.test(await peekText(file, 256));
  yield* xml ? readAkomaNtoso(file, context) : readUnxml(file, context);
}

export interface ImportOptions {
  format?: ImportFormat | "auto";
  /** Import what is readable and list the rows skipped, instead of rejecting the file. */
  skipBadRows?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Problems kept in full per kind (all are counted). */
  problemLimit?: number;
  /** Conflicts kept in full in the report (all are stored and counted). */
  conflictLimit?: number;
  /** Timestamp of the import (tests). */
  now?: string;
  /** What ran the import, kept with its report (`sync dgacm https://…`); null for `plenary import`. */
  origin?: string;
}

export interface ImportConflict {
  rollCallId: number;
  body: Body;
  date: string;
  symbol: string | null;
  memberId: string;
  keptSource: string;
  keptVote: MemberVote;
  otherSource: string;
  otherVote: MemberVote;
}

export interface ImportChange {
  outcome: "updated" | "merged";
  rollCallId: number;
  source: string;
  sourceKey: string;
  symbol: string | null;
  date: string;
  /** Updated roll calls: the stored fields the newer version changed (tallies, title, …). */
  fields?: FieldChange[];
}

/** A roll call the import added. */
export interface ImportAddition {
  rollCallId: number;
  source: string;
  sourceKey: string;
  symbol: string | null;
  date: string;
}

/**
 * A stored member vote a newer version of a source changed: moved (`before` → `after`), newly listed
 * (`before` null) or no longer listed (`after` null).
 */
export interface ImportCorrection {
  rollCallId: number;
  body: Body;
  date: string;
  symbol: string | null;
  source: string;
  memberId: string;
  before: MemberVote | null;
  after: MemberVote | null;
}

export interface ImportReport {
  /** Row id in the `imports` table. */
  importId: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  files: {
    path: string;
    format: ImportFormat | "starter";
    layout: string;
    rows: number;
    rollCalls: number;
  }[];
  /** Rows read from all files (CSV data rows; MARC member fields). */
  rowsRead: number;
  rollCalls: {
    read: number;
    added: number;
    updated: number;
    unchanged: number;
    merged: number;
    skipped: number;
  };
  votes: { read: number; written: number };
  /** The roll calls this import rewrote (a newer version of the source) or merged with another source. */
  changes: { items: ImportChange[]; omitted: number };
  /** The roll calls this import added. */
  additions: { items: ImportAddition[]; omitted: number };
  /** Stored member votes this import changed in roll calls it updated (a source correcting itself). */
  corrections: { count: number; items: ImportCorrection[]; omitted: number };
  conflicts: { count: number; items: ImportConflict[]; omitted: number };
  problems: {
    warnings: number;
    /** Rows skipped (only with skipBadRows). */
    skipped: number;
    byKind: Partial<Record<ProblemKind, number>>;
    items: ImportProblem[];
    omitted: number;
  };
  /** Whether the store changed; the data version after the import. */
  changed: boolean;
  dataVersion: number;
  /** What ran the import (`sync dgacm https://…`); null for `plenary import`. */
  origin: string | null;
}

/** Imports files (see {@link detectInputs} for what a path may be) into the store, all or nothing. */
export async function importFiles(
  store: Store,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (!paths.length)
    throw new PlenaryError("BAD_INPUT", "Nothing to import: give one or more files.", {
      help: "plenary import FILE...",
    });
  const inputs = await detectInputs(paths, options.format ?? "auto");
  return importInputs(store, inputs, options);
}

/** Imports inputs already recognised (sync uses this with the files it downloaded). */
export function importInputs(
  store: Store,
  inputs: ImportInput[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const sources = inputs.map((input) => ({
    ...input,
    records: (context: ImportContext) => readInput(input, context),
  }));
  const log = {
    format: [...new Set(inputs.map((i) => i.format))].join(","),
    files: inputs.map((i) => path.resolve(i.path)),
  };
  return importRecords(store, sources, options, { log });
}

/** The records of one input, as its format's reader yields them. */
export function readInput(input: ImportInput, context: ImportContext): AsyncGenerator<RollCallRecord> {
  return READERS[input.format](input.path, context);
}

/**
 * One input of an import and its records: read from a file by its format's reader, or replayed from the
 * bundle (which holds what the readers produced, the starter dataset first).
 */
export interface RecordInput {
  format: ImportFormat | "starter";
  path: string;
  layout: string;
  records(context: ImportContext): AsyncIterable<RollCallRecord>;
}

export interface RecordImport {
  /** What the store's log of imports says: the formats and the files read. */
  log: { format: string; files: string[] };
  /** The reading context (the bundle's replays its readers' problems); a new one by default. */
  context?: ImportContext;
  /** Write only into an empty store: checked holding the write lock, so of two first starts one fills it. */
  onlyIfEmpty?: boolean;
}

/**
 * The one way records reach the store: all inputs in one transaction through the writer, the report
 * recorded in `imports`. Null when `onlyIfEmpty` found the store already filled.
 */
export async function importRecords(
  store: Store,
  inputs: RecordInput[],
  options: ImportOptions,
  how: RecordImport & { onlyIfEmpty: true },
): Promise<ImportReport | null>;
export async function importRecords(
  store: Store,
  inputs: RecordInput[],
  options: ImportOptions,
  how: RecordImport & { onlyIfEmpty?: false },
): Promise<ImportReport>;
export async function importRecords(
  store: Store,
  inputs: RecordInput[],
  options: ImportOptions,
  how: RecordImport,
): Promise<ImportReport | null>;
export async function importRecords(
  store: Store,
  inputs: RecordInput[],
  options: ImportOptions,
  how: RecordImport,
): Promise<ImportReport | null> {
  const started = Date.now();
  const startedAt = options.now ?? new Date(started).toISOString();
  const context =
    how.context ??
    new ImportContext(
      { skipBadRows: options.skipBadRows ?? false, problemLimit: options.problemLimit },
      options.onProgress,
    );
  const conflictLimit = options.conflictLimit ?? 1000;
  const report: ImportReport = {
    importId: 0,
    startedAt,
    finishedAt: startedAt,
    durationMs: 0,
    files: [],
    rowsRead: 0,
    rollCalls: { read: 0, added: 0, updated: 0, unchanged: 0, merged: 0, skipped: 0 },
    votes: { read: 0, written: 0 },
    changes: { items: [], omitted: 0 },
    additions: { items: [], omitted: 0 },
    corrections: { count: 0, items: [], omitted: 0 },
    conflicts: { count: 0, items: [], omitted: 0 },
    problems: { warnings: 0, skipped: 0, byKind: {}, items: [], omitted: 0 },
    changed: false,
    dataVersion: 0,
    origin: options.origin ?? null,
  };
  let took = true;
  try {
    await store.importSession(startedAt, async (session) => {
      if (how.onlyIfEmpty && !(await session.isEmpty())) {
        took = false;
        return;
      }
      const writer = session.writer;
      for (const input of inputs) {
        const rowsBefore = context.stats.rows;
        const rollCallsBefore = report.rollCalls.read;
        for await (const record of input.records(context)) {
          report.rollCalls.read++;
          context.rollCalls++;
          report.votes.read += record.votes.size;
          const result = await writer.write(record);
          context.tick();
          const symbol = record.symbol ?? record.draftSymbol;
          const which = { rollCallId: result.id, source: record.source, sourceKey: record.sourceKey };
          if (result.outcome === "updated" || result.outcome === "merged") {
            if (report.changes.items.length < conflictLimit) {
              report.changes.items.push({
                outcome: result.outcome,
                ...which,
                symbol,
                date: record.date,
                ...(result.outcome === "updated" ? { fields: result.fields } : {}),
              });
            } else {
              report.changes.omitted++;
            }
          } else if (result.outcome === "added") {
            if (report.additions.items.length < conflictLimit)
              report.additions.items.push({ ...which, symbol, date: record.date });
            else report.additions.omitted++;
          }
          for (const c of result.corrections) {
            report.corrections.count++;
            if (report.corrections.items.length < conflictLimit) {
              report.corrections.items.push({
                rollCallId: c.rollCallId,
                body: record.body,
                date: record.date,
                symbol,
                source: record.source,
                memberId: c.memberId,
                before: c.before,
                after: c.after,
              });
            } else {
              report.corrections.omitted++;
            }
          }
          for (const c of result.conflicts) {
            report.conflicts.count++;
            if (report.conflicts.items.length < conflictLimit) {
              report.conflicts.items.push({
                ...c,
                body: record.body,
                date: record.date,
                symbol: record.symbol ?? record.draftSymbol,
              });
            } else {
              report.conflicts.omitted++;
            }
          }
        }
        report.files.push({
          path: input.path,
          format: input.format,
          layout: input.layout,
          rows: context.stats.rows - rowsBefore,
          rollCalls: report.rollCalls.read - rollCallsBefore,
        });
      }
      const written = await writer.finish();
      report.rollCalls.added = written.added;
      report.rollCalls.updated = written.updated;
      report.rollCalls.unchanged = written.unchanged;
      report.rollCalls.merged = written.merged;
      report.votes.written = written.votesWritten;
      report.changed = written.added + written.updated + written.merged > 0;
      fillProblems(report, context);
      report.dataVersion = await session.dataVersion();
      const finished = Date.now();
      report.finishedAt = new Date(finished).toISOString();
      report.durationMs = finished - started;
      report.importId = await session.log({
        startedAt,
        finishedAt: report.finishedAt,
        format: how.log.format,
        files: how.log.files,
        report: { ...report, importId: undefined },
      });
    });
  } catch (error) {
    if (isPlenaryError(error)) throw error;
    throw new PlenaryError(
      "STORE_ERROR",
      `The import failed and nothing was stored: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return took ? report : null;
}

function fillProblems(report: ImportReport, context: ImportContext): void {
  const { problems, stats } = context;
  report.rowsRead = stats.rows;
  report.rollCalls.skipped = stats.rollCallsSkipped;
  report.problems = {
    warnings: problems.warnings,
    skipped: problems.errors,
    byKind: { ...problems.byKind },
    items: problems.items,
    omitted: problems.omitted,
  };
}
