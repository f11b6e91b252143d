#!/usr/bin/env node
// The long fuzzing run: every test file with a property (each one takes its budget from
// fuzzParameters in src/test/fuzz.ts) at a base budget of PLENARY_FUZZ_RUNS (default 20,000) instead of
// npm test's 300. A property that runs a share of the base (the importers 1/10, the HTTP fuzzer 1/5 …)
// keeps its share. PLENARY_FUZZ_SEED varies the seed. Extra arguments go to vitest.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith(".test.ts") && readFileSync(full, "utf8").includes("fuzzParameters(")
      ? [full]
      : [];
  });
}

const selected = files("src").sort();
console.log(
  `Fuzzing ${selected.length} files at PLENARY_FUZZ_RUNS=${process.env.PLENARY_FUZZ_RUNS ?? 20000}:`,
);
for (const file of selected) console.log(`  ${file}`);
const result = spawnSync("npx", ["vitest", "run", ...selected, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PLENARY_FUZZ_RUNS: process.env.PLENARY_FUZZ_RUNS ?? "20000" },
});
process.exit(result.status ?? 1);
