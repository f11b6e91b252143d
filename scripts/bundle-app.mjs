#!/usr/bin/env node
/**
 * Part of `npm run build`, last: Plenary's own compiled modules (dist/, about 190 of them at a server's
 * start) bundled into dist/app/ — the CLI's entry and one chunk per command or page family it loads
 * on demand (esbuild, code splitting, no minification). bin/plenary.js runs dist/app/main.js.
 *
 * Why: Node 20 loads an ES module file by file — resolve, open, read, compile, link — and our own
 * modules were the largest part of `plenary serve`'s start after the libraries were bundled
 * (scripts/bundle-dependencies.mjs). A handful of chunks load in a fraction of the time (issue 17,
 * goal 3).
 *
 * What stays as it was: the libraries (bare imports and dist/vendor, left to Node), the modules run
 * as their own process or thread (the page worker, the ideal points' worker thread and job), which
 * load the unbundled dist/ files — and every `import.meta.url`: each is replaced by the URL of the
 * compiled file it was written in (computed from the chunk's own URL), so paths such as public/, the
 * starter file, the bundle and the code fingerprints of derived data resolve exactly as before.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(ROOT, "dist");
const OUT = path.join(DIST, "app");
const VENDOR = path.join(DIST, "vendor");

const toPosix = (p) => p.split(path.sep).join("/");

/** import.meta.url of a compiled file, as an expression valid inside a chunk in dist/app/. */
const originalUrl = (file) =>
  `new URL(${JSON.stringify(toPosix(path.relative(OUT, file)))}, import.meta.url).href`;

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(DIST, "cli/main.js") },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir: OUT,
  chunkNames: "chunk-[hash]",
  packages: "external",
  logLevel: "warning",
  metafile: true,
  plugins: [
    {
      name: "plenary-app",
      setup(b) {
        // The vendor bundles stay files of their own, imported from the chunk's folder.
        b.onResolve({ filter: /vendor\// }, (args) => {
          const target = path.resolve(args.resolveDir, args.path);
          if (!target.startsWith(VENDOR)) return undefined;
          return { path: `../vendor/${path.basename(target)}`, external: true };
        });
        b.onLoad({ filter: /\.js$/ }, (args) => {
          if (!args.path.startsWith(DIST)) return undefined;
          const text = readFileSync(args.path, "utf8");
          if (!text.includes("import.meta.url")) return undefined;
          return { contents: text.replaceAll("import.meta.url", originalUrl(args.path)), loader: "js" };
        });
      },
    },
  ],
});
const bundled = Object.keys(result.metafile.inputs).length;
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length;
console.log(`bundled ${bundled} compiled modules into ${chunks} files in dist/app`);
