/**
 * The first start as a new user meets it (issue 13): `plenary serve` on a new store, run from a folder
 * with no ../shared beside it, fills the store from the bundle and serves the whole record, 1946–2026.
 * Killed while filling, it leaves the store empty — never a part — and the next start fills it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundleHeader } from "../data/bundle/format.js";
import { storeSnapshot } from "../test/storeSnapshot.js";

const CLI = fileURLToPath(new URL("../test/cliChild.ts", import.meta.url));
// Named by path: the child runs in a folder of its own, where `--import tsx` would not resolve.
const TSX = pathToFileURL(path.resolve(process.cwd(), "node_modules/tsx/dist/loader.mjs")).href;

interface Serving {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(dir: string, file: string): Serving {
  const child = spawn(process.execPath, ["--import", TSX, CLI, "--db", file, "serve", "--port", "0"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PLENARY_DB: "", PLENARY_DATABASE_URL: "", PLENARY_RATE_LIMIT: "100000" },
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  };
}

async function until(check: () => boolean, what: () => string, seconds = 240): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the first start of a fresh install", () => {
  let root: string;
  let dir: string;
  let file: string;
  let server: Serving | null = null;
  let base = "";

  beforeAll(() => {
    // A folder of its own inside a new one: nothing can be beside it.
    root = mkdtempSync(path.join(tmpdir(), "plenary-first-"));
    dir = path.join(root, "app");
    mkdirSync(dir);
    file = path.join(dir, "data", "plenary.db");
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it("killed while filling the store, leaves it empty and whole", async () => {
    expect(existsSync(path.join(dir, "../shared"))).toBe(false);
    const first = serve(dir, file);
    await until(
      () => first.stderr().includes("Loading the whole record"),
      () => first.stderr(),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.stdout()).not.toContain("serving");
    expect(await storeSnapshot(file)).toEqual({ rollCalls: 0, votes: 0, integrity: "ok" });
  }, 120_000);

  it("fills the new store from the bundle, then serves the whole record", async () => {
    server = serve(dir, file);
    const running = server;
    await until(
      () => /at (http:\/\/127\.0\.0\.1:\d+)/.test(running.stdout()),
      () => `${running.stdout()}\n${running.stderr()}`,
    );
    base = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(running.stdout())![1]!;
    // Not a terminal here: two plain lines on stderr say why the start took seconds.
    const { counts } = readBundleHeader();
    expect(running.stderr()).toContain(
      `Loading the whole record (1946–2026, ${counts.rollCalls.toLocaleString("en-US")} roll calls) from the bundle…`,
    );
    expect(running.stderr()).toMatch(/Loaded [\d,]+ roll calls and [\d,]+ votes in [\d.]+ s\./);
  }, 300_000);

  it("a 2025 Council vote from the UN's files has its page and each member's vote", async () => {
    const page = await fetch(`${base}/votes/S%2FRES%2F2803`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Resolution 2803 (2025)");
    const vote = (await (await fetch(`${base}/api/votes/S%2FRES%2F2803`)).json()) as {
      date: string;
      tally: { yes: number; no: number; abstain: number };
      votes: { member: string; vote: string }[];
    };
    expect(vote.date.slice(0, 4)).toBe("2025");
    expect(vote.tally).toMatchObject({ yes: 13, no: 0, abstain: 2 });
    const abstaining = vote.votes.filter((v) => v.vote === "A").map((v) => v.member);
    expect(abstaining.sort()).toEqual(["CHN", "RUS"]);
    const vetoed = (await (await fetch(`${base}/api/votes/S%2F2024%2F312`)).json()) as {
      outcome: string;
      votes: { member: string; vote: string }[];
    };
    expect(vetoed.outcome).toBe("vetoed");
    expect(vetoed.votes).toContainEqual(expect.objectContaining({ member: "USA", vote: "N" }));
  });

  it("compares the United States and Russia from 1946 to 2026", async () => {
    const compare = (await (await fetch(`${base}/api/compare/USA/RUS`)).json()) as {
      years: { year: number; both: number }[];
    };
    const years = compare.years.filter((y) => y.both > 0).map((y) => y.year);
    expect(years[0]).toBe(1946);
    for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]) expect(years).toContain(year);
  });
});
