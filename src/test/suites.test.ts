/**
 * The suites keep their promises:
 * - every skip is guarded: CI (`PLENARY_REQUIRE_*=1`) turns it into a failure. A test file may skip only
 *   on a missing PostgreSQL (`!postgresUrl()`, which the suite's global setup makes a failure under
 *   PLENARY_REQUIRE_POSTGRES) or on a condition made by `required(…)` (src/test/require.ts); never
 *   `.skip`, `.todo` or `.only`;
 * - every property takes its budget from `fuzzParameters` (src/test/fuzz.ts), so `npm run fuzz`
 *   (scripts/fuzz.mjs, which runs every file that calls it) raises every one, as docs/development.md says;
 * - the browser tests launch the Chromium PLENARY_CHROMIUM names (e2e/browser.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(full);
    return /\.(test|e2e)\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe("the test suites' own promises", () => {
  const files = [...testFiles(path.join(ROOT, "src")), ...testFiles(path.join(ROOT, "e2e"))];

  it("finds the suites", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("every conditional skip is one CI requires, and nothing is skipped outright", () => {
    const problems: string[] = [];
    for (const file of files) {
      if (file === path.join(ROOT, "src/test/skips.test.ts")) continue;
      const text = readFileSync(file, "utf8");
      const name = path.relative(ROOT, file);
      for (const match of text.matchAll(/\b(?:describe|it|test|suite)\.(skip|todo|only)\b/g))
        problems.push(`${name}: .${match[1]}`);
      for (const match of text.matchAll(/\.(skipIf|runIf)\(([^()]*(?:\([^()]*\))?[^()]*)\)/g)) {
        const condition = match[2]!.trim();
        const guardedBy = /^!?([A-Za-z_$][\w$]*)$/.exec(condition)?.[1];
        const ok =
          (match[1] === "skipIf" && condition === "!postgresUrl()") ||
          (guardedBy !== undefined &&
            new RegExp(`\\b(?:const|let)\\s+${guardedBy}\\s*=\\s*required\\(`).test(text));
        if (!ok)
          problems.push(`${name}: .${match[1]}(${condition}) is not guarded by required() or postgresUrl()`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every property's budget comes from fuzzParameters, so npm run fuzz raises them all", () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const name = path.relative(ROOT, file);
      if (/\bnumRuns\s*:/.test(text)) problems.push(`${name}: a fixed numRuns`);
      if (/\bfc\.(assert|asyncAssert)\(/.test(text) && !text.includes("fuzzParameters("))
        problems.push(`${name}: properties without fuzzParameters`);
    }
    expect(problems).toEqual([]);
    const script = readFileSync(path.join(ROOT, "scripts/fuzz.mjs"), "utf8");
    expect(script).toContain('includes("fuzzParameters(")');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.fuzz).toBe("node scripts/fuzz.mjs");
  });

  it("the browser tests launch the Chromium PLENARY_CHROMIUM names", () => {
    const browserTests = files.filter((file) => file.endsWith(".e2e.ts"));
    expect(browserTests.length).toBeGreaterThanOrEqual(2);
    for (const file of browserTests) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/chromium\.launch\(|executablePath/);
      expect(text, file).toContain("launchChromium()");
    }
    expect(readFileSync(path.join(ROOT, "e2e/browser.ts"), "utf8")).toContain("process.env.PLENARY_CHROMIUM");
  });
});
