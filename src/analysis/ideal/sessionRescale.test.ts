import { describe, expect, it } from "vitest";
import { matrixFromTable, syntheticRollCalls } from "../testing.js";
import { maskColumns, selectionMask } from "../selection.js";
import { Estimator } from "./estimator.js";
import { logLikOf } from "./likelihood.js";
import { buildProblem, type Problem } from "./problem.js";
import { rescaleSessions } from "./sessionRescale.js";

/**
 * 24 members over 5 sessions of 30 roll calls; in session 3 every member voted alike, so that session
 * has no contested roll call and no member-period. Votes from a hash, leaning with the member's rank.
 */
function problem(): Problem {
  const rollCalls = syntheticRollCalls(150).map((rc, k) => ({
    ...rc,
    session: String(1 + Math.floor(k / 30)),
  }));
  const table: Record<string, string> = {};
  for (let m = 0; m < 24; m++) {
    let row = "";
    for (let k = 0; k < 150; k++) {
      if (Math.floor(k / 30) === 2) {
        row += "Y";
        continue;
      }
      const hash = (Math.imul(m + 5, 2654435761) ^ Math.imul(k + 11, 40503)) >>> 0;
      const lean = (m / 24 - 0.5) * ((k % 7) - 3);
      row += hash % 5 === 0 ? "A" : lean + ((hash % 100) / 100 - 0.5) > 0 ? "Y" : "N";
    }
    table[`M${String(m).padStart(2, "0")}`] = row;
  }
  const matrix = matrixFromTable(table, rollCalls);
  const columns = maskColumns(selectionMask(matrix, {}));
  return buildProblem(matrix, columns, new Map(matrix.sessions.map((s, i) => [s, i])), true, 0.15);
}

/** An estimator a few rounds in, with every session's scale and location disturbed differently. */
function disturbed(p: Problem): Estimator {
  const est = new Estimator(p);
  for (let mp = 0; mp < p.mps; mp++) est.x[mp] = Math.sin(3 * mp);
  est.initItems();
  for (let round = 0; round < 3; round++) {
    est.updateItems();
    est.updateMembers();
  }
  // x → a_s·x + b_s with β and τ following: the likelihood is the same, the priors are not.
  for (let mp = 0; mp < p.mps; mp++)
    est.x[mp] = (1 + 0.3 * p.mpSession[mp]!) * est.x[mp]! + 0.2 * p.mpSession[mp]!;
  for (let k = 0; k < p.items; k++) {
    const a = 1 + 0.3 * p.itemSession[k]!;
    const b = 0.2 * p.itemSession[k]!;
    est.beta[k] = est.beta[k]! / a;
    est.tau1[k]! += est.beta[k]! * b;
    est.tau2[k]! += est.beta[k]! * b;
  }
  return est;
}

function logLikelihood(p: Problem, est: Estimator): number {
  let ll = 0;
  for (let k = 0; k < p.items; k++)
    for (let o = p.itemStart[k]!; o < p.itemStart[k + 1]!; o++)
      ll +=
        est.weight[k]! *
        logLikOf(est.beta[k]! * est.x[p.obsMp[o]!]!, est.tau1[k]!, est.tau2[k]!, p.obsCode[o]!);
  return ll;
}

describe("each session's scale set under the priors (rescaleSessions)", () => {
  it("leaves the likelihood as it was and raises the posterior, in the sessions that have member-periods", () => {
    const p = problem();
    expect(p.sessions).toBe(5);
    expect(new Set(p.mpSession).size).toBe(4);
    const est = disturbed(p);
    const ll = logLikelihood(p, est);
    const before = est.logPosterior();
    expect(rescaleSessions(p, est)).toBe(true);
    expect(logLikelihood(p, est)).toBeCloseTo(ll, 9);
    expect(est.logPosterior()).toBeGreaterThan(before + 1);
    for (const value of [...est.x, ...est.beta, ...est.tau1]) expect(Number.isFinite(value)).toBe(true);
  });

  it("is at its best afterwards: no session's own shift or scale raises the posterior further", () => {
    const p = problem();
    const est = disturbed(p);
    rescaleSessions(p, est);
    const best = est.logPosterior();
    const saved = est.snapshot();
    for (const session of new Set(p.mpSession)) {
      for (const [a, b] of [
        [1.01, 0],
        [0.99, 0],
        [1, 0.01],
        [1, -0.01],
      ] as const) {
        est.restore(saved);
        for (let mp = 0; mp < p.mps; mp++) if (p.mpSession[mp] === session) est.x[mp] = a * est.x[mp]! + b;
        for (let k = 0; k < p.items; k++) {
          if (p.itemSession[k] !== session) continue;
          est.beta[k] = est.beta[k]! / a;
          est.tau1[k]! += est.beta[k]! * b;
          est.tau2[k]! += est.beta[k]! * b;
        }
        expect(est.logPosterior()).toBeLessThan(best);
      }
    }
    est.restore(saved);
    // A second call finds (almost) nothing left to do.
    rescaleSessions(p, est);
    for (let mp = 0; mp < p.mps; mp++) expect(est.x[mp]).toBeCloseTo(saved[0]![mp]!, 8);
  });

  it("counts a roll call by its bootstrap weight, and one not drawn not at all", () => {
    const p = problem();
    const est = disturbed(p);
    for (let k = 0; k < p.items; k++) est.weight[k] = k % 3;
    const ll = logLikelihood(p, est);
    const before = est.logPosterior();
    rescaleSessions(p, est);
    expect(logLikelihood(p, est)).toBeCloseTo(ll, 9);
    expect(est.logPosterior()).toBeGreaterThan(before);
  });

  it("leaves a session none of whose roll calls counts as it is, and sets the others around it", () => {
    const p = problem();
    const est = disturbed(p);
    const left = p.itemSession[0]!;
    for (let k = 0; k < p.items; k++) if (p.itemSession[k] === left) est.weight[k] = 0;
    const before = est.snapshot();
    const posterior = est.logPosterior();
    expect(rescaleSessions(p, est)).toBe(true);
    let moved = 0;
    for (let mp = 0; mp < p.mps; mp++) {
      if (p.mpSession[mp] === left) expect(est.x[mp]).toBe(before[0]![mp]);
      else moved = Math.max(moved, Math.abs(est.x[mp]! - before[0]![mp]!));
    }
    expect(moved).toBeGreaterThan(0.01);
    expect(est.logPosterior()).toBeGreaterThan(posterior);
  });
});
