#!/usr/bin/env node
/**
 * Part of `npm run build`, after tsc: bundles the query builder (kysely), the command-line parser
 * (commander) and the web server's libraries (Fastify, its plugins and schema compilers, Observable Plot with d3, linkedom,
 * feed) into one file each, dist/vendor/NAME.js, and points the compiled code in dist/ at them.
 *
 * Why: Node 20 loads an ES module package file by file, and kysely ships 263 of them. Loading them cost
 * about 0.2 s at every start of `plenary` — more than the rest of a lookup such as `plenary vote ES-11/7`
 * (issue 17). One file of the same code loads in a few milliseconds. commander, which every command
 * loads, goes the same way (its CommonJS files, one by one, behind an ES module wrapper). The web server
 * loaded about a thousand files at start-up (Plot and d3, linkedom and its parser as ES modules; Fastify,
 * its plugins, ajv and yaml as CommonJS): bundled, each loads in about half the time (issue 17, goal 3).
 * Native packages (better-sqlite3, argon2, resvg) and those the server loads only on demand stay as they
 * are. A bundle is the
 * installed version, unchanged (esbuild, no minification); the sources and the tests import the packages
 * as usual, and the type declarations in dist/ still name them.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(ROOT, "dist");
const VENDOR = path.join(DIST, "vendor");

const BUNDLED = [
  "kysely",
  "commander",
  "fastify",
  "@fastify/compress",
  "@fastify/cookie",
  "@fastify/csrf-protection",
  "@fastify/etag",
  "@fastify/formbody",
  "@fastify/helmet",
  "@fastify/rate-limit",
  "@fastify/static",
  "@fastify/swagger",
  "@observablehq/plot",
  "linkedom",
  "feed",
  "d3-geo",
  "topojson-client",
];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const fileOf = (name) => `${name.replace(/^@/, "").replace("/", "-")}.js`;

for (const name of BUNDLED) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));
  // The names an import of the package gives, as Node gives them (for a CommonJS package, its default
  // export and the named exports Node finds), re-exported by name: `export *` cannot re-export a
  // CommonJS module's names from an ES module bundle.
  const loaded = await import(name);
  const names = Object.keys(loaded).filter((key) => IDENTIFIER.test(key));
  await build({
    // The package's entry, resolved as Node resolves an import of it.
    stdin: { contents: `export { ${names.join(", ")} } from "${name}";`, resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: path.join(VENDOR, fileOf(name)),
    banner: {
      // A CommonJS package (commander) requires Node's own modules: give the bundle a require.
      js: [
        `// ${name} ${manifest.version} (${manifest.license}), bundled into one file by scripts/bundle-dependencies.mjs.`,
        `import { createRequire as __plenaryCreateRequire } from "node:module";`,
        `const require = __plenaryCreateRequire(import.meta.url);`,
      ].join("\n"),
    },
    logLevel: "warning",
  });
}

/** Every compiled module outside dist/vendor. */
function* modules(folder) {
  for (const entry of readdirSync(folder)) {
    const file = path.join(folder, entry);
    if (file === VENDOR) continue;
    if (statSync(file).isDirectory()) yield* modules(file);
    else if (file.endsWith(".js")) yield file;
  }
}

let rewritten = 0;
for (const file of modules(DIST)) {
  const text = readFileSync(file, "utf8");
  let next = text;
  for (const name of BUNDLED) {
    let target = path
      .relative(path.dirname(file), path.join(VENDOR, fileOf(name)))
      .split(path.sep)
      .join("/");
    if (!target.startsWith(".")) target = `./${target}`;
    // tsc writes module specifiers with double quotes: `from "kysely"` and `import("kysely")`.
    next = next
      .replaceAll(`from "${name}"`, `from "${target}"`)
      .replaceAll(`import("${name}")`, `import("${target}")`);
  }
  if (next !== text) {
    writeFileSync(file, next);
    rewritten++;
  }
}
console.log(
  `bundled ${BUNDLED.join(", ")} into dist/vendor; ${rewritten} compiled modules point at the bundle`,
);
