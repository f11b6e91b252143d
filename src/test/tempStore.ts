/** Test helper: a real SQLite store in a fresh temporary folder, removed afterwards. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Store, type OpenOptions } from "../data/store/index.js";

export interface TempStore {
  store: Store;
  file: string;
  dir: string;
  cleanup(): Promise<void>;
}

export async function tempStore(options: OpenOptions = {}): Promise<TempStore> {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-test-"));
  const file = path.join(dir, "plenary.db");
  const store = await Store.open({ db: file, ...options });
  return {
    store,
    file,
    dir,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Captures what a CLI run prints. */
export function captureIo() {
  let out = "";
  let err = "";
  const io = {
    stdout: { write: (s: string) => ((out += s), true), isTTY: false },
    stderr: { write: (s: string) => ((err += s), true), isTTY: false },
    stdin: process.stdin,
  };
  return {
    io: io as unknown as import("../cli/context.js").Io,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
