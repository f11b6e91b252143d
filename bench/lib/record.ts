/**
 * The whole record in a fresh SQLite store, filled as a user fills it: one `plenary import` (the built
 * CLI) of every source in ../shared/data this build can read — the starter votes (seeded when the
 * store is created), the research dataset (unvotes), the Council veto list and, where the importer
 * knows the format, the UN's machine-readable resolutions (unxml). The import also stores the vote
 * matrix and catalog for the commands and servers that follow, as `plenary import` always does.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
// From the importers' index: where the list lives has moved between versions; the index always exports it.
import { IMPORT_FORMATS } from "../../src/data/import/index.js";

export interface Source {
  name: string;
  path: string | null;
  /** Why it is not in the store, when it is not. */
  skipped?: string;
}

export function recordSources(root: string): Source[] {
  const data = path.resolve(root, "../shared/data");
  const sources: Source[] = [
    { name: "starter votes", path: null },
    { name: "research dataset (unvotes)", path: path.join(data, "unvotes") },
    { name: "Council veto list", path: path.join(data, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv") },
    { name: "UN machine-readable resolutions (unxml)", path: path.join(data, "unxml") },
  ];
  for (const s of sources) {
    if (s.path && !existsSync(s.path)) s.skipped = `${s.path} is missing`;
  }
  const unxml = sources[3]!;
  if (!unxml.skipped && !(IMPORT_FORMATS as readonly string[]).includes("unxml"))
    unxml.skipped = "this build has no unxml importer";
  return sources;
}

/** "starter votes, research dataset (unvotes), Council veto list; not: unxml (this build has no unxml importer)" */
export function describeSources(sources: Source[]): string {
  const inStore = sources.filter((s) => !s.skipped).map((s) => s.name);
  const out = sources.filter((s) => s.skipped).map((s) => `${s.name} (${s.skipped})`);
  return `${inStore.join(", ")}${out.length ? `; NOT in the store: ${out.join(", ")}` : ""}`;
}

/** Fills `db` (a new SQLite file) with the whole record through the built CLI; returns the sources. */
export function fillWholeRecord(root: string, db: string): Source[] {
  const sources = recordSources(root);
  for (const s of sources.filter((s) => s.skipped))
    console.warn(`*** ${s.name} not imported: ${s.skipped} ***`);
  const paths = sources.filter((s) => s.path && !s.skipped).map((s) => s.path!);
  const started = performance.now();
  const proc = spawnSync(
    process.execPath,
    [path.join(root, "bin/plenary.js"), "--db", db, "import", ...paths, "--json"],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  if (proc.status !== 0)
    throw new Error(`plenary import failed (${proc.status}): ${proc.stderr.slice(0, 2000)}`);
  const report = JSON.parse(proc.stdout) as {
    rollCalls: Record<string, number>;
    votes: Record<string, number>;
  };
  console.log(
    `whole record in ${db}: ${report.rollCalls.read?.toLocaleString("en")} roll calls, ${report.votes.written?.toLocaleString("en")} votes imported in ${((performance.now() - started) / 1000).toFixed(1)} s (${describeSources(sources)})`,
  );
  return sources;
}
