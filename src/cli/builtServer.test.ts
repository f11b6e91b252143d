/**
 * The built server as `npm start` runs it: `node bin/plenary.js serve`, our compiled code bundled into
 * dist/app by scripts/bundle-app.mjs, with the libraries scripts/bundle-dependencies.mjs bundled into
 * dist/vendor (Fastify and its plugins, Plot and d3, linkedom, feed, kysely, commander). The rest of the suite runs the sources, which import the
 * packages themselves: this file is where a bundle that loads but misbehaves — a plugin, a re-exported
 * name, a file a package reads beside itself — is caught. Each request below goes through a different
 * bundle.
 *
 * It needs a build newer than the sources (`npm run build`; `npm ci` makes one): otherwise it is skipped,
 * loudly, unless PLENARY_REQUIRE_BUILD=1 (CI).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { required } from "../test/require.js";

const ROOT = process.cwd();
const BUILT = path.join(ROOT, "dist/app/main.js");

/** The newest modification time of the non-test sources under src/. */
function newestSource(dir = path.join(ROOT, "src")): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts") && !entry.name.includes(".test.")) {
      newest = Math.max(newest, statSync(file).mtimeMs);
    }
  }
  return newest;
}

const fresh = existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource();
const available = required("PLENARY_REQUIRE_BUILD", fresh, "a build of the current sources (npm run build)");

describe.skipIf(!available)("the built server (dist/, bundled libraries)", () => {
  let dir: string;
  let child: ChildProcess;
  let base = "";
  let stderr = "";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plenary-built-"));
    child = spawn(
      process.execPath,
      ["bin/plenary.js", "--db", path.join(dir, "plenary.db"), "serve", "--port", "0"],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PLENARY_DB: "", PLENARY_DATABASE_URL: "", PLENARY_RATE_LIMIT: "100000" },
      },
    );
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/at (http:\/\/127\.0\.0\.1:\d+)/.test(stdout)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`no server: ${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    base = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the home page with its security headers (fastify, helmet, rate-limit, etag)", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-ratelimit-limit")).toBe("100000");
    expect(response.headers.get("etag")).toBeTruthy();
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("Plenary");
  });

  it("draws a vote's map and tally (Plot, linkedom, d3-geo, topojson)", async () => {
    const response = await fetch(`${base}/votes/A%2FRES%2FES-11%2F7`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("<svg");
    expect(page).toMatch(/93\b[^<]*/);
  });

  it("gzips a static asset (compress, static)", async () => {
    const response = await fetch(`${base}/assets/site.css`, { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect((await response.text()).length).toBeGreaterThan(1000);
  });

  it("describes the API (swagger) and answers it", async () => {
    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain("/api/votes/{symbol}");
    const vote = (await (await fetch(`${base}/api/votes/A%2FRES%2FES-11%2F7`)).json()) as {
      tally: { yes: number; no: number; abstain: number };
    };
    expect(vote.tally).toMatchObject({ yes: 93, no: 18, abstain: 65 });
  });

  it("writes the news feed (feed)", async () => {
    const response = await fetch(`${base}/news/feed.xml`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<(rss|feed)\b/);
  });

  it("takes the consent form's POST and sets its cookie (formbody, cookie, origin check)", async () => {
    const response = await fetch(`${base}/consent`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: "choice=rejected&return=%2F",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/consent/i);
    const refused = await fetch(`${base}/consent`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://elsewhere.example" },
      body: "choice=rejected",
    });
    expect(refused.status).toBe(403);
  });

  it("started without an error on its standard error", () => {
    expect(stderr).not.toMatch(/Error|warning/i);
  });
});
