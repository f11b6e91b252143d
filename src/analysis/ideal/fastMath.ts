/**
 * e^−a and ln(1 + e) for the estimator's inner loops. Every vote of every round costs an exponential,
 * and the log posterior a logarithm besides; V8's Math.exp and Math.log1p are calls into general
 * routines (10–17 ns each on the benchmark machine), which made them the largest part of a round.
 * These are table-driven (Tang's method) over the only ranges the estimator needs (a ≥ 0, e in [0, 1]):
 * reduced against a table of 64 points and finished by a short polynomial; 2–3 times faster, within
 * a few units in the last place (fastMath.test.ts checks them against Math.exp and Math.log1p), far
 * below anything the estimate can feel (its tolerance is 1e-3). A general table-driven logarithm was
 * tried too: reading a double's bits through typed arrays made it slower than Math.log, so the
 * abstentions' ln p stays V8's.
 */

/** 2^(−j/64), j = 0 … 63. */
const EXP_FRACTION = new Float64Array(64);
/** 2^(−i), i = 0 … 1075 (the last ones subnormal, then 0). */
const EXP_POWER = new Float64Array(1076);
for (let j = 0; j < 64; j++) EXP_FRACTION[j] = Math.pow(2, -j / 64);
for (let i = 0; i < EXP_POWER.length; i++) EXP_POWER[i] = Math.pow(2, -i);
const SIXTY_FOUR_OVER_LN2 = 64 / Math.LN2;
// ln 2 / 64 as a high part with trailing zero bits (k·high is exact for the k used here) and the rest
// (fdlibm's split of ln 2, divided by 64).
const LN2_OVER_64_HIGH = 6.9314718036912381649e-1 / 64;
const LN2_OVER_64_LOW = 1.90821492927058770002e-10 / 64;

/**
 * e^−a for a ≥ 0 (NaN gives NaN, ∞ gives 0). The caller passes |z|: the estimator only ever needs the
 * exponential of a non-positive number, which never overflows.
 */
export function expNeg(a: number): number {
  if (a > 745.2) return 0;
  // k = round(a·64/ln 2), so a = k·ln2/64 + r with |r| ≤ ln2/128; e^−a = 2^(−k/64)·e^−r.
  const k = (a * SIXTY_FOUR_OVER_LN2 + 0.5) | 0;
  const r = a - k * LN2_OVER_64_HIGH - k * LN2_OVER_64_LOW;
  const s = -r;
  // e^s for |s| ≤ 0.0055: Taylor to s⁶ (the next term is below 3e-20).
  const poly = 1 + s * (1 + s * (0.5 + s * (1 / 6 + s * (1 / 24 + s * (1 / 120 + s * (1 / 720))))));
  return EXP_POWER[k >> 6]! * EXP_FRACTION[k & 63]! * poly;
}

/** ln(1 + j/64) and 1/(1 + j/64), j = 0 … 64. */
const LOG1P_AT = new Float64Array(65);
const LOG1P_INVERSE = new Float64Array(65);
for (let j = 0; j <= 64; j++) {
  LOG1P_AT[j] = Math.log1p(j / 64);
  LOG1P_INVERSE[j] = 1 / (1 + j / 64);
}

/**
 * ln(1 + e) for e in [0, 1] — the log-likelihood's ln(1 + e^−|z|) — from a table of 65 points:
 * ln(1 + e) = ln(1 + c) + ln(1 + r) with c = j/64 just below e and r = (e − c)/(1 + c) in [0, 1/64),
 * the second by its series to r⁹ (the next term is below 2e-19). No bits of the double are read, so
 * it stays fast (where a general logarithm through typed arrays was slower than Math.log).
 */
export function log1pUnit(e: number): number {
  const j = (e * 64) | 0;
  const r = (e - j * 0.015625) * LOG1P_INVERSE[j]!;
  const series =
    r *
    (1 -
      r *
        (1 / 2 -
          r * (1 / 3 - r * (1 / 4 - r * (1 / 5 - r * (1 / 6 - r * (1 / 7 - r * (1 / 8 - r * (1 / 9)))))))));
  return LOG1P_AT[j]! + series;
}
