/**
 * The best affine map of each session's scale, chosen under the priors. The likelihood sees a session's
 * ideal points only through η = β·x − τ of that session's roll calls, so for every session s the map
 * x → a_s·x + b_s (its roll calls' β → β/a_s, τ → τ + β·b_s/a_s) leaves it unchanged; only the priors
 * — the random walk linking a member's sessions, the first session's N(0, 1), the roll calls' β and τ —
 * tell these apart. Alternating steps move along these 2·sessions directions very slowly (each session
 * learns its neighbours' scale one round at a time, through the chains), so each round sets them to
 * their best values directly: a small Newton problem in 2·sessions unknowns, whatever the votes.
 *
 * The objective, minimised: X(a, b) + I(a, b) with X the random walk's and first sessions' −log prior
 * (a quadratic form in (a, b), assembled once per call from the ideal points) and I the roll calls'
 * (per session, from sums of β², τ² and β·τ).
 */
import { BETA_VAR, TAU_VAR } from "./likelihood.js";
import type { Problem } from "./problem.js";

/** What the map reads and writes: the estimator's parameters and each roll call's weight. */
export interface Parameters {
  x: Float64Array;
  beta: Float64Array;
  tau1: Float64Array;
  tau2: Float64Array;
  weight: Float64Array;
}

/** Newton iterations at most (it converges in 3–5 on the whole record; each is O(sessions³)). */
const MAX_NEWTON = 20;

/**
 * Applies the best per-session map to `est` (in place); false when nothing was changed (already at the
 * best map, or the problem could not be solved, which leaves the estimates as they were). With one
 * session this is the best shift and scale of all ideal points.
 */
export function rescaleSessions(p: Problem, est: Parameters): boolean {
  // The sessions with member-periods (a session whose roll calls were all uncontested has none), each
  // given a slot: θ's unknowns are theirs alone.
  const slot = new Int32Array(p.sessions).fill(-1);
  let sessions = 0;
  for (let mp = 0; mp < p.mps; mp++) if (slot[p.mpSession[mp]!]! < 0) slot[p.mpSession[mp]!] = sessions++;
  const n = 2 * sessions;
  const Q = quadraticForm(p, est.x, slot, sessions);
  // I's sufficient statistics per session: Σw·β², Σw·τ², Σw·τ·β, and Σw·β² once per cut point.
  const B2 = new Float64Array(sessions);
  const T2 = new Float64Array(sessions);
  const TB = new Float64Array(sessions);
  const BB = new Float64Array(sessions);
  // A session none of whose roll calls counts (a bootstrap replicate that drew none of them) has no
  // β to balance its scale against: it keeps its own (a, b) = (1, 0), the others are set around it.
  const counted = new Uint8Array(sessions);
  for (let k = 0; k < p.items; k++) {
    const w = est.weight[k]!;
    if (w === 0) continue;
    const s = slot[p.itemSession[k]!]!;
    counted[s] = 1;
    const beta = est.beta[k]!;
    const t1 = est.tau1[k]!;
    B2[s]! += w * beta * beta;
    T2[s]! += w * t1 * t1;
    TB[s]! += w * t1 * beta;
    BB[s]! += w * beta * beta;
    if (p.binary[k] !== 1) {
      const t2 = est.tau2[k]!;
      T2[s]! += w * t2 * t2;
      TB[s]! += w * t2 * beta;
      BB[s]! += w * beta * beta;
    }
  }
  const Qtheta = new Float64Array(n);
  const objective = (t: Float64Array): number => {
    multiply(Q, t, n, Qtheta);
    let value = 0;
    for (let i = 0; i < n; i++) value += 0.5 * t[i]! * Qtheta[i]!;
    for (let s = 0; s < sessions; s++) {
      const a = t[s]!;
      if (!(a > 0)) return Infinity;
      const c = t[sessions + s]! / a;
      value += B2[s]! / (2 * BETA_VAR * a * a) + (T2[s]! + 2 * c * TB[s]! + c * c * BB[s]!) / (2 * TAU_VAR);
    }
    return value;
  };
  // θ = (a_0 … a_{S−1}, b_0 … b_{S−1}), from the identity map.
  const theta = new Float64Array(n);
  theta.fill(1, 0, sessions);
  const H = new Float64Array(n * n);
  const g = new Float64Array(n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  let current = objective(theta);
  if (!Number.isFinite(current)) return false;
  let moved = false;
  for (let iteration = 0; iteration < MAX_NEWTON; iteration++) {
    // Gradient and Hessian of X + I at θ (X's are Qθ and Q; I's are per session, 2×2).
    H.set(Q);
    multiply(Q, theta, n, g);
    for (let s = 0; s < sessions; s++) {
      const a = theta[s]!;
      const b = theta[sessions + s]!;
      const c = b / a;
      const J1 = (TB[s]! + c * BB[s]!) / TAU_VAR;
      const J2 = BB[s]! / TAU_VAR;
      const ia = s;
      const ib = sessions + s;
      g[ia]! += -B2[s]! / (BETA_VAR * a * a * a) - (J1 * b) / (a * a);
      g[ib]! += J1 / a;
      H[ia * n + ia]! +=
        (3 * B2[s]!) / (BETA_VAR * a * a * a * a) + (J2 * c * c) / (a * a) + (2 * J1 * c) / (a * a);
      H[ib * n + ib]! += J2 / (a * a);
      const cross = (-J2 * c) / (a * a) - J1 / (a * a);
      H[ia * n + ib]! += cross;
      H[ib * n + ia]! += cross;
    }
    // Newton's step in the counted sessions' unknowns alone: the others' rows and columns set aside.
    for (let s = 0; s < sessions; s++) {
      if (counted[s]) continue;
      for (const i of [s, sessions + s]) {
        for (let j = 0; j < n; j++) H[i * n + j] = H[j * n + i] = 0;
        H[i * n + i] = 1;
        g[i] = 0;
      }
    }
    // The roll calls' part is not convex everywhere: where the Hessian is not positive definite, it is
    // damped (Levenberg) until it is; the halving below still only takes steps that lower the objective.
    let solved = choleskySolve(H, g, n, step);
    if (!solved) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += Math.abs(H[i * n + i]!) / n;
      for (let damping = 1e-6 * (mean || 1); !solved && damping < 1e6 * (mean || 1); damping *= 100) {
        for (let i = 0; i < n; i++) H[i * n + i]! += damping;
        solved = choleskySolve(H, g, n, step);
      }
    }
    if (!solved) break;
    // θ ← θ − step, halved until the objective falls.
    let scale = 1;
    let accepted = false;
    for (let half = 0; half < 30 && !accepted; half++, scale /= 2) {
      for (let i = 0; i < n; i++) trial[i] = theta[i]! - scale * step[i]!;
      const value = objective(trial);
      if (value < current) {
        theta.set(trial);
        current = value;
        accepted = true;
      }
    }
    if (!accepted) break;
    moved = true;
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(step[i]!));
    // Newton converges quadratically here: a step this small leaves nothing the estimate could feel.
    if (largest < 1e-9) break;
  }
  if (!moved) return false;
  for (let mp = 0; mp < p.mps; mp++) {
    const s = slot[p.mpSession[mp]!]!;
    est.x[mp] = theta[s]! * est.x[mp]! + theta[sessions + s]!;
  }
  for (let k = 0; k < p.items; k++) {
    const s = slot[p.itemSession[k]!]!;
    const beta = est.beta[k]! / theta[s]!;
    est.beta[k] = beta;
    est.tau1[k]! += beta * theta[sessions + s]!;
    est.tau2[k]! += beta * theta[sessions + s]!;
  }
  return true;
}

/**
 * X's quadratic form Q (X = ½·θᵀQθ): each chain's first member-period contributes ½·(a·x + b)², each
 * link ½·precision·(a_s·x_q + b_s − a_t·x_p − b_t)² between the member-period q of session s and the
 * previous one p, of session t.
 */
function quadraticForm(p: Problem, x: Float64Array, slot: Int32Array, sessions: number): Float64Array {
  const n = 2 * sessions;
  const Q = new Float64Array(n * n);
  for (let c = 0; c + 1 < p.chainStart.length; c++) {
    const from = p.chainStart[c]!;
    const to = p.chainStart[c + 1]!;
    const first = p.chainMp[from]!;
    const s = slot[p.mpSession[first]!]!;
    const x0 = x[first]!;
    Q[s * n + s]! += x0 * x0;
    Q[s * n + sessions + s]! += x0;
    Q[(sessions + s) * n + s]! += x0;
    Q[(sessions + s) * n + sessions + s]! += 1;
    for (let q = from + 1; q < to; q++) {
      const prec = p.linkPrecision[q]!;
      const mp = p.chainMp[q]!;
      const previous = p.chainMp[q - 1]!;
      // The link's residual is v·θ, v = (x_q at a_s, 1 at b_s, −x_p at a_t, −1 at b_t): Q += prec·v·vᵀ.
      const as = slot[p.mpSession[mp]!]!;
      const at = slot[p.mpSession[previous]!]!;
      const rows = [as, sessions + as, at, sessions + at];
      const v = [x[mp]!, 1, -x[previous]!, -1];
      for (let i = 0; i < 4; i++) {
        const row = rows[i]! * n;
        const pv = prec * v[i]!;
        for (let j = 0; j < 4; j++) Q[row + rows[j]!]! += pv * v[j]!;
      }
    }
  }
  return Q;
}

/** out = A·v for the n×n row-major A. */
function multiply(A: Float64Array, v: Float64Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += A[row + j]! * v[j]!;
    out[i] = sum;
  }
}

/** Solves the symmetric positive definite system A·x = b (n×n, row-major) by Cholesky; false if it is not. */
function choleskySolve(A: Float64Array, b: Float64Array, n: number, x: Float64Array): boolean {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= L[j * n + k]! * L[j * n + k]!;
    if (!(d > 1e-300)) return false;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = A[i * n + j]!;
      for (let k = 0; k < j; k++) v -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = v / ljj;
    }
  }
  for (let i = 0; i < n; i++) {
    let v = b[i]!;
    for (let k = 0; k < i; k++) v -= L[i * n + k]! * x[k]!;
    x[i] = v / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = x[i]!;
    for (let k = i + 1; k < n; k++) v -= L[k * n + i]! * x[k]!;
    x[i] = v / L[i * n + i]!;
  }
  return true;
}
