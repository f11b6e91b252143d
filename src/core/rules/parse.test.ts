import { describe, expect, it } from "vitest";
import { decide, parseOutcomeInput } from "./index.js";
import { findDuplicateKey } from "./parse.js";

const S_RES_2774 = {
  body: "SC",
  date: "2025-02-24",
  procedural: false,
  importantQuestion: null,
  votes: {
    Algeria: "Y", China: "yes", GY: "Y", Pakistan: "Y", PAN: "Y", "Republic of Korea": "Y",
    "Russian Federation": "Y", "Sierra Leone": "Y", Somalia: "Y", "United States of America": "Y",
    Denmark: "A", France: "abstain", GRC: "A", Slovenia: "A", GB: "A",
  },
}; // prettier-ignore

describe("parseOutcomeInput", () => {
  it("reads members by any code or name and votes in words", () => {
    const { rollCall, context } = parseOutcomeInput(JSON.stringify(S_RES_2774));
    expect(rollCall.votes.get("CHN")).toBe("Y");
    expect(rollCall.votes.get("GUY")).toBe("Y");
    expect(rollCall.votes.get("FRA")).toBe("A");
    expect(rollCall.votes.get("GBR")).toBe("A");
    expect(rollCall.votes.size).toBe(15);
    expect(context).toEqual({ noVote: [], partiesToDispute: [] });
    expect(decide(rollCall, context)).toMatchObject({ outcome: "adopted", yes: 10, abstain: 5 });
  });

  it("reads names as of the date: China in 1971 before 25 October is the Republic of China", () => {
    const { rollCall } = parseOutcomeInput({
      body: "sc",
      date: "1971-10-01",
      votes: { China: "N", USSR: "Y" },
    });
    expect([...rollCall.votes.keys()]).toEqual(["TWN", "RUS"]);
    const later = parseOutcomeInput({ body: "SC", date: "1971-11-15", votes: { China: "N" } });
    expect([...later.rollCall.votes.keys()]).toEqual(["CHN"]);
  });

  it("accepts votes as a list of pairs or of objects, and the context lists", () => {
    const { rollCall, context } = parseOutcomeInput({
      body: "SC",
      date: "2025-02-24",
      votes: [["USA", "Y"], { member: "Russia", vote: "N" }],
      partiesToDispute: ["Russia"],
      officialTally: { yes: 1, no: 1, abstain: null },
    });
    expect([...rollCall.votes]).toEqual([
      ["USA", "Y"],
      ["RUS", "N"],
    ]);
    expect(context.partiesToDispute).toEqual(["RUS"]);
    expect(rollCall.officialTally).toEqual({ yes: 1, no: 1, abstain: null, nonVoting: null });
  });

  it("two keys naming the same member are DUPLICATE_MEMBER", () => {
    const json = JSON.stringify({
      body: "GA",
      date: "2025-02-24",
      votes: { USA: "N", France: "Y", FRA: "A" },
    });
    expect(() => parseOutcomeInput(json)).toThrow(
      expect.objectContaining({ code: "DUPLICATE_MEMBER", field: "votes.FRA" }),
    );
    expect(() =>
      parseOutcomeInput({
        body: "GA",
        date: "2025-02-24",
        votes: [
          ["USA", "N"],
          ["United States", "Y"],
        ],
      }),
    ).toThrow(expect.objectContaining({ code: "DUPLICATE_MEMBER" }));
  });

  it("the same key twice in the JSON text is DUPLICATE_MEMBER, not silently the last one", () => {
    const json = '{"body":"GA","date":"2025-02-24","votes":{"USA":"N","FRA":"Y","USA":"Y"}}';
    expect(() => parseOutcomeInput(json)).toThrow(
      expect.objectContaining({ code: "DUPLICATE_MEMBER", field: "votes.USA" }),
    );
    expect(() => parseOutcomeInput('{"body":"GA","body":"SC","date":"2025-02-24","votes":{}}')).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", field: "body" }),
    );
  });

  it("finds duplicate keys only within one object, escapes included", () => {
    expect(findDuplicateKey('{"a":{"x":1},"b":{"x":2},"c":["x","x"]}')).toBeNull();
    expect(findDuplicateKey('{"a":{"x\\"y":1,"x\\"y":2}}')).toEqual({ path: ["a"], key: 'x"y' });
    expect(findDuplicateKey('{"s":"{\\"k\\":1,\\"k\\":2}"}')).toBeNull();
  });

  it("an unknown member is UNKNOWN_MEMBER with suggestions and the field", () => {
    try {
      parseOutcomeInput({ body: "GA", date: "2025-02-24", votes: { Frnace: "Y" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "UNKNOWN_MEMBER", field: "votes.Frnace" });
      expect((error as { suggestions: string[] }).suggestions).toContain("France");
    }
  });

  it("malformed requests are BAD_INPUT", () => {
    const bad: unknown[] = [
      "{not json",
      "[]",
      { body: "GA", date: "2025-02-24" },
      { body: "UNSC", date: "2025-02-24", votes: {} },
      { body: "GA", date: "2025-2-24", votes: {} },
      { body: "GA", date: "2025-02-24", votes: { USA: "maybe" } },
      { body: "GA", date: "2025-02-24", votes: { USA: 1 } },
      { body: "GA", date: "2025-02-24", votes: "USA" },
      { body: "GA", date: "2025-02-24", votes: [["USA"]] },
      { body: "GA", date: "2025-02-24", votes: {}, procedural: "no" },
      { body: "GA", date: "2025-02-24", votes: {}, importantQuestion: 1 },
      { body: "GA", date: "2025-02-24", votes: {}, officialTally: { yes: 1.5 } },
      { body: "GA", date: "2025-02-24", votes: {}, officialTally: { ayes: 1 } },
      { body: "GA", date: "2025-02-24", votes: {}, noVote: "VEN" },
      { body: "GA", date: "2025-02-24", votes: {}, outcome: "adopted" },
    ];
    for (const input of bad) {
      expect(() => parseOutcomeInput(input), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code: "BAD_INPUT" }),
      );
    }
  });

  it("leaves membership checks to decide: a non-Council member parses, then is refused", () => {
    const { rollCall } = parseOutcomeInput({ body: "SC", date: "2025-02-24", votes: { Germany: "Y" } });
    expect(() => decide(rollCall)).toThrow(expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }));
  });
});
