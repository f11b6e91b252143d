/**
 * Soak test (issues 9 and 15): a real `plenary serve` process on loopback under mixed traffic — vote and
 * member pages, API calls, searches — while readers post comments, an editor signs in again and again,
 * and a full import of the research record runs in another process (holding the SQLite write lock for
 * seconds). Bounded in time (PLENARY_SOAK_SECONDS, default 30) and aimed only at 127.0.0.1.
 *
 * Reports, besides the totals, the window of the import on its own: read latency (p99, max), /healthz
 * probed every 20 ms, and what the writes got (success, or 503 "try again" — never a stall), then the
 * seconds after it (the server reloading the record), then a steady phase: once the server serves the
 * new record (its data version in the ETags moved), 10 s to settle, then PLENARY_SOAK_STEADY_SECONDS
 * (default 90) of the same traffic on a fixed data version. Memory (the server's RSS, sampled every
 * second) "levels off" when its level grows by at most 5 % over the last 30 s of the steady phase (the
 * mean of the last 5 samples less the mean of the first 5 of that window, against the latter); the
 * growth over the whole phase — the bounded caches filling — is reported beside it. Passes when no response is a 5xx
 * other than a write's 503 during the import, no acknowledged comment is lost and the import succeeds;
 * the latency target (p99 ≤ 100 ms during the import) and the memory target are reported beside the
 * figures. The store starts with the starter data only (not the bundle), so that the import changes it.
 * Writes bench/out/soak.json. Run: npm run soak
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import BetterSqlite3 from "better-sqlite3";
import { main as cli } from "../../src/cli/main.js";
import { addUser } from "../../src/news/accounts.js";
import { articlePath, createArticle, transition } from "../../src/news/articles.js";
import { openStore } from "../../src/tables.js";
import { newsDb } from "../../src/news/store/tables.js";

const SECONDS = Number(process.env.PLENARY_SOAK_SECONDS ?? 30);
/** The steady phase on the loaded record (after the reload and 5 s to settle), in seconds. */
const STEADY_SECONDS = Number(process.env.PLENARY_SOAK_STEADY_SECONDS ?? 90);
/**
 * The final window of the steady phase, in seconds: memory levels off when its level grows by at most
 * 5 % over this window. The caches are bounded by entries and bytes (pages 48 MB, responses 64 MB, cards
 * 32 MB) and fill for about a minute under this traffic, so growth over the whole phase says how full
 * they got; growth at its end says whether anything is still growing.
 */
const FINAL_WINDOW_SECONDS = 30;
/**
 * From the end of the reload to the start of the steady phase (ms): the old snapshot is dropped and the
 * new record's ideal points are estimated in a child and published (the caches made again) meanwhile.
 */
const SETTLE_MS = 10_000;
/** The level at each end of the steady phase: the mean of this many samples (one sample jumps ±30 MB with the GC). */
const LEVEL_SAMPLES = 5;
const DATA = path.resolve(process.cwd(), "../shared/data");
const quiet = { stdout: { write: () => true }, stderr: process.stderr, stdin: process.stdin } as never;

const EDITOR = { email: "soak@example.org", password: "soak test password 2026" };

function percentile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! * 10) / 10;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-soak-"));
  const db = path.join(dir, "plenary.db");
  try {
    console.log("Preparing a store: the starter data and the Council veto list …");
    // Made here, a new store gets the starter data only: the CLI would fill it with the whole record from
    // the bundle, and the import below would then change nothing (no reload to measure).
    await (await openStore({ db })).close();
    const vetoes = path.join(DATA, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv");
    if ((await cli(["--db", db, "import", vetoes, "--skip-bad-rows", "--json"], quiet)) !== 0)
      throw new Error("import failed");
    const store = await openStore({ db });
    const editor = await addUser(store, { ...EDITOR, name: "Soak Editor", role: "editor" });
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
    const started = Date.now();
    /** RSS samples (MB) and when each was taken. */
    const rss: number[] = [rssOf(server.pid!)];
    const rssAt: number[] = [started];
    const sampler = setInterval(() => {
      rss.push(rssOf(server.pid!));
      rssAt.push(Date.now());
    }, 1000);

    /** Every timed answer: when it ended, how long it took, its status. */
    type Sample = { at: number; ms: number; status: number };
    const comments: Sample[] = [];
    const signIns: Sample[] = [];
    const health: Sample[] = [];
    const reads: Sample[] = [];
    const timed = async (list: Sample[], work: () => Promise<Response>): Promise<Response> => {
      const started = performance.now();
      const response = await work();
      await response.arrayBuffer();
      list.push({ at: Date.now(), ms: performance.now() - started, status: response.status });
      return response;
    };
    const form = async (url: string, address: string) => {
      const first = await fetch(base + url, { headers: { "x-forwarded-for": address } });
      const jar = first.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? "";
      return { jar, csrf };
    };
    const post = (url: string, address: string, jar: string, body: Record<string, string>) =>
      fetch(base + url, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: jar,
          origin: new URL(base).origin, // as a browser sends it (the server refuses other sites' posts)
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": address,
        },
        body: new URLSearchParams(body).toString(),
      });

    // Readers posting comments from many addresses, each acknowledged one remembered.
    const acknowledged: string[] = [];
    let stop = false;
    const commenter = (async () => {
      for (let i = 1; !stop; i++) {
        const address = `198.18.${i >> 8}.${i & 255}`;
        const { jar, csrf } = await form(articleUrl, address);
        const body = `Soak comment ${i}`;
        const response = await timed(comments, () =>
          post(`${articleUrl}/comments`, address, jar, { _csrf: csrf, name: `Soak Reader ${i}`, body }),
        );
        if (response.status === 303) acknowledged.push(body);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // An editor signing in again and again (each from its own address, within the sign-in limits).
    const signer = (async () => {
      for (let i = 1; !stop; i++) {
        const address = `198.19.${i >> 8}.${i & 255}`;
        const { jar, csrf } = await form("/newsroom/login", address);
        await timed(signIns, () =>
          post("/newsroom/login", address, jar, {
            _csrf: csrf,
            email: EDITOR.email,
            password: EDITOR.password,
          }),
        );
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    // /healthz every 20 ms: the event loop's pulse as a load balancer sees it.
    const prober = (async () => {
      while (!stop) {
        await timed(health, () => fetch(`${base}/healthz`));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // A full import of the research record while the traffic runs; when it holds the write lock is
    // probed from here (a write transaction tried without waiting).
    const importWindow = { start: 0, end: 0 };
    const lockHeld: [number, number][] = [];
    const probe = new BetterSqlite3(db);
    probe.pragma("busy_timeout = 0");
    const lockProbe = setInterval(() => {
      let busy = false;
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
      } catch {
        busy = true;
      }
      const now = Date.now();
      const last = lockHeld.at(-1);
      if (busy && last && now - last[1] <= 120) last[1] = now;
      else if (busy) lockHeld.push([now, now]);
    }, 50);
    const importing = new Promise<number>((resolve) => {
      setTimeout(
        () => {
          importWindow.start = Date.now();
          const child = spawn(
            process.execPath,
            ["bin/plenary.js", "--db", db, "import", path.join(DATA, "unvotes"), "--json"],
            { stdio: "ignore" },
          );
          child.on("exit", (code) => {
            importWindow.end = Date.now();
            resolve(code ?? -1);
          });
        },
        (SECONDS * 1000) / 3,
      );
    });

    // The reload: done when the server answers from the new data version (the "v<version>-" of ETags).
    const versionOf = async () =>
      /^"v(\d+)-/.exec((await fetch(`${base}/api/votes?limit=1`)).headers.get("etag") ?? "")?.[1] ?? "";
    const firstVersion = await versionOf();
    const reload = { end: 0, done: false };
    const reloaded = (async () => {
      if ((await importing) !== 0) return;
      while ((await versionOf()) === firstVersion && Date.now() - importWindow.end < 120_000) {
        await new Promise((r) => setTimeout(r, 100));
      }
      if ((await versionOf()) !== firstVersion) reload.end = Date.now();
    })().finally(() => (reload.done = true));

    /** When each read failed (a timeout: no answer within autocannon's 10 s). */
    const readErrorsAt: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: 16,
          // Until the reload is over and the steady phase too (at least SECONDS): stopped below.
          duration: SECONDS + 900,
          requests: [
            { method: "GET", path: "/votes/A%2FRES%2FES-11%2F7" },
            { method: "GET", path: "/votes/S%2FRES%2F2774%20(2025)" },
            { method: "GET", path: "/members/USA" },
            { method: "GET", path: "/api/votes/S%2FRES%2F2774" },
            { method: "GET", path: "/api/compare/US/RU" },
            { method: "GET", path: "/search?q=ukraine" },
            { method: "GET", path: "/api/search?q=ukraine" },
            { method: "GET", path: "/news" },
            { method: "GET", path: "/" },
            // Issue 18's routes: a card, an embed, charts, a watch feed, the votes index with filters.
            { method: "GET", path: "/cards/votes/A%2FRES%2FES-11%2F7.png" },
            { method: "GET", path: "/embed/votes/A%2FRES%2FES-11%2F7/map" },
            { method: "GET", path: "/charts/votes/S%2FRES%2F2774%20(2025)/tally.svg" },
            { method: "GET", path: "/members/USA/feed.xml" },
            { method: "GET", path: "/votes?body=GA" },
            { method: "GET", path: "/api/votes?body=SC&limit=100" },
          ],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      const until = setInterval(() => {
        // (No reload — a failed import — ends the run at once: nothing steady to measure.)
        const over =
          reload.done &&
          Date.now() > importWindow.end + 5000 &&
          (!reload.end || Date.now() > reload.end + SETTLE_MS + STEADY_SECONDS * 1000);
        if (over && Date.now() - started >= SECONDS * 1000) {
          clearInterval(until);
          instance.stop();
        }
      }, 100);
      instance.on("reqError", () => readErrorsAt.push(Date.now()));
      instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) =>
        reads.push({ at: Date.now(), ms, status }),
      );
    });
    stop = true;
    clearInterval(lockProbe);
    probe.close();
    await Promise.all([commenter, signer, prober]);
    const importCode = await importing;
    await reloaded;
    clearInterval(sampler);
    rss.push(rssOf(server.pid!));
    rssAt.push(Date.now());

    // Every acknowledged comment must be in the store.
    const check = await openStore({ db });
    const stored = new Set(
      (await newsDb(check).selectFrom("news_comments").select("body").execute()).map((r) => r.body),
    );
    await check.close();
    const lost = acknowledged.filter((b) => !stored.has(b));
    server.kill("SIGTERM");

    // "During the import": while its write lock was held, as probed every 50 ms.
    const held = (at: number) => lockHeld.some(([from, to]) => at >= from && at <= to);
    const inImport = (x: Sample) => held(x.at);
    const afterImport = (x: Sample) => x.at > importWindow.end && x.at <= importWindow.end + 5000;
    const writes = (list: Sample[]) => ({
      sent: list.length,
      succeeded: list.filter((x) => x.status === 303).length,
      busy503: list.filter((x) => x.status === 503).length,
      other: list.filter((x) => x.status !== 303 && x.status !== 503).length,
      p99Ms: percentile(
        list.map((x) => x.ms),
        0.99,
      ),
      maxMs: Math.round(Math.max(0, ...list.map((x) => x.ms))),
    });
    const latency = (list: Sample[]) => ({
      count: list.length,
      p50Ms: percentile(
        list.map((x) => x.ms),
        0.5,
      ),
      p99Ms: percentile(
        list.map((x) => x.ms),
        0.99,
      ),
      maxMs: Math.round(Math.max(0, ...list.map((x) => x.ms))),
    });
    const during = {
      seconds: Math.round((importWindow.end - importWindow.start) / 100) / 10,
      writeLockHeldSeconds: Math.round(lockHeld.reduce((sum, [from, to]) => sum + to - from, 0) / 100) / 10,
      reads: latency(reads.filter(inImport)),
      healthz: latency(health.filter(inImport)),
      comments: writes(comments.filter(inImport)),
      signIns: writes(signIns.filter(inImport)),
    };
    const fiveXX = result["5xx"];
    const writes5xx = [...comments, ...signIns].filter((x) => x.status >= 500 && x.status !== 503).length;
    const busyOutsideImport = [...comments, ...signIns].filter(
      (x) => x.status === 503 && !inImport(x),
    ).length;
    const half = Math.floor(rss.length / 2);
    const secondHalfGrowth = Math.max(...rss.slice(half)) - rss[half]!;
    // The steady phase: the samples from the end of the reload + SETTLE_MS to the end of the traffic.
    const steadyFrom = reload.end ? reload.end + SETTLE_MS : Infinity;
    const steadySamples = rss.filter((_, i) => rssAt[i]! >= steadyFrom);
    const steadyAt = rssAt.filter((at) => at >= steadyFrom);
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
    const steadyStart = mean(steadySamples.slice(0, LEVEL_SAMPLES));
    const steadyEnd = mean(steadySamples.slice(-LEVEL_SAMPLES));
    // Growth: the level at the end less the level at the start (means of LEVEL_SAMPLES samples each).
    const steadyGrowth = steadyEnd - steadyStart;
    const second = (at: number) => Math.round((at - started) / 100) / 10;
    const steady = {
      settleSeconds: SETTLE_MS / 1000,
      fromSecond: reload.end ? second(steadyFrom) : null,
      toSecond: second(rssAt.at(-1)!),
      samples: steadySamples.length,
      /** Mean of the first LEVEL_SAMPLES samples of the steady phase. */
      startMb: Math.round(steadyStart),
      maxMb: Math.round(Math.max(0, ...steadySamples)),
      /** Mean of its last LEVEL_SAMPLES samples. */
      endMb: Math.round(steadyEnd),
      /** endMb − startMb (negative when memory was given back). */
      growthMb: Math.round(steadyGrowth),
      /** The highest sample less startMb: how high a spike went. */
      maxAboveStartMb: Math.round(Math.max(0, ...steadySamples) - steadyStart),
      growthPercent: steadyStart ? Math.round((steadyGrowth / steadyStart) * 1000) / 10 : null,
      /** The last FINAL_WINDOW_SECONDS of the phase: what the target is about. */
      finalWindow: null as null | Record<string, number | null>,
    };
    // Levels off: over the final window the level (means of LEVEL_SAMPLES samples) grows by at most 5 %.
    const windowFrom = rssAt.at(-1)! - FINAL_WINDOW_SECONDS * 1000;
    const windowSamples = steadySamples.filter((_, i) => steadyAt[i]! >= windowFrom);
    const windowStart = mean(windowSamples.slice(0, LEVEL_SAMPLES));
    const windowGrowth = steadyEnd - windowStart;
    const finalWindow = {
      seconds: FINAL_WINDOW_SECONDS,
      fromSecond: second(windowFrom),
      samples: windowSamples.length,
      startMb: Math.round(windowStart),
      endMb: Math.round(steadyEnd),
      growthMb: Math.round(windowGrowth),
      growthPercent: windowStart ? Math.round((windowGrowth / windowStart) * 1000) / 10 : null,
    };
    steady.finalWindow = finalWindow;
    const levelsOff =
      steadySamples.length >= 2 * FINAL_WINDOW_SECONDS &&
      windowSamples.length >= 20 &&
      windowGrowth <= 0.05 * windowStart;
    const summary = {
      command: `PLENARY_SOAK_SECONDS=${SECONDS} PLENARY_SOAK_STEADY_SECONDS=${STEADY_SECONDS} npm run soak`,
      measuredAt: new Date().toISOString(),
      conditions: {
        cpus: cpus().length,
        loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
        node: process.version,
      },
      seconds: SECONDS,
      /** The whole run: SECONDS at least, until the steady phase after the reload is over. */
      durationSeconds: second(rssAt.at(-1)!),
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      status5xx: fiveXX,
      /** Seconds (since the server started serving) at which reads failed. */
      errorsAtSecond: readErrorsAt.map(second),
      duringImport: during,
      afterImport: {
        reads: latency(reads.filter(afterImport)),
        healthz: latency(health.filter(afterImport)),
      },
      targets: {
        readP99DuringImportMs: 100,
        met: during.reads.p99Ms <= 100 && during.healthz.p99Ms <= 100,
        /** Over the steady phase's final window (FINAL_WINDOW_SECONDS). */
        finalWindowMemoryGrowthPercent: 5,
        memoryMet: levelsOff,
      },
      reload: {
        secondsAfterImport: reload.end ? Math.round((reload.end - importWindow.end) / 100) / 10 : null,
        endSecond: reload.end ? second(reload.end) : null,
      },
      commentsAcknowledged: acknowledged.length,
      commentsLost: lost.length,
      writes5xx,
      busyOutsideImport,
      signIns: writes(signIns),
      importExitCode: importCode,
      rssMb: {
        start: Math.round(rss[0]!),
        max: Math.round(Math.max(...rss)),
        end: Math.round(rss[rss.length - 1]!),
        secondHalfGrowth: Math.round(secondHalfGrowth),
        steady,
        /** Every sample: [seconds since the server started serving, MB]. */
        samples: rss.map((mb, i) => [second(rssAt[i]!), Math.round(mb)]),
      },
    };
    console.log(JSON.stringify(summary, null, 2));
    mkdirSync("bench/out", { recursive: true });
    writeFileSync("bench/out/soak.json", JSON.stringify(summary, null, 2));
    const ok =
      fiveXX === 0 &&
      result.errors === 0 &&
      lost.length === 0 &&
      writes5xx === 0 &&
      importCode === 0 &&
      during.comments.sent + during.signIns.sent > 0;
    if (!summary.targets.met) console.log("Latency target during the import NOT met (see conditions).");
    console.log(
      `Memory over the steady phase (${steady.samples} samples from ${steady.fromSecond} s to ${steady.toSecond} s): ` +
        `level ${steady.startMb} → ${steady.endMb} MB (max ${steady.maxMb}), growth ${steady.growthMb} MB ` +
        `(${steady.growthPercent} %); over its last ${FINAL_WINDOW_SECONDS} s ${finalWindow.startMb} → ` +
        `${finalWindow.endMb} MB (${finalWindow.growthPercent} %, target ≤ 5 %): ` +
        `${levelsOff ? "levels off (met)" : "NOT met"}.`,
    );
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
