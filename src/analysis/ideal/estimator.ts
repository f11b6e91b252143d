/**
 * The estimator: alternating Newton steps for the roll calls' parameters and the members' chains of
 * ideal points, each an ascent step of the posterior (see ../idealPoints.ts for the model and the
 * method); rescaling along the directions the likelihood cannot see; standard errors from the curvature.
 *
 * Over 500 lines on purpose: the Newton steps share their caches and curvature terms, and each step is
 * only checkable against the others (the derivatives in one place, tested as one by estimator tests).
 */
import {
  ABSTENTION_SLOPE,
  BETA_VAR,
  D,
  DE,
  DEE,
  E1,
  E2,
  LL,
  T1,
  T11,
  T12,
  T2,
  T22,
  TAU_VAR,
  ABOVE_2,
  BELOW_1,
  MIDDLE,
  derivs,
  logLikOf,
  logMiddle,
} from "./likelihood.js";
import { expNeg } from "./fastMath.js";
import type { Problem } from "./problem.js";
import { rescaleSessions } from "./sessionRescale.js";

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

/**
 * A bound on a Y or N vote's curvature F(1 − F) along a move of its linear predictor z by δ, from
 * `signed`, F(1 − F) at z carrying the sign of z. F(1 − F) is largest at z = 0 and falls away from it
 * (its logarithm has slope 1 − 2F): moving away from 0 it never exceeds its value at z; towards 0 it
 * grows at most by a factor e^|δ|, and never beyond 1/4.
 */
function curvatureAlong(signed: number, delta: number): number {
  if (signed >= 0) {
    if (delta >= 0) return signed;
    const c = signed / expNeg(-delta);
    return c < 0.25 ? c : 0.25;
  }
  if (delta <= 0) return -signed;
  const c = -signed / expNeg(delta);
  return c < 0.25 ? c : 0.25;
}

/**
 * What the estimator reads and writes besides the problem: the parameters, each roll call's weight
 * (1; a bootstrap replicate counts a roll call as often as it was drawn, 0 when it was not), and the
 * member-periods' scratch sums. Plain arrays, or arrays over shared memory when two threads update
 * disjoint parts of them (parallel.ts).
 */
export interface EstimatorState {
  x: Float64Array;
  beta: Float64Array;
  tau1: Float64Array;
  tau2: Float64Array;
  weight: Float64Array;
  g: Float64Array;
  h: Float64Array;
  curvYN: Float64Array;
  boundYN: Float64Array;
  curvA: Float64Array;
  cubeA: Float64Array;
  boundA: Float64Array;
  betaMax: Float64Array;
}

/** The state's arrays, sized for `p`, over `allocate` (plain memory by default); every weight 1. */
export function estimatorState(
  p: Problem,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): EstimatorState {
  const perMp = () => allocate(p.mps);
  const perItem = () => allocate(p.items);
  const state = {
    x: perMp(),
    beta: perItem(),
    tau1: perItem(),
    tau2: perItem(),
    weight: perItem(),
    g: perMp(),
    h: perMp(),
    curvYN: perMp(),
    boundYN: perMp(),
    curvA: perMp(),
    cubeA: perMp(),
    boundA: perMp(),
    betaMax: perMp(),
  };
  state.weight.fill(1);
  return state;
}

/**
 * Over-relaxation: every roll call's and every chain's Newton step is stretched by this factor (and
 * then vouched for by the bounds, or evaluated and halved, as before). Alternating between the two
 * blocks is block Gauss–Seidel, whose slow linear convergence successive over-relaxation shortens. On
 * the whole record, with each session's scale set every round (sessionRescale.ts), measured before the
 * plain step was tried as a fallback: 1.5 stopped after 16 rounds, 1.4 after 17, 1.3 after 22, 1.0 after
 * 38, and 1.6 after 19 (it starts to oscillate); 1.5 also stopped closest to the optimum (now 17 rounds;
 * docs/analytics.md).
 */
const RELAXATION = 1.5;

export class Estimator {
  readonly x: Float64Array;
  readonly beta: Float64Array;
  readonly tau1: Float64Array;
  readonly tau2: Float64Array;
  /** Each roll call's weight: how many times it counts (see EstimatorState). */
  readonly weight: Float64Array;
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
  private readonly voteScratch: Float64Array;
  /** F(1 − F) of each vote of the chain being stepped, for its second bound (chainGainPerVote). */
  private readonly chainScratch: Float64Array;
  /** The chain's tridiagonal system and step, sized for the longest chain (updateMembers). */
  private readonly chainSystem: Record<"a" | "b" | "rhs" | "cp" | "step" | "proposal", Float64Array>;

  constructor(
    private readonly p: Problem,
    state: EstimatorState = estimatorState(p),
  ) {
    this.x = state.x;
    this.beta = state.beta;
    this.tau1 = state.tau1;
    this.tau2 = state.tau2;
    this.weight = state.weight;
    this.g = state.g;
    this.h = state.h;
    this.curvYN = state.curvYN;
    this.boundYN = state.boundYN;
    this.curvA = state.curvA;
    this.cubeA = state.cubeA;
    this.boundA = state.boundA;
    this.betaMax = state.betaMax;
    let largest = 0;
    for (let k = 0; k < p.items; k++) largest = Math.max(largest, p.itemStart[k + 1]! - p.itemStart[k]!);
    this.voteScratch = new Float64Array(largest);
    let longest = 0;
    let periods = 1;
    for (let c = 0; c + 1 < p.chainStart.length; c++) {
      periods = Math.max(periods, p.chainStart[c + 1]! - p.chainStart[c]!);
      let votes = 0;
      for (let q = p.chainStart[c]!; q < p.chainStart[c + 1]!; q++)
        votes += p.mpStart[p.chainMp[q]! + 1]! - p.mpStart[p.chainMp[q]!]!;
      longest = Math.max(longest, votes);
    }
    this.chainScratch = new Float64Array(longest);
    const system = () => new Float64Array(periods);
    this.chainSystem = {
      a: system(),
      b: system(),
      rhs: system(),
      cp: system(),
      step: system(),
      proposal: system(),
    };
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
    const x = this.x;
    const obsMp = p.obsMp;
    const codes = p.obsCode;
    let lp = Estimator.itemPriorOf(beta, t1, t2, p.binary[k] === 1);
    const end = p.itemStart[k + 1]!;
    for (let o = p.itemStart[k]!; o < end; o++) lp += logLikOf(beta * x[obsMp[o]!]!, t1, t2, codes[o]!);
    return lp;
  }

  /**
   * A Newton step for every roll call's (β, τ₁, τ₂), never decreasing its posterior. The step is taken
   * when a lower bound on the gain is not negative: for a Y or N vote the gain is at least
   * ℓ′·δ − ½·F(1 − F)·e^|δ|·δ² (δ the change of its linear predictor, bounded over the roll call by
   * |Δβ|·max|x| + max|Δτ|), abstentions are evaluated exactly, priors too; then vote by vote. When
   * neither vouches for the (over-relaxed) step, the plain Newton step is tried by the second bound;
   * otherwise it is checked by evaluating the posterior and halved until it does not decrease.
   */
  updateItems(from = 0, to = this.p.items): void {
    const p = this.p;
    const step = this.step;
    const xs = this.x;
    const obsMp = p.obsMp;
    const codes = p.obsCode;
    // Each Y or N vote's F(1 − F) at the roll call's present parameters, for the second bound.
    const scratch = this.voteScratch;
    for (let k = from; k < to; k++) {
      // A roll call left out of a bootstrap replicate tells nothing: its parameters wait.
      if (this.weight[k] === 0) continue;
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
        const x = xs[obsMp[o]!]!;
        const code = codes[o]!;
        const eta = beta * x;
        if (code !== MIDDLE) {
          // A vote on one side of one cut point: ℓ = log F(±(η − τ)), one exponential.
          const z = eta - (code === ABOVE_2 ? t2 : t1);
          const e = expNeg(Math.abs(z));
          const F = z >= 0 ? 1 / (1 + e) : e / (1 + e);
          const f = F * (1 - F);
          scratch[o - start] = z >= 0 ? f : -f;
          const d = code === BELOW_1 ? -F : 1 - F;
          const b1 = x * d;
          const bb = x * x * -f;
          const e1 = x * f;
          gb += b1;
          hbb += bb;
          yb += b1;
          ybb += bb;
          if (code === ABOVE_2) {
            g2 -= d;
            h22 -= f;
            hb2 += e1;
            y2 -= d;
            y22 -= f;
            yb2 += e1;
          } else {
            g1 -= d;
            h11 -= f;
            hb1 += e1;
            y1 -= d;
            y11 -= f;
            yb1 += e1;
          }
        } else {
          derivs(eta, t1, t2, false, 1, false);
          gb += x * D[DE]!;
          hbb += x * x * D[DEE]!;
          g1 += D[T1]!;
          h11 += D[T11]!;
          hb1 += x * D[E1]!;
          g2 += D[T2]!;
          h22 += D[T22]!;
          h12 += D[T12]!;
          hb2 += x * D[E2]!;
          llA += D[LL]!;
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
      const cap = (largest > 2 ? 2 / largest : 1) * RELAXATION;
      let db = cap * step[0]!;
      let d1 = cap * step[1]!;
      let d2 = cap * step[2]!;
      const nb = beta + db;
      const n1 = t1 + d1;
      const n2 = binary ? t2 : t2 + d2;
      let ordered = binary || n2 > n1 + 1e-6;
      if (ordered) {
        const E = Math.exp(Math.abs(db) * xMax + Math.max(Math.abs(d1), Math.abs(d2)));
        const quad = db * db * ybb + d1 * d1 * y11 + d2 * d2 * y22 + 2 * db * d1 * yb1 + 2 * db * d2 * yb2;
        const linear = yb * db + y1 * d1 + y2 * d2;
        const prior = Estimator.itemPriorOf(nb, n1, n2, binary) - Estimator.itemPriorOf(beta, t1, t2, binary);
        const abstentions = this.abstentionsGain(start, end, binary, llA, nb, n1, n2);
        let gain = linear + 0.5 * E * quad + prior + abstentions;
        // The same bound with each vote's own change δ of its linear predictor instead of the roll
        // call's largest: tighter, so it vouches for most steps the first could not.
        if (!(gain >= 0))
          gain = this.votesGainBound(start, end, db, d1, d2, yb, y1, y2) + prior + abstentions;
        if (gain >= 0) {
          this.beta[k] = nb;
          this.tau1[k] = n1;
          this.tau2[k] = n2;
          continue;
        }
      }
      // Neither bound vouches for the stretched step: the plain Newton step, by the second bound.
      db /= RELAXATION;
      d1 /= RELAXATION;
      d2 /= RELAXATION;
      const pb = beta + db;
      const p1 = t1 + d1;
      const p2 = binary ? t2 : t2 + d2;
      ordered = binary || p2 > p1 + 1e-6;
      if (
        ordered &&
        this.votesGainBound(start, end, db, d1, d2, yb, y1, y2) +
          Estimator.itemPriorOf(pb, p1, p2, binary) -
          Estimator.itemPriorOf(beta, t1, t2, binary) +
          this.abstentionsGain(start, end, binary, llA, pb, p1, p2) >=
          0
      ) {
        this.beta[k] = pb;
        this.tau1[k] = p1;
        this.tau2[k] = p2;
        continue;
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
   * The second bound of updateItems for the Y and N votes of the roll call whose votes are [start, end)
   * and the step (db, d1, d2): ℓ′·δ − ½·c·δ² summed vote by vote, δ each vote's own change of its
   * linear predictor and c bounding its curvature along the way (curvatureAlong). Reads the F(1 − F)
   * that updateItems left in voteScratch; yb, y1, y2 are the Y and N votes' gradient.
   */
  private votesGainBound(
    start: number,
    end: number,
    db: number,
    d1: number,
    d2: number,
    yb: number,
    y1: number,
    y2: number,
  ): number {
    const xs = this.x;
    const obsMp = this.p.obsMp;
    const codes = this.p.obsCode;
    const scratch = this.voteScratch;
    let curvature = 0;
    for (let o = start; o < end; o++) {
      const code = codes[o]!;
      if (code === MIDDLE) continue;
      const delta = db * xs[obsMp[o]!]! - (code === ABOVE_2 ? d2 : d1);
      curvature += curvatureAlong(scratch[o - start]!, delta) * delta * delta;
    }
    return yb * db + y1 * d1 + y2 * d2 - 0.5 * curvature;
  }

  /** The exact change of the abstentions' log-likelihood (llA at present) at (β, τ₁, τ₂) = (nb, n1, n2). */
  private abstentionsGain(
    start: number,
    end: number,
    binary: boolean,
    llA: number,
    nb: number,
    n1: number,
    n2: number,
  ): number {
    if (binary || llA === 0) return 0;
    const xs = this.x;
    const obsMp = this.p.obsMp;
    const codes = this.p.obsCode;
    let llANew = 0;
    for (let o = start; o < end; o++) {
      if (codes[o] === MIDDLE) {
        const eta = nb * xs[obsMp[o]!]!;
        llANew += logMiddle(eta - n1, eta - n2);
      }
    }
    return llANew - llA;
  }

  /**
   * Gradient and curvature of the log-likelihood of one member-period at ideal point x; and, for the
   * bound in updateMembers: over its Y and N votes Σ β²·F(1 − F) and Σ β²/4, over its abstentions
   * between two cut points Σ β²·c (c their curvature), Σ |β|³ and Σ β²/2; and the largest |β|.
   */
  private mpDerivs(mp: number, x: number, at: number): void {
    const p = this.p;
    const curvatures = this.chainScratch;
    const start = p.mpStart[mp]!;
    const items = p.mpObsItem;
    const codes = p.mpObsCode;
    const betas = this.beta;
    const tau1 = this.tau1;
    const tau2 = this.tau2;
    let g = 0;
    let h = 0;
    let curvYN = 0;
    let boundYN = 0;
    let curvA = 0;
    let cubeA = 0;
    let boundA = 0;
    let betaMax = 0;
    const end = p.mpStart[mp + 1]!;
    const weights = this.weight;
    for (let q = start; q < end; q++) {
      const k = items[q]!;
      const w = weights[k]!;
      if (w === 0) continue;
      const beta = betas[k]!;
      const b2 = beta * beta;
      const code = codes[q]!;
      const ab = beta < 0 ? -beta : beta;
      if (code !== MIDDLE) {
        const z = beta * x - (code === ABOVE_2 ? tau2[k]! : tau1[k]!);
        const e = expNeg(Math.abs(z));
        const F = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        const f = F * (1 - F);
        curvatures[at + q - start] = z >= 0 ? f : -f;
        if (w === 1) {
          g += beta * (code === BELOW_1 ? -F : 1 - F);
          h += b2 * -f;
          curvYN -= b2 * -f;
          boundYN += b2 / 4;
        } else {
          g += w * beta * (code === BELOW_1 ? -F : 1 - F);
          h += w * b2 * -f;
          curvYN -= w * b2 * -f;
          boundYN += (w * b2) / 4;
        }
      } else {
        derivs(beta * x, tau1[k]!, tau2[k]!, false, 1, true);
        g += w * beta * D[DE]!;
        h += w * b2 * D[DEE]!;
        curvA -= w * b2 * D[DEE]!;
        cubeA += w * b2 * ab;
        boundA += (w * b2) / 2;
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
   * ABSTENTION_SLOPE·|δ|. The prior is evaluated exactly. When neither this bound nor the vote-by-vote
   * one vouches for the (over-relaxed) step, the plain Newton step is tried by the second; otherwise it
   * is checked by evaluating the chain's posterior and halved until it does not decrease.
   */
  updateMembers(fromChain = 0, toChain = this.p.chainStart.length - 1): void {
    const p = this.p;
    const { a, b, rhs, cp, step, proposal } = this.chainSystem;
    for (let c = fromChain; c < toChain; c++) {
      const from = p.chainStart[c]!;
      const to = p.chainStart[c + 1]!;
      const n = to - from;
      for (let q = from, at = 0; q < to; q++) {
        const mp = p.chainMp[q]!;
        this.mpDerivs(mp, this.x[mp]!, at);
        at += p.mpStart[mp + 1]! - p.mpStart[mp]!;
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
      for (let i = 0; i < n; i++) step[i]! *= RELAXATION;
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
      const prior = this.chainPrior(from, to, proposal) - this.chainPrior(from, to, null);
      gain += prior;
      if (!(gain >= 0)) gain = this.chainGainPerVote(from, to, step) + prior;
      if (!(gain >= 0)) {
        // Neither bound vouches for the stretched step: the plain Newton step, by the second bound.
        for (let i = 0; i < n; i++) {
          step[i]! /= RELAXATION;
          proposal[i] = this.x[p.chainMp[from + i]!]! + step[i]!;
        }
        gain =
          this.chainGainPerVote(from, to, step) +
          this.chainPrior(from, to, proposal) -
          this.chainPrior(from, to, null);
      }
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

  /**
   * The bound of updateMembers with each Y or N vote's own curvature growth, F(1 − F)·e^(|β|·|Δ|) and
   * never more than 1/4, instead of the member-period's largest |β| (tighter, so it vouches for most
   * steps the first could not, without a logarithm); the prior's change is added by the caller. Reads
   * the F(1 − F) that mpDerivs left in chainScratch.
   */
  private chainGainPerVote(from: number, to: number, step: Float64Array): number {
    const p = this.p;
    const items = p.mpObsItem;
    const codes = p.mpObsCode;
    const curvatures = this.chainScratch;
    let gain = 0;
    for (let i = 0, at = 0; i < to - from; i++) {
      const mp = p.chainMp[from + i]!;
      const start = p.mpStart[mp]!;
      const end = p.mpStart[mp + 1]!;
      const di = step[i]!;
      if (di !== 0) {
        const ad = di < 0 ? -di : di;
        let yn = 0;
        for (let q = start; q < end; q++) {
          const k = items[q]!;
          const w = this.weight[k]!;
          if (w === 0 || codes[q] === MIDDLE) continue;
          const beta = this.beta[k]!;
          yn += w * beta * beta * curvatureAlong(curvatures[at + q - start]!, beta * di);
        }
        const a = Math.min(this.boundA[mp]!, this.curvA[mp]! + ABSTENTION_SLOPE * ad * this.cubeA[mp]!);
        gain += this.g[mp]! * di - 0.5 * (yn + a) * di * di;
      }
      at += end - start;
    }
    return gain;
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
      const end = p.mpStart[mp + 1]!;
      for (let r = p.mpStart[mp]!; r < end; r++) {
        const k = p.mpObsItem[r]!;
        const w = this.weight[k]!;
        if (w !== 0) lp += w * logLikOf(this.beta[k]! * x, this.tau1[k]!, this.tau2[k]!, p.mpObsCode[r]!);
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

  /**
   * The log posterior at the current estimates (a full pass over the votes), summed term by term in a
   * fixed order: the same bits on one thread or two.
   */
  logPosterior(): number {
    const p = this.p;
    const xs = this.x;
    const obsMp = p.obsMp;
    const codes = p.obsCode;
    let lp = this.xPrior();
    for (let k = 0; k < p.items; k++) {
      const w = this.weight[k]!;
      if (w === 0) continue;
      const beta = this.beta[k]!;
      const t1 = this.tau1[k]!;
      const t2 = this.tau2[k]!;
      const end = p.itemStart[k + 1]!;
      if (w === 1) {
        lp += Estimator.itemPriorOf(beta, t1, t2, p.binary[k] === 1);
        for (let o = p.itemStart[k]!; o < end; o++) lp += logLikOf(beta * xs[obsMp[o]!]!, t1, t2, codes[o]!);
      } else {
        let item = Estimator.itemPriorOf(beta, t1, t2, p.binary[k] === 1);
        for (let o = p.itemStart[k]!; o < end; o++)
          item += logLikOf(beta * xs[obsMp[o]!]!, t1, t2, codes[o]!);
        lp += w * item;
      }
    }
    return lp;
  }

  /**
   * The likelihood depends on each session's ideal points only through η = β·x − τ: an affine map of
   * a session's ideal points (its roll calls' β and τ following) leaves it unchanged. Alternating steps
   * move along these directions very slowly, so each round sets them to their best values under the
   * priors directly (sessionRescale.ts).
   */
  rescale(): void {
    rescaleSessions(this.p, this);
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
      for (let q = from, at = 0; q < to; q++) {
        const mp = p.chainMp[q]!;
        this.mpDerivs(mp, this.x[mp]!, at);
        at += p.mpStart[mp + 1]! - p.mpStart[mp]!;
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
