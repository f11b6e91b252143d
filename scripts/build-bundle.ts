/**
 * `npm run bundle`: rebuilds bundle/record.bundle — the whole record a new store is filled with — from
 * ../shared/data (or the folder given), by running the importers' readers (docs/data.md). Writes
 * nothing when the bundle is already current, unless --force.
 */
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildBundle, DATA_DIR, staleness } from "../src/data/bundle/build.js";
import { BUNDLE_FILE, encodeBundle, readBundleHeader } from "../src/data/bundle/format.js";
import { formatBytes, formatDuration } from "../src/data/import/progress.js";

const args = process.argv.slice(2);
const force = args.includes("--force");
const dataDir = path.resolve(args.find((a) => !a.startsWith("--")) ?? DATA_DIR);

const started = performance.now();
const built = await buildBundle(dataDir);
const read = performance.now() - started;
let current: string[] | null = null;
try {
  current = staleness(readBundleHeader(BUNDLE_FILE, true), built);
} catch {
  current = null; // no bundle yet, or an unreadable one: write it
}
if (current && current.length === 0 && !force) {
  console.log(
    `${path.relative(process.cwd(), BUNDLE_FILE)} is current (read in ${formatDuration(read)}); nothing written.`,
  );
} else {
  const bytes = encodeBundle(built.header, built.json);
  const part = `${BUNDLE_FILE}.part`;
  writeFileSync(part, bytes);
  renameSync(part, BUNDLE_FILE);
  const { counts } = built.header;
  console.log(
    [
      `Wrote ${path.relative(process.cwd(), BUNDLE_FILE)}: ${formatBytes(bytes.length)} (${formatBytes(built.json.length)} of JSON)`,
      `  ${counts.rollCalls.toLocaleString("en-US")} roll calls, ${counts.votes.toLocaleString("en-US")} votes, ${counts.firstDate} → ${counts.lastDate}`,
      `  by source: ${Object.entries(counts.bySource)
        .map(([source, n]) => `${source} ${n.toLocaleString("en-US")}`)
        .join(", ")}`,
      `  from ${built.header.inputs.length} files; ${counts.problems.toLocaleString("en-US")} problems reported by the readers`,
      `  read in ${formatDuration(read)}, built in ${formatDuration(performance.now() - started)}`,
      ...(current?.length ? ["  because:", ...current.map((d) => `    ${d}`)] : []),
    ].join("\n"),
  );
}
