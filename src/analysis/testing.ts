/**
 * Small synthetic matrices for tests and examples: one string per member, one character per roll call
 * (`Y`, `N`, `A`, or `-` for no vote).
 */
import type { RollCallKind } from "../core/rollCall.js";
import { buildVoteMatrix, type MatrixRollCall, type VoteMatrix } from "./matrix.js";

export function syntheticRollCalls(
  count: number,
  overrides: Partial<MatrixRollCall>[] = [],
): MatrixRollCall[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    return {
      id: i + 1,
      body: "GA" as const,
      session: "1",
      date: day,
      kind: "resolution" as RollCallKind,
      importantVote: false,
      issues: [],
      complete: true,
      ...overrides[i],
    };
  });
}

/** A matrix from a table `{ member: "YN-A…" }`; roll calls get ids 1, 2, … unless given. */
export function matrixFromTable(table: Record<string, string>, rollCalls?: MatrixRollCall[]): VoteMatrix {
  const width = Math.max(0, ...Object.values(table).map((row) => row.length));
  const calls = rollCalls ?? syntheticRollCalls(width);
  const ids: number[] = [];
  const memberIndexes: number[] = [];
  const members = Object.keys(table);
  let values = "";
  members.forEach((member, m) => {
    const row = table[member]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[c]!;
      if (v === "-") continue;
      ids.push(calls[c]!.id);
      memberIndexes.push(m);
      values += v;
    }
  });
  // The dictionary form: every member is known to the matrix, even one that never voted.
  return buildVoteMatrix({
    rollCalls: calls,
    voteRollCallIds: ids,
    members,
    voteMemberIndexes: memberIndexes,
    voteValues: values,
  });
}

/** Pearson correlation of two series of the same length. */
export function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
