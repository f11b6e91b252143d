/**
 * Derived data in the store's analysis cache: the vote matrix, the catalog of roll calls, ideal points.
 * Each kind is stored as a snapshot (snapshot.ts) labelled with the data version it was derived from
 * and with the fingerprint of the code that derived it — so an entry is used only when both the data
 * and the code are what they were: an import moves the data version; a new version of Plenary that
 * decides, estimates or encodes differently changes the fingerprint. Either way the entry is stale,
 * the caller derives afresh and stores the new entry.
 *
 * The fingerprint is the SHA-256 of the kind's format number and of the files of its code (modules and
 * folders named relative to the source root, read as compiled — .js in dist/, .ts under tsx): computed
 * once per process, a few milliseconds.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Store } from "../data/store/index.js";
import { decodeSnapshot, encodeSnapshot, type SnapshotArray, type SnapshotContent } from "./snapshot.js";

export interface DerivedKind {
  /** The cache key, e.g. "vote-matrix". */
  key: string;
  /** The encoding of the entry; bump when it changes. */
  format: number;
  /**
   * The code whose output the entry is: modules (without extension) and folders, relative to the source
   * root (src/ or dist/), e.g. "analysis/matrix", "core/rules".
   */
  code: readonly string[];
}

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), "..");
const EXTENSION = path.extname(HERE); // ".ts" from the sources, ".js" compiled

/** The files a code entry names: the module itself, or a folder's modules and data (not its tests). */
function filesOf(entry: string): string[] {
  const base = path.join(ROOT, entry);
  if (existsSync(base) && statSync(base).isDirectory()) {
    return readdirSync(base)
      .filter((f) => (f.endsWith(EXTENSION) && !f.endsWith(`.test${EXTENSION}`)) || f.endsWith(".json"))
      .filter((f) => !f.endsWith(".d.ts"))
      .sort()
      .map((f) => path.join(base, f));
  }
  const file = `${base}${EXTENSION}`;
  if (!existsSync(file)) throw new Error(`derived.ts: no module ${entry} under ${ROOT}`);
  return [file];
}

const fingerprints = new Map<string, string>();

/** The fingerprint of a kind's code (see the top of this file). */
export function codeFingerprint(kind: DerivedKind): string {
  let print = fingerprints.get(kind.key);
  if (print === undefined) {
    const hash = createHash("sha256").update(`${kind.key}\0${kind.format}\0`);
    for (const entry of kind.code) {
      for (const file of filesOf(entry))
        hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file));
    }
    print = hash.digest("hex").slice(0, 32);
    fingerprints.set(kind.key, print);
  }
  return print;
}

/** The content of the kind's entry if it is of `dataVersion` and of this code; else why not. */
export async function readDerived(
  store: Store,
  kind: DerivedKind,
  dataVersion: number,
): Promise<{ content: SnapshotContent; problem?: undefined } | { content?: undefined; problem: string }> {
  const entry = await store.readCache(kind.key);
  if (!entry) return { problem: "none stored yet" };
  return decodeSnapshot(entry.bytes, {
    kind: kind.key,
    format: kind.format,
    dataVersion,
    code: codeFingerprint(kind),
  });
}

/** Stores the kind's entry for `dataVersion` (skipped, and false, when the data moved on meanwhile). */
export async function writeDerived(
  store: Store,
  kind: DerivedKind,
  dataVersion: number,
  json: unknown,
  arrays: Record<string, SnapshotArray> = {},
): Promise<boolean> {
  const bytes = encodeSnapshot({
    kind: kind.key,
    format: kind.format,
    dataVersion,
    code: codeFingerprint(kind),
    json,
    arrays,
  });
  return store.writeCache({ key: kind.key, dataVersion, format: kind.format, bytes });
}
