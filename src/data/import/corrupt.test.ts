/**
 * Bad input is rejected whole — file and line named, the store untouched — or, with skipBadRows, the
 * readable rest is imported and what was skipped is listed. A killed import leaves the store as it was.
 */
import { spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPlenaryError, type PlenaryError } from "../../core/errors.js";
import type { Store } from "../store/index.js";
import { openStore } from "../../tables.js";
import { importFiles } from "./index.js";
import { storeDb, storeSqlite } from "../../test/storeDb.js";

const DATA = path.resolve(process.cwd(), "../shared/data");
const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");
const GA_2026 = readFileSync(path.join(FIXTURES, "undl-ga-2026.csv"), "utf8");

async function rejection(promise: Promise<unknown>): Promise<PlenaryError> {
  try {
    await promise;
  } catch (error) {
    if (isPlenaryError(error)) return error;
    throw error;
  }
  throw new Error("expected the import to be rejected");
}

/** Replaces line `n` (1-based) of a text. */
function withLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split("\n");
  lines[n - 1] = edit(lines[n - 1]!);
  return lines.join("\n");
}

describe("rejecting bad files", () => {
  let dir: string;
  let store: Store;
  let snapshot: () => Promise<unknown>;
  let before: unknown;

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plenary-corrupt-"));
    store = await openStore({ db: path.join(dir, "plenary.db") });
    snapshot = async () => ({
      rollCalls: await store.count(),
      votes: await store.votesCount(),
      version: await store.dataVersion(),
      imports: (await storeDb(store).selectFrom("imports").select("id").execute()).length,
      provenance: (await storeDb(store).selectFrom("provenance").select("source_key").execute()).length,
    });
    before = await snapshot();
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rejects a truncated gzip file at the line it reached", async () => {
    const folder = path.join(dir, "unvotes-truncated");
    mkdirSync(folder);
    for (const name of ["un_votes.csv.gz", "un_roll_calls.csv.gz", "un_roll_call_issues.csv.gz"]) {
      copyFileSync(path.join(DATA, "unvotes", name), path.join(folder, name));
    }
    const votes = path.join(folder, "un_votes.csv.gz");
    truncateSync(votes, Math.floor(statSync(votes).size / 2));
    const error = await rejection(importFiles(store, [folder]));
    expect(error.code).toBe("BAD_FILE");
    expect(error.file).toBe(votes);
    expect(error.line).toBeGreaterThan(1000);
    expect(error.message).toMatch(/un_votes\.csv\.gz:\d+: .*not a complete gzip file/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a header that is no known layout, naming missing and found columns", async () => {
    const file = write("odd.csv", "id,country,ballot\n1,USA,Y\n");
    const error = await rejection(importFiles(store, [file]));
    expect(error.code).toBe("BAD_FILE");
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/no known layout.*missing .*found "id", "country", "ballot"/);
    const wrong = await rejection(
      importFiles(store, [path.join(FIXTURES, "undl-sc.csv")], { format: "undl-ga" }),
    );
    expect(wrong.message).toMatch(/missing session; found "undl_id", "ms_code"/);
    expect(wrong.field).toBe("session");
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a broken quote with its line, and leaves the store untouched", async () => {
    const file = write(
      "broken-quote.csv",
      withLine(GA_2026, 5, (l) => l.replace('"Advancing', '"Advancing"x')),
    );
    const error = await rejection(importFiles(store, [file]));
    expect(error.code).toBe("BAD_FILE");
    expect(error).toMatchObject({ file, line: 5 });
    expect(error.message).toMatch(/broken quote/);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a file with an unknown member, an unreadable vote or date — naming file, line and field", async () => {
    const cases: [string, (l: string) => string, string][] = [
      ["unknown-member.csv", (l) => l.replace(",BFA,BURKINA FASO,", ",XXA,ATLANTIS,"), "ms_code"],
      ["bad-vote.csv", (l) => l.replace(",BFA,BURKINA FASO,N,", ",BFA,BURKINA FASO,MAYBE,"), "ms_vote"],
    ];
    for (const [name, edit, field] of cases) {
      const file = write(name, withLine(GA_2026, 3, edit));
      const error = await rejection(importFiles(store, [file]));
      expect(error, name).toMatchObject({ code: "BAD_FILE", file, line: 3, field });
      expect(error.help).toMatch(/--skip-bad-rows/);
    }
    const badDate = write(
      "bad-date.csv",
      GA_2026.replaceAll("2025-02-24,ES-11,A/RES/ES-11/8", "24/02/2025,ES-11,A/RES/ES-11/8"),
    );
    expect(await rejection(importFiles(store, [badDate]))).toMatchObject({
      code: "BAD_FILE",
      field: "date",
      line: 22,
    });
    // The rows of one roll call must be together: the reader streams roll call by roll call.
    const lines = GA_2026.trimEnd().split("\n");
    const scattered = write("scattered.csv", [...lines.slice(0, 3), lines[21], ...lines.slice(3)].join("\n"));
    expect(await rejection(importFiles(store, [scattered]))).toMatchObject({
      code: "BAD_FILE",
      field: "undl_id",
      line: 5,
    });
    const xml = readFileSync(path.join(FIXTURES, "undl-marc-collection.xml"), "utf8");
    const cut = write("cut.xml", xml.slice(0, Math.floor(xml.length / 2)));
    expect((await rejection(importFiles(store, [cut]))).message).toMatch(/cut\.xml:\d+: not well-formed XML/);
    expect(await snapshot()).toEqual(before);
  });

  it("with skipBadRows imports the rest and lists what it skipped", async () => {
    const file = write(
      "one-bad-row.csv",
      withLine(GA_2026, 3, (l) => l.replace(",BFA,BURKINA FASO,", ",XXA,ATLANTIS,")),
    );
    const report = await importFiles(store, [file], { skipBadRows: true });
    expect(report.problems.skipped).toBe(1);
    expect(report.problems.items.find((p) => p.severity === "error")).toMatchObject({
      kind: "unknown-member",
      file,
      line: 3,
      field: "ms_code",
      key: "9000101",
    });
    expect(report.rollCalls.read).toBe(2);
    expect(report.votes.read).toBe(22);
    // Foreign keys, off during the bulk write, are back on and hold.
    expect(storeSqlite(store)!.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(storeSqlite(store)!.pragma("foreign_key_check")).toEqual([]);
  });
});

describe("a killed import", () => {
  it("leaves the store as it was", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "plenary-kill-"));
    const db = path.join(dir, "plenary.db");
    try {
      const store = await openStore({ db });
      const before = {
        rollCalls: await store.count(),
        votes: await store.votesCount(),
        version: await store.dataVersion(),
      };
      await store.close();
      // The child imports the research data and says when a thousand roll calls are written (inside the
      // transaction, not yet committed); it is killed right then.
      const script = `import { openStore } from ${JSON.stringify(path.resolve(process.cwd(), "src/tables.ts"))};
import { importFiles } from ${JSON.stringify(path.resolve(process.cwd(), "src/data/import/index.ts"))};
const store = await openStore({ db: ${JSON.stringify(db)} });
let said = false;
await importFiles(store, [${JSON.stringify(path.join(DATA, "unvotes"))}], {
  onProgress: (p) => { if (!said && p.rollCalls >= 1000) { said = true; process.stdout.write("writing\\n"); } },
});
process.stdout.write("committed\\n");`;
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      let output = "";
      await new Promise<void>((resolve) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("writing")) resolve();
        });
        child.on("exit", () => resolve());
      });
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(output).toBe("writing\n");
      const after = await openStore({ db });
      expect({
        rollCalls: await after.count(),
        votes: await after.votesCount(),
        version: await after.dataVersion(),
      }).toEqual(before);
      expect(await storeDb(after).selectFrom("imports").select("id").execute()).toEqual([]);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
