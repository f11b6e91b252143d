/**
 * `npm run bench:report`: the README's Performance table, written from bench/out/*.json — nothing in it
 * is typed by hand. Each row names the command that measured it; a benchmark that has not been run is
 * listed as such. Writes docs/performance.md (the table, each source file's date and machine) and the
 * table between the README's `<!-- performance:begin -->` and `<!-- performance:end -->` markers.
 *
 *   npm run bench && npm run bench:web && npm run bench:web:pg && npm run soak && npm run bench:report
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
    file: "analysis-matrix.json",
    command: "npm run bench -- analysis",
    when: (j) => conditionsOf(j.conditions),
    rows: (j) => j.figures ?? [],
  },
  {
    file: "ideal.json",
    command: "npm run bench -- ideal",
    when: (j) => conditionsOf(j.conditions),
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
          what: `soak: mixed traffic for ${j.seconds} s with comments posted and an import running`,
          figure: `${j.requests.toLocaleString("en")} requests, ${j.requestsPerSecond.toLocaleString("en")} req/s, p99 ${j.latencyP99Ms} ms; ${j.errors} errors, ${j.status5xx} 5xx; ${j.commentsAcknowledged ?? "?"} comments acknowledged, ${j.commentsLost ?? "?"} lost`,
          target: "0 errors, 0 5xx, 0 comments lost",
          ok: j.errors === 0 && j.status5xx === 0 && (j.commentsLost ?? 0) === 0,
          command: "npm run soak",
        },
      ];
      if (rss)
        rows.push({
          what: "soak: server memory (RSS sampled every second); levels off = grows by at most 10 % of its peak over the second half",
          figure: `${rss.start} MB at start, ${rss.max} MB peak, ${rss.end} MB at the end; ${rss.secondHalfGrowth} MB growth over the second half`,
          target: "levels off",
          ok: rss.secondHalfGrowth <= 0.1 * rss.max,
          command: "npm run soak",
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

const BEGIN =
  "<!-- performance:begin (written by npm run bench:report from bench/out/*.json; do not edit) -->";
const END = "<!-- performance:end -->";

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("bench", "report.ts"))) {
  const { table, sources } = report();
  const doc = `# Performance

Written by \`npm run bench:report\` from \`bench/out/*.json\`; every figure is the output of the command
in its row, run on the machine described below. Regenerate on a quiet machine with:

\`\`\`sh
npm run build && npm run bench && npm run bench:web && npm run bench:web:pg && npm run soak && npm run bench:report
\`\`\`

${table}

Where each figure comes from (file, command, date, machine):

${sources}
`;
  const docPath = path.join(ROOT, "docs/performance.md");
  writeFileSync(docPath, doc);
  const readmePath = path.join(ROOT, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) {
    console.error(`README.md has no ${BEGIN} … ${END} markers`);
    process.exit(1);
  }
  writeFileSync(
    readmePath,
    `${readme.slice(0, begin + BEGIN.length)}\n${table}\n\nSources, dates and machines: \`docs/performance.md\`.\n${readme.slice(end)}`,
  );
  console.log("written docs/performance.md and the README's Performance table");
}
