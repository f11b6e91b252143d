#!/usr/bin/env node
// Browser tests: real servers driven in Debian's Chromium (/usr/bin/chromium, never a download).
// Where Chromium is not installed they are skipped — loudly — unless PLENARY_REQUIRE_CHROMIUM=1 (CI).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.PLENARY_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.env.PLENARY_REQUIRE_CHROMIUM === "1") {
    console.error(`Chromium is required for the browser tests but ${chromium} does not exist.`);
    process.exit(1);
  }
  console.warn(
    "\n*** Chromium is not installed: the BROWSER TESTS WERE SKIPPED. ***\n" +
      "*** Install it (apt-get install chromium) to run them.         ***\n",
  );
  process.exit(0);
}
const result = spawnSync("npx", ["vitest", "run", "-c", "vitest.e2e.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
