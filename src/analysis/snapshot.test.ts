import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeFingerprint } from "./derived.js";
import { decodeMatrix, encodeMatrix, MATRIX } from "./matrixSnapshot.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";

const expected = { kind: "test", format: 3, dataVersion: 7, code: "c0de" };

describe("snapshots", () => {
  const bytes = encodeSnapshot({
    ...expected,
    json: { hello: "wörld", list: [1, null, "x"] },
    arrays: {
      a: Uint32Array.from([1, 2, 0xffffffff]),
      b: Int32Array.from([-1]),
      c: Float64Array.from([Math.PI, -0]),
      d: Uint8Array.from([9, 8, 7, 6, 5]),
    },
  });

  it("give back what was put in, arrays of every type, aligned whatever the buffer's offset", () => {
    // The store hands bytes back at any offset of a larger buffer.
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const { content, problem } = decodeSnapshot(shifted.subarray(3), expected);
    expect(problem).toBeUndefined();
    expect(content!.json).toEqual({ hello: "wörld", list: [1, null, "x"] });
    expect(Array.from(content!.arrays.a!)).toEqual([1, 2, 0xffffffff]);
    expect(content!.arrays.b).toEqual(Int32Array.from([-1]));
    expect(Array.from(content!.arrays.c!)).toEqual([Math.PI, -0]);
    expect(content!.arrays.d).toEqual(Uint8Array.from([9, 8, 7, 6, 5]));
  });

  it("keep a large JSON part deflated and ASCII, and every character back as it was", () => {
    const names = ["Côte d’Ivoire", "Türkiye", "São Tomé and Príncipe", "日本", "emoji 🇺🇳", "\u2028 line"];
    const json = Array.from({ length: 6000 }, (_, i) => ({
      i,
      name: names[i % names.length],
      text: "x".repeat(40),
    }));
    const large = encodeSnapshot({ ...expected, json, arrays: {} });
    const text = Buffer.from(large).toString("latin1");
    expect(text).toContain('"jsonEncoding":"ascii-deflate"');
    // deflated: far smaller than its ≥ 300 KB of JSON
    expect(large.byteLength).toBeLessThan(JSON.stringify(json).length / 5);
    expect(decodeSnapshot(large, expected).content!.json).toEqual(json);
    // a small one stays plain ASCII: no byte above 127 even for "wörld"
    expect(Buffer.from(bytes).toString("latin1")).toContain('"jsonEncoding":"ascii"');
    expect(Array.from(bytes.subarray(56)).some((b, i, all) => b > 127 && i < all.length - 64)).toBe(false);
  });

  it("written before the JSON part was ASCII (UTF-8, no jsonEncoding) still read", () => {
    // The layout of the first snapshots, made here by hand: header without jsonEncoding, UTF-8 JSON.
    const json = Buffer.from(JSON.stringify({ hello: "wörld" }), "utf8");
    const header = Buffer.from(JSON.stringify({ ...expected, json: json.byteLength, arrays: [] }));
    const payload = (json.byteLength + 7) & ~7;
    const out = Buffer.alloc(56 + header.byteLength + payload);
    out.write("PLENSNAP", 0, "latin1");
    out.writeUInt32LE(1, 8);
    out.writeUInt32LE(header.byteLength, 12);
    out.writeDoubleLE(payload, 16);
    header.copy(out, 56);
    json.copy(out, 56 + header.byteLength);
    createHash("sha256").update(out.subarray(56)).digest().copy(out, 24);
    expect(decodeSnapshot(out, expected).content!.json).toEqual({ hello: "wörld" });
  });

  it("name what is wrong: truncated, padded, damaged anywhere, another kind, format or data version", () => {
    expect(decodeSnapshot(bytes.subarray(0, bytes.byteLength - 1), expected).problem).toMatch(/^truncated/);
    expect(decodeSnapshot(bytes.subarray(0, 20), expected).problem).toMatch(/no header/);
    const padded = new Uint8Array(bytes.byteLength + 8);
    padded.set(bytes);
    expect(decodeSnapshot(padded, expected).problem).toMatch(/^truncated or padded/);
    // One flipped bit anywhere after the fixed header is caught by the checksum.
    for (const at of [60, bytes.byteLength >> 1, bytes.byteLength - 1]) {
      const damaged = Uint8Array.from(bytes);
      damaged[at]! ^= 0x10;
      expect(decodeSnapshot(damaged, expected).problem).toMatch(/^damaged/);
    }
    const damagedMagic = Uint8Array.from(bytes);
    damagedMagic[0] = 0;
    expect(decodeSnapshot(damagedMagic, expected).problem).toMatch(/no header/);
    expect(decodeSnapshot(bytes, { ...expected, kind: "other" }).problem).toMatch(/holds test/);
    expect(decodeSnapshot(bytes, { ...expected, format: 4 }).problem).toMatch(/format 3/);
    expect(decodeSnapshot(bytes, { ...expected, dataVersion: 8 }).problem).toMatch(
      /^stale: of data version 7/,
    );
  });

  it("of a vote matrix give back the same matrix", () => {
    const rollCalls = syntheticRollCalls(70, [
      { issues: ["me", "hr"], importantVote: true },
      { body: "SC", session: null, kind: "amendment", complete: false },
    ]);
    const matrix = matrixFromTable(
      { USA: "YNA-".repeat(17) + "YN", RUS: "NYY-".repeat(17) + "AA", FRA: "-".repeat(69) + "Y" },
      rollCalls,
    );
    const parts = encodeMatrix(matrix);
    const bytes = encodeSnapshot({ kind: "vote-matrix", format: 1, dataVersion: 12, code: "x", ...parts });
    const decoded = decodeSnapshot(bytes, { kind: "vote-matrix", format: 1, dataVersion: 12, code: "x" });
    const { matrix: back, problem } = decodeMatrix(decoded.content!);
    expect(problem).toBeUndefined();
    expect(back!.members).toEqual(matrix.members);
    expect(back!.rollCalls).toEqual(matrix.rollCalls);
    expect(back!.sessions).toEqual(matrix.sessions);
    expect(back!.bits).toEqual(matrix.bits);
    expect(back!.activeFrom).toEqual(matrix.activeFrom);
    expect(back!.activeTo).toEqual(matrix.activeTo);
    expect(back!.voteCount).toBe(matrix.voteCount);
  });

  it("are of the code that derived them: a fingerprint of its files", () => {
    const print = codeFingerprint(MATRIX);
    expect(print).toMatch(/^[0-9a-f]{32}$/);
    expect(codeFingerprint(MATRIX)).toBe(print);
    // Another format, or other code, is another fingerprint.
    expect(codeFingerprint({ ...MATRIX, key: "other", format: 2 })).not.toBe(print);
    expect(codeFingerprint({ ...MATRIX, key: "third", code: ["analysis/matrix"] })).not.toBe(print);
    expect(() => codeFingerprint({ key: "none", format: 1, code: ["analysis/nowhere"] })).toThrow(
      /no module/,
    );
  });
});
