/**
 * plenary sync --source dgacm and plenary imports through `main` with a captured io, against a local
 * mirror of ../shared/data/unxml, on a store holding the starter data (as a fresh install does).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewRollCall } from "../../data/rollCallView.js";
import { correctedEs11, startTestDgacm, type TestDgacm } from "../../data/sync/dgacmTesting.js";
import { captureIo, suiteStore } from "../../test/tempStore.js";
import { main } from "../main.js";

const FILES = ["ga/ES-11.json", "sc-not-adopted/S_2024_312-2407138E.xml"];

describe("plenary sync --source dgacm", () => {
  const temp = suiteStore();
  let server: TestDgacm;
  let cacheDir: string;

  beforeAll(async () => {
    server = await startTestDgacm({ layout: "mirror", files: FILES });
    cacheDir = path.join(temp.dir, "dgacm");
  });
  afterAll(async () => {
    await server.close();
  });

  async function run(...args: string[]) {
    const capture = captureIo();
    const code = await main([...temp.cliArgs, ...args], capture.io);
    return { code, out: capture.out, err: capture.err };
  }
  const syncArgs = (cache: string) => [
    "sync",
    "--source",
    "dgacm",
    "--url",
    server.url,
    "--cache-dir",
    cache,
  ];
  const sync = (...args: string[]) => run(...syncArgs(cacheDir), ...args);

  it("--json prints the sync report; the next sync, as text, fetches and imports nothing", async () => {
    const first = await sync("--json");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      source: server.url,
      layout: "mirror",
      cacheDir,
      manifest: [{ url: `${server.url}/SHA256SUMS`, status: "downloaded" }],
      files: [
        {
          path: "ga/ES-11.json",
          format: "unxml",
          status: "downloaded",
          checkedAgainst: "SHA256SUMS",
          imported: true,
        },
        { path: FILES[1], status: "downloaded", imported: true },
      ],
      // ES-11/6 is in the starter data: one roll call, both sources.
      import: { rollCalls: { read: 7, added: 6, merged: 1 }, origin: `sync dgacm ${server.url}` },
    });
    const second = await sync();
    expect(second.code).toBe(0);
    expect(second.out).toContain(`Source: ${server.url} (a mirror: its SHA256SUMS)`);
    expect(second.out).toContain(
      "Files: 2 listed · 0 downloaded · 2 unchanged since the last download (not downloaded again); each checked against its SHA256SUMS",
    );
    expect(second.out).toContain("Nothing to import: the store already holds these files as they are.");
    expect(second.out).toContain(
      "Source: United Nations (DGACM), machine-readable General Assembly / Security Council resolutions.",
    );
  });

  it("says what a corrected file changed, keeps it in the import log, and makes up no conflict", async () => {
    server.contents.set("ga/ES-11.json", correctedEs11(server.contents.get("ga/ES-11.json")!));

    const { code, out } = await sync();
    expect(code).toBe(0);
    expect(out).toContain("  ga/ES-11.json: downloaded");
    expect(out).toMatch(/Roll calls: +6 read · 0 added · 1 updated · 5 unchanged/);
    expect(out).toContain("Updated:     A/RES/ES-11/6 (tallyYes 141 → 140, tallyAbstain 32 → 33)");
    expect(out).toContain("Corrected:   1 stored vote: A/RES/ES-11/6 DEU Y → A");
    const view = await viewRollCall(temp.store, "A/RES/ES-11/6");
    expect(view.votes.find((v) => v.member === "DEU")!.vote).toBe("A");
    expect(view.tally).toMatchObject({ yes: 140, abstain: 33 });

    const log = await run("imports", "--limit", "1");
    expect(log.out).toMatch(new RegExp(`^#\\d+ .* sync dgacm ${server.url}  1 file\n`));
    expect(log.out).toContain("    corrected: A/RES/ES-11/6 DEU Y → A");
    // The starter gives ES-11/6's tally but no member's vote: no disagreement with it is made up.
    const conflicts = JSON.parse((await run("conflicts", "--member", "DEU", "--json")).out);
    expect(conflicts.conflicts).toEqual([]);
  });

  it("draws download progress on a terminal's stderr: each file and its place among them", async () => {
    const tty = captureIo();
    (tty.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await main([...temp.cliArgs, ...syncArgs(path.join(temp.dir, "tty"))], tty.io)).toBe(0);
    expect(tty.err).toMatch(/\rdownloading ga\/ES-11\.json \(1\/2\) +\[=+\] 100%/);
    expect(tty.err).toMatch(/\rdownloading sc-not-adopted\/S_2024_312-2407138E\.xml \(2\/2\)/);
  });

  it("exits 1 on an unknown source, on --url beside a URL source, and on a web page instead of a file", async () => {
    const unknown = await run("sync", "--source", "dgcam");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown source: dgcam/);
    const both = await run("sync", "--source", server.url, "--url", server.url);
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--source is a URL already/);
    server.faults.set("ga/ES-11.json", { html: true });
    const html = await run(...syncArgs(path.join(temp.dir, "html")));
    server.faults.delete("ga/ES-11.json");
    expect(html.code).toBe(1);
    expect(html.err).toMatch(/sent a web page.*not the JSON Lines file: nothing was imported/);
  });
});
