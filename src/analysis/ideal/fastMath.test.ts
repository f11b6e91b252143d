import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fuzzParameters } from "../../test/fuzz.js";
import { expNeg, log1pUnit } from "./fastMath.js";

const ULP = 2.220446049250313e-16;

/** Error in units of the last place of the true value (relative, so it holds across magnitudes). */
function ulps(got: number, want: number): number {
  // (the smallest double as the unit where the true value is subnormal or 0)
  return Math.abs(got - want) / Math.max(Math.abs(want) * ULP, Number.MIN_VALUE);
}

describe("expNeg", () => {
  it("is e^−a within 4 units in the last place over the range the estimator uses", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 700, noNaN: true }), (a) => {
        expect(ulps(expNeg(a), Math.exp(-a))).toBeLessThanOrEqual(4);
      }),
      fuzzParameters(60),
    );
    for (let a = 0; a < 40; a += 0.001) expect(ulps(expNeg(a), Math.exp(-a))).toBeLessThanOrEqual(4);
  });

  it("is exact at 0, vanishes past the smallest double, and keeps NaN", () => {
    expect(expNeg(0)).toBe(1);
    expect(expNeg(746)).toBe(0);
    expect(expNeg(Infinity)).toBe(0);
    expect(expNeg(NaN)).toBeNaN();
    // between 708 and 745 the result is subnormal: still about right
    expect(expNeg(740) / Math.exp(-740)).toBeCloseTo(1, 3);
  });
});

describe("log1pUnit", () => {
  it("is ln(1 + e) within 2 units in the last place on [0, 1], tiny e included", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (e) => {
        expect(ulps(log1pUnit(e), Math.log1p(e))).toBeLessThanOrEqual(2);
      }),
      fuzzParameters(60),
    );
    for (const e of [0, 1e-300, 1e-17, 2 ** -53, 1e-9, 1 / 64, 0.5, 1 - 1e-12, 1])
      expect(ulps(log1pUnit(e), Math.log1p(e))).toBeLessThanOrEqual(2);
  });

  it("keeps NaN", () => {
    expect(log1pUnit(NaN)).toBeNaN();
  });
});
