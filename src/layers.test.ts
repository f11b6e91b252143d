/**
 * The layers' import rules (docs: /work/shared/design/architecture.md): core imports nothing of the
 * other folders; data imports core; analysis core and data; news core, data and analysis; web and
 * cli anything below them. Files at src/ itself (config.ts, tables.ts) compose the layers and may import
 * any of them; no layer below web and cli imports them. And no circle: no module, following its
 * static value imports, reaches itself again (type-only and dynamic imports load nothing at start). Tests and src/test are exempt: they
 * put the layers together.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname);
const LAYERS = ["core", "data", "analysis", "news", "web", "cli"] as const;
/** What each layer may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  data: ["core"],
  analysis: ["core", "data"],
  news: ["core", "data", "analysis"],
  web: ["core", "data", "analysis", "news", "root"],
  cli: ["core", "data", "analysis", "news", "web", "root"],
  root: ["core", "data", "analysis", "news", "web", "cli", "root"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test" && dir === SRC ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

function layerOf(file: string): string {
  const first = path.relative(SRC, file).split(path.sep)[0]!;
  return (LAYERS as readonly string[]).includes(first) ? first : "root";
}

interface Import {
  target: string;
  /** `import type` / `export type`: gone at run time, so no part of a circle. */
  typeOnly: boolean;
  /** `import("…")`: loaded when called, so no part of a circle either. */
  dynamic: boolean;
}

/** The project files `file` imports (static and dynamic `import`, `export … from`). */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  const pattern =
    /(?:^\s*(import|export)(\s+type)?\b[^;]*?\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  for (const match of text.matchAll(pattern)) {
    const target = path.resolve(path.dirname(file), match[3]!.replace(/\.js$/, ".ts"));
    found.push({ target, typeOnly: Boolean(match[2]), dynamic: match[0].includes("(") });
  }
  return found;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe("layers", () => {
  it("imports only point inward", () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const { target } of imports) {
        const to = layerOf(target);
        if (to !== from && !ALLOWED[from]!.includes(to))
          upward.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("no module imports itself through others", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const { target, dynamic, typeOnly } of graph.get(file) ?? []) {
        if (dynamic || typeOnly || !graph.has(target)) continue;
        if (state.get(target) === "open")
          cycles.push(
            stack
              .slice(stack.indexOf(target))
              .map((f) => path.relative(SRC, f))
              .join(" → "),
          );
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
