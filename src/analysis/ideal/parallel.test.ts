import { describe, expect, it } from "vitest";
import { matrixFromTable, syntheticRollCalls } from "../testing.js";
import { maskColumns, selectionMask } from "../selection.js";
import { chunksOf, createPasses, startWorker } from "./parallel.js";
import { buildProblem } from "./problem.js";

/** A small problem: 30 members, 120 roll calls over 4 sessions, votes from a hash of (member, roll call). */
function problem() {
  const rollCalls = syntheticRollCalls(120).map((rc, k) => ({ ...rc, session: String(1 + (k % 4)) }));
  const table: Record<string, string> = {};
  for (let m = 0; m < 30; m++) {
    let row = "";
    for (let k = 0; k < 120; k++) {
      const hash = (Math.imul(m + 7, 2654435761) ^ Math.imul(k + 3, 40503)) >>> 0;
      row += "YNA"[hash % 3];
    }
    table[`M${String(m).padStart(2, "0")}`] = row;
  }
  const matrix = matrixFromTable(table, rollCalls);
  const columns = maskColumns(selectionMask(matrix, {}));
  return buildProblem(matrix, columns, new Map(matrix.sessions.map((s, i) => [s, i])), true, 0.15);
}

describe("the estimator's passes on two threads", () => {
  it.each([
    ["started with its problem", false],
    ["started before its problem was built", true],
  ])("run in a worker thread %s and give the same bits as one thread", (_, early) => {
    const started = early ? startWorker() : null;
    const p = problem();
    const one = createPasses(p, 1);
    const two = createPasses(p, 2, started);
    try {
      expect(two.threads).toBe(2);
      for (const passes of [one, two]) {
        const est = passes.estimator;
        for (let mp = 0; mp < p.mps; mp++) est.x[mp] = Math.sin(mp);
        est.initItems();
      }
      for (let round = 0; round < 5; round++) {
        for (const passes of [one, two]) {
          passes.updateItems();
          passes.updateMembers();
          passes.estimator.rescale();
        }
        expect(two.estimator.logPosterior()).toBe(one.estimator.logPosterior());
      }
      expect(Array.from(two.estimator.x)).toEqual(Array.from(one.estimator.x));
      expect(Array.from(two.estimator.beta)).toEqual(Array.from(one.estimator.beta));
    } finally {
      one.close();
      two.close();
    }
  });

  it("stop a worker started early when the problem gets one thread", async () => {
    const started = startWorker();
    const exited = new Promise<number>((resolve) => started.worker.once("exit", resolve));
    const passes = createPasses(problem(), 1, started);
    expect(passes.threads).toBe(1);
    await exited;
  });

  it("cut every pass into chunks that cover each roll call and each chain once, in order", () => {
    const p = problem();
    const { items, chains } = chunksOf(p);
    for (const [bounds, count] of [
      [items, p.items],
      [chains, p.chainStart.length - 1],
    ] as const) {
      expect(bounds[0]).toBe(0);
      expect(bounds[bounds.length - 1]).toBe(count);
      for (let i = 1; i < bounds.length; i++) expect(bounds[i]!).toBeGreaterThan(bounds[i - 1]!);
    }
    // About 1/64 of the votes each: many chunks for the threads to share, none empty.
    expect(items.length - 1).toBeGreaterThanOrEqual(32);
    expect(chains.length - 1).toBeGreaterThanOrEqual(15);
  });
});
