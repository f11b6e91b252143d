/**
 * Building the bundle (`npm run bundle`): the starter dataset, then the real readers run over
 * ../shared/data — the research data, the veto list and the DGACM files, in the order a user would
 * import them — and what they yield kept as it is: every record with its source, key, citation and
 * disputes, and the problems they reported. Every quirk of the files is handled once, by the readers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ImportContext } from "../import/context.js";
import { detectInputs, type ImportInput } from "../import/detect.js";
import { readInput } from "../import/index.js";
import { unvotesFiles } from "../import/unvotes.js";
import type { RollCallRecord } from "../records.js";
import { loadStarterDataset, STARTER_FILE } from "../starter.js";
import { contentHash } from "../store/index.js";
import {
  BUNDLE_FORMAT,
  bodyJson,
  memberTable,
  packRecord,
  sha256,
  unpackRecord,
  type BundleBody,
  type BundleHeader,
  type BundleInput,
  type PackedRecord,
} from "./format.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Where the data is read from: ../shared/data beside the repository. */
export const DATA_DIR = path.resolve(ROOT, "../shared/data");

/** What the bundle holds, in import order, relative to the data folder. */
export const BUNDLE_SOURCES = ["unvotes", "unsc-vetoes/unsc_vetoes_1946_sept2022.csv", "unxml"];

export interface BuiltBundle {
  header: Omit<BundleHeader, "body">;
  body: BundleBody;
  /** The body as JSON: what the bundle file compresses. */
  json: Buffer;
}

/** A path as the bundle names it: relative to `base`, with forward slashes. */
function relative(base: string, file: string): string {
  return path.relative(base, path.resolve(file)).split(path.sep).join("/");
}

function fileDigest(file: string): { bytes: number; sha256: string } {
  const bytes = readFileSync(file);
  return { bytes: bytes.length, sha256: sha256(bytes) };
}

/** The files an input reads (the research data is a folder of three). */
function filesOf(input: ImportInput): string[] {
  if (input.format !== "unvotes") return [input.path];
  const files = unvotesFiles(input.path);
  return [files.rollCalls, files.issues, files.votes].filter((f): f is string => f !== null);
}

interface ReadInput {
  format: BundleInput["format"];
  path: string;
  layout: string;
  rows: number;
  records: RollCallRecord[];
}

/** Reads everything the bundle holds; `now` dates the header (tests pin it). */
export async function buildBundle(dataDir = DATA_DIR, now = new Date()): Promise<BuiltBundle> {
  const context = new ImportContext({ skipBadRows: false });
  const inputs = await detectInputs(BUNDLE_SOURCES.map((source) => path.join(dataDir, source)));
  const read: ReadInput[] = [
    {
      format: "starter",
      path: relative(ROOT, STARTER_FILE),
      layout: "starter dataset",
      rows: 0,
      records: loadStarterDataset(),
    },
  ];
  for (const input of inputs) {
    const rowsBefore = context.stats.rows;
    const records: RollCallRecord[] = [];
    for await (const record of readInput(input, context)) {
      records.push({ ...record, file: record.file === null ? null : relative(dataDir, record.file) });
    }
    read.push({
      format: input.format,
      path: relative(dataDir, input.path),
      layout: input.layout,
      rows: context.stats.rows - rowsBefore,
      records,
    });
  }
  const problems = context.problems.snapshot();
  problems.items = problems.items.map((p) => ({ ...p, file: relative(dataDir, p.file) }));

  const all = read.flatMap((input) => input.records);
  const members = memberTable(all);
  const index = new Map(members.map((id, i) => [id, i]));
  const body: BundleBody = {
    members,
    inputs: read.map((input) => {
      const file = mostCommonFile(input.records);
      return {
        format: input.format,
        path: input.path,
        layout: input.layout,
        rows: input.rows,
        file,
        records: input.records.map((record) => {
          const packed = packRecord(record, index, file);
          const stored = JSON.parse(JSON.stringify(packed)) as PackedRecord;
          checkRoundTrip(record, unpackRecord(stored, members, file));
          return packed;
        }),
      };
    }),
    problems,
  };

  const bySource: Record<string, number> = {};
  let votes = 0;
  for (const record of all) {
    bySource[record.source] = (bySource[record.source] ?? 0) + 1;
    votes += record.votes.size;
  }
  const dates = all.map((r) => r.date).sort();
  const files = [
    { path: relative(ROOT, STARTER_FILE), file: STARTER_FILE },
    ...inputs.flatMap(filesOf).map((file) => ({ path: relative(dataDir, file), file })),
  ];
  return {
    header: {
      format: BUNDLE_FORMAT,
      built: now.toISOString(),
      inputs: files.map(({ path: name, file }) => ({ path: name, ...fileDigest(file) })),
      counts: {
        rollCalls: all.length,
        votes,
        bySource,
        problems: problems.warnings + problems.errors,
        firstDate: dates[0] ?? "",
        lastDate: dates[dates.length - 1] ?? "",
      },
    },
    body,
    json: bodyJson(body),
  };
}

function mostCommonFile(records: RollCallRecord[]): string | null {
  const counts = new Map<string | null, number>();
  for (const r of records) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [file, n] of counts) {
    if (n > most) [best, most] = [file, n];
  }
  return best;
}

/** A record must come back from the bundle as the reader gave it, or the writer would store another. */
function checkRoundTrip(original: RollCallRecord, back: RollCallRecord): void {
  if (contentHash(back) !== contentHash(original) || back.file !== original.file) {
    throw new Error(
      `${original.source} ${original.sourceKey} does not survive the bundle's encoding (a field the format does not keep?)`,
    );
  }
}

/**
 * How a bundle differs from what the readers make of the data today: nothing when it is current. The
 * records are compared by the sha256 of the body's JSON (what they are, problems included), the data by
 * the sha256 of each input file.
 */
export function staleness(header: BundleHeader, built: BuiltBundle): string[] {
  const differences: string[] = [];
  const body = sha256(built.json);
  if (header.body.sha256 !== body) {
    differences.push(
      `the records differ: the bundle holds body ${header.body.sha256.slice(0, 12)}…, the readers make ${body.slice(0, 12)}… (${header.counts.rollCalls} vs ${built.header.counts.rollCalls} roll calls, ${header.counts.votes} vs ${built.header.counts.votes} votes)`,
    );
  }
  const had = new Map(header.inputs.map((i) => [i.path, i.sha256]));
  const now = new Map(built.header.inputs.map((i) => [i.path, i.sha256]));
  for (const [name, hash] of now) {
    if (!had.has(name)) differences.push(`${name} is new`);
    else if (had.get(name) !== hash) differences.push(`${name} changed`);
  }
  for (const name of had.keys()) if (!now.has(name)) differences.push(`${name} is gone`);
  return differences;
}
