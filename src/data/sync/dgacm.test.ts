/**
 * `plenary sync --source dgacm` end to end: a local HTTP server serves the real files of
 * ../shared/data/unxml as a mirror (their SHA256SUMS) or as GitHub does (the contents API's listings and
 * raw files), and the sync fetches, checks and imports them into real stores — then the server publishes
 * a corrected file, and the next sync records the correction.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPlenaryError, type PlenaryError } from "../../core/errors.js";
import { viewRollCall } from "../rollCallView.js";
import type { ImportReport } from "../import/index.js";
import { storeKinds, tempStore, type StoreKind, type TempStore } from "../../test/tempStore.js";
import { resolveDgacmUrl } from "./sources.js";
import { DGACM_FOLDERS, entriesOfListing, entriesOfSums, GITHUB_API, listingUrl } from "./dgacmManifest.js";
import { syncDgacm, type DgacmSyncOptions } from "./dgacm.js";
import {
  correctedEs11,
  sharedSums,
  startTestDgacm,
  UNXML as UNXML_DIR,
  type TestDgacm,
  type TestDgacmOptions,
} from "./dgacmTesting.js";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the sync succeeded");
    },
    (error: unknown) => {
      if (!isPlenaryError(error)) throw error;
      return error as PlenaryError;
    },
  );

function harness(kind: StoreKind = "sqlite") {
  const h = {
    temp: null as unknown as TempStore,
    server: null as unknown as TestDgacm,
    async start(options: TestDgacmOptions) {
      h.server = await startTestDgacm(options);
    },
    sync: (options: DgacmSyncOptions = {}) =>
      syncDgacm(h.temp.store, { url: h.server.url, cacheDir: path.join(h.temp.dir, "dgacm"), ...options }),
    requestsOf: (file: string) => h.server.requests.filter((r) => r.path === h.server.servedPath(file)),
    /** What the store holds, for "nothing changed" checks. */
    snapshot: async () => ({
      rollCalls: await h.temp.store.count(),
      imports: (await h.temp.store.importLog()).length,
      dataVersion: await h.temp.store.dataVersion(),
    }),
  };
  beforeEach(async () => {
    h.temp = await tempStore({ kind, seed: false });
  });
  afterEach(async () => {
    await h.server?.close();
    await h.temp.cleanup();
  });
  return h;
}

describe.each(storeKinds())(
  "plenary sync --source dgacm: the whole of ../shared/data/unxml (%s store)",
  (kind) => {
    const h = harness(kind);

    it("fetches and checks every file, imports them in one transaction; the next sync fetches nothing; a corrected file is recorded", async () => {
      await h.start({ layout: "mirror" });
      const first = await h.sync();
      expect(first.layout).toBe("mirror");
      expect(first.manifest).toEqual([{ url: `${h.server.url}/SHA256SUMS`, status: "downloaded" }]);
      expect(first.files).toHaveLength(10 + 27 + 19);
      expect(first.files.every((f) => f.status === "downloaded" && f.imported)).toBe(true);
      expect(first.files.every((f) => f.checkedAgainst === "SHA256SUMS")).toBe(true);
      // The mirror keeps only the .gz (a static copy of the folder): each file answered there.
      expect(first.files[0]).toMatchObject({ path: "ga/74.json", url: `${h.server.url}/ga/74.json.gz` });
      expect(first.import!.rollCalls).toMatchObject({ read: 3750, added: 3750, skipped: 0 });
      expect(first.import!.files).toHaveLength(56);
      expect(first.import!.origin).toBe(`sync dgacm ${h.server.url}`);
      const es116 = await viewRollCall(h.temp.store, "A/RES/ES-11/6");
      expect(es116!.tally).toMatchObject({ yes: 141, no: 7, abstain: 32 });
      const s2024312 = await viewRollCall(h.temp.store, "S/2024/312");
      expect(s2024312!.votes.find((v) => v.member === "USA")!.vote).toBe("N");

      // Second run: every request conditional, every answer 304; nothing imported, nothing changed.
      const before = await h.snapshot();
      const count = h.server.requests.length;
      const second = await h.sync();
      expect(second.import).toBeNull();
      expect(second.manifest[0]!.status).toBe("not-modified");
      expect(second.files.every((f) => f.status === "not-modified" && !f.imported)).toBe(true);
      const again = h.server.requests.slice(count);
      expect(again).toHaveLength(1 + 56);
      expect(again.every((r) => r.status === 304 && r.headers["if-none-match"])).toBe(true);
      expect(await h.snapshot()).toEqual(before);

      // The UN publishes a corrected ES-11.json: only it is fetched and imported, and the sync says what changed.
      h.server.contents.set("ga/ES-11.json", correctedEs11(h.server.contents.get("ga/ES-11.json")!));
      const third = await h.sync();
      expect(third.files.filter((f) => f.status !== "not-modified").map((f) => f.path)).toEqual([
        "ga/ES-11.json",
      ]);
      const report = third.import!;
      expect(report.files.map((f) => path.basename(f.path))).toEqual(["ES-11.json.gz"]);
      expect(report.rollCalls).toMatchObject({ read: 6, updated: 1, unchanged: 5, added: 0 });
      expect(report.changes.items).toEqual([
        expect.objectContaining({
          outcome: "updated",
          source: "unxml",
          symbol: "A/RES/ES-11/6",
          fields: [
            { field: "tallyYes", before: 141, after: 140 },
            { field: "tallyAbstain", before: 32, after: 33 },
          ],
        }),
      ]);
      expect(report.corrections).toEqual({
        count: 1,
        items: [
          expect.objectContaining({ symbol: "A/RES/ES-11/6", memberId: "DEU", before: "Y", after: "A" }),
        ],
        omitted: 0,
      });
      const corrected = await viewRollCall(h.temp.store, "A/RES/ES-11/6");
      expect(corrected!.tally).toMatchObject({ yes: 140, no: 7, abstain: 33 });
      expect(corrected!.votes.find((v) => v.member === "DEU")!.vote).toBe("A");
      // Kept in the store: the import log holds the sync's report with its correction.
      const [logged] = await h.temp.store.importLog(1);
      const stored = logged!.report as ImportReport;
      expect(stored.origin).toBe(`sync dgacm ${h.server.url}`);
      expect(stored.corrections.items[0]).toMatchObject({ memberId: "DEU", before: "Y", after: "A" });
      expect(stored.changes.items[0]!.fields).toHaveLength(2);
    }, 300_000);
  },
);

describe("plenary sync --source dgacm: failures leave the store as it was", () => {
  const h = harness();
  const FEW = ["ga/ES-11.json", "ga/S-32.json", "sc/2026.json", "sc-not-adopted/S_2024_312-2407138E.xml"];

  it("resumes a download whose connection dropped mid-file (Range), in the same run", async () => {
    await h.start({ layout: "mirror", files: FEW });
    h.server.faults.set("sc/2026.json", { dropAfter: 1500 });
    const report = await h.sync();
    const file = report.files.find((f) => f.path === "sc/2026.json")!;
    expect(file.status).toBe("resumed");
    expect(h.requestsOf("sc/2026.json").map((r) => [r.status, r.headers.range])).toEqual([
      [200, undefined],
      [206, "bytes=1500-"],
    ]);
    expect(h.requestsOf("sc/2026.json")[1]!.headers["if-range"]).toBe(file.etag);
    expect(report.import!.rollCalls.added).toBeGreaterThan(0);
  });

  it("keeps an interrupted download, stores nothing, and resumes it on the next run", async () => {
    await h.start({ layout: "mirror", files: FEW });
    h.server.faults.set("sc/2026.json", { dropAfter: 2000 });
    const error = await failure(h.sync({ attempts: 1 }));
    expect(error.code).toBe("BAD_FILE");
    expect(error.message).toMatch(/interrupted.*2000 bytes kept/);
    expect(error.help).toMatch(/resumes/);
    expect(await h.snapshot()).toEqual({ rollCalls: 0, imports: 0, dataVersion: 0 });
    const next = await h.sync();
    expect(next.files.map((f) => f.status)).toEqual([
      "not-modified",
      "not-modified",
      "resumed",
      "downloaded",
    ]);
    expect(h.requestsOf("sc/2026.json").at(-1)!.headers.range).toBe("bytes=2000-");
    // The files downloaded by the failed run are imported now, with the rest: all four, once.
    expect(next.files.every((f) => f.imported)).toBe(true);
    expect(next.import!.files).toHaveLength(4);
  });

  it("refuses an HTML page served instead of a file: clear error, store untouched, no partial copy", async () => {
    await h.start({ layout: "mirror", files: FEW });
    h.server.faults.set("sc/2026.json", { html: true });
    const error = await failure(h.sync());
    expect(error.code).toBe("BAD_FILE");
    expect(error.message).toMatch(/sent a web page.*not the JSON Lines file: nothing was imported/);
    expect(await h.snapshot()).toEqual({ rollCalls: 0, imports: 0, dataVersion: 0 });
    expect(readdirSync(path.join(h.temp.dir, "dgacm", "sc"))).toEqual([]);
    h.server.faults.delete("sc/2026.json");
    const next = await h.sync();
    expect(next.files.map((f) => f.status)).toEqual([
      "not-modified",
      "not-modified",
      "downloaded",
      "downloaded",
    ]);
    expect(next.import!.files).toHaveLength(4);
  });

  it("refuses a file that does not match the mirror's SHA256SUMS, deletes it, and fetches it afresh next time", async () => {
    await h.start({ layout: "mirror", files: FEW });
    h.server.contents.set("ga/ES-11.json", correctedEs11(h.server.contents.get("ga/ES-11.json")!));
    h.server.staleManifest.add("ga/ES-11.json");
    const error = await failure(h.sync());
    expect(error.message).toMatch(
      /ga\/ES-11\.json\.gz does not match its SHA256SUMS line \(expected 14c39829.*\): nothing was imported/,
    );
    expect(error.help).toMatch(/damaged or its SHA256SUMS out of date/);
    expect(await h.snapshot()).toEqual({ rollCalls: 0, imports: 0, dataVersion: 0 });
    expect(existsSync(path.join(h.temp.dir, "dgacm", "ga", "ES-11.json.gz"))).toBe(false);
    // The mirror fixed: the file is fetched whole (no stale validator sent) and everything imported.
    h.server.staleManifest.clear();
    const next = await h.sync();
    expect(next.files[0]).toMatchObject({ path: "ga/ES-11.json", status: "downloaded", imported: true });
    expect(h.requestsOf("ga/ES-11.json").at(-1)!.headers["if-none-match"]).toBeUndefined();
    expect(next.import!.rollCalls.added).toBeGreaterThan(0);
  });

  it("reads files served decompressed, or compressed in transfer (Content-Encoding), the same", async () => {
    for (const compression of ["plain", "encoded"] as const) {
      await h.start({
        layout: "mirror",
        files: ["ga/S-32.json", "sc-not-adopted/S_2024_312-2407138E.xml"],
        compression,
      });
      const report = await h.sync({ cacheDir: path.join(h.temp.dir, compression) });
      expect(report.files.map((f) => [f.url, f.status])).toEqual([
        [`${h.server.url}/ga/S-32.json`, "downloaded"],
        [`${h.server.url}/sc-not-adopted/S_2024_312-2407138E.xml`, "downloaded"],
      ]);
      expect(report.files[0]!.sha256).toBe(
        "64b635e8b09c6037d84f00b3957a822d94772a259aecc882e5c9048420394d25",
      );
      // One store for both: the second run finds both roll calls there already.
      expect(report.import!.rollCalls).toMatchObject(
        compression === "plain" ? { read: 2, added: 2 } : { read: 2, unchanged: 2 },
      );
      await h.server.close();
    }
    // A compressed transfer cannot be resumed byte for byte: after a drop it is fetched whole again.
    await h.start({ layout: "mirror", files: ["sc/2026.json"], compression: "encoded" });
    h.server.faults.set("sc/2026.json", { dropAfter: 1000 });
    const report = await h.sync({ cacheDir: path.join(h.temp.dir, "dropped") });
    expect(report.files[0]!.status).toBe("downloaded");
    expect(h.requestsOf("sc/2026.json").map((r) => [r.status, r.headers.range])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });
});

describe("plenary sync --source dgacm: GitHub's layout", () => {
  const h = harness();
  const FILES = ["ga/ES-10.json", "ga/S-32.json", "sc/2025.json", "sc-not-adopted/S_2025-353-2508520E.xml"];

  it("lists the three folders through the contents API, fetches what they list, checks each blob SHA-1", async () => {
    await h.start({ layout: "github", files: FILES });
    const first = await h.sync();
    expect(first.layout).toBe("github");
    expect(first.manifest.map((m) => [m.url.replace(h.server.url, ""), m.status])).toEqual([
      ["/repos/UNxml/GAresolutions/contents/data_extract", "downloaded"],
      ["/repos/UNxml/SCresolutions/contents/data_extract", "downloaded"],
      ["/repos/UNxml/SCresolutions/contents/Not%20adopted/English", "downloaded"],
    ]);
    expect(first.files.map((f) => [f.path, f.url.replace(h.server.url, ""), f.checkedAgainst])).toEqual([
      // The Assembly's listing links to raw.githubusercontent.com: rebased onto the server given.
      ["ga/ES-10.json", "/UNxml/GAresolutions/main/data_extract/ES-10.json", "git blob SHA-1"],
      ["ga/S-32.json", "/UNxml/GAresolutions/main/data_extract/S-32.json", "git blob SHA-1"],
      ["sc/2025.json", "/UNxml/SCresolutions/main/data_extract/2025.json", "git blob SHA-1"],
      [
        "sc-not-adopted/S_2025-353-2508520E.xml",
        "/UNxml/SCresolutions/main/Not%20adopted/English/S_2025-353-2508520E.xml",
        "git blob SHA-1",
      ],
    ]);
    // The listing's other files (a working copy, a stray Council file) are never fetched.
    expect(h.server.requests.filter((r) => /78_new|2729/.test(r.path))).toEqual([]);
    // A base URL without SHA256SUMS is read as GitHub's layout; the API asked as GitHub wants.
    expect(h.server.requests[0]).toMatchObject({ path: "/SHA256SUMS", status: 404 });
    expect(h.server.requests[1]!.headers.accept).toBe("application/vnd.github+json");
    expect(h.server.requests[1]!.headers["user-agent"]).toMatch(/^Plenary/);
    expect(first.import!.rollCalls.added).toBeGreaterThan(40);
    const count = h.server.requests.length;
    const second = await h.sync();
    expect(second.import).toBeNull();
    expect(h.server.requests.slice(count).map((r) => r.status)).toEqual([404, ...Array(3 + 4).fill(304)]);
  });

  it("refuses a file that does not match its listing, saying GitHub's raw files may lag", async () => {
    await h.start({ layout: "github", files: FILES });
    h.server.contents.set(
      "ga/S-32.json",
      Buffer.from(`${h.server.contents.get("ga/S-32.json")!.toString()}\n`),
    );
    h.server.staleManifest.add("ga/S-32.json");
    const error = await failure(h.sync());
    expect(error.message).toMatch(/S-32\.json does not match its listing's git blob SHA-1/);
    expect(error.help).toMatch(/lag a few minutes/);
    expect(await h.snapshot()).toEqual({ rollCalls: 0, imports: 0, dataVersion: 0 });
  });

  // The CLI gives --url, else PLENARY_DGACM_URL (src/config.test.ts reads it).
  it("reads the mirror given; without one, GitHub", () => {
    expect(resolveDgacmUrl("http://127.0.0.1:9/unxml/")).toBe("http://127.0.0.1:9/unxml");
    expect(resolveDgacmUrl("https://mirror.example/dgacm")).toBe("https://mirror.example/dgacm");
    expect(resolveDgacmUrl(undefined)).toBeNull();
    expect(() => resolveDgacmUrl("ftp://x")).toThrow(/http/);
  });
});

describe("the DGACM manifest", () => {
  const [ga, , drafts] = DGACM_FOLDERS;

  it("asks GitHub's contents API for the three folders, the drafts' folder name encoded", () => {
    expect(DGACM_FOLDERS.map((f) => listingUrl(GITHUB_API, f))).toEqual([
      "https://api.github.com/repos/UNxml/GAresolutions/contents/data_extract",
      "https://api.github.com/repos/UNxml/SCresolutions/contents/data_extract",
      "https://api.github.com/repos/UNxml/SCresolutions/contents/Not%20adopted/English",
    ]);
  });

  it("reads a listing as GitHub writes it: data files only, its download URL, its blob SHA-1", () => {
    const item = (name: string, type = "file", folder = "data_extract") => ({
      name,
      path: `${folder}/${name}`,
      sha: "7a136b4b9cdf134a0a53d8fccf564395913a3a32",
      size: 1234,
      url: `https://api.github.com/repos/UNxml/GAresolutions/contents/${folder}/${encodeURIComponent(name)}?ref=main`,
      html_url: `https://github.com/UNxml/GAresolutions/blob/main/${folder}/${encodeURIComponent(name)}`,
      git_url:
        "https://api.github.com/repos/UNxml/GAresolutions/git/blobs/7a136b4b9cdf134a0a53d8fccf564395913a3a32",
      download_url:
        type === "file"
          ? `https://raw.githubusercontent.com/UNxml/GAresolutions/main/${folder}/${encodeURIComponent(name)}`
          : null,
      type,
      _links: {},
    });
    const listing = JSON.stringify(
      ["74.json", "ES-11.json", "S-32.json", "78_new.json", "2729 (2024).json", "81.json"]
        .map((n) => item(n))
        .concat([item("old", "dir")]),
    );
    expect(entriesOfListing(listing, ga!, null)).toEqual(
      ["74.json", "ES-11.json", "S-32.json", "81.json"].map((n) => ({
        path: `ga/${n}`,
        kind: "ga",
        urls: [`https://raw.githubusercontent.com/UNxml/GAresolutions/main/data_extract/${n}`],
        digest: { algorithm: "git-blob-sha1", hex: "7a136b4b9cdf134a0a53d8fccf564395913a3a32" },
      })),
    );
    // A mirror of GitHub: its links to raw.githubusercontent.com are moved onto it.
    const draft = JSON.stringify([{ ...item("S_2025-353-2508520E.xml", "file", "Not adopted/English") }]);
    expect(entriesOfListing(draft, drafts!, "http://127.0.0.1:8080")[0]!.urls).toEqual([
      "http://127.0.0.1:8080/UNxml/GAresolutions/main/Not%20adopted/English/S_2025-353-2508520E.xml",
    ]);
    expect(() => entriesOfListing('{"message":"Not Found"}', ga!, null)).toThrow(
      /not a GitHub contents listing/,
    );
  });

  it("reads the shared folder's SHA256SUMS: every file, the plain name first, then the .gz", () => {
    const entries = entriesOfSums(readFileSync(path.join(UNXML_DIR, "SHA256SUMS"), "utf8"), "http://m");
    expect(entries).toHaveLength(56);
    expect(entries.map((e) => e.path)).toEqual([...sharedSums().keys()]);
    expect(entries.find((e) => e.path === "sc-not-adopted/S_2024_312-2407138E.xml")).toEqual({
      path: "sc-not-adopted/S_2024_312-2407138E.xml",
      kind: "sc-not-adopted",
      urls: [
        "http://m/sc-not-adopted/S_2024_312-2407138E.xml",
        "http://m/sc-not-adopted/S_2024_312-2407138E.xml.gz",
      ],
      digest: {
        algorithm: "sha256",
        hex: "dfef1f3ddbe2725f1d2f7a09585939d1cc13f979be32c74cc38be26386274e1b",
      },
    });
  });
});
