import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { fuzzParameters } from "../../test/fuzz.js";
import { describe, expect, it } from "vitest";
import { deflatePiece, gzipAround } from "./gzip.js";

describe("gzip around a cached middle", () => {
  it("is an ordinary gzip stream of the three parts joined", () => {
    const middle = Buffer.from("<main>" + "A vote, a member, a map. ".repeat(4000) + "</main>");
    const piece = deflatePiece(middle);
    const before = Buffer.from('<!doctype html><html><head><meta name="csrf" content="abc123"></head><body>');
    const after = Buffer.from("</body></html>");
    const gz = gzipAround(before, piece, after);
    expect(gunzipSync(gz).equals(Buffer.concat([before, middle, after]))).toBe(true);
    expect(gz.length).toBeLessThan(middle.length / 10);
  });

  it("holds for any bytes, empty edges included", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 5000 }),
        fc.uint8Array({ maxLength: 3000 }),
        (a, m, b) => {
          const before = Buffer.from(a);
          const middle = Buffer.from(m);
          const after = Buffer.from(b);
          const out = gunzipSync(gzipAround(before, deflatePiece(middle), after));
          expect(out.equals(Buffer.concat([before, middle, after]))).toBe(true);
        },
      ),
      fuzzParameters(2 / 3),
    );
  });
});
