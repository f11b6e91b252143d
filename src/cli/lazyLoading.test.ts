/**
 * Commands load their modules only when they run (issue 17): the help lists every command from the
 * light definition modules, and a lookup loads neither the analysis, nor the importers, nor the
 * newsroom, nor the web server, nor the PostgreSQL driver. Checked in real processes, with a loader
 * hook that records each module loaded. (The golden test checks the output did not change.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commandNamed } from "./commands/index.js";
import { suiteStore } from "../test/tempStore.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The modules a `plenary …` process loads, as paths relative to the repository (packages by name). */
function modulesLoaded(args: string[]): { status: number | null; modules: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-trace-"));
  const trace = path.join(dir, "modules.txt");
  try {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--import", "./src/test/moduleTrace.mjs", "src/test/cliChild.ts", ...args],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLENARY_MODULE_TRACE: trace } },
    );
    const modules = readFileSync(trace, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((url) => {
        const file = fileURLToPath(url.split("?")[0]!);
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
        return pkg ? `package:${pkg[1]}` : path.relative(ROOT, file);
      });
    return { status: run.status, modules: [...new Set(modules)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a command does (the store's schema is not among them: migrations included, and the table sets
 * other layers hand the store when it opens — src/news/store/tables.ts).
 */
const IMPLEMENTATIONS = [
  "src/analysis/",
  "src/cli/actions/",
  "src/data/import/index.ts",
  "src/data/export/",
  "src/data/sync/",
  "src/news/",
  "src/web/server.ts",
  "src/web/pages/",
];

/**
 * Light modules the configuration reads at every start (src/config.ts checks the sync URLs with the
 * sync's own rules): constants and one check, importing only core/errors.
 */
const CONFIGURATION = ["src/data/sync/sources.ts"];

const implementations = (modules: string[]) =>
  modules.filter(
    (m) =>
      IMPLEMENTATIONS.some((prefix) => m.startsWith(prefix)) &&
      !m.endsWith("/migrations.ts") &&
      !m.endsWith("/store/tables.ts") &&
      !CONFIGURATION.includes(m),
  );

describe("the command line loads a command's modules only when it runs", () => {
  const temp = suiteStore();

  it("--help lists every command without loading any of them, or the store", () => {
    const { status, modules } = modulesLoaded(["--help"]);
    expect(status).toBe(0);
    for (const prefix of [
      ...IMPLEMENTATIONS,
      "src/data/store/index.ts",
      "src/core/members/",
      "src/core/rules/",
    ])
      expect(modules.filter((m) => m.startsWith(prefix) && !CONFIGURATION.includes(m))).toEqual([]);
    for (const pkg of ["kysely", "better-sqlite3", "pg", "fastify"])
      expect(modules).not.toContain(`package:${pkg}`);
    // …and still reads every command's definition.
    expect(modules).toContain("src/cli/commands/analysis.ts");
    expect(modules).toContain("src/cli/commands/user.ts");
  });

  it("a lookup loads the store, not the analysis, importers, newsroom, web server or PostgreSQL driver", () => {
    const { status, modules } = modulesLoaded([...temp.cliArgs, "vote", "ES-11/7", "--json"]);
    expect(status).toBe(0);
    expect(implementations(modules)).toEqual([]);
    expect(modules).toContain("src/data/store/index.ts");
    expect(modules).not.toContain("package:pg");
    expect(modules).not.toContain("package:pg-copy-streams");
    // Only the vote command's definition is read.
    expect(modules.filter((m) => m.startsWith("src/cli/commands/"))).toEqual([
      "src/cli/commands/index.ts",
      "src/cli/commands/vote.ts",
    ]);
  });

  it("member resolves a name without opening the store", () => {
    const { status, modules } = modulesLoaded([...temp.cliArgs, "member", "US"]);
    expect(status).toBe(0);
    expect(modules.filter((m) => m.startsWith("src/data/store/index.ts"))).toEqual([]);
    expect(modules).not.toContain("package:kysely");
  });

  it("finds the command an argument list runs, past the global options", () => {
    expect(commandNamed(["vote", "ES-11/7"])).toBe("vote");
    expect(commandNamed(["--db", "x.db", "align", "USA", "RUS"])).toBe("align");
    expect(commandNamed(["--database-url=postgres://h/db", "user", "list"])).toBe("user");
    expect(commandNamed(["--db=x.db", "check-outcomes"])).toBe("check-outcomes");
    // Help, options first, and unknown or mistyped names: every definition is read.
    expect(commandNamed([])).toBeNull();
    expect(commandNamed(["--help"])).toBeNull();
    expect(commandNamed(["help", "vote"])).toBeNull();
    expect(commandNamed(["vot"])).toBeNull();
    expect(commandNamed(["--db"])).toBeNull();
  });
});
