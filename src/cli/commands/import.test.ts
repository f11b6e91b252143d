/**
 * plenary import / conflicts / sync through `main` with a captured io: exit codes and --json shapes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundleHeader } from "../../data/bundle/format.js";
import { downloadProgressLine } from "../../data/import/progress.js";
import { startTestLibrary, type TestLibrary } from "../../data/sync/testing.js";
import { captureIo, suiteStore } from "../../test/tempStore.js";
import { main } from "../main.js";

const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

describe("plenary import, conflicts and sync", () => {
  const temp = suiteStore();
  let library: TestLibrary;

  beforeAll(async () => {
    library = await startTestLibrary();
  });
  afterAll(async () => {
    await library.close();
  });

  async function run(...args: string[]) {
    const capture = captureIo();
    const code = await main([...temp.cliArgs, ...args], capture.io);
    return { code, out: capture.out, err: capture.err };
  }

  it("import --json prints the report: files, counts, problems, conflicts", async () => {
    const changed = path.join(temp.dir, "ga-2026-usa-yes.csv");
    writeFileSync(
      changed,
      readFileSync(fixture("undl-ga-2026.csv"), "utf8").replace(
        ",USA,UNITED STATES,N,",
        ",USA,UNITED STATES,Y,",
      ),
    );
    const { code, out, err } = await run("import", changed, fixture("undl-sc.csv"), "--json");
    expect(err).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      importId: expect.any(Number),
      files: [
        { path: changed, format: "undl-ga", layout: "undl-ga layout with vote_note", rows: 23, rollCalls: 2 },
        { path: fixture("undl-sc.csv"), format: "undl-sc", rows: 30, rollCalls: 2 },
      ],
      rowsRead: 53,
      rollCalls: { read: 4, added: 1, updated: 0, unchanged: 0, merged: 3, skipped: 0 },
      votes: { read: 53 },
      conflicts: {
        count: 1,
        items: [{ memberId: "USA", keptSource: "undl-ga", otherSource: "starter" }],
        omitted: 0,
      },
      // The excerpt's totals (and, with USA changed, its no count) disagree with its rows.
      problems: { warnings: 10, skipped: 0, byKind: { "tally-mismatch": 10 }, omitted: 0 },
      changed: true,
    });
    expect(report.problems.items[0]).toEqual({
      severity: "warning",
      kind: "tally-mismatch",
      message: expect.any(String),
      file: changed,
      line: 2,
      field: "total_yes",
      key: "9000101",
    });
  });

  it("import prints a summary, and says when nothing changed", async () => {
    const { code, out } = await run("import", fixture("undl-sc.csv"));
    expect(code).toBe(0);
    expect(out).toMatch(/Roll calls: +2 read · 0 added · 0 updated · 2 unchanged/);
    expect(out).toMatch(/Nothing changed/);
  });

  it("draws progress on a terminal's stderr, and none with --json", async () => {
    const tty = captureIo();
    (tty.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, "import", fixture("undl-ga-2025.csv")], tty.io)).toBe(0);
    expect(tty.err).toMatch(/\rimporting undl-ga-2025\.csv \[=+\] 100% +15 rows .*rows\/s/);
    const json = captureIo();
    (json.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, "import", fixture("undl-ga-2025.csv"), "--json"], json.io)).toBe(0);
    expect(json.err).toBe("");
  });

  it("renders download progress: bytes, rate and ETA", () => {
    let text = "";
    const line = downloadProgressLine({ write: (t: string) => (text += t), columns: 120 });
    line.update({
      name: "ga.csv",
      bytes: 150_000_000,
      total: 360_000_000,
      received: 100_000_000,
      elapsedMs: 10_000,
    });
    expect(text).toMatch(
      /downloading ga\.csv +\[=+>? *\] 42% +150\.0 MB \/ 360\.0 MB +10\.0 MB\/s +ETA 21\.0 s/,
    );
    line.done();
    expect(text.endsWith("\r")).toBe(true);
  });

  it("conflicts lists the disagreement, as text and as JSON", async () => {
    const text = await run("conflicts");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/A\/RES\/ES-11\/7 +USA +Y \(undl-ga\) +N \(starter\)/);
    const json = await run("conflicts", "--json");
    expect(JSON.parse(json.out)).toEqual({
      conflicts: [
        expect.objectContaining({ symbol: "A/RES/ES-11/7", memberId: "USA", keptVote: "Y", otherVote: "N" }),
      ],
      disputes: [],
      meta: { pagination: { total: 1, limit: 100, offset: 0 } },
    });
  });

  it("exits 1 on a bad file, naming file and line, and stores nothing", async () => {
    const before = await temp.store.count();
    const bad = path.join(temp.dir, "bad.csv");
    writeFileSync(
      bad,
      readFileSync(fixture("undl-ga-2025.csv"), "utf8").replace(",BLR,BELARUS,N,", ",BLR,BELARUS,PERHAPS,"),
    );
    const { code, out, err } = await run("import", bad, "--json");
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain(`${bad}:2: ms_vote: unreadable vote "PERHAPS" for BLR`);
    expect(err).toContain("--skip-bad-rows");
    expect(await temp.store.count()).toBe(before);
    const skipped = await run("import", bad, "--skip-bad-rows", "--json");
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.out).problems).toMatchObject({
      skipped: 1,
      items: [{ severity: "error", kind: "bad-vote", line: 2 }],
    });
    expect((await run("import", path.join(temp.dir, "missing.csv"))).code).toBe(1);
    expect((await run("import", fixture("undl-sc.csv"), "--format", "excel")).code).toBe(1);
  });

  it("imports lists the import log with what each import changed, and shows one in full", async () => {
    // The official GA file again, corrected: Belarus abstaining instead of voting no on ES-11/6.
    const corrected = path.join(temp.dir, "ga-2025-blr-abstains.csv");
    writeFileSync(
      corrected,
      readFileSync(fixture("undl-ga-2025.csv"), "utf8").replace(",BLR,BELARUS,N,", ",BLR,BELARUS,A,"),
    );
    const imported = await run("import", corrected, "--json");
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.out);
    expect(report.origin).toBeNull();
    expect(report.corrections).toEqual({
      count: 1,
      items: [expect.objectContaining({ symbol: "A/RES/ES-11/6", memberId: "BLR", before: "N", after: "A" })],
      omitted: 0,
    });
    const log = await run("imports", "--limit", "2");
    expect(log.code).toBe(0);
    expect(log.out).toMatch(
      new RegExp(`^#${report.importId}  \\d{4}-\\d\\d-\\d\\d [\\d:]{8}  import \\(undl-ga\\)  1 file\n`),
    );
    expect(log.out).toContain(
      [
        "    0 added · 1 updated · 0 merged · 0 unchanged; 1 stored vote corrected",
        "    updated: A/RES/ES-11/6",
        "    corrected: A/RES/ES-11/6 BLR N → A",
        `#${report.importId - 1}  `,
      ].join("\n"),
    );
    expect(log.out).toMatch(/… \d+ earlier \(--offset 2\)/);
    const one = await run("imports", "--id", String(report.importId));
    expect(one.out).toMatch(/Corrected: +1 stored vote: A\/RES\/ES-11\/6 BLR N → A/);
    const json = JSON.parse((await run("imports", "--limit", "1", "--json")).out);
    expect(json.imports).toHaveLength(1);
    expect(json.imports[0]).toMatchObject({ id: report.importId, format: "undl-ga", files: [corrected] });
    expect(json.imports[0].report.corrections.count).toBe(1);
    expect(json.meta.pagination).toEqual({ total: report.importId, limit: 1, offset: 0 });
    const missing = await run("imports", "--id", "99999");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No import #99999/);
  });

  it("sync downloads from --source, imports, and exits 1 on an HTML page", async () => {
    const ga = "/record/4060887/files/2026_2_6_ga_voting.csv";
    const sc = "/record/4055387/files/2025_7_21_sc_voting.csv";
    library.setRecord("4060887", ga);
    library.setRecord("4055387", sc);
    library.files.set(ga, { path: ga, body: readFileSync(fixture("undl-ga-2025.csv")) });
    library.files.set(sc, {
      path: sc,
      body: Buffer.from("<!DOCTYPE html><html><body>Error</body></html>"),
      html: true,
    });
    const cacheDir = path.join(temp.dir, "undl");
    const failed = await run("sync", "--source", library.url, "--cache-dir", cacheDir, "--json");
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/sent a web page/);
    library.files.set(sc, { path: sc, body: readFileSync(fixture("undl-sc.csv")) });
    const { code, out } = await run("sync", "--source", library.url, "--cache-dir", cacheDir, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      source: library.url,
      cacheDir,
      files: [
        // Downloaded by the failed run, imported only now (the failed import stored nothing).
        { record: "4060887", format: "undl-ga", status: "not-modified", imported: true },
        { record: "4055387", format: "undl-sc", status: "downloaded", imported: true },
      ],
      import: { rollCalls: { read: 3 } },
    });
    const again = await run("sync", "--source", library.url, "--cache-dir", cacheDir);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/unchanged since the last download/);
    expect(again.out).toMatch(/Nothing to import/);
  });
});

describe("plenary import --bundle", () => {
  const temp = suiteStore();
  // A store as every Plenary made it until now: the starter votes only.

  it("loads the whole record into a store holding the starter votes, with a bar on a terminal", async () => {
    const { counts } = readBundleHeader();
    const tty = captureIo();
    (tty.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, "import", "--bundle"], tty.io), tty.err).toBe(0);
    expect(tty.err).toMatch(/^Loading the whole record \(1946–2026, [\d,]+ roll calls\) from the bundle…\n/);
    expect(tty.err).toMatch(
      /\rloading the whole record \[=*>? *\] \d+% +[\d,]+ \/ [\d,]+ roll calls +[\d,]+ votes/,
    );
    expect(tty.err).toMatch(/\rLoaded [\d,]+ roll calls and [\d,]+ votes in [\d.]+ s\.\n$/);
    expect(tty.out).toMatch(/^Loaded the bundle: \d+ inputs \(starter, unvotes, unsc-vetoes, unxml\)/);
    // The starter texts are the store's already; session 74 and the February 2025 texts merge.
    const read = counts.rollCalls.toLocaleString("en-US");
    expect(tty.out).toMatch(
      new RegExp(`Roll calls: +${read} read · [\\d,]+ added · 0 updated · 12 unchanged · \\d+ merged`),
    );
    expect(await temp.store.count({ body: "SC" })).toBeGreaterThan(1700);
  }, 300_000);

  it("loaded again, changes nothing (--json: the report, no progress)", async () => {
    const json = captureIo();
    (json.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, "import", "--bundle", "--json"], json.io), json.err).toBe(0);
    expect(json.err).toBe("");
    const report = JSON.parse(json.out);
    expect(report.rollCalls).toMatchObject({
      added: 0,
      updated: 0,
      merged: 0,
      unchanged: report.rollCalls.read,
    });
    expect(report.changed).toBe(false);
  }, 300_000);

  it("refuses files beside --bundle, and a file that is not a bundle (exit 1)", async () => {
    const both = captureIo();
    expect(await main([...temp.cliArgs, "import", fixture("undl-sc.csv"), "--bundle"], both.io)).toBe(1);
    expect(both.err).toContain("not both");
    const csv = captureIo();
    expect(await main([...temp.cliArgs, "import", "--bundle", fixture("undl-sc.csv")], csv.io)).toBe(1);
    expect(csv.err).toContain("is not a readable Plenary bundle");
  });
});
