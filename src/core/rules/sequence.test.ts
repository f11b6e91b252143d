import { describe, expect, it } from "vitest";
import { councilVotes as council } from "../../test/seed.js";
import { decideSequence } from "./index.js";

const DATE = "2025-02-24";
const tally = (yes: number, no: number, abstain: number) => ({ yes, no, abstain, nonVoting: null });
/** Assembly steps are given by their official tallies; no member needs to be listed. */
const step = (id: string, yes: number, no: number, abstain = 0) => ({
  id,
  votes: {},
  officialTally: tally(yes, no, abstain),
});

describe("decideSequence", () => {
  it("votes amendments furthest removed first, then the text (rule 90)", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      importantQuestion: false,
      amendments: [
        { ...step("A1", 60, 70), remoteness: 1 },
        { ...step("A2", 80, 40), remoteness: 3 },
        { ...step("A3", 50, 50), remoteness: 2 },
      ],
      text: step("L.11", 93, 8, 73),
    });
    expect(result.steps.map((s) => s.id)).toEqual(["A2", "A3", "A1", "L.11"]);
    expect(result.steps.map((s) => s.outcome?.reason)).toEqual([
      "majority",
      "tie",
      "insufficient-votes",
      "majority",
    ]);
    expect(result.amendedBy).toEqual(["A2"]);
    expect(result.fate).toBe("adopted");
    expect(result.explanation[0]).toMatch(/^Rule 90: amendments are voted before the proposal/);
  });

  it("an explicit order wins; without order or remoteness several amendments are BAD_INPUT", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      amendments: [
        { ...step("B", 10, 5), order: 2, remoteness: 9 },
        { ...step("A", 10, 5), order: 1, remoteness: 0 },
      ],
      text: step("T", 10, 5),
    });
    expect(result.steps.map((s) => s.id)).toEqual(["A", "B", "T"]);
    expect(() =>
      decideSequence({
        body: "GA",
        date: DATE,
        amendments: [step("A", 1, 0), step("B", 1, 0)],
        text: step("T", 1, 0),
      }),
    ).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });

  it("on an important question amendments and parts need two-thirds (rule 84)", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      importantQuestion: true,
      amendments: [{ ...step("A1", 70, 40), remoteness: 1 }],
      paragraphs: [{ ...step("OP1", 60, 40), operative: true }],
      text: step("T", 100, 20),
    });
    expect(result.steps[0]!.outcome).toMatchObject({ majority: "two-thirds", outcome: "rejected" });
    expect(result.steps[1]!.outcome).toMatchObject({ majority: "two-thirds", outcome: "rejected" });
    expect(result.explanation).toContain(
      "Rule 84: amendments to a proposal on an important question need a two-thirds majority.",
    );
  });

  it("if every operative part is rejected, the proposal is rejected as a whole and the text not voted (rule 89)", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      paragraphs: [
        { ...step("PP1", 90, 10), operative: false },
        { ...step("OP1", 40, 60), operative: true },
        { ...step("OP2", 45, 45), operative: true },
      ],
      text: step("T", 90, 10),
    });
    expect(result.fate).toBe("rejected");
    expect(result.rejectedParagraphs).toEqual(["OP1", "OP2"]);
    expect(result.text).toBeNull();
    expect(result.steps.at(-1)).toMatchObject({ id: "T", status: "not-put-to-vote" });
    expect(result.explanation.at(-1)).toBe(
      "Rule 89: every operative part was rejected, so the proposal is rejected as a whole.",
    );
  });

  it("an operative part surviving keeps the text alive", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      paragraphs: [
        { ...step("OP1", 40, 60), operative: true },
        { ...step("OP2", 60, 40), operative: true },
      ],
      text: step("T", 90, 10),
    });
    expect(result).toMatchObject({ fate: "adopted", rejectedParagraphs: ["OP1"] });
  });

  it("an adopted amendment that excludes another means the other is not put to the vote (rule 90)", () => {
    const result = decideSequence({
      body: "GA",
      date: DATE,
      amendments: [
        { ...step("A1", 90, 10), order: 1, excludes: ["A2"] },
        { ...step("A2", 90, 10), order: 2 },
      ],
      text: step("T", 90, 10),
    });
    expect(result.steps[1]).toMatchObject({ id: "A2", status: "not-put-to-vote", outcome: null });
    expect(result.amendedBy).toEqual(["A1"]);
  });

  it("in the Council an amendment to a substantive draft can be vetoed; a procedural motion cannot", () => {
    const result = decideSequence({
      body: "SC",
      date: DATE,
      motions: [{ id: "postpone", votes: council({ RUS: "N", CHN: "N", USA: "N", DZA: "N" }, "A") }],
      amendments: [{ id: "A1", order: 1, votes: council({ RUS: "N" }) }],
      text: { id: "T", votes: council({}) },
    });
    expect(result.steps.map((s) => [s.id, s.outcome?.outcome, s.outcome?.majority])).toEqual([
      ["postpone", "rejected", "sc-procedural"],
      ["A1", "vetoed", "sc-substantive"],
      ["T", "adopted", "sc-substantive"],
    ]);
    expect(
      result.explanation.some((line) =>
        line.startsWith("Art. 27(3): an amendment to a non-procedural draft"),
      ),
    ).toBe(true);
  });

  it("an adopted motion to postpone ends the sequence", () => {
    const result = decideSequence({
      body: "SC",
      date: DATE,
      motions: [{ id: "postpone", votes: council({ RUS: "N" }) }],
      amendments: [{ id: "A1", order: 1, votes: council({}) }],
      text: { id: "T", votes: council({}) },
    });
    expect(result.fate).toBe("postponed");
    expect(result.steps.filter((s) => s.status === "not-put-to-vote").map((s) => s.id)).toEqual(["A1", "T"]);
  });

  it("refuses duplicate step ids and a missing final vote", () => {
    expect(() =>
      decideSequence({ body: "GA", date: DATE, amendments: [step("X", 1, 0)], text: step("X", 1, 0) }),
    ).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
    expect(() => decideSequence({ body: "GA", date: DATE, amendments: [step("A", 1, 0)] })).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", field: "text" }),
    );
  });
});
