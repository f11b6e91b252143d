#!/usr/bin/env node
// The `plenary` command: runs the compiled CLI, bundled into a few files (npm ci builds it through the
// `prepare` script; scripts/bundle-app.mjs says why).
import { main } from "../dist/app/main.js";

// Output piped into a reader that stops early (`plenary votes | head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
