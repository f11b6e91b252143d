import { describe, expect, it } from "vitest";
import { councilVotes as council } from "../../test/seed.js";
import type { MemberVote } from "../vote.js";
import { decide, redecide, whatIf } from "./index.js";

const DATE = "2025-02-24";
const ga = (yes: number, no: number, abstain: number, importantQuestion = false) => ({
  body: "GA" as const,
  date: DATE,
  importantQuestion,
  votes: {},
  officialTally: { yes, no, abstain, nonVoting: 193 - yes - no - abstain },
});

describe("whatIf in the Assembly", () => {
  it("an adopted simple-majority vote: margin and switches", () => {
    const result = whatIf(ga(100, 50, 20));
    expect(result).toMatchObject({
      adopted: true,
      margin: 24,
      toReject: { yesToNo: 25, yesToAbstain: 50 },
      toAdopt: null,
    });
    expect(result.sentences[1]).toBe("25 switches from yes to no would have rejected it.");
  });

  it("a rejected vote: more yes from abstainers and non-voters, or no → yes", () => {
    const result = whatIf(ga(60, 40, 50, true));
    expect(result.margin).toBe(-7);
    expect(result.toAdopt).toEqual({ moreYes: 20, noToYes: 7, fewest: 7, mustChange: [] });
    expect(result.sentences).toContain(
      "20 more yes votes from the abstainers or non-voting members would have adopted it.",
    );
    expect(result.sentences).toContain("7 switches from no to yes would have adopted it.");
  });

  it("the smallest changes really flip the result, and one fewer does not", () => {
    const rollCall = ga(60, 40, 50, true);
    const { toAdopt } = whatIf(rollCall);
    const check = (yes: number, no: number) =>
      decide({ ...rollCall, officialTally: { yes, no, abstain: 0, nonVoting: 0 } }).outcome;
    expect(check(60 + toAdopt!.moreYes!, 40)).toBe("adopted");
    expect(check(60 + toAdopt!.moreYes! - 1, 40)).toBe("rejected");
    expect(check(60 + toAdopt!.noToYes!, 40 - toAdopt!.noToYes!)).toBe("adopted");
    expect(check(60 + toAdopt!.noToYes! - 1, 40 - toAdopt!.noToYes! + 1)).toBe("rejected");
  });

  it("lists pivotal members when their votes are known", () => {
    const result = whatIf({ body: "GA", date: DATE, votes: { USA: "Y", FRA: "Y", RUS: "N" } });
    // 2–1: a yes voter switching to no (1–2), abstaining or not voting (1–1, a tie) rejects it.
    expect(result.pivotal.filter((p) => p.member === "USA").map((p) => p.to)).toEqual(["N", "A", "X"]);
    expect(result.pivotal.some((p) => p.member === "RUS")).toBe(false);
    expect(result.permanentMembers).toEqual([]);
  });
});

describe("whatIf in the Council", () => {
  it("a single veto: the vetoing member's no alone blocked it", () => {
    const result = whatIf({ body: "SC", date: DATE, votes: council({ CHN: "N", USA: "A" }) });
    expect(result.outcome.outcome).toBe("vetoed");
    expect(result.toAdopt).toEqual({ moreYes: null, noToYes: 1, fewest: 1, mustChange: ["CHN"] });
    const china = result.permanentMembers.find((e) => e.member === "CHN")!;
    expect(china).toMatchObject({ decisive: true, sentence: "China's no alone blocked it." });
    expect(result.permanentMembers.find((e) => e.member === "USA")!.sentence).toBe(
      "The United States' abstention did not change the result.",
    );
    expect(result.pivotal).toEqual([
      { member: "CHN", from: "N", to: "Y", outcome: "adopted" },
      { member: "CHN", from: "N", to: "A", outcome: "adopted" },
      { member: "CHN", from: "N", to: "X", outcome: "adopted" },
    ]);
  });

  it("two vetoes: neither alone", () => {
    const result = whatIf({ body: "SC", date: DATE, votes: council({ CHN: "N", RUS: "N" }) });
    expect(result.toAdopt!.fewest).toBe(2);
    expect(result.pivotal).toEqual([]);
    expect(result.permanentMembers.find((e) => e.member === "RUS")!.sentence).toBe(
      "Russia's no vetoed it, but not alone: China also voted no.",
    );
  });

  it("short of votes: how many more yes votes, and whether a permanent no would then veto", () => {
    const short = whatIf({
      body: "SC",
      date: DATE,
      votes: council({ DZA: "A", DNK: "A", GRC: "A", GUY: "A", PAK: "A", PAN: "A", KOR: "A" }),
    });
    expect(short.outcome).toMatchObject({ outcome: "rejected", yes: 8 });
    expect(short.toAdopt).toEqual({ moreYes: 1, noToYes: null, fewest: 1, mustChange: [] });
    expect(short.sentences).toContain("1 more yes vote would have adopted it.");
    const blocked = whatIf({
      body: "SC",
      date: DATE,
      votes: council({
        RUS: "N",
        DZA: "A",
        DNK: "A",
        GRC: "A",
        GUY: "A",
        PAK: "A",
        PAN: "A",
        KOR: "A",
        SLE: "A",
      }),
    });
    expect(blocked.outcome).toMatchObject({ outcome: "rejected", reason: "insufficient-votes", yes: 6 });
    expect(blocked.toAdopt).toEqual({ moreYes: null, noToYes: null, fewest: 3, mustChange: ["RUS"] });
    expect(blocked.sentences[0]).toBe(
      "3 more yes votes would have reached 9, but then the no of Russia would have been a veto.",
    );
    expect(blocked.permanentMembers.find((e) => e.member === "RUS")!.sentence).toBe(
      "Russia's no was not a veto: the draft lacked the required votes anyway.",
    );
  });

  it("a permanent no on a draft one vote short: its yes would have carried it", () => {
    const result = whatIf({
      body: "SC",
      date: DATE,
      votes: council({ RUS: "N", DZA: "A", DNK: "A", GRC: "A", GUY: "A", PAK: "A", PAN: "A" }),
    });
    expect(result.outcome).toMatchObject({ outcome: "rejected", yes: 8 });
    expect(result.permanentMembers.find((e) => e.member === "RUS")!.sentence).toBe(
      "Russia's no was not a veto, as the draft lacked votes, but its yes would have adopted it.",
    );
  });

  it("an adopted draft: any permanent member's no would have vetoed it", () => {
    const result = whatIf({ body: "SC", date: DATE, votes: council({}) });
    expect(result.toReject).toEqual({ yesToNo: 1, yesToAbstain: 7 });
    expect(result.sentences).toContain("Any permanent member voting no would have vetoed it.");
  });
});

describe("redecide", () => {
  it("decides again with votes changed", () => {
    const rollCall = { body: "SC" as const, date: DATE, votes: council({ CHN: "N" }) };
    expect(decide(rollCall).outcome).toBe("vetoed");
    expect(redecide(rollCall, { CHN: "A" }).outcome).toBe("adopted");
    expect(rollCall.votes.CHN).toBe("N"); // the input is not changed
  });

  it("moves an official tally with the changes of listed members", () => {
    const rollCall = { ...ga(60, 40, 50, true), votes: { USA: "N" as MemberVote } };
    const outcome = redecide(rollCall, { USA: "Y" });
    expect(outcome).toMatchObject({ yes: 61, no: 39, tallySource: "official" });
    expect(() => redecide(rollCall, { FRA: "Y" })).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });

  it("still validates the changed members", () => {
    expect(() => redecide({ body: "SC", date: DATE, votes: council({}) }, { DEU: "Y" })).toThrow(
      expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }),
    );
  });
});
