/**
 * The pair-counting kernel in WebAssembly: same numbers as the JavaScript kernel (kernel.ts), with the
 * native 64-bit popcount — about three times faster on the all-pairs matrix. Its source is the text
 * format in kernel.wat (the two functions and the memory layout are described there); the build
 * compiles it into kernelWasm.ts (scripts/build-wasm.mjs), which this module instantiates.
 *
 * Memory (one linear memory, grown on demand):
 *   [ bits (the matrix's planes) | activeFrom | activeTo | rows | mask | out ]
 * The matrix's planes are copied in once per matrix (≈ 460 KB for the full record).
 */
import { COUNTS, COUNTS_WITH_MARGINALS, jsKernel, pairRange, type PairKernel } from "./kernel.js";
import { KERNEL_WASM_BASE64 } from "./kernelWasm.js";
import type { VoteMatrix } from "./matrix.js";
import type { SelectionMask } from "./selection.js";

/** The parts of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface Exports {
  memory: WasmMemory;
  pair: (...args: number[]) => void;
  allPairs: (...args: number[]) => void;
}

const PAGE = 65536;

class WasmKernel implements PairKernel {
  readonly name = "wasm";
  private readonly exports: Exports;
  private loaded: VoteMatrix | null = null;
  private bitsBytes = 0;
  private activeBytes = 0;
  /** The mask last copied for countPair (masks are immutable once built). */
  private pairMask: SelectionMask | null = null;
  private pairMaskBase = -1;

  constructor(exports: Exports) {
    this.exports = exports;
  }

  /** Makes sure memory holds `bytes` and the matrix's planes sit at 0. */
  private prepare(matrix: VoteMatrix, extraBytes: number): number {
    const bitsBytes = matrix.bits.byteLength;
    const activeBytes = matrix.activeFrom.byteLength;
    const base = bitsBytes + 2 * activeBytes;
    const need = base + extraBytes;
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < need) {
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
      this.loaded = null;
    }
    if (this.loaded !== matrix) {
      this.pairMask = null;
      new Uint32Array(memory.buffer, 0, matrix.bits.length).set(matrix.bits);
      new Int32Array(memory.buffer, bitsBytes, matrix.activeFrom.length).set(matrix.activeFrom);
      new Int32Array(memory.buffer, bitsBytes + activeBytes, matrix.activeTo.length).set(matrix.activeTo);
      this.loaded = matrix;
      this.bitsBytes = bitsBytes;
      this.activeBytes = activeBytes;
    }
    return base;
  }

  /** Forgets the matrix it holds (call after changing a matrix's planes in place). */
  reset(): void {
    this.loaded = null;
    this.pairMask = null;
  }

  countPair(matrix: VoteMatrix, a: number, b: number, mask: SelectionMask, marginals: boolean): Int32Array {
    const width = marginals ? COUNTS_WITH_MARGINALS : COUNTS;
    const out = new Int32Array(width);
    const [from, to] = pairRange(matrix, a, b, mask);
    if (from >= to) return out;
    const base = this.prepare(matrix, mask.bits.byteLength + width * 4);
    const buffer = this.exports.memory.buffer;
    if (this.pairMask !== mask || this.pairMaskBase !== base) {
      new Uint32Array(buffer, base, mask.bits.length).set(mask.bits);
      this.pairMask = mask;
      this.pairMaskBase = base;
    }
    const outAt = base + mask.bits.byteLength;
    this.exports.pair(0, matrix.words64, a, b, base, from, to, outAt, marginals ? 1 : 0);
    out.set(new Int32Array(buffer, outAt, width));
    return out;
  }

  countAllPairs(matrix: VoteMatrix, rows: Int32Array, mask: SelectionMask, marginals: boolean): Int32Array {
    const n = rows.length;
    const width = marginals ? COUNTS_WITH_MARGINALS : COUNTS;
    const outLength = ((n * (n - 1)) / 2) * width;
    const base = this.prepare(matrix, rows.byteLength + mask.bits.byteLength + outLength * 4 + 8);
    const buffer = this.exports.memory.buffer;
    new Int32Array(buffer, base, n).set(rows);
    const maskAt = base + rows.byteLength + ((rows.byteLength & 7) === 0 ? 0 : 4);
    new Uint32Array(buffer, maskAt, mask.bits.length).set(mask.bits);
    const outAt = maskAt + mask.bits.byteLength;
    this.pairMask = null;
    const view = new Int32Array(buffer, outAt, outLength);
    view.fill(0);
    this.exports.allPairs(
      0,
      matrix.words64,
      base,
      n,
      this.bitsBytes,
      this.bitsBytes + this.activeBytes,
      maskAt,
      mask.from,
      mask.to,
      outAt,
      marginals ? 1 : 0,
    );
    return view.slice();
  }
}

let cached: PairKernel | null | undefined;

/** The WebAssembly kernel, or null when WebAssembly is not available. */
export function wasmKernel(): PairKernel | null {
  if (cached !== undefined) return cached;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return (cached = null);
  try {
    const module = new api.Module(wasmModuleBytes());
    const instance = new api.Instance(module, {});
    cached = new WasmKernel(instance.exports as unknown as Exports);
  } catch {
    cached = null;
  }
  return cached;
}

/** The fastest kernel available: WebAssembly, else JavaScript. */
export function defaultKernel(): PairKernel {
  return wasmKernel() ?? jsKernel;
}

/** The module's bytes, compiled from kernel.wat. */
export function wasmModuleBytes(): Uint8Array {
  return Uint8Array.from(Buffer.from(KERNEL_WASM_BASE64, "base64"));
}
