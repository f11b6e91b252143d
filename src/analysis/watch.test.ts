import { describe, expect, it } from "vitest";
import { latestVotes, pairTurns } from "./watch.js";
import { blocSplits } from "./blocs.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";

describe("latestVotes", () => {
  it("lists a member's Y, N and A votes newest first, skipping roll calls it did not vote on", () => {
    const m = matrixFromTable({ A: "YN-A-", B: "YYYYY" });
    expect(latestVotes(m, "A")).toEqual([
      { rollCallId: 4, vote: "A" },
      { rollCallId: 2, vote: "N" },
      { rollCallId: 1, vote: "Y" },
    ]);
    expect(latestVotes(m, "A", 2).map((v) => v.rollCallId)).toEqual([4, 2]);
    expect(latestVotes(m, "ZZZ")).toEqual([]);
  });
});

describe("pairTurns", () => {
  it("a split after a window of agreement, a joining after a window of disagreement (hand-computed)", () => {
    // Window 4. rc1–4 identical (agreement 1); rc5 differs → split (4/4 ≥ 0.75).
    // Window before rc6 = rc2–5: 3/4 = 0.75 ≥ 0.75 and rc6 differs → split.
    // rc7, rc8 differ; window before rc9 = rc5–8: 0/4 and rc9 identical → joined.
    // rc10: window rc6–9 = 1/4 = 0.25 ≤ 0.25 and identical → joined.
    const m = matrixFromTable({ A: "YYYY" + "YY" + "YY" + "YY", B: "YYYY" + "NA" + "NN" + "YY" });
    const turns = pairTurns(m, "A", "B", { window: 4 });
    expect(turns.map((t) => [t.rollCallId, t.kind, t.identical])).toEqual([
      [10, "joined", 1],
      [9, "joined", 0],
      [6, "split", 3],
      [5, "split", 4],
    ]);
    expect(turns[2]).toMatchObject({ a: "Y", b: "A", recentAgreement: 0.75, window: 4, body: "GA" });
  });

  it("counts only roll calls both voted on, and never before the window is full", () => {
    // B absent on rc2: the shared roll calls are rc1, rc3, rc4, rc5, rc6.
    const m = matrixFromTable({ A: "YYYYYN", B: "Y-YYYY" });
    expect(pairTurns(m, "A", "B", { window: 4 }).map((t) => t.rollCallId)).toEqual([6]);
    expect(pairTurns(m, "A", "B", { window: 5 })).toEqual([]);
  });

  it("keeps each body's window apart", () => {
    const rollCalls = syntheticRollCalls(6).map(
      (rc, i) => ({ ...rc, body: i % 2 ? "SC" : "GA" }) as typeof rc,
    );
    // GA (rc1, 3, 5): Y/Y, Y/Y, Y/N; SC (rc2, 4, 6): Y/N, Y/N, Y/Y.
    const m = matrixFromTable({ A: "YYYYYY", B: "YNYNNY" }, rollCalls);
    const turns = pairTurns(m, "A", "B", { window: 2 });
    expect(turns.map((t) => [t.rollCallId, t.body, t.kind])).toEqual([
      [6, "SC", "joined"],
      [5, "GA", "split"],
    ]);
  });
});

describe("blocSplits", () => {
  it("lists the roll calls where the bloc's voting members were not unanimous, newest first", () => {
    const m = matrixFromTable({ A: "YYYA-N", B: "YYN-YN", C: "YNA-NY", D: "NNNNNN" });
    const splits = blocSplits(m, ["A", "B", "C"]);
    // rc1 unanimous; rc4 one voter; rc2 Y Y N; rc3 Y N A (no plurality); rc5 Y N (tie); rc6 N N Y.
    expect(splits.map((s) => s.rollCallId)).toEqual([6, 5, 3, 2]);
    expect(splits[0]).toMatchObject({
      yes: 1,
      no: 2,
      abstain: 0,
      plurality: "N",
      minority: [{ id: "C", vote: "Y" }],
    });
    expect(splits[0]!.agreementIndex).toBeCloseTo(0.5, 12);
    expect(splits[2]!.plurality).toBeNull();
    expect(splits[2]!.minority.map((x) => x.id)).toEqual(["A", "B", "C"]);
    expect(blocSplits(m, ["A", "B", "C"], {}, 1)).toHaveLength(1);
  });

  it("counts a member only while it belongs to the bloc", () => {
    const rollCalls = syntheticRollCalls(2);
    const m = matrixFromTable({ A: "YY", B: "YN" }, rollCalls);
    const bloc = {
      id: "T",
      name: "Test",
      sources: [],
      members: [
        { id: "A", from: null, to: null },
        { id: "B", from: null, to: rollCalls[0]!.date },
      ],
    };
    expect(blocSplits(m, bloc)).toEqual([]);
  });
});
