/**
 * The store is closed (docs/architecture.md): every query of the record is a named function of
 * src/data/store, so
 *
 * - no file outside src/data/store and src/test imports Kysely (its query builder or `sql`) — but the
 *   owners of a table set (the newsroom, the request limiter), which query their own tables through
 *   `store.tables(set)`: a Kysely typed to those tables only;
 * - no source file outside src/data/store imports a module of the store but its public face, index.ts,
 *   and the two that hold no query: errors.ts (the store's failures) and writeWait.ts (a type).
 *
 * `Store.db`, `Store.sqlite` and `Store.transaction` are private (TypeScript checks that); tests reach
 * them through src/test/storeDb.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../..");
const STORE = path.join(SRC, "data/store");
/** Where Kysely may be imported besides the store: src/test, and the owners of a table set. */
const KYSELY_ALLOWED = ["test", "news", "web/rateLimits"].map((dir) => path.join(SRC, dir));
/** The store's modules other layers may import. */
const PUBLIC = ["index.ts", "errors.ts", "writeWait.ts"].map((file) => path.join(STORE, file));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const inside = (file: string, dir: string) => file.startsWith(dir + path.sep);
/** The module specifiers `file` imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const pattern =
    /(?:^\s*(?:import|export)\b[^;]*?\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

const outside = tsFiles(SRC).filter((file) => !inside(file, STORE));

describe("the closed store", () => {
  it("no file outside src/data/store queries with Kysely (but src/test and table-set owners)", () => {
    const found = outside
      .filter((file) => !KYSELY_ALLOWED.some((dir) => inside(file, dir)))
      .filter((file) => specifiers(file).some((s) => s === "kysely" || s.startsWith("kysely/")))
      .map((file) => path.relative(SRC, file));
    expect(found).toEqual([]);
  });

  it("other layers import the store through its public modules only", () => {
    const found: string[] = [];
    for (const file of outside) {
      if (file.endsWith(".test.ts") || inside(file, path.join(SRC, "test"))) continue;
      for (const specifier of specifiers(file)) {
        if (!specifier.startsWith(".")) continue;
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts"));
        if (inside(target, STORE) && !PUBLIC.includes(target))
          found.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("the checks see the imports they look for", () => {
    // Guards the patterns above: the store's own reads import Kysely, and the web imports the store.
    expect(specifiers(path.join(STORE, "reads/rollCallRows.ts"))).toContain("kysely");
    expect(specifiers(path.join(SRC, "web/pageData/catalog.ts"))).toContain("../../data/store/index.js");
  });
});
