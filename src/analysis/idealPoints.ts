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
 *   posterior, else checked and halved; (3) each session's shift and scale (an affine map of its
 *   ideal points, its roll calls' β and τ following, which leaves the likelihood unchanged) set to
 *   their best values under the priors, all sessions at once (ideal/sessionRescale.ts). Started from
 *   the first principal component of the centred votes; every step over-relaxed by 1.5
 *   (ideal/estimator.ts: RELAXATION) before the checks. Stops when no estimate moves by more than
 *   `tolerance` (default 1e-3) in a
 *   round, or after `maxIterations` (default 200).
 * - reported scale: mean 0 and standard deviation 1 over all member-sessions estimated together; sign
 *   such that `positive` (default USA) has a positive mean.
 * - standard errors: from the curvature of the posterior of the member's chain at the estimate (the
 *   diagonal of the inverse of its negative Hessian), roll call parameters held fixed — they understate
 *   the uncertainty somewhat; and, with `bootstrap`, from resampling the roll calls (ideal/bootstrap.ts).
 *
 * The method in full, with what was checked: docs/analytics.md. The code: ideal/ (the likelihood, the
 * problem's layout, the estimator, its rounds, the passes on one or two threads, the bootstrap).
 */
import { PlenaryError } from "../core/errors.js";
import type { VoteMatrix } from "./matrix.js";
import { MIN_ROLL_CALLS, smallSample } from "./minimums.js";
import { maskColumns, selectionKey, selectionMask, type Selection } from "./selection.js";
import { bootstrapStandardErrors, DEFAULT_ROUNDS } from "./ideal/bootstrap.js";
import { converge } from "./ideal/converge.js";
import { createPasses, defaultThreads, mayUseTwoThreads, startWorker } from "./ideal/parallel.js";
import { buildProblem, principalComponent, type Problem } from "./ideal/problem.js";

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
  /** Bootstrap standard errors over roll calls: how many replicates, from which seed. */
  bootstrap?: { replicates: number; seed: number; rounds?: number };
  /** Threads for a large problem (default 2 where there are two cores). The result is the same. */
  threads?: 1 | 2;
  /** Progress, for a progress bar: the estimate's share of the way to convergence, then replicates. */
  onProgress?: (progress: IdealPointsProgress) => void;
}

export type IdealPointsProgress =
  { phase: "estimate"; fraction: number } | { phase: "bootstrap"; done: number; total: number };

export interface IdealPoint {
  member: string;
  session: string;
  estimate: number;
  se: number;
  /** The bootstrap standard error (null when no bootstrap was asked for). */
  bootstrapSe: number | null;
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
  /** The bootstrap behind `bootstrapSe`, or null. */
  bootstrap: { replicates: number; seed: number; rounds: number } | null;
}

const resultCache = new WeakMap<VoteMatrix, Map<string, IdealPointsResult>>();

/** One-dimensional ideal points per member per session (see the top of this file for the model). */
export function idealPoints(matrix: VoteMatrix, options: IdealPointsOptions = {}): IdealPointsResult {
  if (options.cache === false) return estimate(matrix, options);
  const { cache: _cache, threads: _threads, onProgress: _onProgress, ...rest } = options;
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
  // The second thread, if there may be one, boots while this one lays the problem out.
  const twoThreads =
    options.threads === 2 ||
    (options.threads === undefined && mayUseTwoThreads(columns.length * matrix.members.length));
  const started = twoThreads ? startWorker() : null;
  let problem: Problem;
  let pc: Float64Array;
  try {
    problem = buildProblem(matrix, columns, sessionIndexOf, dynamic, omega);
    // Start: the first principal component, one value per member.
    pc = principalComponent(problem, matrix.members.length);
  } catch (error) {
    void started?.worker.terminate();
    throw error;
  }
  const passes = createPasses(problem, options.threads ?? defaultThreads(problem), started);
  try {
    const est = passes.estimator;
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
    // One pass fits the roll calls to the start before the ideal points move (three passes were taken
    // before each session's scale was set every round; the whole record takes as many rounds either way).
    passes.updateItems();
    const { iterations, converged } = converge(passes, {
      maxIterations,
      tolerance,
      ...(options.onProgress
        ? { onRound: (fraction: number) => options.onProgress!({ phase: "estimate", fraction }) }
        : {}),
    });
    // The reported log posterior, summed in its usual order (the same bits on one thread or two).
    const logPost = est.logPosterior();
    orient();
    const start = est.snapshot();
    const rawSe = est.standardErrors();
    // Report on a common scale: mean 0 and standard deviation 1 over all member-sessions.
    const sd = est.normalise();
    const estimates = Float64Array.from(est.x);
    const bootstrap = options.bootstrap ? { rounds: DEFAULT_ROUNDS, ...options.bootstrap } : null;
    const bootstrapSe = bootstrap
      ? bootstrapStandardErrors(
          passes,
          start,
          () => {
            orient();
            est.normalise();
          },
          {
            ...bootstrap,
            ...(options.onProgress
              ? { onReplicate: (done, total) => options.onProgress!({ phase: "bootstrap", done, total }) }
              : {}),
          },
        )
      : null;
    const points: IdealPoint[] = [];
    for (let mp = 0; mp < problem.mps; mp++) {
      points.push({
        member: matrix.members[problem.mpRow[mp]!]!,
        session: sessions[problem.mpSession[mp]!]!,
        estimate: estimates[mp]!,
        se: rawSe[mp]! / sd,
        bootstrapSe: bootstrapSe ? bootstrapSe[mp]! : null,
        votes: problem.mpStart[mp + 1]! - problem.mpStart[mp]!,
        smallSample: smallSample(problem.mpStart[mp + 1]! - problem.mpStart[mp]!),
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
      bootstrap,
    };
  } finally {
    passes.close();
  }
}
