/**
 * Soak test (issue 9): a real `plenary serve` process on loopback, holding the starter data and the
 * whole research record, under mixed traffic — vote and member pages, API calls, searches — while
 * readers post comments and an import runs. Bounded in time (PLENARY_SOAK_SECONDS, default 30) and
 * aimed only at 127.0.0.1. Passes when no response is a 5xx, no acknowledged comment is lost, and the
 * server's memory levels off. Run: npm run soak
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { main as cli } from "../../src/cli/main.js";
import { Store } from "../../src/data/store/index.js";
import { addUser } from "../../src/news/accounts.js";
import { articlePath, createArticle, transition } from "../../src/news/articles.js";

const SECONDS = Number(process.env.PLENARY_SOAK_SECONDS ?? 30);
const DATA = path.resolve(process.cwd(), "../shared/data");
const quiet = { stdout: { write: () => true }, stderr: process.stderr, stdin: process.stdin } as never;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-soak-"));
  const db = path.join(dir, "plenary.db");
  try {
    console.log("Preparing a store: starter data + the research record …");
    if ((await cli(["--db", db, "import", path.join(DATA, "unvotes"), "--json"], quiet)) !== 0)
      throw new Error("import failed");
    const store = await Store.open({ db });
    const editor = await addUser(store, {
      email: "soak@example.org",
      name: "Soak Editor",
      role: "editor",
      password: "soak test password 2026",
    });
    const article = await createArticle(
      store,
      {
        headline: "Soak test article",
        standfirst: "Comments land here.",
        bodyMd: "Body.",
        section: "general-assembly",
        tags: "",
      },
      editor,
    );
    await transition(store, article.id, "publish", editor);
    await store.close();
    const articleUrl = articlePath(article);

    const server = spawn(process.execPath, ["bin/plenary.js", "--db", db, "serve", "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, PLENARY_RATE_LIMIT: "10000000" },
    });
    const base = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (c: Buffer) => {
        out += c;
        const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
    });
    const rss: number[] = [rssOf(server.pid!)];
    const sampler = setInterval(() => rss.push(rssOf(server.pid!)), 1000);

    // Readers posting comments from many addresses, each acknowledged one remembered.
    const acknowledged: string[] = [];
    let commentErrors = 0;
    let stop = false;
    const page = await (await fetch(base + articleUrl)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    const commenter = (async () => {
      let i = 0;
      while (!stop) {
        i++;
        const first = await fetch(base + articleUrl, {
          headers: { "x-forwarded-for": `198.18.${i >> 8}.${i & 255}` },
        });
        const jar = first.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? token ?? "";
        const body = `Soak comment ${i}`;
        const response = await fetch(`${base}${articleUrl}/comments`, {
          method: "POST",
          redirect: "manual",
          headers: {
            cookie: jar,
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `198.18.${i >> 8}.${i & 255}`,
          },
          body: new URLSearchParams({ _csrf: csrf, name: `Soak Reader ${i}`, body }).toString(),
        });
        if (response.status === 303) acknowledged.push(body);
        else if (response.status >= 500) commentErrors++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // An import (the Council veto list) while the traffic runs.
    const importing = new Promise<number>((resolve) => {
      setTimeout(
        async () => {
          const child = spawn(
            process.execPath,
            [
              "bin/plenary.js",
              "--db",
              db,
              "import",
              path.join(DATA, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv"),
              "--json",
            ],
            { stdio: "ignore" },
          );
          child.on("exit", (code) => resolve(code ?? -1));
        },
        (SECONDS * 1000) / 3,
      );
    });

    const result = await autocannon({
      url: base,
      connections: 16,
      duration: SECONDS,
      requests: [
        { method: "GET", path: "/votes/A%2FRES%2F74%2F19" },
        { method: "GET", path: "/votes/A%2FRES%2FES-11%2F7" },
        { method: "GET", path: "/members/USA" },
        { method: "GET", path: "/api/votes/S%2FRES%2F2774" },
        { method: "GET", path: "/api/compare/US/RU" },
        { method: "GET", path: "/search?q=nuclear" },
        { method: "GET", path: "/api/search?q=ukraine" },
        { method: "GET", path: "/news" },
        { method: "GET", path: "/" },
      ],
    });
    stop = true;
    await commenter;
    const importCode = await importing;
    clearInterval(sampler);
    rss.push(rssOf(server.pid!));

    // Every acknowledged comment must be in the store.
    const check = await Store.open({ db });
    const stored = new Set(
      (await check.db.selectFrom("news_comments").select("body").execute()).map((r) => r.body),
    );
    await check.close();
    const lost = acknowledged.filter((b) => !stored.has(b));
    server.kill("SIGTERM");

    const fiveXX = result["5xx"];
    const half = Math.floor(rss.length / 2);
    const secondHalfGrowth = Math.max(...rss.slice(half)) - rss[half]!;
    const summary = {
      command: `PLENARY_SOAK_SECONDS=${SECONDS} npm run soak`,
      measuredAt: new Date().toISOString(),
      conditions: { cpus: os.cpus().length, loadAverage1m: os.loadavg()[0], node: process.version },
      seconds: SECONDS,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      status5xx: fiveXX,
      commentsAcknowledged: acknowledged.length,
      commentsLost: lost.length,
      comment5xx: commentErrors,
      importExitCode: importCode,
      rssMb: {
        start: Math.round(rss[0]!),
        max: Math.round(Math.max(...rss)),
        end: Math.round(rss[rss.length - 1]!),
        secondHalfGrowth: Math.round(secondHalfGrowth),
      },
    };
    console.table(summary);
    mkdirSync("bench/out", { recursive: true });
    writeFileSync("bench/out/soak.json", JSON.stringify(summary, null, 2));
    const ok =
      fiveXX === 0 && result.errors === 0 && lost.length === 0 && commentErrors === 0 && importCode === 0;
    console.log(ok ? "SOAK PASSED" : "SOAK FAILED");
    return { ok, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok } = await main();
  process.exit(ok ? 0 : 1);
}
