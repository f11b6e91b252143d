/**
 * Loading the bundle: the records it holds go through the import path — the same writer, one
 * transaction, the readers' problems reported — so the store it makes is the store a real import of the
 * same files makes (provenance, content hashes, merges and disputes alike), and a later import or sync
 * of those files finds them unchanged. A crash or kill part-way leaves the store as it was.
 */
import path from "node:path";
import { ImportContext } from "../import/context.js";
import { importRecords, type ImportReport, type RecordInput } from "../import/index.js";
import type { RollCallRecord } from "../records.js";
import type { Store } from "../store/index.js";
import { BUNDLE_FILE, readBundle, unpackRecord, type BundleInput } from "./format.js";

export interface BundleProgress {
  /** `start`: writing begins (the store was empty, or this is an explicit load); `write`; `done`. */
  stage: "start" | "write" | "done";
  /** Roll calls handed to the writer so far, and in all. */
  rollCalls: number;
  total: number;
  /** Member votes handed to the writer so far. */
  votes: number;
  /** The record's first and last dates (for saying what is being loaded). */
  firstDate: string;
  lastDate: string;
  elapsedMs: number;
}

export interface LoadBundleOptions {
  /** The bundle file (default: the one shipped with Plenary). */
  file?: string;
  /** Only into an empty store (a first start): null when another process filled it first. */
  onlyIfEmpty?: boolean;
  onProgress?: (progress: BundleProgress) => void;
  /** Timestamp of the load (tests). */
  now?: string;
}

/** Loads the bundle into the store, all or nothing; the report is an import's. */
export async function loadBundle(
  store: Store,
  options: LoadBundleOptions & { onlyIfEmpty: true },
): Promise<ImportReport | null>;
export async function loadBundle(
  store: Store,
  options?: LoadBundleOptions & { onlyIfEmpty?: false },
): Promise<ImportReport>;
export async function loadBundle(
  store: Store,
  options: LoadBundleOptions = {},
): Promise<ImportReport | null> {
  const file = options.file ?? BUNDLE_FILE;
  const { header, body } = readBundle(file);
  const started = Date.now();
  const progress: BundleProgress = {
    stage: "start",
    rollCalls: 0,
    total: header.counts.rollCalls,
    votes: 0,
    firstDate: header.counts.firstDate,
    lastDate: header.counts.lastDate,
    elapsedMs: 0,
  };
  let lastReport = 0;
  const report = (stage: BundleProgress["stage"], force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < 100)) return;
    lastReport = now;
    options.onProgress({ ...progress, stage, elapsedMs: now - started });
  };
  // The readers' problems are reported as a real import reports them.
  const context = new ImportContext({ skipBadRows: false });
  context.problems.absorb(body.problems);
  const inputs: RecordInput[] = body.inputs.map((input) => ({
    format: input.format,
    path: input.path,
    layout: input.layout,
    records: (reading) => replay(input, body.members, reading),
  }));
  async function* replay(
    input: BundleInput,
    members: string[],
    reading: ImportContext,
  ): AsyncGenerator<RollCallRecord> {
    // Reached only once the store is known to take the records (the empty check holds the write lock).
    if (progress.rollCalls === 0) report("start", true);
    reading.stats.rows += input.rows;
    for (const packed of input.records) {
      const record = unpackRecord(packed, members, input.file);
      progress.rollCalls++;
      progress.votes += record.votes.size;
      report("write");
      yield record;
    }
  }
  const result = await importRecords(
    store,
    inputs,
    { ...(options.now ? { now: options.now } : {}) },
    {
      log: { format: "bundle", files: [path.resolve(file)] },
      context,
      onlyIfEmpty: options.onlyIfEmpty ?? false,
    },
  );
  if (result) report("done", true);
  return result;
}
