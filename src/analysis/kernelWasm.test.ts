/**
 * The WebAssembly kernel's bytes (kernelWasm.ts) are what its text source (kernel.wat) compiles to:
 * the CI guard for a .wat changed without `npm run build:wasm`. The numbers themselves are checked
 * against the JavaScript kernel in measures.test.ts.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { wasmKernel, wasmModuleBytes } from "./wasmKernel.js";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the WebAssembly kernel", () => {
  it("is current: kernelWasm.ts is exactly what kernel.wat compiles to", () => {
    // Throws (exit 1, with the reason on stderr) when the committed bytes are stale.
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build-wasm.mjs"), "--check"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
  });

  it("is a valid module exporting pair, allPairs and memory", () => {
    const api = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
      .WebAssembly;
    expect(api.validate(wasmModuleBytes())).toBe(true);
    expect(wasmKernel()?.name).toBe("wasm");
  });
});
