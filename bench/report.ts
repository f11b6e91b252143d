/**
 * `npm run bench:report`: the Performance table, written from bench/out/*.json — nothing in it is typed
 * by hand. Each row names the command that measured it; a benchmark that has not been run is listed as
 * such. Writes docs/performance.md: the table, and each source file's date and machine (the README
 * links to it).
 *
 *   npm run build && npm run bench && npm run bench:web && npm run bench:web:pg && npm run soak && npm run bench:report
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Figure } from "./lib/figures.js";
import { formatMs, spread } from "./lib/figures.js";

const ROOT = process.cwd();
const OUT = path.join(ROOT, "bench/out");

/* eslint-disable @typescript-eslint/no-explicit-any -- the files are the benchmarks' own JSON */
interface Source {
  file: string;
  command: string;
  rows(json: any): Figure[];
  when(json: any): string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const SOURCES: Source[] = [
  {
    file: "import.json",
    command: "npm run bench -- import",
    when: (j) => `${j.machine?.cpus} CPUs, Node ${j.machine?.node}, load ${j.machine?.load?.join(" ")}`,
    rows: (j) => {
      const rows: Figure[] = (j.figures ?? []).map((f: any) => ({
        what: `${f.step}${f.detail ? ` (${f.detail})` : ""}; whole process, cold`,
        figure: spread(f.runsMs ?? [f.medianMs]),
        ...(f.target ? { target: f.target, ok: f.ok } : {}),
        command: "npm run bench -- import",
      }));
      const sqlite = rows.find((r) => /fresh SQLite/.test(r.what));
      if (sqlite && j.ratioToDuckDb)
        sqlite.peer = `${j.ratioToDuckDb.toFixed(1)}× DuckDB's read_csv count of the same file`;
      const s = j.streaming;
      if (s)
        rows.push({
          what: `stream a ${(s.bytes / 1e6).toFixed(0)} MB UN DL CSV (${s.file}; ${s.rows.toLocaleString("en")} rows) into a fresh store`,
          figure: `${formatMs(s.wallMs)}, peak RSS ${(s.timeMaxRssMb ?? s.maxRssMb).toFixed(0)} MB`,
          target: `≤ ${s.targetMb} MB`,
          ok: s.ok,
          command: "npm run bench -- import",
        });
      return rows;
    },
  },
  {
    file: "import-sources.json",
    command: "BENCH_IMPORT=all npm run bench -- import",
    when: (j) => `${j.machine?.cpus} CPUs, Node ${j.machine?.node}, load ${j.machine?.load?.join(" ")}`,
    rows: (j) =>
      (j.figures ?? []).map((f: any) => ({
        what: `${f.step.trim()}${f.detail ? ` (${f.detail})` : ""}`,
        figure: spread(f.runsMs ?? [f.medianMs]),
        ...(f.target ? { target: f.target, ok: f.ok } : {}),
        command: "BENCH_IMPORT=all npm run bench -- import",
      })),
  },
  {
    file: "analysis-matrix.json",
    command: "npm run bench -- analysis",
    when: (j) => conditionsOf(j.conditions),
    rows: (j) => j.figures ?? [],
  },
  {
    file: "ideal.json",
    command: "npm run build && npm run bench -- ideal",
    when: (j) => conditionsOf(j.conditions),
    rows: (j) => j.figures ?? [],
  },
  {
    file: "cli.json",
    command: "npm run build && npm run bench -- cli",
    when: (j) =>
      `${conditionsOf(j.conditions)}; ${j.protocol?.runs} pairs after ${j.protocol?.warmup} warm-up(s); the store: ${j.store}`,
    rows: (j) => j.figures ?? [],
  },
  {
    file: "ready.json",
    command: "npm run build && npm run bench -- ready",
    when: (j) =>
      `${conditionsOf(j.conditions)}; ${j.protocol?.runs} runs after ${j.protocol?.warmup} warm-up(s); the store: ${j.store}`,
    rows: (j) => j.figures ?? [],
  },
  {
    file: "web.json",
    command: "npm run bench:web",
    when: (j) => `${j.date}, ${j.machine?.cpus} CPUs, Node ${j.machine?.node}`,
    rows: (j) =>
      (j.results ?? []).map((r: any) => ({
        what: `${r.name}: GET ${r.path}, research record loaded, one server on SQLite (autocannon, ${j.settings?.connections} connections, ${j.settings?.duration} s); ${/gzip/.test(r.name) ? "compressed (Accept-Encoding: gzip, deflate, br)" : "plain (Accept-Encoding: identity)"}, ${kb(r.bytesPerResponse)} a response`,
        figure: `${r.requestsPerSecond.toLocaleString("en")} req/s, p99 ${r.latency.p99} ms`,
        ...(r.target
          ? { target: `≥ ${r.target.rps.toLocaleString("en")} req/s, p99 ≤ ${r.target.p99} ms`, ok: r.met }
          : {}),
        command: "npm run bench:web",
      })),
  },
  {
    file: "web-pg.json",
    command: "npm run bench:web:pg",
    when: (j) => `${j.date}`,
    rows: (j) =>
      (j.results ?? []).map((r: any) => ({
        what: `${r.name}: GET ${r.path}, two instances on one PostgreSQL database, request limits shared (autocannon, ${j.connections} connections in all, ${j.duration} s); plain (no Accept-Encoding)`,
        figure: `${r.requestsPerSecond.toLocaleString("en")} req/s, p99 ${r.p99} ms`,
        command: "npm run bench:web:pg",
      })),
  },
  {
    file: "soak.json",
    command: "npm run soak",
    when: (j) =>
      j.measuredAt
        ? `${j.measuredAt}, ${conditionsOf({ ...j.conditions, loadAverage: [j.conditions?.loadAverage1m] })}`
        : "date not recorded",
    rows: (j) => {
      const rss = j.rssMb;
      const rows: Figure[] = [
        {
          what: `soak: mixed traffic for ${Math.round(j.durationSeconds ?? j.seconds)} s with comments posted and an import running`,
          figure: `${j.requests.toLocaleString("en")} requests, ${j.requestsPerSecond.toLocaleString("en")} req/s, p99 ${j.latencyP99Ms} ms; ${j.errors} errors, ${j.status5xx} 5xx; ${j.commentsAcknowledged ?? "?"} comments acknowledged, ${j.commentsLost ?? "?"} lost`,
          target: "0 errors, 0 5xx, 0 comments lost",
          ok: j.errors === 0 && j.status5xx === 0 && (j.commentsLost ?? 0) === 0,
          command: j.command ?? "npm run soak",
        },
      ];
      const steady = rss?.steady;
      if (steady && steady.fromSecond !== null)
        rows.push({
          what: steady.finalWindow
            ? `soak: server memory (RSS, sampled every second) under steady traffic once the record is loaded — from ${steady.fromSecond} s (the reload's end + ${steady.settleSeconds ?? 10} s) to ${steady.toSecond} s, ${steady.samples} samples; levels off = over the last ${steady.finalWindow.seconds} s the level (mean of 5 samples) grows by at most 5 % (the bounded caches fill during the first minute: the whole phase's growth is shown beside)`
            : `soak: server memory (RSS, sampled every second) under steady traffic once the record is loaded — from ${steady.fromSecond} s (the reload's end + ${steady.settleSeconds ?? 10} s) to ${steady.toSecond} s, ${steady.samples} samples; levels off = the level (mean of 5 samples) at the end at most 10 % above the level at the start`,
          figure: steady.finalWindow
            ? `last ${steady.finalWindow.seconds} s: ${steady.finalWindow.startMb} → ${steady.finalWindow.endMb} MB (${steady.finalWindow.growthPercent} %); whole steady phase ${steady.startMb} → ${steady.endMb} MB (max ${steady.maxMb}, ${steady.growthPercent} %); ${rss.start} MB at start, ${rss.max} MB peak`
            : `${rss.start} MB at start, ${rss.max} MB peak, ${rss.end} MB at the end; steady phase: ${steady.startMb} → ${steady.endMb} MB (max ${steady.maxMb}), growth ${steady.growthMb} MB (${steady.growthPercent} %)`,
          target: steady.finalWindow ? "levels off (≤ 5 % over the last 30 s)" : "levels off (≤ 10 %)",
          ok: j.targets?.memoryMet ?? steady.growthMb <= 0.1 * steady.startMb,
          command: j.command ?? "npm run soak",
        });
      else if (rss)
        rows.push({
          what: "soak: server memory (RSS sampled every second); levels off = grows by at most 10 % of its peak over the second half",
          figure: `${rss.start} MB at start, ${rss.max} MB peak, ${rss.end} MB at the end; ${rss.secondHalfGrowth} MB growth over the second half`,
          target: "levels off",
          ok: rss.secondHalfGrowth <= 0.1 * rss.max,
          command: j.command ?? "npm run soak",
        });
      return rows;
    },
  },
];

function conditionsOf(c: any): string {
  if (!c) return "conditions not recorded";
  return `${c.measuredAt ?? ""} ${c.cpus} CPUs, Node ${c.node}, load average ${(c.loadAverage ?? []).join(" ")}`.trim();
}

const cell = (text: string | undefined) => (text ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");

export function report(): { table: string; sources: string } {
  const lines = [
    "| what is timed | figure | target | peer, same run | command |",
    "| --- | --- | --- | --- | --- |",
  ];
  const sources: string[] = [];
  for (const source of SOURCES) {
    const file = path.join(OUT, source.file);
    if (!existsSync(file)) {
      lines.push(`| ${cell(`not measured yet (bench/out/${source.file})`)} | | | | \`${source.command}\` |`);
      sources.push(`- \`bench/out/${source.file}\`: not present — run \`${source.command}\`.`);
      continue;
    }
    const json = JSON.parse(readFileSync(file, "utf8"));
    for (const f of source.rows(json)) {
      const status = f.ok === undefined ? "" : f.ok ? " (met)" : " (**not met**)";
      lines.push(
        `| ${cell(f.what)} | ${cell(f.figure)} | ${cell(f.target ? f.target + status : "")} | ${cell(f.peer)} | \`${f.command}\` |`,
      );
    }
    sources.push(`- \`bench/out/${source.file}\` (\`${source.command}\`): ${source.when(json)}`);
  }
  return { table: lines.join("\n"), sources: sources.join("\n") };
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("bench", "report.ts"))) {
  const { table, sources } = report();
  const doc = `# Performance

Written by \`npm run bench:report\` from \`bench/out/*.json\`, not typed: every figure is the output of
the command in its row, run on the real data in \`../shared/data\` on the machine described below, each
beside the peer it is compared with in the same run. Each row says what is timed; web figures say
whether responses were plain or compressed. Regenerate on a quiet machine with:

\`\`\`sh
npm run build && npm run bench && npm run bench:web && npm run bench:web:pg && npm run soak && npm run bench:report
\`\`\`

What each command measures (its script's header says how):

- \`npm run bench -- import\` (bench/import/import.bench.ts): the research dataset into a fresh SQLite
  store and a fresh PostgreSQL database (a throw-away server with production durability, started from
  the machine's PostgreSQL; skipped, and said so, without one), again unchanged, beside DuckDB's
  \`read_csv\` of the same file; \`plenary export\`; a generated ≥ 300 MB UN DL CSV streamed (peak RSS);
  and every source — starter votes, research dataset, veto list, unxml where this build imports it —
  into a fresh store on both stores, each step timed (\`BENCH_IMPORT=all\` runs only these).
- \`npm run bench -- analysis\` and \`npm run build && npm run bench -- ideal\`: the vote matrix, all-pairs
  counts against DuckDB's self-join, and ideal points with their bootstrap, inside one process (ideal
  points from the compiled code, as \`plenary ideal\` runs them).
- \`npm run bench -- cli\` (bench/cli/cli.bench.ts; \`npm run build\` first): the built CLI
  (\`node bin/plenary.js\`) as whole processes on a store holding the whole record —
  \`plenary --help\` against \`node -e 0\` (target ≤ 2×); \`vote\`, \`member\`, \`votes\` against
  \`node -e 0\` (≤ 3×); \`align\`, \`partners\`, \`alongside\`, \`shifts\` against
  \`node bench/peers/align-duckdb.mjs\` (DuckDB reading the gzipped research CSV from scratch; ≤ 0.5×).
  A and B in turn after the same warm-up, the ratio pair by pair (\`BENCH_RUNS\`, \`BENCH_WARMUP\`).
- \`npm run bench -- ready\` (bench/web/ready.bench.ts; \`npm run build\` first): \`plenary serve\` on the
  whole record, from process start until \`GET /\` answers 200 (target ≤ 1 s), beside Node's bare HTTP
  server started and polled the same way.
- \`npm run bench:web\`, \`npm run bench:web:pg\`: page and API throughput (autocannon), one server on
  SQLite, two on one PostgreSQL database, measured once the server's background work is over (the
  ideal points and their bootstrap: fifty estimates on both cores, which otherwise run beside the first
  pages measured and clear their caches when they publish).
- \`npm run soak\`: mixed traffic with writes and an import, errors and memory. The store starts with
  the starter data and the veto list; the import adds the research record and the server reloads. The
  memory figure is the server's RSS over the steady phase that follows (from the reload's end + 10 s,
  one sample a second, \`PLENARY_SOAK_STEADY_SECONDS\`, default 90): the level (mean of 5 samples) over
  its last 30 s may grow by at most 5 % = levels off; the whole phase's growth (the bounded caches
  filling) is reported beside it. The first figures (start, peak, end) span the whole run, the
  hundredfold growth of the data included.

${table}

Where each figure comes from (file, command, date, machine):

${sources}
`;
  const docPath = path.join(ROOT, "docs/performance.md");
  writeFileSync(docPath, doc);
  console.log("written docs/performance.md");
}
