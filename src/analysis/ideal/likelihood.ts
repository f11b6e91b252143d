/**
 * The model's likelihood, vote by vote: ordinal logit (N < A < Y) on the linear predictor η = β·x, with
 * one cut point for a roll call where only two kinds of vote were cast and two otherwise; the priors'
 * variances. Numerically stable forms and the derivatives the estimator needs (see ../idealPoints.ts).
 */
import { expNeg, log1pUnit } from "./fastMath.js";

export const BETA_VAR = 4;
export const TAU_VAR = 25;
/**
 * A bound on how fast the curvature of an abstention's log-likelihood, −∂²/∂η² log(F(η − τ₁) − F(η − τ₂)),
 * changes with η (numerically at most 0.1925, the limit 2·max|f′| as τ₂ − τ₁ → 0); with margin.
 */
export const ABSTENTION_SLOPE = 0.25;

/** log F(z), stably. */
export function logSigmoid(z: number): number {
  return z >= 0 ? -log1pUnit(expNeg(z)) : z - log1pUnit(expNeg(-z));
}

/**
 * Per-observation derivatives, written by `derivs` into one shared scratch array (no allocation):
 * ℓ (abstentions between two cut points, and not with `etaOnly`), ∂ℓ/∂η, ∂²ℓ/∂η², ∂ℓ/∂τ₁, ∂ℓ/∂τ₂, ∂²ℓ/∂τ₁², ∂²ℓ/∂τ₂²,
 * ∂²ℓ/∂τ₁∂τ₂, ∂²ℓ/∂η∂τ₁, ∂²ℓ/∂η∂τ₂.
 */
export const D = new Float64Array(10);
export const LL = 0;
export const DE = 1;
export const DEE = 2;
export const T1 = 3;
export const T2 = 4;
export const T11 = 5;
export const T22 = 6;
export const T12 = 7;
export const E1 = 8;
export const E2 = 9;

/**
 * Derivatives for one vote. `binary`: one cut point τ₁, `cat` 1 for the higher of the two kinds, 0 for
 * the lower; otherwise `cat` 0 (N), 1 (A), 2 (Y) with cut points τ₁ < τ₂. With `etaOnly`, just the
 * derivatives in η; otherwise also the cut points' (and ℓ for an abstention).
 */
export function derivs(
  eta: number,
  tau1: number,
  tau2: number,
  binary: boolean,
  cat: number,
  etaOnly: boolean,
): void {
  if (binary || cat !== 1) {
    // One boundary: the high side (Y, or the higher kind) above τ, the low side below.
    const onFirst = binary || cat === 0;
    const z = eta - (onFirst ? tau1 : tau2);
    const e = expNeg(Math.abs(z));
    const F = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const f = F * (1 - F);
    const d = (binary ? cat !== 0 : cat === 2) ? 1 - F : -F;
    D[DE] = d;
    D[DEE] = -f;
    if (etaOnly) return;
    if (onFirst) {
      D[T1] = -d;
      D[T11] = -f;
      D[E1] = f;
      D[T2] = 0;
      D[T22] = 0;
      D[E2] = 0;
    } else {
      D[T1] = 0;
      D[T11] = 0;
      D[E1] = 0;
      D[T2] = -d;
      D[T22] = -f;
      D[E2] = f;
    }
    D[T12] = 0;
    return;
  }
  // Abstention: between the two cut points. F and 1 − F at u and w from one exponential each.
  const u = eta - tau1;
  const w = eta - tau2;
  const eu = expNeg(Math.abs(u));
  const ew = expNeg(Math.abs(w));
  const Fu = u >= 0 ? 1 / (1 + eu) : eu / (1 + eu);
  const Gu = u >= 0 ? eu / (1 + eu) : 1 / (1 + eu); // 1 − F(u)
  const Fw = w >= 0 ? 1 / (1 + ew) : ew / (1 + ew);
  const Gw = w >= 0 ? ew / (1 + ew) : 1 / (1 + ew);
  let p = w > 0 ? Gw - Gu : Fu - Fw;
  if (!(p > 1e-300)) p = 1e-300;
  const fu = Fu * Gu;
  const fw = Fw * Gw;
  const Lu = fu / p;
  const Lw = -fw / p;
  const Luu = (fu * (Gu - Fu)) / p - Lu * Lu;
  const Lww = (-fw * (Gw - Fw)) / p - Lw * Lw;
  const Luw = -Lu * Lw;
  D[DE] = Lu + Lw;
  D[DEE] = Luu + 2 * Luw + Lww;
  if (etaOnly) return;
  D[LL] = Math.log(p);
  D[T1] = -Lu;
  D[T2] = -Lw;
  D[T11] = Luu;
  D[T22] = Lww;
  D[T12] = Luw;
  D[E1] = -(Luu + Luw);
  D[E2] = -(Luw + Lww);
}

/** log(F(u) − F(w)) for u > w, stably. */
export function logMiddle(u: number, w: number): number {
  const eu = expNeg(Math.abs(u));
  const ew = expNeg(Math.abs(w));
  const p =
    w > 0
      ? ew / (1 + ew) - (u >= 0 ? eu / (1 + eu) : 1 / (1 + eu))
      : (u >= 0 ? 1 / (1 + eu) : eu / (1 + eu)) - (w >= 0 ? 1 / (1 + ew) : ew / (1 + ew));
  return Math.log(p > 1e-300 ? p : 1e-300);
}

/** Log-likelihood of one vote only. */
export function logLik(eta: number, tau1: number, tau2: number, binary: boolean, cat: number): number {
  if (binary) return cat !== 0 ? logSigmoid(eta - tau1) : logSigmoid(tau1 - eta);
  if (cat === 0) return logSigmoid(tau1 - eta);
  if (cat === 2) return logSigmoid(eta - tau2);
  return logMiddle(eta - tau1, eta - tau2);
}

/**
 * Where a vote lies relative to its roll call's cut points, fixed when the problem is laid out: below τ₁
 * (a no, or the lower of a binary roll call's two kinds), above τ₁ (the higher of the two kinds), above τ₂
 * (a yes where abstentions are a third kind), or between τ₁ and τ₂ (an abstention).
 */
export const BELOW_1 = 0;
export const ABOVE_1 = 1;
export const ABOVE_2 = 2;
export const MIDDLE = 3;

/** The side code of vote `cat` (0 N, 1 A, 2 Y; 0/1 on a binary roll call). */
export function sideOf(binary: boolean, cat: number): number {
  if (binary) return cat === 0 ? BELOW_1 : ABOVE_1;
  return cat === 0 ? BELOW_1 : cat === 2 ? ABOVE_2 : MIDDLE;
}

/** Log-likelihood of one vote by its side code (the same values as logLik). */
export function logLikOf(eta: number, tau1: number, tau2: number, code: number): number {
  if (code === BELOW_1) return logSigmoid(tau1 - eta);
  if (code === ABOVE_1) return logSigmoid(eta - tau1);
  if (code === ABOVE_2) return logSigmoid(eta - tau2);
  return logMiddle(eta - tau1, eta - tau2);
}
