/**
 * Ideal points: one dimension, one estimate per member per session, with a standard error.
 *
 * Model (dynamic ordinal IRT, after Bailey, Strezhnev & Voeten 2017, estimated by MAP instead of MCMC):
 * - a vote is ordinal, N < A < Y. For roll call j and member i in session t, with η = βⱼ·xᵢₜ:
 *   P(N) = 1 − F(η − τ₁ⱼ), P(A) = F(η − τ₁ⱼ) − F(η − τ₂ⱼ), P(Y) = F(η − τ₂ⱼ), F the logistic function.
 *   A roll call where only two kinds of vote were cast is binary (one cut point between them); a roll
 *   call where everybody voted alike says nothing and is left out.
 * - priors: βⱼ ~ N(0, 2²), τ ~ N(0, 5²); a member's first ideal point ~ N(0, 1), then a random walk
 *   xᵢₜ ~ N(xᵢ,ₜ₋₁, ω²·gap) with ω = `evolutionSd` (default 0.15) and gap the number of sessions since the
 *   member's previous one. With `session` (one session) the model is static: xᵢ ~ N(0, 1).
 * - estimation, deterministic: alternating optimisation of the posterior, each step an ascent step —
 *   (1) a Newton step for every roll call's (β, τ₁, τ₂) given the ideal points, halved until the roll
 *   call's posterior does not decrease; (2) a Newton step for every member's whole chain of ideal points
 *   (a tridiagonal system), accepted when a bound on the curvature proves it does not decrease the
 *   posterior, else checked and halved; (3) the shift and scale of the ideal points (which leave the
 *   likelihood unchanged) set to their best values under the priors. Started from the first principal
 *   component of the centred votes; when successive rounds move the estimates along the same direction
 *   the estimates jump ahead along it (Aitken-style), and the jump is undone if the posterior is lower
 *   after the next round. Stops when no estimate moves by more than `tolerance` (default 1e-3) in a
 *   round, or after `maxIterations` (default 200).
 * - reported scale: mean 0 and standard deviation 1 over all member-sessions estimated together; sign
 *   such that `positive` (default USA) has a positive mean.
 * - standard errors: from the curvature of the posterior of the member's chain at the estimate (the
 *   diagonal of the inverse of its negative Hessian), roll call parameters held fixed — they understate
 *   the uncertainty somewhat.
 */
import { PlenaryError } from "../core/errors.js";
import type { VoteMatrix } from "./matrix.js";
import { MIN_ROLL_CALLS, smallSample } from "./minimums.js";
import { maskColumns, selectionKey, selectionMask, type Selection } from "./selection.js";

export interface IdealPointsOptions {
  /** One session: the static model on that session alone. */
  session?: string;
  /** Several sessions (default: every session of the selection). */
  sessions?: readonly string[];
  /** Which roll calls (default `{ body: "GA" }`; a body given here replaces it). */
  selection?: Selection;
  /** Standard deviation of the random walk per session (default 0.15). */
  evolutionSd?: number;
  maxIterations?: number;
  tolerance?: number;
  /** The member whose mean estimate is made positive (default USA). */
  positive?: string;
  /**
   * Reuse an earlier result for the same matrix and options (default true). The result is shared:
   * treat it as read-only.
   */
  cache?: boolean;
}

export interface IdealPoint {
  member: string;
  session: string;
  estimate: number;
  se: number;
  /** Votes (Y, N, A) on the roll calls used. */
  votes: number;
  /** Fewer than MIN_ROLL_CALLS votes: the estimate rests on the prior more than on the votes (minimums.ts). */
  smallSample: boolean;
}

export interface IdealPointsResult {
  model: "dynamic" | "static";
  sessions: string[];
  /** Roll calls used (contested ones). */
  rollCalls: number;
  /** Fewer than MIN_ROLL_CALLS contested roll calls: no estimate is a finding (minimums.ts). */
  smallSample: boolean;
  /** The minimum behind `smallSample`, here and on each point. */
  minVotes: number;
  /** Sorted by session (in time order), then member. */
  points: IdealPoint[];
  /** Rounds of the alternating optimisation. */
  iterations: number;
  converged: boolean;
  /** The log posterior at the estimates, in the model's own scale (before the reported rescaling). */
  logPosterior: number;
  /** The member whose side is positive, or null when it is not in the data. */
  positive: string | null;
}

const BETA_VAR = 4;
const TAU_VAR = 25;
/**
 * A bound on how fast the curvature of an abstention's log-likelihood, −∂²/∂η² log(F(η − τ₁) − F(η − τ₂)),
 * changes with η (numerically at most 0.1925, the limit 2·max|f′| as τ₂ − τ₁ → 0); with margin.
 */
const ABSTENTION_SLOPE = 0.25;

/** log F(z), stably. */
function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/**
 * Per-observation derivatives, written by `derivs` into one shared scratch array (no allocation):
 * ℓ (abstentions between two cut points, and not with `etaOnly`), ∂ℓ/∂η, ∂²ℓ/∂η², ∂ℓ/∂τ₁, ∂ℓ/∂τ₂, ∂²ℓ/∂τ₁², ∂²ℓ/∂τ₂²,
 * ∂²ℓ/∂τ₁∂τ₂, ∂²ℓ/∂η∂τ₁, ∂²ℓ/∂η∂τ₂.
 */
const D = new Float64Array(10);
const LL = 0;
const DE = 1;
const DEE = 2;
const T1 = 3;
const T2 = 4;
const T11 = 5;
const T22 = 6;
const T12 = 7;
const E1 = 8;
const E2 = 9;

/**
 * Derivatives for one vote. `binary`: one cut point τ₁, `cat` 1 for the higher of the two kinds, 0 for
 * the lower; otherwise `cat` 0 (N), 1 (A), 2 (Y) with cut points τ₁ < τ₂. With `etaOnly`, just the
 * derivatives in η; otherwise also the cut points' (and ℓ for an abstention).
 */
function derivs(
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
    const e = Math.exp(-Math.abs(z));
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
  const eu = Math.exp(-Math.abs(u));
  const ew = Math.exp(-Math.abs(w));
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
function logMiddle(u: number, w: number): number {
  const eu = Math.exp(-Math.abs(u));
  const ew = Math.exp(-Math.abs(w));
  const p =
    w > 0
      ? ew / (1 + ew) - (u >= 0 ? eu / (1 + eu) : 1 / (1 + eu))
      : (u >= 0 ? 1 / (1 + eu) : eu / (1 + eu)) - (w >= 0 ? 1 / (1 + ew) : ew / (1 + ew));
  return Math.log(p > 1e-300 ? p : 1e-300);
}

/** Log-likelihood of one vote only. */
function logLik(eta: number, tau1: number, tau2: number, binary: boolean, cat: number): number {
  if (binary) return cat !== 0 ? logSigmoid(eta - tau1) : logSigmoid(tau1 - eta);
  if (cat === 0) return logSigmoid(tau1 - eta);
  if (cat === 2) return logSigmoid(eta - tau2);
  return logMiddle(eta - tau1, eta - tau2);
}

interface Problem {
  /** Items (roll calls). */
  items: number;
  itemStart: Int32Array;
  binary: Uint8Array;
  /** Observations, grouped by item. */
  obsMp: Int32Array;
  obsCat: Uint8Array;
  /** Member-periods. */
  mps: number;
  mpRow: Int32Array;
  mpSession: Int32Array;
  /** Observations grouped by member-period: where each member-period's run starts, then the item and
   * the vote of each observation in that order. */
  mpStart: Int32Array;
  mpObsItem: Int32Array;
  mpObsCat: Uint8Array;
  /** Chains: member-periods of one member in time order. */
  chainStart: Int32Array;
  chainMp: Int32Array;
  /** Link precision between chainMp[k-1] and chainMp[k] (0 for the first of a chain). */
  linkPrecision: Float64Array;
}

function buildProblem(
  matrix: VoteMatrix,
  columns: number[],
  sessionIndexOf: Map<string, number>,
  dynamic: boolean,
  omega: number,
): Problem {
  const nMembers = matrix.members.length;
  const nSessions = sessionIndexOf.size;
  const mpIndex = new Int32Array(nMembers * Math.max(1, nSessions)).fill(-1);
  const mpRowList: number[] = [];
  const mpSessionList: number[] = [];
  const itemStart: number[] = [0];
  const binaryList: number[] = [];
  // At most one observation per vote in the matrix.
  const obsMpAll = new Int32Array(matrix.voteCount);
  const obsCatAll = new Uint8Array(matrix.voteCount);
  let nObs = 0;
  const rowsVoting: number[] = [];
  const cats: number[] = [];
  for (const c of columns) {
    const session = matrix.rollCalls[c]!.session;
    const s = session === null ? -1 : (sessionIndexOf.get(session) ?? -1);
    if (s < 0) continue;
    rowsVoting.length = 0;
    cats.length = 0;
    let seen = 0;
    for (let r = 0; r < nMembers; r++) {
      if (c < matrix.activeFrom[r]! * 64 || c >= matrix.activeTo[r]! * 64) continue;
      const v = matrix.voteAt(r, c);
      if (v === "X") continue;
      const cat = v === "N" ? 0 : v === "A" ? 1 : 2;
      rowsVoting.push(r);
      cats.push(cat);
      seen |= 1 << cat;
    }
    const kinds = (seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1);
    if (kinds < 2) continue;
    const binary = kinds === 2;
    // For a binary item, recode to 0 (lower kind) / 1 (higher kind).
    const low = seen & 1 ? 0 : 1;
    for (let k = 0; k < rowsVoting.length; k++) {
      const r = rowsVoting[k]!;
      const key = r * nSessions + s;
      let mp = mpIndex[key]!;
      if (mp < 0) {
        mp = mpRowList.length;
        mpIndex[key] = mp;
        mpRowList.push(r);
        mpSessionList.push(s);
      }
      obsMpAll[nObs] = mp;
      obsCatAll[nObs] = binary ? (cats[k]! === low ? 0 : 1) : cats[k]!;
      nObs++;
    }
    binaryList.push(binary ? 1 : 0);
    itemStart.push(nObs);
  }
  const mps = mpRowList.length;
  const obsMpArr = obsMpAll.slice(0, nObs);
  const obsCatArr = obsCatAll.slice(0, nObs);
  const items = binaryList.length;
  const itemStartArr = Int32Array.from(itemStart);
  // Observations by member-period.
  const mpCount = new Int32Array(mps + 1);
  for (let o = 0; o < nObs; o++) mpCount[obsMpArr[o]! + 1]!++;
  for (let i = 0; i < mps; i++) mpCount[i + 1]! += mpCount[i]!;
  const mpStart = mpCount.slice();
  const fill = mpCount.slice(0, mps);
  const mpObsItem = new Int32Array(nObs);
  const mpObsCat = new Uint8Array(nObs);
  for (let k = 0; k < items; k++) {
    for (let o = itemStartArr[k]!; o < itemStartArr[k + 1]!; o++) {
      const q = fill[obsMpArr[o]!]!++;
      mpObsItem[q] = k;
      mpObsCat[q] = obsCatArr[o]!;
    }
  }
  // Chains.
  const chainStart: number[] = [0];
  const chainMp: number[] = [];
  const linkPrecision: number[] = [];
  for (let r = 0; r < nMembers; r++) {
    let previous = -1;
    for (let s = 0; s < nSessions; s++) {
      const mp = mpIndex[r * nSessions + s]!;
      if (mp < 0) continue;
      if (!dynamic && previous >= 0) {
        chainStart.push(chainMp.length);
        previous = -1;
      }
      chainMp.push(mp);
      linkPrecision.push(previous < 0 ? 0 : 1 / (omega * omega * (s - previous)));
      previous = s;
    }
    if (chainMp.length > chainStart[chainStart.length - 1]!) chainStart.push(chainMp.length);
  }
  return {
    items,
    itemStart: itemStartArr,
    binary: Uint8Array.from(binaryList),
    obsMp: obsMpArr,
    obsCat: obsCatArr,
    mps,
    mpRow: Int32Array.from(mpRowList),
    mpSession: Int32Array.from(mpSessionList),
    mpStart,
    mpObsItem,
    mpObsCat,
    chainStart: Int32Array.from(chainStart),
    chainMp: Int32Array.from(chainMp),
    linkPrecision: Float64Array.from(linkPrecision),
  };
}

/** First principal component of the centred votes (N −1, A 0, Y +1), per member row. */
function principalComponent(p: Problem, nRows: number): Float64Array {
  const score = new Float64Array(p.obsCat.length);
  for (let k = 0; k < p.items; k++) {
    let sum = 0;
    const a = p.itemStart[k]!;
    const b = p.itemStart[k + 1]!;
    for (let o = a; o < b; o++) {
      const s = p.binary[k] ? (p.obsCat[o] ? 1 : -1) : p.obsCat[o]! - 1;
      score[o] = s;
      sum += s;
    }
    const mean = sum / (b - a);
    for (let o = a; o < b; o++) score[o]! -= mean;
  }
  let u = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) u[i] = (((i + 1) * 2654435761) % 1000) / 1000 - 0.5;
  const v = new Float64Array(p.items);
  for (let iter = 0; iter < 30; iter++) {
    for (let k = 0; k < p.items; k++) {
      let sum = 0;
      for (let o = p.itemStart[k]!; o < p.itemStart[k + 1]!; o++)
        sum += u[p.mpRow[p.obsMp[o]!]!]! * score[o]!;
      v[k] = sum;
    }
    const next = new Float64Array(nRows);
    for (let k = 0; k < p.items; k++) {
      for (let o = p.itemStart[k]!; o < p.itemStart[k + 1]!; o++)
        next[p.mpRow[p.obsMp[o]!]!]! += v[k]! * score[o]!;
    }
    let norm = 0;
    for (let i = 0; i < nRows; i++) norm += next[i]! * next[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < nRows; i++) next[i]! /= norm;
    u = next;
  }
  return u;
}

/** Solves [[a, b], [b, c]]·x = (g, h) (symmetric positive definite) into out; false when it is not. */
function solve2(a: number, b: number, c: number, g: number, h: number, out: Float64Array): boolean {
  const det = a * c - b * b;
  if (!(a > 1e-12) || !(det > 1e-12 * a * c)) return false;
  out[0] = (c * g - b * h) / det;
  out[1] = (a * h - b * g) / det;
  return true;
}

/**
 * Solves the symmetric positive definite 3×3 system [[a, b, c], [b, d, e], [c, e, f]]·x = (g, h, i) by
 * Cholesky into out; false when it is not positive definite.
 */
function solve3(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  g: number,
  h: number,
  i: number,
  out: Float64Array,
): boolean {
  if (!(a > 1e-12)) return false;
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l31 = c / l11;
  const s22 = d - l21 * l21;
  if (!(s22 > 1e-12)) return false;
  const l22 = Math.sqrt(s22);
  const l32 = (e - l31 * l21) / l22;
  const s33 = f - l31 * l31 - l32 * l32;
  if (!(s33 > 1e-12)) return false;
  const l33 = Math.sqrt(s33);
  const y1 = g / l11;
  const y2 = (h - l21 * y1) / l22;
  const y3 = (i - l31 * y1 - l32 * y2) / l33;
  const x3 = y3 / l33;
  const x2 = (y2 - l32 * x3) / l22;
  const x1 = (y1 - l21 * x2 - l31 * x3) / l11;
  out[0] = x1;
  out[1] = x2;
  out[2] = x3;
  return true;
}

class Estimator {
  readonly x: Float64Array;
  readonly beta: Float64Array;
  readonly tau1: Float64Array;
  readonly tau2: Float64Array;
  private readonly g: Float64Array;
  private readonly h: Float64Array;
  /** Per member-period: the sums mpDerivs computes for the curvature bound. */
  private readonly curvYN: Float64Array;
  private readonly boundYN: Float64Array;
  private readonly curvA: Float64Array;
  private readonly cubeA: Float64Array;
  private readonly boundA: Float64Array;
  private readonly betaMax: Float64Array;
  private readonly step = new Float64Array(3);

  constructor(private readonly p: Problem) {
    this.x = new Float64Array(p.mps);
    this.beta = new Float64Array(p.items);
    this.tau1 = new Float64Array(p.items);
    this.tau2 = new Float64Array(p.items);
    this.g = new Float64Array(p.mps);
    this.h = new Float64Array(p.mps);
    this.curvYN = new Float64Array(p.mps);
    this.boundYN = new Float64Array(p.mps);
    this.curvA = new Float64Array(p.mps);
    this.cubeA = new Float64Array(p.mps);
    this.boundA = new Float64Array(p.mps);
    this.betaMax = new Float64Array(p.mps);
  }

  /** Cut points from the vote shares (with β = 0). */
  initItems(): void {
    const p = this.p;
    const logit = (q: number): number => Math.log(q / (1 - q));
    for (let k = 0; k < p.items; k++) {
      const a = p.itemStart[k]!;
      const b = p.itemStart[k + 1]!;
      let atLeastA = 0;
      let yes = 0;
      for (let o = a; o < b; o++) {
        const c = p.obsCat[o]!;
        if (p.binary[k]) {
          if (c) yes++;
        } else {
          if (c >= 1) atLeastA++;
          if (c === 2) yes++;
        }
      }
      const n = b - a;
      this.beta[k] = 0;
      if (p.binary[k]) {
        this.tau1[k] = -logit((yes + 0.5) / (n + 1));
      } else {
        this.tau1[k] = -logit((atLeastA + 0.5) / (n + 1));
        this.tau2[k] = Math.max(this.tau1[k]! + 0.1, -logit((yes + 0.5) / (n + 1)));
      }
    }
  }

  private static itemPriorOf(beta: number, t1: number, t2: number, binary: boolean): number {
    let lp = -(beta * beta) / (2 * BETA_VAR) - (t1 * t1) / (2 * TAU_VAR);
    if (!binary) lp -= (t2 * t2) / (2 * TAU_VAR);
    return lp;
  }

  /** Exact log posterior of one roll call's parameters (its votes and its priors). */
  private itemLogPost(k: number, beta: number, t1: number, t2: number): number {
    const p = this.p;
    const binary = p.binary[k] === 1;
    let lp = Estimator.itemPriorOf(beta, t1, t2, binary);
    for (let o = p.itemStart[k]!; o < p.itemStart[k + 1]!; o++) {
      lp += logLik(beta * this.x[p.obsMp[o]!]!, t1, t2, binary, p.obsCat[o]!);
    }
    return lp;
  }

  /**
   * A Newton step for every roll call's (β, τ₁, τ₂), never decreasing its posterior. The step is taken
   * when a lower bound on the gain is not negative: for a Y or N vote the gain is at least
   * ℓ′·δ − ½·F(1 − F)·e^|δ|·δ² (δ the change of its linear predictor, bounded over the roll call by
   * |Δβ|·max|x| + max|Δτ|), abstentions are evaluated exactly, priors too. Otherwise the step is checked
   * by evaluating the posterior and halved until it does not decrease.
   */
  updateItems(): void {
    const p = this.p;
    const step = this.step;
    for (let k = 0; k < p.items; k++) {
      const binary = p.binary[k] === 1;
      const beta = this.beta[k]!;
      const t1 = this.tau1[k]!;
      const t2 = this.tau2[k]!;
      const start = p.itemStart[k]!;
      const end = p.itemStart[k + 1]!;
      // the whole gradient and Hessian (priors included) ...
      let gb = -beta / BETA_VAR;
      let g1 = -t1 / TAU_VAR;
      let g2 = binary ? 0 : -t2 / TAU_VAR;
      let hbb = -1 / BETA_VAR;
      let h11 = -1 / TAU_VAR;
      let h22 = binary ? 0 : -1 / TAU_VAR;
      let hb1 = 0;
      let hb2 = 0;
      let h12 = 0;
      // ... and those of the Y and N votes alone, with the abstentions' log-likelihood
      let yb = 0;
      let y1 = 0;
      let y2 = 0;
      let ybb = 0;
      let y11 = 0;
      let y22 = 0;
      let yb1 = 0;
      let yb2 = 0;
      let llA = 0;
      let xMax = 0;
      for (let o = start; o < end; o++) {
        const x = this.x[p.obsMp[o]!]!;
        const cat = p.obsCat[o]!;
        derivs(beta * x, t1, t2, binary, cat, false);
        const b1 = x * D[DE]!;
        const bb = x * x * D[DEE]!;
        const e1 = x * D[E1]!;
        const e2 = x * D[E2]!;
        gb += b1;
        hbb += bb;
        g1 += D[T1]!;
        h11 += D[T11]!;
        hb1 += e1;
        g2 += D[T2]!;
        h22 += D[T22]!;
        h12 += D[T12]!;
        hb2 += e2;
        if (!binary && cat === 1) {
          llA += D[LL]!;
        } else {
          yb += b1;
          ybb += bb;
          y1 += D[T1]!;
          y11 += D[T11]!;
          yb1 += e1;
          y2 += D[T2]!;
          y22 += D[T22]!;
          yb2 += e2;
        }
        const ax = x < 0 ? -x : x;
        if (ax > xMax) xMax = ax;
      }
      const solved = binary
        ? solve2(-hbb, -hb1, -h11, gb, g1, step)
        : solve3(-hbb, -hb1, -hb2, -h11, -h12, -h22, gb, g1, g2, step);
      if (!solved) continue;
      if (binary) step[2] = 0;
      const largest = Math.max(Math.abs(step[0]!), Math.abs(step[1]!), Math.abs(step[2]!));
      const cap = largest > 2 ? 2 / largest : 1;
      const db = cap * step[0]!;
      const d1 = cap * step[1]!;
      const d2 = cap * step[2]!;
      const nb = beta + db;
      const n1 = t1 + d1;
      const n2 = binary ? t2 : t2 + d2;
      if (binary || n2 > n1 + 1e-6) {
        const E = Math.exp(Math.abs(db) * xMax + Math.max(Math.abs(d1), Math.abs(d2)));
        const quad = db * db * ybb + d1 * d1 * y11 + d2 * d2 * y22 + 2 * db * d1 * yb1 + 2 * db * d2 * yb2;
        let gain = yb * db + y1 * d1 + y2 * d2 + 0.5 * E * quad;
        gain += Estimator.itemPriorOf(nb, n1, n2, binary) - Estimator.itemPriorOf(beta, t1, t2, binary);
        if (!binary && llA !== 0) {
          let llANew = 0;
          for (let o = start; o < end; o++) {
            if (p.obsCat[o] === 1)
              llANew += logMiddle(nb * this.x[p.obsMp[o]!]! - n1, nb * this.x[p.obsMp[o]!]! - n2);
          }
          gain += llANew - llA;
        }
        if (gain >= 0) {
          this.beta[k] = nb;
          this.tau1[k] = n1;
          this.tau2[k] = n2;
          continue;
        }
      }
      // The bound cannot vouch for the step: evaluate, halving.
      const current = this.itemLogPost(k, beta, t1, t2);
      let scale = 1;
      for (let half = 0; half < 12; half++, scale /= 2) {
        const b2 = beta + scale * db;
        const m1 = t1 + scale * d1;
        const m2 = binary ? t2 : t2 + scale * d2;
        if (!binary && !(m2 > m1 + 1e-6)) continue;
        if (this.itemLogPost(k, b2, m1, m2) >= current) {
          this.beta[k] = b2;
          this.tau1[k] = m1;
          this.tau2[k] = m2;
          break;
        }
      }
    }
  }

  /**
   * Gradient and curvature of the log-likelihood of one member-period at ideal point x; and, for the
   * bound in updateMembers: over its Y and N votes Σ β²·F(1 − F) and Σ β²/4, over its abstentions
   * between two cut points Σ β²·c (c their curvature), Σ |β|³ and Σ β²/2; and the largest |β|.
   */
  private mpDerivs(mp: number, x: number): void {
    const p = this.p;
    const items = p.mpObsItem;
    const cats = p.mpObsCat;
    let g = 0;
    let h = 0;
    let curvYN = 0;
    let boundYN = 0;
    let curvA = 0;
    let cubeA = 0;
    let boundA = 0;
    let betaMax = 0;
    const end = p.mpStart[mp + 1]!;
    for (let q = p.mpStart[mp]!; q < end; q++) {
      const k = items[q]!;
      const beta = this.beta[k]!;
      const b2 = beta * beta;
      const binary = p.binary[k] === 1;
      const cat = cats[q]!;
      derivs(beta * x, this.tau1[k]!, this.tau2[k]!, binary, cat, true);
      g += beta * D[DE]!;
      h += b2 * D[DEE]!;
      const ab = beta < 0 ? -beta : beta;
      if (!binary && cat === 1) {
        curvA -= b2 * D[DEE]!;
        cubeA += b2 * ab;
        boundA += b2 / 2;
      } else {
        curvYN -= b2 * D[DEE]!;
        boundYN += b2 / 4;
      }
      if (ab > betaMax) betaMax = ab;
    }
    this.g[mp] = g;
    this.h[mp] = h;
    this.curvYN[mp] = curvYN;
    this.boundYN[mp] = boundYN;
    this.curvA[mp] = curvA;
    this.cubeA[mp] = cubeA;
    this.boundA[mp] = boundA;
    this.betaMax[mp] = betaMax;
  }

  /** Log prior of a chain at the current estimates, or at `proposal` (indexed by position in the chain). */
  private chainPrior(from: number, to: number, proposal: Float64Array | null): number {
    const p = this.p;
    let lp = 0;
    let previous = 0;
    for (let q = from; q < to; q++) {
      const x = proposal ? proposal[q - from]! : this.x[p.chainMp[q]!]!;
      if (q === from) lp -= (x * x) / 2;
      else {
        const diff = x - previous;
        lp -= (p.linkPrecision[q]! * diff * diff) / 2;
      }
      previous = x;
    }
    return lp;
  }

  /**
   * Negative Hessian of a chain's log posterior (tridiagonal: diagonal `a`, off-diagonal `b`, b[i] between
   * i and i+1) from the curvatures already computed.
   */
  private chainHessian(from: number, to: number, a: Float64Array, b: Float64Array): void {
    const p = this.p;
    const n = to - from;
    for (let i = 0; i < n; i++) {
      const q = from + i;
      let diag = -this.h[p.chainMp[q]!]!;
      if (i === 0) diag += 1;
      else diag += p.linkPrecision[q]!;
      if (i + 1 < n) diag += p.linkPrecision[q + 1]!;
      a[i] = diag;
      if (i + 1 < n) b[i] = -p.linkPrecision[q + 1]!;
    }
  }

  /**
   * A Newton step for every member's chain of ideal points (a tridiagonal system), never decreasing the
   * posterior. The full step is taken when a lower bound on the gain is not negative: a vote's gain is at
   * least ℓ′·δ − ½·c·δ² where c bounds the curvature along the way — for Y or N, F(1 − F) at η grows at
   * most by a factor e^|δ| when η moves by δ (its logarithm has slope 1 − 2F) and never exceeds 1/4; for
   * an abstention between two cut points the curvature never exceeds 1/2 and moves by at most
   * ABSTENTION_SLOPE·|δ|. The prior is evaluated exactly. Otherwise the step is checked by evaluating
   * the chain's posterior and halved until it does not decrease.
   */
  updateMembers(): void {
    const p = this.p;
    let size = 64;
    let a = new Float64Array(size);
    let b = new Float64Array(size);
    let rhs = new Float64Array(size);
    let cp = new Float64Array(size);
    let step = new Float64Array(size);
    let proposal = new Float64Array(size);
    for (let c = 0; c + 1 < p.chainStart.length; c++) {
      const from = p.chainStart[c]!;
      const to = p.chainStart[c + 1]!;
      const n = to - from;
      if (n > size) {
        size = n;
        a = new Float64Array(n);
        b = new Float64Array(n);
        rhs = new Float64Array(n);
        cp = new Float64Array(n);
        step = new Float64Array(n);
        proposal = new Float64Array(n);
      }
      for (let q = from; q < to; q++) {
        const mp = p.chainMp[q]!;
        this.mpDerivs(mp, this.x[mp]!);
      }
      for (let i = 0; i < n; i++) {
        const q = from + i;
        const x = this.x[p.chainMp[q]!]!;
        let g = this.g[p.chainMp[q]!]!;
        if (i === 0) g -= x;
        else g -= p.linkPrecision[q]! * (x - this.x[p.chainMp[q - 1]!]!);
        if (i + 1 < n) g += p.linkPrecision[q + 1]! * (this.x[p.chainMp[q + 1]!]! - x);
        rhs[i] = g;
      }
      this.chainHessian(from, to, a, b);
      // Thomas algorithm: A·step = rhs.
      cp[0] = a[0]!;
      step[0] = rhs[0]!;
      for (let i = 1; i < n; i++) {
        const m = b[i - 1]! / cp[i - 1]!;
        cp[i] = a[i]! - m * b[i - 1]!;
        step[i] = rhs[i]! - m * step[i - 1]!;
      }
      step[n - 1] = step[n - 1]! / cp[n - 1]!;
      for (let i = n - 2; i >= 0; i--) step[i] = (step[i]! - b[i]! * step[i + 1]!) / cp[i]!;
      // A lower bound on the gain of the full step: gᵀΔ − ½ Σ c·Δ², c bounding the curvature on the way.
      let gain = 0;
      for (let i = 0; i < n; i++) {
        const mp = p.chainMp[from + i]!;
        const di = step[i]!;
        proposal[i] = this.x[mp]! + di;
        if (di === 0) continue;
        const ad = di < 0 ? -di : di;
        const yn = Math.min(this.boundYN[mp]!, Math.exp(this.betaMax[mp]! * ad) * this.curvYN[mp]!);
        const a = Math.min(this.boundA[mp]!, this.curvA[mp]! + ABSTENTION_SLOPE * ad * this.cubeA[mp]!);
        gain += this.g[mp]! * di - 0.5 * (yn + a) * di * di;
      }
      gain += this.chainPrior(from, to, proposal) - this.chainPrior(from, to, null);
      let scale = 1;
      if (!(gain >= 0)) {
        // The bound cannot vouch for the step: evaluate the chain's posterior, halving.
        const current = this.chainLogPost(from, to, step, 0);
        scale = 0;
        for (let s = 1, half = 0; half < 12; half++, s /= 2) {
          if (this.chainLogPost(from, to, step, s) >= current) {
            scale = s;
            break;
          }
        }
      }
      if (scale > 0) for (let i = 0; i < n; i++) this.x[p.chainMp[from + i]!]! += scale * step[i]!;
    }
  }

  /** Log posterior terms of one chain at x + s·step. */
  private chainLogPost(from: number, to: number, step: Float64Array, s: number): number {
    const p = this.p;
    let lp = 0;
    let previous = 0;
    for (let q = from; q < to; q++) {
      const mp = p.chainMp[q]!;
      const x = this.x[mp]! + s * step[q - from]!;
      if (q === from) lp -= (x * x) / 2;
      else lp -= (p.linkPrecision[q]! * (x - previous) * (x - previous)) / 2;
      previous = x;
      for (let r = p.mpStart[mp]!; r < p.mpStart[mp + 1]!; r++) {
        const k = p.mpObsItem[r]!;
        lp += logLik(this.beta[k]! * x, this.tau1[k]!, this.tau2[k]!, p.binary[k] === 1, p.mpObsCat[r]!);
      }
    }
    return lp;
  }

  /** Log prior of the ideal points. */
  xPrior(): number {
    const p = this.p;
    let lp = 0;
    for (let c = 0; c + 1 < p.chainStart.length; c++)
      lp += this.chainPrior(p.chainStart[c]!, p.chainStart[c + 1]!, null);
    return lp;
  }

  /** The log posterior at the current estimates (a full pass over the votes). */
  logPosterior(): number {
    const p = this.p;
    let lp = this.xPrior();
    for (let k = 0; k < p.items; k++) {
      const binary = p.binary[k] === 1;
      const beta = this.beta[k]!;
      const t1 = this.tau1[k]!;
      const t2 = this.tau2[k]!;
      lp += Estimator.itemPriorOf(beta, t1, t2, binary);
      for (let o = p.itemStart[k]!; o < p.itemStart[k + 1]!; o++) {
        lp += logLik(beta * this.x[p.obsMp[o]!]!, t1, t2, binary, p.obsCat[o]!);
      }
    }
    return lp;
  }

  /**
   * The likelihood depends on the ideal points only through η = β·x − τ: scaling x by c (β by 1/c) and
   * shifting x by m (τ by β·m) leave it unchanged. Alternating steps move along these directions very
   * slowly, so each round sets them to their best values under the priors directly.
   */
  rescale(): void {
    const p = this.p;
    // shift: maximise −Σ_first (x + m)²/2 − Σ (τ + β·m)²/(2σ²τ), a quadratic in m
    let num = 0;
    let den = 0;
    for (let c = 0; c + 1 < p.chainStart.length; c++) {
      num += this.x[p.chainMp[p.chainStart[c]!]!]!;
      den += 1;
    }
    for (let k = 0; k < this.beta.length; k++) {
      const b = this.beta[k]!;
      num += (b * this.tau1[k]!) / TAU_VAR;
      den += (b * b) / TAU_VAR;
      if (p.binary[k] !== 1) {
        num += (b * this.tau2[k]!) / TAU_VAR;
        den += (b * b) / TAU_VAR;
      }
    }
    const m = den > 0 ? -num / den : 0;
    for (let i = 0; i < this.x.length; i++) this.x[i]! += m;
    for (let k = 0; k < this.beta.length; k++) {
      this.tau1[k]! += this.beta[k]! * m;
      this.tau2[k]! += this.beta[k]! * m;
    }
    // scale: maximise −A·c² − B/c², A from the ideal points' priors and B from the βs'
    let A = 0;
    for (let c = 0; c + 1 < p.chainStart.length; c++)
      A -= this.chainPrior(p.chainStart[c]!, p.chainStart[c + 1]!, null);
    let B = 0;
    for (let k = 0; k < this.beta.length; k++) B += (this.beta[k]! * this.beta[k]!) / (2 * BETA_VAR);
    if (!(A > 0 && B > 0)) return;
    const scale = Math.pow(B / A, 0.25);
    for (let i = 0; i < this.x.length; i++) this.x[i]! *= scale;
    for (let k = 0; k < this.beta.length; k++) this.beta[k]! /= scale;
  }

  /** Rescales ideal points to mean 0, sd 1 (roll call parameters follow); returns the sd divided by. */
  normalise(): number {
    const n = this.x.length;
    if (n < 2) return 1;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += this.x[i]!;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (this.x[i]! - mean) ** 2;
    const sd = Math.sqrt(v / n) || 1;
    for (let i = 0; i < n; i++) this.x[i] = (this.x[i]! - mean) / sd;
    for (let k = 0; k < this.beta.length; k++) {
      const beta = this.beta[k]!;
      this.tau1[k]! -= beta * mean;
      this.tau2[k]! -= beta * mean;
      this.beta[k] = beta * sd;
    }
    return sd;
  }

  flip(): void {
    for (let i = 0; i < this.x.length; i++) this.x[i] = -this.x[i]!;
    for (let k = 0; k < this.beta.length; k++) {
      this.beta[k] = -this.beta[k]!;
    }
  }

  snapshot(): Float64Array[] {
    return [
      Float64Array.from(this.x),
      Float64Array.from(this.beta),
      Float64Array.from(this.tau1),
      Float64Array.from(this.tau2),
    ];
  }

  restore(saved: Float64Array[]): void {
    this.x.set(saved[0]!);
    this.beta.set(saved[1]!);
    this.tau1.set(saved[2]!);
    this.tau2.set(saved[3]!);
  }

  /** Standard errors: the diagonal of the inverse negative Hessian of each chain. */
  standardErrors(): Float64Array {
    const p = this.p;
    const se = new Float64Array(p.mps);
    for (let c = 0; c + 1 < p.chainStart.length; c++) {
      const from = p.chainStart[c]!;
      const to = p.chainStart[c + 1]!;
      const n = to - from;
      for (let q = from; q < to; q++) {
        const mp = p.chainMp[q]!;
        this.mpDerivs(mp, this.x[mp]!);
      }
      const a = new Float64Array(n);
      const b = new Float64Array(Math.max(0, n - 1));
      this.chainHessian(from, to, a, b);
      // forward and backward Schur complements give the diagonal of the inverse
      const r = new Float64Array(n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) r[i] = a[i]! - (i > 0 ? (b[i - 1]! * b[i - 1]!) / r[i - 1]! : 0);
      for (let i = n - 1; i >= 0; i--) s[i] = a[i]! - (i + 1 < n ? (b[i]! * b[i]!) / s[i + 1]! : 0);
      for (let i = 0; i < n; i++) {
        const left = i > 0 ? (b[i - 1]! * b[i - 1]!) / r[i - 1]! : 0;
        const right = i + 1 < n ? (b[i]! * b[i]!) / s[i + 1]! : 0;
        se[p.chainMp[from + i]!] = Math.sqrt(1 / (a[i]! - left - right));
      }
    }
    return se;
  }
}

const resultCache = new WeakMap<VoteMatrix, Map<string, IdealPointsResult>>();

/** One-dimensional ideal points per member per session (see the top of this file for the model). */
export function idealPoints(matrix: VoteMatrix, options: IdealPointsOptions = {}): IdealPointsResult {
  if (options.cache === false) return estimate(matrix, options);
  const { cache: _cache, ...rest } = options;
  const key = JSON.stringify({ ...rest, selection: rest.selection && selectionKey(rest.selection) });
  let perMatrix = resultCache.get(matrix);
  if (!perMatrix) resultCache.set(matrix, (perMatrix = new Map()));
  const hit = perMatrix.get(key);
  if (hit) return hit;
  const result = estimate(matrix, options);
  if (perMatrix.size >= 32) perMatrix.delete(perMatrix.keys().next().value!);
  perMatrix.set(key, result);
  return result;
}

function estimate(matrix: VoteMatrix, options: IdealPointsOptions): IdealPointsResult {
  const omega = options.evolutionSd ?? 0.15;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-3;
  const positive = options.positive ?? "USA";
  const selection: Selection = { body: "GA", ...options.selection };
  let wanted: readonly string[] | undefined = options.sessions;
  if (options.session !== undefined) wanted = [options.session];
  const mask = selectionMask(matrix, wanted ? { ...selection, sessions: wanted } : selection);
  const columns = maskColumns(mask);
  const present = new Set(
    columns.map((c) => matrix.rollCalls[c]!.session).filter((s): s is string => s !== null),
  );
  const sessions = matrix.sessions.filter((s) => present.has(s));
  if (sessions.length === 0) {
    throw new PlenaryError("BAD_INPUT", "No roll calls with a session in this selection.", {
      help: "Ideal points are estimated per session: select General Assembly roll calls.",
    });
  }
  const sessionIndexOf = new Map(sessions.map((s, i) => [s, i]));
  const dynamic = options.session === undefined && sessions.length > 1;
  const problem = buildProblem(matrix, columns, sessionIndexOf, dynamic, omega);
  const est = new Estimator(problem);
  // Start: the first principal component, one value per member.
  const pc = principalComponent(problem, matrix.members.length);
  for (let mp = 0; mp < problem.mps; mp++) est.x[mp] = pc[problem.mpRow[mp]!]!;
  est.normalise();
  const positiveRow = matrix.indexOfMember(positive);
  const orient = (): void => {
    if (positiveRow < 0) return;
    let sum = 0;
    for (let mp = 0; mp < problem.mps; mp++) if (problem.mpRow[mp] === positiveRow) sum += est.x[mp]!;
    if (sum < 0) est.flip();
  };
  orient();
  est.initItems();
  for (let i = 0; i < 3; i++) est.updateItems();
  let iterations = 0;
  let converged = false;
  // Alternating optimisation converges linearly along a nearly fixed direction: when two successive
  // rounds move the estimates the same way, jump ahead along it (Aitken-style extrapolation). After the
  // next round the log posterior is compared with the one before the jump; if it is lower, the jump is
  // undone (and later jumps are shorter).
  let previousChange: Float64Array | null = null;
  let previousNorm = 0;
  let jump: { state: Float64Array[]; logPost: number } | null = null;
  let cap = 20;
  const before = new Float64Array(problem.mps);
  const change = new Float64Array(problem.mps);
  while (iterations < maxIterations) {
    iterations++;
    before.set(est.x);
    est.updateItems();
    est.updateMembers();
    est.rescale();
    if (jump !== null) {
      const made = jump;
      jump = null;
      if (est.logPosterior() < made.logPost) {
        est.restore(made.state);
        cap /= 4;
        previousChange = null;
        continue;
      }
      cap = Math.min(100, cap * 2);
    }
    let largest = 0;
    let norm = 0;
    let dot = 0;
    for (let mp = 0; mp < problem.mps; mp++) {
      const dx = est.x[mp]! - before[mp]!;
      change[mp] = dx;
      largest = Math.max(largest, Math.abs(dx));
      norm += dx * dx;
      if (previousChange) dot += dx * previousChange[mp]!;
    }
    norm = Math.sqrt(norm);
    if (largest < tolerance) {
      converged = true;
      break;
    }
    if (cap >= 2 && previousChange && iterations >= 4 && norm > 0 && previousNorm > 0) {
      const cosine = dot / (norm * previousNorm);
      const ratio = norm / previousNorm;
      if (cosine > 0.95 && ratio < 0.995) {
        const factor = Math.min(cap, ratio / (1 - ratio));
        jump = { state: est.snapshot(), logPost: est.logPosterior() };
        for (let mp = 0; mp < problem.mps; mp++) est.x[mp]! += factor * change[mp]!;
        previousChange = null;
        continue;
      }
    }
    previousChange = previousChange ?? new Float64Array(problem.mps);
    previousChange.set(change);
    previousNorm = norm;
  }
  const logPost = est.logPosterior();
  orient();
  const rawSe = est.standardErrors();
  // Report on a common scale: mean 0 and standard deviation 1 over all member-sessions.
  const sd = est.normalise();
  const votes = new Int32Array(problem.mps);
  for (let mp = 0; mp < problem.mps; mp++) votes[mp] = problem.mpStart[mp + 1]! - problem.mpStart[mp]!;
  const points: IdealPoint[] = [];
  for (let mp = 0; mp < problem.mps; mp++) {
    points.push({
      member: matrix.members[problem.mpRow[mp]!]!,
      session: sessions[problem.mpSession[mp]!]!,
      estimate: est.x[mp]!,
      se: rawSe[mp]! / sd,
      votes: votes[mp]!,
      smallSample: smallSample(votes[mp]!),
    });
  }
  points.sort(
    (x, y) =>
      sessionIndexOf.get(x.session)! - sessionIndexOf.get(y.session)! ||
      (x.member < y.member ? -1 : x.member > y.member ? 1 : 0),
  );
  return {
    model: dynamic ? "dynamic" : "static",
    sessions,
    rollCalls: problem.items,
    smallSample: smallSample(problem.items),
    minVotes: MIN_ROLL_CALLS,
    points,
    iterations,
    converged,
    logPosterior: logPost,
    positive: positiveRow < 0 ? null : positive,
  };
}
