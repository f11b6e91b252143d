import { describe, expect, it } from "vitest";
import { isPlenaryError } from "../core/errors.js";
import { buildVoteMatrix, type MatrixInput } from "./matrix.js";
import { maskColumns, selectionMask } from "./selection.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isPlenaryError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("buildVoteMatrix", () => {
  it("packs votes and reads them back, members sorted, columns in date order", () => {
    const rollCalls = syntheticRollCalls(3, [
      { date: "2001-01-03" },
      { date: "2001-01-01" },
      { date: "2001-01-02" },
    ]);
    const m = buildVoteMatrix({
      rollCalls,
      voteRollCallIds: [1, 2, 3, 1, 3],
      voteMemberIds: ["USA", "USA", "USA", "CAN", "CAN"],
      voteValues: "YNAXY",
    });
    expect(m.members).toEqual(["CAN", "USA"]);
    expect(m.rollCalls.map((rc) => rc.id)).toEqual([2, 3, 1]);
    expect(m.vote("USA", 1)).toBe("Y");
    expect(m.vote("USA", 2)).toBe("N");
    expect(m.vote("USA", 3)).toBe("A");
    expect(m.vote("CAN", 1)).toBe("X"); // X counts as not voting
    expect(m.vote("CAN", 3)).toBe("Y");
    expect(m.vote("CAN", 2)).toBe("X");
    expect(m.vote("FRA", 1)).toBe("X");
    expect(m.voteCount).toBe(4);
    expect(m.sessions).toEqual(["1"]);
  });

  it("accepts a member dictionary, Uint8Array votes and arrays of votes", () => {
    const rollCalls = syntheticRollCalls(2);
    const base = { rollCalls, voteRollCallIds: Int32Array.from([1, 2, 2]) };
    const a = buildVoteMatrix({
      ...base,
      members: ["B", "A"],
      voteMemberIndexes: [0, 0, 1],
      voteValues: Uint8Array.from([89, 78, 65]),
    });
    const b = buildVoteMatrix({ ...base, voteMemberIds: ["B", "B", "A"], voteValues: ["Y", "N", "A"] });
    for (const m of [a, b]) {
      expect(m.members).toEqual(["A", "B"]);
      expect([m.vote("B", 1), m.vote("B", 2), m.vote("A", 2), m.vote("A", 1)]).toEqual(["Y", "N", "A", "X"]);
    }
  });

  it("spans many words: votes past 64 roll calls land in the right place", () => {
    const n = 200;
    const row = Array.from({ length: n }, (_, i) => "YNA-"[i % 4]).join("");
    const m = matrixFromTable({ P: row });
    for (let i = 0; i < n; i++) {
      const expected = row[i] === "-" ? "X" : row[i];
      expect(m.vote("P", i + 1)).toBe(expected);
    }
    expect(m.words64).toBe(4);
    expect(m.activeFrom[0]).toBe(0);
    expect(m.activeTo[0]).toBe(4);
  });

  it("keeps an active range per member", () => {
    const m = matrixFromTable({
      Early: "Y".repeat(70) + "-".repeat(130),
      Late: "-".repeat(150) + "N".repeat(50),
    });
    expect([m.activeFrom[0], m.activeTo[0]]).toEqual([0, 2]);
    expect([m.activeFrom[1], m.activeTo[1]]).toEqual([2, 4]);
  });

  it("rejects malformed input with BAD_INPUT", () => {
    const rollCalls = syntheticRollCalls(2);
    const ok: MatrixInput = { rollCalls, voteRollCallIds: [1], voteMemberIds: ["A"], voteValues: "Y" };
    expect(codeOf(() => buildVoteMatrix(ok))).toBeUndefined();
    expect(codeOf(() => buildVoteMatrix({ ...ok, voteValues: "YN" }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...ok, voteMemberIds: ["A", "B"] }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...ok, voteRollCallIds: [9] }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...ok, voteValues: "?" }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...ok, voteMemberIds: undefined }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...ok, rollCalls: [...rollCalls, rollCalls[0]!] }))).toBe(
      "BAD_INPUT",
    );
    const twice = { rollCalls, voteRollCallIds: [1, 1], voteMemberIds: ["A", "A"] };
    expect(codeOf(() => buildVoteMatrix({ ...twice, voteValues: "YN" }))).toBe("BAD_INPUT");
    expect(codeOf(() => buildVoteMatrix({ ...twice, voteValues: "YY" }))).toBeUndefined(); // same vote twice
  });

  it("names unknown members and roll calls with their codes", () => {
    const m = matrixFromTable({ A: "Y" });
    expect(codeOf(() => m.requireMember("ZZZ"))).toBe("UNKNOWN_MEMBER");
    expect(codeOf(() => m.requireColumn(99))).toBe("UNKNOWN_ROLL_CALL");
  });
});

describe("selections", () => {
  const rollCalls = syntheticRollCalls(8, [
    {
      body: "GA",
      session: "10",
      date: "1990-01-05",
      kind: "resolution",
      issues: ["me"],
      importantVote: true,
    },
    { body: "GA", session: "10", date: "1990-02-05", kind: "amendment", issues: ["hr"] },
    { body: "GA", session: "11", date: "1991-01-05", kind: "paragraph", issues: ["me", "hr"] },
    {
      body: "GA",
      session: "11",
      date: "1991-03-05",
      kind: "resolution",
      importantVote: true,
      complete: false,
    },
    { body: "SC", session: null, date: "1991-04-01", kind: "draft", issues: ["me"] },
    { body: "GA", session: "ES-10", date: "1997-04-25", kind: "resolution", issues: ["me"] },
    { body: "GA", session: "12", date: "1992-01-05", kind: "motion" },
    { body: "SC", session: null, date: "1992-06-01", kind: "resolution", importantVote: true },
  ]);
  const m = buildVoteMatrix({ rollCalls, voteRollCallIds: [1], voteMemberIds: ["A"], voteValues: "Y" });
  const ids = (selection: Parameters<typeof selectionMask>[1]): number[] =>
    maskColumns(selectionMask(m, selection))
      .map((c) => m.rollCalls[c]!.id)
      .sort((a, b) => a - b);

  it("selects every roll call by default", () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(selectionMask(m, {}).count).toBe(8);
  });

  it("filters by each field", () => {
    expect(ids({ body: "SC" })).toEqual([5, 8]);
    expect(ids({ body: ["GA", "SC"] })).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids({ session: "11" })).toEqual([3, 4]);
    expect(ids({ sessions: ["10", "ES-10"] })).toEqual([1, 2, 6]);
    expect(ids({ from: "1991-01-01", to: "1991-12-31" })).toEqual([3, 4, 5]);
    expect(ids({ to: "1990-02-05" })).toEqual([1, 2]);
    expect(ids({ issue: "me" })).toEqual([1, 3, 5, 6]);
    expect(ids({ issues: ["hr"] })).toEqual([2, 3]);
    expect(ids({ importantOnly: true })).toEqual([1, 4, 8]);
    expect(ids({ excludeAmendments: true })).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(ids({ excludeParagraphs: true })).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(ids({ kinds: ["motion", "draft"] })).toEqual([5, 7]);
    expect(ids({ completeOnly: true })).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(ids({ rollCallIds: [2, 7, 99] })).toEqual([2, 7]);
  });

  it("composes filters (AND)", () => {
    expect(ids({ body: "GA", issue: "me", excludeParagraphs: true })).toEqual([1, 6]);
    expect(ids({ importantOnly: true, body: "GA", from: "1991-01-01" })).toEqual([4]);
    expect(ids({ session: "10", sessions: ["10", "11"] })).toEqual([1, 2]);
    expect(ids({ session: "12", sessions: ["10"] })).toEqual([]);
    expect(ids({ excludeAmendments: true, excludeParagraphs: true, body: "GA" })).toEqual([1, 4, 6, 7]);
  });

  it("rejects malformed dates", () => {
    expect(codeOf(() => selectionMask(m, { from: "1991" }))).toBe("BAD_INPUT");
  });

  it("caches masks by content", () => {
    expect(selectionMask(m, { sessions: ["11", "10"] })).toBe(selectionMask(m, { sessions: ["10", "11"] }));
  });
});
