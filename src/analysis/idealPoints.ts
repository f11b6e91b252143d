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
import { maskColumns, selectionMask, type Selection } from "./selection.js";

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
}

export interface IdealPoint {
  member: string;
  session: string;
  estimate: number;
  se: number;
  /** Votes (Y, N, A) on the roll calls used. */
  votes: number;
}

export interface IdealPointsResult {
  model: "dynamic" | "static";
  sessions: string[];
  /** Roll calls used (contested ones). */
  rollCalls: number;
  /** Sorted by session (in time order), then member. */
  points: IdealPoint[];
  iterations: number;
  converged: boolean;
  logPosterior: number;
  /** The member whose side is positive, or null when it is not in the data. */
  positive: string | null;
}

const BETA_VAR = 4;
const TAU_VAR = 25;

/** Stable logistic function. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log F(z), stably. */
function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/** Per-observation derivatives, written into a scratch record to avoid allocation. */
interface Derivs {
  ll: number; // ℓ (only when asked for)
  d: number; // ∂ℓ/∂η
  dd: number; // ∂²ℓ/∂η²
  t1: number; // ∂ℓ/∂τ₁
  t2: number; // ∂ℓ/∂τ₂
  t11: number;
  t22: number;
  t12: number;
  e1: number; // ∂²ℓ/∂η∂τ₁
  e2: number; // ∂²ℓ/∂η∂τ₂
}

/**
 * Derivatives for one vote. `binary`: one cut point τ₁, `cat` 1 for the higher of the two kinds, 0 for
 * the lower; otherwise `cat` 0 (N), 1 (A), 2 (Y) with cut points τ₁ < τ₂. With `etaOnly`, just d and dd;
 * otherwise also ℓ and the cut points' derivatives.
 */
function derivs(
  eta: number,
  tau1: number,
  tau2: number,
  binary: boolean,
  cat: number,
  out: Derivs,
  etaOnly: boolean,
): void {
  if (binary || cat !== 1) {
    // One boundary: the high side (Y, or the higher kind) above τ, the low side below.
    const onFirst = binary || cat === 0;
    const z = eta - (onFirst ? tau1 : tau2);
    const e = Math.exp(-Math.abs(z));
    const F = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const f = F * (1 - F);
    const high = binary ? cat !== 0 : cat === 2;
    const d = high ? 1 - F : -F;
    out.d = d;
    out.dd = -f;
    if (etaOnly) return;
    // log F = −log(1+e) (z ≥ 0) or z − log(1+e); log(1 − F) = −z − log(1+e) (z ≥ 0) or −log(1+e)
    const l = Math.log1p(e);
    out.ll = high ? (z >= 0 ? -l : z - l) : z >= 0 ? -z - l : -l;
    if (onFirst) {
      out.t1 = -d;
      out.t11 = -f;
      out.e1 = f;
      out.t2 = 0;
      out.t22 = 0;
      out.e2 = 0;
    } else {
      out.t1 = 0;
      out.t11 = 0;
      out.e1 = 0;
      out.t2 = -d;
      out.t22 = -f;
      out.e2 = f;
    }
    out.t12 = 0;
    return;
  }
  // Abstention: between the two cut points.
  const u = eta - tau1;
  const w = eta - tau2;
  const Fu = sigmoid(u);
  const Fw = sigmoid(w);
  let p = w > 0 ? sigmoid(-w) - sigmoid(-u) : Fu - Fw;
  if (!(p > 1e-300)) p = 1e-300;
  const fu = Fu * (1 - Fu);
  const fw = Fw * (1 - Fw);
  const Lu = fu / p;
  const Lw = -fw / p;
  const Luu = (fu * (1 - 2 * Fu)) / p - Lu * Lu;
  const Lww = (-fw * (1 - 2 * Fw)) / p - Lw * Lw;
  const Luw = -Lu * Lw;
  out.d = Lu + Lw;
  out.dd = Luu + 2 * Luw + Lww;
  if (etaOnly) return;
  out.ll = Math.log(p);
  out.t1 = -Lu;
  out.t2 = -Lw;
  out.t11 = Luu;
  out.t22 = Lww;
  out.t12 = Luw;
  out.e1 = -(Luu + Luw);
  out.e2 = -(Luw + Lww);
}

/** Log-likelihood of one vote only. */
function logLik(eta: number, tau1: number, tau2: number, binary: boolean, cat: number): number {
  if (binary) return cat !== 0 ? logSigmoid(eta - tau1) : logSigmoid(tau1 - eta);
  if (cat === 0) return logSigmoid(tau1 - eta);
  if (cat === 2) return logSigmoid(eta - tau2);
  const u = eta - tau1;
  const w = eta - tau2;
  const p = w > 0 ? sigmoid(-w) - sigmoid(-u) : sigmoid(u) - sigmoid(w);
  return Math.log(p > 1e-300 ? p : 1e-300);
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
  /** Observations grouped by member-period (indexes into the obs arrays) and the item of each. */
  mpStart: Int32Array;
  mpObs: Int32Array;
  obsItem: Int32Array;
  /** The same, laid out contiguously per member-period: item and vote of each. */
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
): Problem & { sessionOrdinal: Int32Array } {
  const nMembers = matrix.members.length;
  const nSessions = sessionIndexOf.size;
  const mpIndex = new Int32Array(nMembers * Math.max(1, nSessions)).fill(-1);
  const mpRowList: number[] = [];
  const mpSessionList: number[] = [];
  const itemStart: number[] = [0];
  const binaryList: number[] = [];
  const obsMp: number[] = [];
  const obsCat: number[] = [];
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
      obsMp.push(mp);
      obsCat.push(binary ? (cats[k]! === low ? 0 : 1) : cats[k]!);
    }
    binaryList.push(binary ? 1 : 0);
    itemStart.push(obsMp.length);
  }
  const mps = mpRowList.length;
  const nObs = obsMp.length;
  const obsMpArr = Int32Array.from(obsMp);
  const items = binaryList.length;
  const itemStartArr = Int32Array.from(itemStart);
  // Observations by member-period.
  const mpCount = new Int32Array(mps + 1);
  for (let o = 0; o < nObs; o++) mpCount[obsMpArr[o]! + 1]!++;
  for (let i = 0; i < mps; i++) mpCount[i + 1]! += mpCount[i]!;
  const mpStart = mpCount.slice();
  const fill = mpCount.slice(0, mps);
  const mpObs = new Int32Array(nObs);
  const obsItem = new Int32Array(nObs);
  const mpObsItem = new Int32Array(nObs);
  const mpObsCat = new Uint8Array(nObs);
  const obsCatArr = Uint8Array.from(obsCat);
  for (let k = 0; k < items; k++) {
    for (let o = itemStartArr[k]!; o < itemStartArr[k + 1]!; o++) {
      obsItem[o] = k;
      const q = fill[obsMpArr[o]!]!++;
      mpObs[q] = o;
      mpObsItem[q] = k;
      mpObsCat[q] = obsCatArr[o]!;
    }
  }
  // Chains.
  const chainStart: number[] = [0];
  const chainMp: number[] = [];
  const linkPrecision: number[] = [];
  const sessionOrdinal = new Int32Array(nSessions);
  for (let s = 0; s < nSessions; s++) sessionOrdinal[s] = s;
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
    mpObs,
    obsItem,
    mpObsItem,
    mpObsCat,
    chainStart: Int32Array.from(chainStart),
    chainMp: Int32Array.from(chainMp),
    linkPrecision: Float64Array.from(linkPrecision),
    sessionOrdinal,
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

/** Solves the symmetric positive definite system A·x = g (n ≤ 3, A given as rows); null when singular. */
function solveSpd(A: number[][], g: number[]): number[] | null {
  const n = g.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

class Estimator {
  readonly x: Float64Array;
  readonly beta: Float64Array;
  readonly tau1: Float64Array;
  readonly tau2: Float64Array;
  private readonly d: Derivs = { ll: 0, d: 0, dd: 0, t1: 0, t2: 0, t11: 0, t22: 0, t12: 0, e1: 0, e2: 0 };
  private readonly g: Float64Array;
  private readonly h: Float64Array;
  /** Per member-period: Σ β²·c over its votes, c the bound on the curvature (1/4, or 1/2 for A). */
  private readonly bound: Float64Array;
  /** Per member-period: −Σ β²·ℓ'' over its Y and N votes, Σ β²/2 over its abstentions, max |β|. */
  private readonly curvYN: Float64Array;
  private readonly boundA: Float64Array;
  private readonly betaMax: Float64Array;

  constructor(private readonly p: Problem) {
    this.x = new Float64Array(p.mps);
    this.beta = new Float64Array(p.items);
    this.tau1 = new Float64Array(p.items);
    this.tau2 = new Float64Array(p.items);
    this.g = new Float64Array(p.mps);
    this.h = new Float64Array(p.mps);
    this.bound = new Float64Array(p.mps);
    this.curvYN = new Float64Array(p.mps);
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

  /**
   * One damped Newton step for every roll call's parameters. Returns the log posterior of the estimates
   * as they were before the step (the votes' log-likelihood comes with the derivatives).
   */
  updateItems(): number {
    const p = this.p;
    const d = this.d;
    let before = this.xPrior();
    for (let k = 0; k < p.items; k++) {
      const binary = p.binary[k] === 1;
      const beta = this.beta[k]!;
      const t1 = this.tau1[k]!;
      const t2 = this.tau2[k]!;
      const start = p.itemStart[k]!;
      const end = p.itemStart[k + 1]!;
      let ll = Estimator.itemPriorOf(beta, t1, t2, binary);
      let gb = -beta / BETA_VAR;
      let g1 = -t1 / TAU_VAR;
      let g2 = binary ? 0 : -t2 / TAU_VAR;
      let hbb = -1 / BETA_VAR;
      let h11 = -1 / TAU_VAR;
      let h22 = binary ? 0 : -1 / TAU_VAR;
      let hb1 = 0;
      let hb2 = 0;
      let h12 = 0;
      for (let o = start; o < end; o++) {
        const x = this.x[p.obsMp[o]!]!;
        derivs(beta * x, t1, t2, binary, p.obsCat[o]!, d, false);
        ll += d.ll;
        gb += x * d.d;
        hbb += x * x * d.dd;
        g1 += d.t1;
        h11 += d.t11;
        hb1 += x * d.e1;
        g2 += d.t2;
        h22 += d.t22;
        h12 += d.t12;
        hb2 += x * d.e2;
      }
      const step = binary
        ? solveSpd(
            [
              [-hbb, -hb1],
              [-hb1, -h11],
            ],
            [gb, g1],
          )
        : solveSpd(
            [
              [-hbb, -hb1, -hb2],
              [-hb1, -h11, -h12],
              [-hb2, -h12, -h22],
            ],
            [gb, g1, g2],
          );
      before += ll;
      if (!step) continue;
      let largest = 0;
      for (const v of step) largest = Math.max(largest, Math.abs(v));
      let scale = largest > 2 ? 2 / largest : 1;
      for (let half = 0; half < 12; half++, scale /= 2) {
        const nb = beta + scale * step[0]!;
        const n1 = t1 + scale * step[1]!;
        const n2 = binary ? t2 : t2 + scale * step[2]!;
        if (!binary && !(n2 > n1 + 1e-6)) continue;
        let next = Estimator.itemPriorOf(nb, n1, n2, binary);
        for (let o = start; o < end; o++)
          next += logLik(nb * this.x[p.obsMp[o]!]!, n1, n2, binary, p.obsCat[o]!);
        if (next >= ll) {
          this.beta[k] = nb;
          this.tau1[k] = n1;
          this.tau2[k] = n2;
          break;
        }
      }
    }
    return before;
  }

  /** Gradient and curvature of the log-likelihood of one member-period at ideal point x. */
  private mpDerivs(mp: number, x: number): void {
    const p = this.p;
    const d = this.d;
    const items = p.mpObsItem;
    const cats = p.mpObsCat;
    let g = 0;
    let h = 0;
    let bound = 0;
    let curvYN = 0;
    let boundA = 0;
    let betaMax = 0;
    const end = p.mpStart[mp + 1]!;
    for (let q = p.mpStart[mp]!; q < end; q++) {
      const k = items[q]!;
      const beta = this.beta[k]!;
      const b2 = beta * beta;
      const binary = p.binary[k] === 1;
      const cat = cats[q]!;
      derivs(beta * x, this.tau1[k]!, this.tau2[k]!, binary, cat, d, true);
      g += beta * d.d;
      h += b2 * d.dd;
      if (!binary && cat === 1) {
        bound += b2 / 2;
        boundA += b2 / 2;
      } else {
        bound += b2 / 4;
        curvYN -= b2 * d.dd;
      }
      if (Math.abs(beta) > betaMax) betaMax = Math.abs(beta);
    }
    this.g[mp] = g;
    this.h[mp] = h;
    this.bound[mp] = bound;
    this.curvYN[mp] = curvYN;
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
   * One Newton step for every member's chain of ideal points, made safe without evaluating the
   * likelihood. Along the step, f(x + Δ) − f(x) ≥ gᵀΔ − ΔᵀMΔ/2 where M bounds the curvature on the whole
   * segment: the prior's precision (exact) plus, per member-period, Σ β²·c over its votes. For a Y or N
   * vote the curvature is F(1 − F) at η, which changes by at most a factor e^|δ| when η moves by δ (its
   * logarithm has slope 1 − 2F), and never exceeds 1/4; for an abstention between two cut points it never
   * exceeds 1/2. The full step is taken when the bound is not negative, else the length maximising it:
   * either way the posterior does not decrease.
   */
  updateMembers(): void {
    const p = this.p;
    let size = 64;
    let a = new Float64Array(size);
    let b = new Float64Array(size);
    let rhs = new Float64Array(size);
    let cp = new Float64Array(size);
    let step = new Float64Array(size);
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
      // gᵀΔ and ΔᵀMΔ with M = diag(bound) + the prior's precision
      let gd = 0;
      let dmd = 0;
      for (let i = 0; i < n; i++) {
        const q = from + i;
        const mp = p.chainMp[q]!;
        const di = step[i]!;
        gd += rhs[i]! * di;
        const local = Math.exp(this.betaMax[mp]! * Math.abs(di)) * this.curvYN[mp]! + this.boundA[mp]!;
        dmd += Math.min(this.bound[mp]!, local) * di * di;
        if (i === 0) dmd += di * di;
        else {
          const diff = di - step[i - 1]!;
          dmd += p.linkPrecision[q]! * diff * diff;
        }
      }
      if (!(gd > 0) || !(dmd > 0)) continue;
      let scale = 1;
      if (gd - dmd / 2 < 0) {
        // The bound cannot vouch for the full step: evaluate the posterior along it.
        const current = this.chainLogPost(from, to, step, 0);
        scale = gd / dmd; // safe fallback
        for (let s = 1; s > gd / dmd; s /= 2) {
          if (this.chainLogPost(from, to, step, s) >= current) {
            scale = s;
            break;
          }
        }
      }
      for (let i = 0; i < n; i++) this.x[p.chainMp[from + i]!]! += scale * step[i]!;
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

/** One-dimensional ideal points per member per session (see the top of this file for the model). */
export function idealPoints(matrix: VoteMatrix, options: IdealPointsOptions = {}): IdealPointsResult {
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
  // changes point the same way, jump ahead along it (Aitken-style extrapolation). The next round's log
  // posterior is compared with the one before the jump; if it is lower, the jump is undone.
  let previousChange: Float64Array | null = null;
  let previousNorm = 0;
  let jump: { state: Float64Array[]; logPost: number; checked: boolean } | null = null;
  let cap = 20;
  const before = new Float64Array(problem.mps);
  const change = new Float64Array(problem.mps);
  while (iterations < maxIterations) {
    iterations++;
    before.set(est.x);
    const lpBefore = est.updateItems(); // the log posterior of the estimates this round starts from
    if (jump !== null) {
      if (!jump.checked) {
        jump.checked = true; // this round starts at the jump; judge it after the next one
      } else {
        const made = jump;
        jump = null;
        if (lpBefore < made.logPost) {
          est.restore(made.state);
          cap /= 4;
          previousChange = null;
          continue;
        }
        cap = Math.min(100, cap * 2);
      }
    }
    est.updateMembers();
    est.rescale();
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
    if (largest < tolerance && jump === null) {
      converged = true;
      break;
    }
    if (jump === null && cap >= 2 && previousChange && iterations >= 4 && norm > 0 && previousNorm > 0) {
      const cosine = dot / (norm * previousNorm);
      const ratio = norm / previousNorm;
      if (cosine > 0.99 && ratio < 0.995) {
        const factor = Math.min(cap, ratio / (1 - ratio));
        jump = { state: est.snapshot(), logPost: lpBefore, checked: false };
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
    points,
    iterations,
    converged,
    logPosterior: logPost,
    positive: positiveRow < 0 ? null : positive,
  };
}
