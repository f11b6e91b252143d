/**
 * The bundle's file format: the whole record as the readers produced it, small enough to ship in the
 * repository (docs/data.md).
 *
 *   PLENARY-BUNDLE 1\n          magic and format version
 *   {header}\n                  JSON, readable with `head -2`: build date, the sha256 of every input
 *                               file, counts, and the sha256 of the body
 *   <body>                      brotli of one JSON document (BundleBody)
 *
 * The body holds the member table (every member id a vote names, sorted) and, per input in import
 * order, the records its reader yielded — each record as the reader built it (same keys, same order:
 * the writer's content hash depends on both) with its votes packed as one character per member of the
 * table (`Y`, `N`, `A`, `X`, or `.` for a member the record does not name), and its `file` omitted when
 * it is the input's. It also holds the readers' problems, so loading reports what a real import does.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import { PlenaryError } from "../../core/errors.js";
import { MEMBER_VOTES, type MemberVote } from "../../core/vote.js";
import type { ProblemsSnapshot } from "../import/problems.js";
import type { ImportFormat } from "../import/context.js";
import type { RollCallRecord } from "../records.js";

/** The bundle shipped with Plenary: what a new store is filled with. */
export const BUNDLE_FILE = fileURLToPath(new URL("../../../bundle/record.bundle", import.meta.url));

const MAGIC = "PLENARY-BUNDLE";
export const BUNDLE_FORMAT = 1;

export interface BundleHeader {
  format: number;
  /** When it was built (ISO). */
  built: string;
  /** Every file the records were read from (paths relative to the data folder; the starter's to the repository). */
  inputs: { path: string; bytes: number; sha256: string }[];
  counts: {
    rollCalls: number;
    votes: number;
    /** Roll calls per source. */
    bySource: Record<string, number>;
    problems: number;
    firstDate: string;
    lastDate: string;
  };
  /** The compressed body: its size, and the sha256 and size of the JSON it holds. */
  body: { encoding: "br"; bytes: number; jsonBytes: number; sha256: string };
}

/** A record as the body stores it: its votes packed, its file only when not the input's. */
export type PackedRecord = Omit<RollCallRecord, "votes" | "file"> & { file?: string | null; votes: string };

export interface BundleInput {
  format: ImportFormat | "starter";
  /** As the import report names it: relative to the data folder. */
  path: string;
  layout: string;
  /** Rows the reader read (what the import report counts). */
  rows: number;
  /** The `file` most of its records name. */
  file: string | null;
  records: PackedRecord[];
}

export interface BundleBody {
  members: string[];
  inputs: BundleInput[];
  problems: ProblemsSnapshot;
}

const NONE = ".";

export function memberTable(records: Iterable<RollCallRecord>): string[] {
  const ids = new Set<string>();
  for (const record of records) for (const id of record.votes.keys()) ids.add(id);
  return [...ids].sort();
}

export function packRecord(
  record: RollCallRecord,
  members: Map<string, number>,
  inputFile: string | null,
): PackedRecord {
  const cells: string[] = new Array<string>(members.size).fill(NONE);
  for (const [id, vote] of record.votes) {
    const index = members.get(id);
    if (index === undefined) throw new Error(`member ${id} is not in the bundle's member table`);
    cells[index] = vote;
  }
  // Every key where the reader put it: the content hash reads them in order.
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "votes") packed.votes = cells.join("");
    else if (key !== "file" || value !== inputFile) packed[key] = value;
  }
  return packed as PackedRecord;
}

export function unpackRecord(
  packed: PackedRecord,
  members: string[],
  inputFile: string | null,
): RollCallRecord {
  if (typeof packed.votes !== "string" || packed.votes.length !== members.length) {
    throw new Error(`record ${packed.source} ${packed.sourceKey}: votes do not match the member table`);
  }
  const votes = new Map<string, MemberVote>();
  for (let i = 0; i < members.length; i++) {
    const cell = packed.votes[i]!;
    if (cell === NONE) continue;
    if (!MEMBER_VOTES.includes(cell as MemberVote))
      throw new Error(`record ${packed.source} ${packed.sourceKey}: vote "${cell}"`);
    votes.set(members[i]!, cell as MemberVote);
  }
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(packed)) record[key] = key === "votes" ? votes : value;
  if (!("file" in record)) record.file = inputFile;
  return record as unknown as RollCallRecord;
}

/** The body as JSON bytes: what its sha256 is taken of, and what the staleness check compares. */
export function bodyJson(body: BundleBody): Buffer {
  return Buffer.from(JSON.stringify(body), "utf8");
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The file's bytes: magic line, header line, then the brotli body. Quality 9 with a 16 MB window: measured
 * on this record, 0.69 MB in ~3 s, where the maximum quality (11) saves 0.09 MB and takes over a minute.
 */
export function encodeBundle(header: Omit<BundleHeader, "body">, json: Buffer): Buffer {
  const compressed = brotliCompressSync(json, {
    params: {
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_QUALITY]: 9,
      [zlib.BROTLI_PARAM_LGWIN]: zlib.BROTLI_MAX_WINDOW_BITS,
      [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  const full: BundleHeader = {
    ...header,
    body: { encoding: "br", bytes: compressed.length, jsonBytes: json.length, sha256: sha256(json) },
  };
  return Buffer.concat([
    Buffer.from(`${MAGIC} ${BUNDLE_FORMAT}\n${JSON.stringify(full)}\n`, "utf8"),
    compressed,
  ]);
}

export interface Bundle {
  header: BundleHeader;
  body: BundleBody;
  /** The body's JSON, as stored. */
  json: Buffer;
}

function damaged(file: string, why: string, explicit: boolean): PlenaryError {
  // The shipped bundle being unreadable is Plenary's own failure (exit 2); a file the user gave is theirs.
  return new PlenaryError(
    explicit ? "BAD_FILE" : "INTERNAL",
    `${file} is not a readable Plenary bundle: ${why}.`,
    {
      file,
      help: explicit
        ? "Give a file made by `npm run bundle`."
        : "The bundle shipped with Plenary is missing or damaged: reinstall, or rebuild it with `npm run bundle` beside ../shared/data.",
    },
  );
}

/** The magic line, the header and the compressed body of a bundle's bytes. */
function split(bytes: Buffer, file: string, explicit: boolean): { header: BundleHeader; compressed: Buffer } {
  const first = bytes.indexOf(0x0a);
  const second = first < 0 ? -1 : bytes.indexOf(0x0a, first + 1);
  if (second < 0) throw damaged(file, "no header", explicit);
  const magic = bytes.subarray(0, first).toString("utf8");
  if (magic !== `${MAGIC} ${BUNDLE_FORMAT}`) {
    const why = magic.startsWith(`${MAGIC} `)
      ? `it is format ${magic.slice(MAGIC.length + 1)}; this Plenary reads format ${BUNDLE_FORMAT}`
      : "no magic line";
    throw damaged(file, why, explicit);
  }
  try {
    const header = JSON.parse(bytes.subarray(first + 1, second).toString("utf8")) as BundleHeader;
    return { header, compressed: bytes.subarray(second + 1) };
  } catch (error) {
    throw damaged(file, `header: ${(error as Error).message}`, explicit);
  }
}

function readBytes(file: string, explicit: boolean): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw damaged(file, (error as Error).message, explicit);
  }
}

/** A bundle's header: what it was built from, when, and what it holds. */
export function readBundleHeader(file = BUNDLE_FILE, explicit = file !== BUNDLE_FILE): BundleHeader {
  return split(readBytes(file, explicit), file, explicit).header;
}

/** Reads and checks a bundle: its magic line, format version, size and the sha256 of its body. */
export function readBundle(file = BUNDLE_FILE, explicit = file !== BUNDLE_FILE): Bundle {
  const { header, compressed } = split(readBytes(file, explicit), file, explicit);
  if (compressed.length !== header.body.bytes) {
    throw damaged(
      file,
      `the body is ${compressed.length} bytes, the header says ${header.body.bytes}`,
      explicit,
    );
  }
  let json: Buffer;
  try {
    json = brotliDecompressSync(compressed);
  } catch (error) {
    throw damaged(file, `the body does not decompress (${(error as Error).message})`, explicit);
  }
  if (sha256(json) !== header.body.sha256)
    throw damaged(file, "its body's sha256 is not its header's", explicit);
  return { header, body: JSON.parse(json.toString("utf8")) as BundleBody, json };
}
