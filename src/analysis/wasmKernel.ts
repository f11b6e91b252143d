/**
 * The pair-counting kernel in WebAssembly, written by hand (no toolchain: the module is assembled below
 * from its opcodes). Same numbers as the JavaScript kernel (kernel.ts), with the native 64-bit popcount:
 * about three times faster on the all-pairs matrix.
 *
 * Memory (one linear memory, grown on demand):
 *   [ bits (the matrix's planes) | activeFrom | activeTo | rows | mask | out ]
 * The matrix's planes are copied in once per matrix (≈ 460 KB for the full record).
 *
 * The two exported functions, as WAT:
 *
 *   (func $pair (param $bits $words $a $b $mask $from $to $out $marginals i32)
 *     ;; for w in [from, to): m = mask[w]; skip if 0; load Y, N, A of a and b (i64 each);
 *     ;; common = (Ya|Na|Aa) & (Yb|Nb|Ab) & m; skip if 0;
 *     ;; both += popcnt(common); yn += popcnt((Ya&Yb | Na&Nb) & m); aa += popcnt(Aa&Ab&m);
 *     ;; opp += popcnt((Ya&Nb | Na&Yb) & m); with marginals also popcnt(Ya&common) … popcnt(Nb&common)
 *     ;; out[0..3] = both, yn + aa, yn, opp (i32); out[4..7] = the marginals
 *   )
 *   (func $allPairs (param $bits $words $rows $n $activeFrom $activeTo $mask $maskFrom $maskTo $out $marginals i32)
 *     ;; for i < j < n: a = rows[i], b = rows[j]; range = the intersection of both active ranges and the
 *     ;; mask's; call $pair when it is not empty; out advances by 16 (or 32) bytes per pair
 *   )
 */
import { COUNTS, COUNTS_WITH_MARGINALS, jsKernel, pairRange, type PairKernel } from "./kernel.js";
import type { VoteMatrix } from "./matrix.js";
import type { SelectionMask } from "./selection.js";

// ---- a minimal assembler ----------------------------------------------------------------------------

const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32GtS: 0x4a,
  i32GeU: 0x4f,
  i64Eqz: 0x50,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64And: 0x83,
  i64Or: 0x84,
  i32WrapI64: 0xa7,
  void: 0x40,
} as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** Instruction helpers. */
const get = (i: number): number[] => [op.localGet, ...uleb(i)];
const set = (i: number): number[] => [op.localSet, ...uleb(i)];
const i32c = (v: number): number[] => [op.i32Const, ...sleb(v)];
const loadI64 = (offset: number): number[] => [op.i64Load, 3, ...uleb(offset)];
const loadI32 = (offset: number): number[] => [op.i32Load, 2, ...uleb(offset)];
const storeI32 = (offset: number): number[] => [op.i32Store, 2, ...uleb(offset)];
/** local[acc] += popcnt(<expression already on the stack>) */
const addPopcnt = (acc: number): number[] => [op.i64Popcnt, ...get(acc), op.i64Add, ...set(acc)];

function pairFunction(): number[] {
  // params
  const bits = 0,
    words = 1,
    a = 2,
    b = 3,
    mask = 4,
    from = 5,
    to = 6,
    out = 7,
    marginals = 8;
  // i32 locals
  const pa = 9,
    pb = 10,
    pm = 11,
    end = 12;
  // i64 locals
  const ya = 13,
    na = 14,
    xa = 15,
    yb = 16,
    nb = 17,
    xb = 18,
    m = 19,
    common = 20,
    both = 21,
    yn = 22,
    same = 23,
    opp = 24,
    ay = 25,
    an = 26,
    by = 27,
    bn = 28;
  const locals = vec([
    [...uleb(4), I32],
    [...uleb(16), I64],
  ]);
  const rowStart = (row: number, dest: number): number[] => [
    // dest = bits + (row * words + from) * 24
    ...get(row),
    ...get(words),
    op.i32Mul,
    ...get(from),
    op.i32Add,
    ...i32c(24),
    op.i32Mul,
    ...get(bits),
    op.i32Add,
    ...set(dest),
  ];
  const and64 = (x: number, y: number): number[] => [...get(x), ...get(y), op.i64And];
  const body: number[] = [
    ...rowStart(a, pa),
    ...rowStart(b, pb),
    ...get(from),
    ...i32c(8),
    op.i32Mul,
    ...get(mask),
    op.i32Add,
    ...set(pm),
    ...get(to),
    ...i32c(8),
    op.i32Mul,
    ...get(mask),
    op.i32Add,
    ...set(end),
    op.block,
    op.void, // $done
    op.loop,
    op.void, // $next
    ...get(pm),
    ...get(end),
    op.i32GeU,
    op.brIf,
    1, // → $done
    op.block,
    op.void, // $skip
    ...get(pm),
    ...loadI64(0),
    ...set(m),
    ...get(m),
    op.i64Eqz,
    op.brIf,
    0, // → $skip
    ...get(pa),
    ...loadI64(0),
    ...set(ya),
    ...get(pa),
    ...loadI64(8),
    ...set(na),
    ...get(pa),
    ...loadI64(16),
    ...set(xa),
    ...get(pb),
    ...loadI64(0),
    ...set(yb),
    ...get(pb),
    ...loadI64(8),
    ...set(nb),
    ...get(pb),
    ...loadI64(16),
    ...set(xb),
    // common = (ya|na|xa) & (yb|nb|xb) & m
    ...get(ya),
    ...get(na),
    op.i64Or,
    ...get(xa),
    op.i64Or,
    ...get(yb),
    ...get(nb),
    op.i64Or,
    ...get(xb),
    op.i64Or,
    op.i64And,
    ...get(m),
    op.i64And,
    ...set(common),
    ...get(common),
    op.i64Eqz,
    op.brIf,
    0, // → $skip
    ...get(common),
    ...addPopcnt(both),
    ...and64(ya, yb),
    ...and64(na, nb),
    op.i64Or,
    ...get(m),
    op.i64And,
    ...addPopcnt(yn),
    ...and64(xa, xb),
    ...get(m),
    op.i64And,
    ...addPopcnt(same),
    ...and64(ya, nb),
    ...and64(na, yb),
    op.i64Or,
    ...get(m),
    op.i64And,
    ...addPopcnt(opp),
    ...get(marginals),
    op.if,
    op.void,
    ...and64(ya, common),
    ...addPopcnt(ay),
    ...and64(na, common),
    ...addPopcnt(an),
    ...and64(yb, common),
    ...addPopcnt(by),
    ...and64(nb, common),
    ...addPopcnt(bn),
    op.end,
    op.end, // $skip
    ...get(pa),
    ...i32c(24),
    op.i32Add,
    ...set(pa),
    ...get(pb),
    ...i32c(24),
    op.i32Add,
    ...set(pb),
    ...get(pm),
    ...i32c(8),
    op.i32Add,
    ...set(pm),
    op.br,
    0, // → $next
    op.end, // loop
    op.end, // block $done
    // out
    ...get(out),
    ...get(both),
    op.i32WrapI64,
    ...storeI32(0),
    ...get(out),
    ...get(same),
    ...get(yn),
    op.i64Add,
    op.i32WrapI64,
    ...storeI32(4),
    ...get(out),
    ...get(yn),
    op.i32WrapI64,
    ...storeI32(8),
    ...get(out),
    ...get(opp),
    op.i32WrapI64,
    ...storeI32(12),
    ...get(marginals),
    op.if,
    op.void,
    ...get(out),
    ...get(ay),
    op.i32WrapI64,
    ...storeI32(16),
    ...get(out),
    ...get(an),
    op.i32WrapI64,
    ...storeI32(20),
    ...get(out),
    ...get(by),
    op.i32WrapI64,
    ...storeI32(24),
    ...get(out),
    ...get(bn),
    op.i32WrapI64,
    ...storeI32(28),
    op.end,
    op.end, // function
  ];
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

function allPairsFunction(): number[] {
  const bits = 0,
    words = 1,
    rows = 2,
    n = 3,
    activeFrom = 4,
    activeTo = 5,
    mask = 6,
    maskFrom = 7,
    maskTo = 8,
    out = 9,
    marginals = 10;
  const i = 11,
    j = 12,
    a = 13,
    b = 14,
    fa = 15,
    ta = 16,
    f = 17,
    t = 18,
    o = 19,
    width = 20,
    x = 21;
  const locals = vec([[...uleb(11), I32]]);
  // max(x, y): x y x y gt_s select
  const max = (p: number[], q: number[], dest: number): number[] => [
    ...p,
    ...set(x),
    ...get(x),
    ...q,
    ...get(x),
    ...q,
    op.i32GtS,
    op.select,
    ...set(dest),
  ];
  const min = (p: number[], q: number[], dest: number): number[] => [
    ...p,
    ...set(x),
    ...get(x),
    ...q,
    ...get(x),
    ...q,
    op.i32LtS,
    op.select,
    ...set(dest),
  ];
  const load4 = (base: number, index: number[]): number[] => [
    ...index,
    ...i32c(4),
    op.i32Mul,
    ...get(base),
    op.i32Add,
    ...loadI32(0),
  ];
  const body: number[] = [
    ...i32c(32),
    ...i32c(16),
    ...get(marginals),
    op.select,
    ...set(width),
    ...get(out),
    ...set(o),
    ...i32c(0),
    ...set(i),
    op.block,
    op.void,
    op.loop,
    op.void, // i loop
    ...get(i),
    ...get(n),
    op.i32GeU,
    op.brIf,
    1,
    ...load4(rows, get(i)),
    ...set(a),
    ...max(load4(activeFrom, get(a)), get(maskFrom), fa),
    ...min(load4(activeTo, get(a)), get(maskTo), ta),
    ...get(i),
    ...i32c(1),
    op.i32Add,
    ...set(j),
    op.block,
    op.void,
    op.loop,
    op.void, // j loop
    ...get(j),
    ...get(n),
    op.i32GeU,
    op.brIf,
    1,
    ...load4(rows, get(j)),
    ...set(b),
    ...max(get(fa), load4(activeFrom, get(b)), f),
    ...min(get(ta), load4(activeTo, get(b)), t),
    ...get(f),
    ...get(t),
    op.i32LtS,
    op.if,
    op.void,
    ...get(bits),
    ...get(words),
    ...get(a),
    ...get(b),
    ...get(mask),
    ...get(f),
    ...get(t),
    ...get(o),
    ...get(marginals),
    op.call,
    0,
    op.end,
    ...get(o),
    ...get(width),
    op.i32Add,
    ...set(o),
    ...get(j),
    ...i32c(1),
    op.i32Add,
    ...set(j),
    op.br,
    0,
    op.end,
    op.end, // j loop
    ...get(i),
    ...i32c(1),
    op.i32Add,
    ...set(i),
    op.br,
    0,
    op.end,
    op.end, // i loop
    op.end,
  ];
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

function moduleBytes(): Uint8Array {
  const pairType = [0x60, ...vec(Array.from({ length: 9 }, () => [I32])), 0];
  const allType = [0x60, ...vec(Array.from({ length: 11 }, () => [I32])), 0];
  const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([pairType, allType])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(
      7,
      vec([
        [...name("pair"), 0x00, 0],
        [...name("allPairs"), 0x00, 1],
        [...name("memory"), 0x02, 0],
      ]),
    ),
    ...section(10, vec([pairFunction(), allPairsFunction()])),
  ];
  return Uint8Array.from(bytes);
}

// ---- the kernel ---------------------------------------------------------------------------------------

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
    const module = new api.Module(moduleBytes());
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

/** The module's bytes (exported for tests that validate it). */
export const wasmModuleBytes = moduleBytes;
