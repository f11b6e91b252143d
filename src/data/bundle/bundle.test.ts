/**
 * The bundle (issue 13): current with the readers and ../shared/data (the CI guard), small, refused when
 * damaged, all or nothing — and a store filled from it is the store a real import of the same files
 * makes, on both stores, so importing those files again changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { isPlenaryError } from "../../core/errors.js";
import {
  captureIo,
  storeKinds,
  tempStore,
  type StoreKind,
  type TempStore,
  suiteStore,
} from "../../test/tempStore.js";
import { importFiles, type ImportReport } from "../import/index.js";
import type { Store } from "../store/index.js";
import { buildBundle, BUNDLE_SOURCES, staleness } from "./build.js";
import {
  bodyJson,
  BUNDLE_FILE,
  encodeBundle,
  readBundle,
  readBundleHeader,
  sha256,
  type BundleBody,
} from "./format.js";
import { loadBundle } from "./load.js";
import { storeDb } from "../../test/storeDb.js";

const DATA = path.resolve(process.cwd(), "../shared/data");
const SOURCES = BUNDLE_SOURCES.map((source) => path.join(DATA, source));

describe("the committed bundle", () => {
  it("is current: the readers make exactly its records of ../shared/data today", async () => {
    const built = await buildBundle(DATA);
    const bundle = readBundle();
    const differences = staleness(bundle.header, built);
    expect(
      differences,
      `bundle/record.bundle is stale — run \`npm run bundle\` and commit bundle/record.bundle:\n  ${differences.join("\n  ")}`,
    ).toEqual([]);
    // What it holds, not only what its header says.
    expect(sha256(bundle.json)).toBe(sha256(built.json));
    expect(bundle.header.counts).toEqual(built.header.counts);
  }, 180_000);

  it("is small, shipped in the package, and holds 1946 to 2026 from every source", () => {
    expect(statSync(BUNDLE_FILE).size).toBeLessThan(10_000_000);
    const pkg = JSON.parse(readFileSync(path.resolve(process.cwd(), "package.json"), "utf8")) as {
      files: string[];
    };
    expect(pkg.files).toContain("bundle/record.bundle");
    const { counts, inputs } = readBundleHeader();
    expect(counts.firstDate.slice(0, 4)).toBe("1946");
    expect(counts.lastDate.slice(0, 4)).toBe("2026");
    expect(Object.keys(counts.bySource).sort()).toEqual(["starter", "unsc-vetoes", "unvotes", "unxml"]);
    expect(counts.votes).toBeGreaterThan(1_000_000);
    expect(inputs.map((i) => i.path)).toContain("unxml/sc/2025.json.gz");
    for (const input of inputs) expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a damaged or foreign bundle", () => {
  let dir: string;
  let bytes: Buffer;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "plenary-bundle-"));
    bytes = readFileSync(BUNDLE_FILE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function refused(
    name: string,
    content: Buffer | string,
    explicit = true,
  ): { code: string; message: string } {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    try {
      readBundle(file, explicit);
    } catch (error) {
      if (!isPlenaryError(error)) throw error;
      expect(error.message).toContain(file);
      return { code: error.code, message: error.message };
    }
    throw new Error(`${name} was read`);
  }

  it("is refused with BAD_FILE naming the file, and why", () => {
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 100) ^ 0xff, flipped.length - 100);
    expect(refused("flipped.bundle", flipped).message).toMatch(/sha256|decompress/);
    expect(refused("short.bundle", bytes.subarray(0, bytes.length - 10)).message).toMatch(/bytes/);
    expect(
      refused("future.bundle", Buffer.concat([Buffer.from("PLENARY-BUNDLE 2"), bytes.subarray(16)])).message,
    ).toMatch(/format 2/);
    expect(refused("votes.csv", "rcid,country,country_code,vote\n1,Cuba,CU,yes\n").code).toBe("BAD_FILE");
  });

  it("is Plenary's own failure (exit 2) when it is the bundle Plenary ships", () => {
    expect(refused("shipped.bundle", bytes.subarray(0, 40), false).code).toBe("INTERNAL");
  });
});

describe.each(storeKinds())("a bundle that breaks part-way (%s store)", (kind: StoreKind) => {
  const temp = suiteStore({ kind, seed: false });
  let file: string;
  beforeAll(async () => {
    // A real bundle's first records with a vote no reader makes, late in the research data's part.
    const { header, body } = readBundle();
    const [starter, unvotes] = body.inputs;
    const records = unvotes!.records.slice(0, 300).map((r) => ({ ...r }));
    records[250]!.votes = `?${records[250]!.votes.slice(1)}`;
    const broken: BundleBody = { ...body, inputs: [starter!, { ...unvotes!, records }] };
    file = path.join(temp.dir, "broken.bundle");
    writeFileSync(file, encodeBundle(header, bodyJson(broken)));
  });

  it("leaves the store as it was: nothing of it is stored", async () => {
    await expect(loadBundle(temp.store, { file })).rejects.toMatchObject({ code: "STORE_ERROR" });
    expect(await temp.store.count()).toBe(0);
    expect(await temp.store.votesCount()).toBe(0);
    expect(await temp.store.importLog()).toEqual([]);
  });
});

type Row = Record<string, unknown>;

/** What a store holds, table by table, in a stable order — without the times and paths of the writing. */
async function contents(store: Store): Promise<Record<string, Row[]>> {
  const db = storeDb(store);
  return {
    rollCalls: (await db.selectFrom("roll_calls").selectAll().orderBy("id").execute()).map(
      ({ updated_at: _at, ...row }) => row,
    ),
    votes: await db
      .selectFrom("votes")
      .select(["roll_call_id", "member_id", "vote"])
      .orderBy("roll_call_id")
      .orderBy("member_id")
      .execute(),
    issues: await db
      .selectFrom("roll_call_issues")
      .selectAll()
      .orderBy("roll_call_id")
      .orderBy("code")
      .execute(),
    provenance: await db
      .selectFrom("provenance")
      .select(["roll_call_id", "source", "source_key", "citation", "content_hash", "disputes"])
      .orderBy("source")
      .orderBy("source_key")
      .execute(),
    conflicts: await db
      .selectFrom("vote_conflicts")
      .selectAll()
      .orderBy("roll_call_id")
      .orderBy("member_id")
      .orderBy("kept_source")
      .orderBy("other_source")
      .execute(),
  };
}

/** The first row where two tables differ, or null: a readable failure, not two hashes. */
function firstDifference(a: Row[], b: Row[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = JSON.stringify(a[i] ?? null);
    const y = JSON.stringify(b[i] ?? null);
    if (x !== y) return `row ${i}: imported ${x} — from the bundle ${y}`;
  }
  return null;
}

/** A problem as the import report lists it, its file relative to the data folder. */
function relativeProblems(report: ImportReport): ImportReport["problems"] {
  return {
    ...report.problems,
    items: report.problems.items.map((p) => ({
      ...p,
      file: path.relative(DATA, p.file).split(path.sep).join("/"),
    })),
  };
}

describe.each(storeKinds())(
  "a store filled from the bundle is the store an import makes (%s store)",
  (kind: StoreKind) => {
    let imported: TempStore;
    let loaded: TempStore;
    let importReport: ImportReport;
    let firstStart: { code: number; out: string; err: string };

    beforeAll(async () => {
      // A real import of the files, on a store seeded with the starter data as every store was until now.
      imported = await tempStore({ kind });
      importReport = await importFiles(imported.store, SOURCES);
      // The first start as a user meets it: a command on a new, empty store.
      loaded = await tempStore({ kind, seed: false });
      const capture = captureIo();
      const code = await main(
        [...loaded.cliArgs, "votes", "--body", "SC", "--limit", "1", "--json"],
        capture.io,
      );
      firstStart = { code, out: capture.out, err: capture.err };
    }, 600_000);
    afterAll(async () => {
      await imported?.cleanup();
      await loaded?.cleanup();
    });

    it("a command on a new store fills it first, saying so in two lines on stderr; stdout is the command's", () => {
      expect(firstStart.code, firstStart.err).toBe(0);
      expect(firstStart.err).toMatch(
        /^Loading the whole record \(1946–2026, [\d,]+ roll calls\) from the bundle…\n/,
      );
      expect(firstStart.err).toMatch(/\nLoaded [\d,]+ roll calls and [\d,]+ votes in [\d.]+ s\.\n$/);
      const json = JSON.parse(firstStart.out) as { votes: { date: string }[] };
      expect(json.votes[0]!.date.slice(0, 4)).toBe("2026");
    });

    it("holds the same roll calls, votes, issues, provenance (keys, citations, content hashes, disputes) and conflicts", async () => {
      const a = await contents(imported.store);
      const b = await contents(loaded.store);
      for (const table of Object.keys(a)) {
        expect(b[table]!.length, table).toBe(a[table]!.length);
        expect(firstDifference(a[table]!, b[table]!), table).toBeNull();
      }
      // Not a trivial equality: the whole record, session 74 and the starter texts merged with the UN's.
      expect(a.rollCalls!.length).toBeGreaterThan(10_000);
      expect(a.votes!.length).toBeGreaterThan(1_000_000);
      expect(new Set(a.provenance!.map((p) => p.source))).toEqual(
        new Set(["starter", "unvotes", "unsc-vetoes", "unxml"]),
      );
      expect(a.provenance!.some((p) => p.disputes !== null)).toBe(true);
    });

    it("reports what the import reported: the same merges, conflicts and problems", async () => {
      const [entry] = await loaded.store.importLog();
      expect(entry!.format).toBe("bundle");
      const report = entry!.report as ImportReport;
      const starter = report.files[0]!;
      expect(starter).toMatchObject({ format: "starter", path: "starter/votes-2025-02-24.json" });
      expect(report.rollCalls).toEqual({
        ...importReport.rollCalls,
        read: importReport.rollCalls.read + starter.rollCalls,
        added: importReport.rollCalls.added + starter.rollCalls,
      });
      expect(importReport.rollCalls.merged).toBeGreaterThan(90);
      expect(report.rowsRead).toBe(importReport.rowsRead);
      expect(report.conflicts.count).toBe(importReport.conflicts.count);
      expect(report.problems).toEqual(relativeProblems(importReport));
      expect(report.files.slice(1).map((f) => [f.format, f.layout, f.rows, f.rollCalls])).toEqual(
        importReport.files.map((f) => [f.format, f.layout, f.rows, f.rollCalls]),
      );
    });

    it("importing the raw files over it adds, updates and merges nothing", async () => {
      const again = await importFiles(loaded.store, SOURCES);
      expect(again.rollCalls).toMatchObject({
        added: 0,
        updated: 0,
        merged: 0,
        unchanged: again.rollCalls.read,
      });
      expect(again.changed).toBe(false);
      expect(again.conflicts.count).toBe(0);
    }, 300_000);
  },
);
