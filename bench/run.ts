/**
 * `npm run bench`: every benchmark on the real data in ../shared/data, one after another, each printing
 * its own table (with the peer it is compared against, measured in the same run), then a summary.
 * `npm run bench -- import analysis` runs only those. Results are also written to bench/out/*.json.
 * `cli` and `ready` time the built CLI (`node bin/plenary.js`, which runs dist/): `npm run build` first.
 * The web benchmark has its own script (`npm run bench:web`): it needs the full record loaded and a server.
 * `npm run bench:report` then writes the Performance table (docs/performance.md) from bench/out/*.json.
 */
const SUITES: Record<string, () => Promise<unknown>> = {
  import: async () => (await import("./import/import.bench.js")).main(),
  analysis: async () => (await import("./analysis/matrix.bench.js")).main(),
  ideal: async () => (await import("./analysis/ideal.bench.js")).main(),
  cli: async () => (await import("./cli/cli.bench.js")).main(),
  ready: async () => (await import("./web/ready.bench.js")).main(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(SUITES);
for (const name of names) {
  if (!SUITES[name]) {
    console.error(`Unknown benchmark ${name}; choose from ${Object.keys(SUITES).join(", ")}`);
    process.exit(1);
  }
}
let failed = false;
for (const name of names) {
  console.log(`\n=== ${name} ===`);
  try {
    await SUITES[name]!();
  } catch (error) {
    failed = true;
    console.error(`Benchmark ${name} failed:`, error);
  }
}
console.log(
  "\nbench/out/*.json written; `npm run bench:report` writes the Performance table (docs/performance.md) from them.",
);
process.exit(failed ? 1 : 0);
