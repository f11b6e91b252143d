// `npm run build`: the WebAssembly kernel compiled from its .wat (scripts/build-wasm.mjs), then dist/
// made anew from src/ (tsconfig.build.json), so nothing stale or left out of the build — test code
// above all — survives from an earlier one.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [path.join(root, "scripts/build-wasm.mjs")], { cwd: root, stdio: "inherit" });
rmSync(path.join(root, "dist"), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  {
    cwd: root,
    stdio: "inherit",
  },
);
// The query builder and the command-line parser bundled into one file each (Node 20 loads their many
// ES modules one by one at start-up).
execFileSync(process.execPath, [path.join(root, "scripts/bundle-dependencies.mjs")], {
  cwd: root,
  stdio: "inherit",
});
// Then our own compiled modules into a few chunks (dist/app/), which bin/plenary.js runs.
execFileSync(process.execPath, [path.join(root, "scripts/bundle-app.mjs")], { cwd: root, stdio: "inherit" });
