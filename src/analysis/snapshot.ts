/**
 * A snapshot: derived data (a JSON part and a few typed arrays) in one self-checking byte string, for
 * the store's analysis cache. The reader gets the data back only when the bytes are whole and are what
 * it asked for; anything else — truncated, damaged, another kind, another data version, another
 * encoding, derived by other code — is a problem it can name, and the caller rebuilds from the store.
 *
 * Layout (little-endian):
 *
 *   0   8 bytes   magic "PLENSNAP"
 *   8   u32       container format (1)
 *   12  u32       header length H (bytes of JSON)
 *   16  f64       payload length P (bytes after the header)
 *   24  32 bytes  SHA-256 of the header and the payload
 *   56  H bytes   header JSON: {kind, format, dataVersion, code, json: byte length, jsonEncoding?,
 *                 arrays: [{name, type, length}]}
 *   …   P bytes   the JSON part, then each array in order, each starting on a multiple of 8
 *
 * The JSON part is ASCII (every other character written \uXXXX) and, past 256 KB, deflated
 * (jsonEncoding "ascii" or "ascii-deflate"; a snapshot without the field is UTF-8, as written before).
 * Why: the catalog's 7 MB of JSON was a sixth of the server's start — SQLite reads a large value page
 * by 4 KB page (about 60 ms for 7 MB, 7 ms for its 1 MB deflated), and JSON.parse reads a one-byte
 * string (ASCII decoded as Latin-1) about 40 % faster than the two-byte string UTF-8 gives.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** JSON parts from this size on are deflated. */
const DEFLATE_FROM = 256 * 1024;

/** JSON text with every character outside ASCII written as a \uXXXX escape (the same value). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

export type SnapshotArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

export interface SnapshotContent {
  /** What the snapshot holds, e.g. "vote-matrix". */
  kind: string;
  /** The encoding of what it holds (the caller's own version number). */
  format: number;
  /** The store's data version the content was derived from. */
  dataVersion: number;
  /** The fingerprint of the code that derived it (derived.ts). */
  code: string;
  json: unknown;
  arrays: Record<string, SnapshotArray>;
}

const MAGIC = "PLENSNAP";
const CONTAINER = 1;
const FIXED = 56;

const ARRAY_TYPES = {
  u8: Uint8Array,
  i32: Int32Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const;
type ArrayType = keyof typeof ARRAY_TYPES;

function typeOf(array: SnapshotArray): ArrayType {
  if (array instanceof Uint8Array) return "u8";
  if (array instanceof Int32Array) return "i32";
  if (array instanceof Uint32Array) return "u32";
  return "f64";
}

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeSnapshot(content: SnapshotContent): Uint8Array {
  const text = Buffer.from(asciiJson(content.json), "latin1");
  const deflate = text.byteLength >= DEFLATE_FROM;
  const json = deflate ? deflateRawSync(text, { level: 3 }) : text;
  const arrays = Object.entries(content.arrays).map(([name, array]) => ({
    name,
    array,
    type: typeOf(array),
  }));
  const header = Buffer.from(
    JSON.stringify({
      kind: content.kind,
      format: content.format,
      dataVersion: content.dataVersion,
      code: content.code,
      json: json.byteLength,
      jsonEncoding: deflate ? "ascii-deflate" : "ascii",
      arrays: arrays.map(({ name, type, array }) => ({ name, type, length: array.length })),
    }),
    "utf8",
  );
  let payload = pad8(json.byteLength);
  for (const { array } of arrays) payload += pad8(array.byteLength);
  const out = Buffer.alloc(FIXED + header.byteLength + payload);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(CONTAINER, 8);
  out.writeUInt32LE(header.byteLength, 12);
  out.writeDoubleLE(payload, 16);
  header.copy(out, FIXED);
  let at = FIXED + header.byteLength;
  json.copy(out, at);
  at += pad8(json.byteLength);
  for (const { array } of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += pad8(array.byteLength);
  }
  createHash("sha256").update(out.subarray(FIXED)).digest().copy(out, 24);
  return out;
}

export type Decoded =
  { content: SnapshotContent; problem?: undefined } | { content?: undefined; problem: string };

/**
 * The content of `bytes` if they are a whole snapshot of `expected.kind`, in `expected.format`, of
 * `expected.dataVersion`; otherwise the problem, in words.
 */
export function decodeSnapshot(
  bytes: Uint8Array,
  expected: { kind: string; format: number; dataVersion: number; code: string },
): Decoded {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.byteLength < FIXED || data.toString("latin1", 0, 8) !== MAGIC)
    return { problem: "not a snapshot (no header)" };
  if (data.readUInt32LE(8) !== CONTAINER) return { problem: `container format ${data.readUInt32LE(8)}` };
  const headerLength = data.readUInt32LE(12);
  const payloadLength = data.readDoubleLE(16);
  if (data.byteLength !== FIXED + headerLength + payloadLength)
    return {
      problem: `truncated or padded: ${data.byteLength} bytes, the header says ${FIXED + headerLength + payloadLength}`,
    };
  const digest = createHash("sha256").update(data.subarray(FIXED)).digest();
  if (!digest.equals(data.subarray(24, FIXED))) return { problem: "damaged: the checksum does not match" };
  let header: {
    kind: string;
    format: number;
    dataVersion: number;
    code: string;
    json: number;
    jsonEncoding?: "ascii" | "ascii-deflate";
    arrays: { name: string; type: ArrayType; length: number }[];
  };
  try {
    header = JSON.parse(data.toString("utf8", FIXED, FIXED + headerLength));
  } catch {
    return { problem: "damaged: unreadable header" };
  }
  if (header.kind !== expected.kind) return { problem: `holds ${header.kind}, not ${expected.kind}` };
  if (header.format !== expected.format)
    return {
      problem: `encoded in format ${header.format}, this version of Plenary reads ${expected.format}`,
    };
  if (header.code !== expected.code)
    return { problem: `derived by other code (${header.code}), this code is ${expected.code}` };
  if (header.dataVersion !== expected.dataVersion)
    return {
      problem: `stale: of data version ${header.dataVersion}, the store is at ${expected.dataVersion}`,
    };
  let at = FIXED + headerLength;
  let json: unknown;
  try {
    const part = data.subarray(at, at + header.json);
    if (header.jsonEncoding === "ascii-deflate") json = JSON.parse(inflateRawSync(part).toString("latin1"));
    else if (header.jsonEncoding === "ascii") json = JSON.parse(part.toString("latin1"));
    else json = JSON.parse(part.toString("utf8"));
  } catch {
    return { problem: "damaged: unreadable JSON part" };
  }
  at += pad8(header.json);
  const arrays: Record<string, SnapshotArray> = {};
  for (const { name, type, length } of header.arrays) {
    const Type = ARRAY_TYPES[type];
    const array = new Type(length);
    // A copy: the bytes may sit at any offset of a pooled buffer, typed arrays need aligned storage.
    new Uint8Array(array.buffer).set(data.subarray(at, at + array.byteLength));
    arrays[name] = array;
    at += pad8(array.byteLength);
  }
  return {
    content: {
      kind: header.kind,
      format: header.format,
      dataVersion: header.dataVersion,
      code: header.code,
      json,
      arrays,
    },
  };
}
