/**
 * `syncUndl` end to end against a local HTTP server serving small real-layout files (fixtures).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPlenaryError } from "../../core/errors.js";
import type { Store } from "../store/index.js";
import { resolveSource, syncUndl } from "./index.js";
import { startTestLibrary, type TestLibrary } from "./testing.js";
import { openStore } from "../../tables.js";

const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");
const GA_PATH = "/record/4060887/files/2026_2_6_ga_voting.csv";
const SC_PATH = "/record/4055387/files/2025_7_21_sc_voting.csv";

describe("plenary sync against a local library", () => {
  let dir: string;
  let cacheDir: string;
  let library: TestLibrary;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plenary-sync-"));
    cacheDir = path.join(dir, "undl");
    library = await startTestLibrary();
    // GA: a relative file link; SC: a link to the library itself, rebased onto the local server.
    library.setRecord("4060887", GA_PATH);
    library.setRecord("4055387", `https://digitallibrary.un.org${SC_PATH}`);
    library.files.set(GA_PATH, {
      path: GA_PATH,
      body: readFileSync(path.join(FIXTURES, "undl-ga-2025.csv")),
    });
    library.files.set(SC_PATH, { path: SC_PATH, body: readFileSync(path.join(FIXTURES, "undl-sc.csv")) });
    store = await openStore({ db: path.join(dir, "plenary.db"), seed: false });
  });
  afterEach(async () => {
    await store.close();
    await library.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = (options: Parameters<typeof syncUndl>[1] = {}) =>
    syncUndl(store, { source: library.url, cacheDir, ...options });
  const fileRequests = (p: string) => library.requests.filter((r) => r.path === p);

  it("downloads both files, imports them, and the next sync downloads nothing (conditional requests)", async () => {
    const first = await sync();
    expect(first.files.map((f) => [f.record, f.format, f.status])).toEqual([
      ["4060887", "undl-ga", "downloaded"],
      ["4055387", "undl-sc", "downloaded"],
    ]);
    expect(first.files[1]!.url).toBe(`${library.url}${SC_PATH}`);
    expect(first.import!.rollCalls).toMatchObject({ read: 3, added: 3 });
    expect(await store.count()).toBe(3);
    const downloaded = readFileSync(first.files[0]!.file);
    expect(downloaded.equals(library.files.get(GA_PATH)!.body)).toBe(true);

    const second = await sync();
    expect(second.files.map((f) => f.status)).toEqual(["not-modified", "not-modified"]);
    expect(second.import).toBeNull();
    expect(fileRequests(GA_PATH).map((r) => r.status)).toEqual([200, 304]);
    expect(fileRequests(GA_PATH)[1]!.headers["if-none-match"]).toBe(first.files[0]!.etag);
    expect(await store.dataVersion()).toBe(1);
  });

  it("downloads and imports a newer version of a file, and says what changed", async () => {
    await sync();
    const csv = readFileSync(path.join(FIXTURES, "undl-ga-2025.csv"), "utf8");
    library.files.set(GA_PATH, {
      path: GA_PATH,
      body: Buffer.from(csv.replace(",BLR,BELARUS,N,", ",BLR,BELARUS,A,")),
    });
    const next = await sync();
    expect(next.files.map((f) => f.status)).toEqual(["downloaded", "not-modified"]);
    expect(next.import!.rollCalls).toMatchObject({ read: 1, updated: 1 });
    expect(next.import!.changes.items).toEqual([
      expect.objectContaining({ outcome: "updated", source: "undl-ga", symbol: "A/RES/ES-11/6" }),
    ]);
    const [rc] = await store.findBySymbol("A/RES/ES-11/6");
    expect((await store.get(rc!.id))!.votes.get("BLR")).toBe("A");
  });

  it("resumes a download whose connection dropped mid-file (Range), in the same run", async () => {
    library.files.get(GA_PATH)!.dropAfter = 1500;
    const report = await sync();
    expect(report.files[0]!.status).toBe("resumed");
    const requests = fileRequests(GA_PATH);
    expect(requests.map((r) => r.status)).toEqual([200, 206]);
    expect(requests[1]!.headers.range).toBe("bytes=1500-");
    expect(requests[1]!.headers["if-range"]).toBe(report.files[0]!.etag);
    expect(readFileSync(report.files[0]!.file).equals(library.files.get(GA_PATH)!.body)).toBe(true);
    expect(report.import!.rollCalls.added).toBe(3);
  });

  it("keeps an interrupted download and resumes it on the next run", async () => {
    const ga = library.files.get(GA_PATH)!;
    ga.dropAfter = 2000;
    ga.dropTimes = 1;
    const error = await syncUndl(store, { source: library.url, cacheDir, attempts: 1 }).catch(
      (e: unknown) => e,
    );
    expect(isPlenaryError(error) && error.message).toMatch(/interrupted.*2000 bytes kept/);
    expect(isPlenaryError(error) && error.help).toMatch(/resumes/);
    expect(await store.count()).toBe(0);
    const next = await sync();
    expect(next.files[0]!.status).toBe("resumed");
    expect(fileRequests(GA_PATH).at(-1)!.headers.range).toBe("bytes=2000-");
    expect(next.import!.rollCalls.added).toBe(3);
  });

  it("refuses an HTML error page instead of the CSV: clear error, store untouched, nothing kept", async () => {
    library.files.get(SC_PATH)!.html = true;
    const error = await sync().catch((e: unknown) => e);
    expect(isPlenaryError(error)).toBe(true);
    expect(isPlenaryError(error) && error.code).toBe("BAD_FILE");
    expect(isPlenaryError(error) && error.message).toMatch(
      /sent a web page.*not the CSV file: nothing was imported/,
    );
    expect(await store.count()).toBe(0);
    expect(existsSync(path.join(cacheDir, "4055387-2025_7_21_sc_voting.csv.part"))).toBe(false);
    // Once the library is back, the next sync imports both files.
    library.files.get(SC_PATH)!.html = false;
    const next = await sync();
    expect(next.files.map((f) => f.status)).toEqual(["not-modified", "downloaded"]);
    expect(next.import!.rollCalls.added).toBe(3);
  });

  // The CLI gives --source, else PLENARY_UNDL_URL (src/config.test.ts reads it).
  it("reads the base URL given, else the library", () => {
    expect(resolveSource("http://127.0.0.1:9/")).toBe("http://127.0.0.1:9");
    expect(resolveSource("http://mirror.example/undl/")).toBe("http://mirror.example/undl");
    expect(resolveSource(undefined)).toBe("https://digitallibrary.un.org");
    expect(() => resolveSource("ftp://x")).toThrow(/http/);
  });
});
