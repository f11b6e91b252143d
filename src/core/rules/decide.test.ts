import { describe, expect, it } from "vitest";
import { councilVotes as scVotes } from "../../test/seed.js";
import type { MemberVote } from "../vote.js";
import { decide, gaPasses, gaRequired } from "./index.js";

const GA_DATE = "2025-02-24";
/** A GA vote from counts alone (the official tally decides; no member is listed). */
const ga = (yes: number, no: number, abstain: number, importantQuestion: boolean | null = false) =>
  decide({
    body: "GA",
    date: GA_DATE,
    importantQuestion,
    votes: {},
    officialTally: { yes, no, abstain, nonVoting: null },
  });

describe("General Assembly majorities", () => {
  it("simple majority: yes > no", () => {
    expect(ga(100, 50, 20)).toMatchObject({
      outcome: "adopted",
      reason: "majority",
      majority: "simple",
      required: 76,
    });
    expect(ga(50, 51, 20)).toMatchObject({ outcome: "rejected", reason: "insufficient-votes" });
    expect(ga(1, 0, 150).outcome).toBe("adopted");
  });

  it("a tie is rejected (rule 95)", () => {
    const outcome = ga(60, 60, 10);
    expect(outcome).toMatchObject({ outcome: "rejected", reason: "tie" });
    expect(outcome.explanation).toContain("Rule 95: a tie (60–60) is rejected.");
  });

  it("nobody voting yes or no is rejected", () => {
    expect(ga(0, 0, 180)).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      share: null,
      required: 1,
    });
  });

  it("two-thirds: exactly two-thirds of those present and voting is enough", () => {
    expect(ga(74, 37, 0, true)).toMatchObject({ outcome: "adopted", required: 74, majority: "two-thirds" });
    expect(ga(73, 38, 0, true)).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      required: 74,
    });
    expect(ga(2, 1, 0, true).outcome).toBe("adopted");
    expect(ga(100, 51, 0, true).outcome).toBe("rejected");
    expect(ga(100, 50, 0, true).outcome).toBe("adopted");
  });

  it("required is the smallest yes count that passes for the same yes + no", () => {
    for (let pv = 0; pv <= 200; pv++) {
      for (const twoThirds of [false, true]) {
        const required = gaRequired(pv, twoThirds);
        if (required <= pv) expect(gaPasses(required, pv - required, twoThirds)).toBe(true);
        if (required - 1 >= 0 && required - 1 <= pv) {
          expect(gaPasses(required - 1, pv - required + 1, twoThirds)).toBe(false);
        }
      }
    }
  });

  it("says when the question was not marked important", () => {
    expect(ga(10, 5, 0, null).explanation[0]).toMatch(
      /^Art\. 18\(3\), rule 85: not marked as an important question/,
    );
  });

  it("counts a complete list of votes, the members not listed being non-voting", () => {
    const outcome = decide({ body: "GA", date: GA_DATE, votes: { USA: "Y", FRA: "Y", RUS: "N", CHN: "A" } });
    expect(outcome).toMatchObject({ outcome: "adopted", yes: 2, no: 1, abstain: 1, tallySource: "votes" });
    expect(outcome.nonVoting).toBeGreaterThanOrEqual(189);
  });

  it("Art. 19: a vote recorded for a member without a vote is not counted", () => {
    const outcome = decide(
      { body: "GA", date: GA_DATE, votes: { USA: "N", FRA: "Y", AFG: "Y", VEN: "N", RUS: "N" } },
      { noVote: ["VEN", "AFG"] },
    );
    expect(outcome).toMatchObject({ yes: 1, no: 2, outcome: "rejected" });
    expect(outcome.disregarded).toEqual([
      { member: "VEN", vote: "N", countedAs: "X", rule: "Art. 19" },
      { member: "AFG", vote: "Y", countedAs: "X", rule: "Art. 19" },
    ]);
    expect(outcome.explanation.filter((line) => line.startsWith("Art. 19:"))).toHaveLength(2);
  });

  it("Art. 19 applied to an official tally moves the listed member's vote out", () => {
    const outcome = decide(
      {
        body: "GA",
        date: GA_DATE,
        votes: { VEN: "N" },
        officialTally: { yes: 60, no: 60, abstain: 10, nonVoting: 63 },
      },
      { noVote: ["VEN"] },
    );
    expect(outcome).toMatchObject({ yes: 60, no: 59, nonVoting: 64, outcome: "adopted" });
  });
});

describe("Security Council majorities", () => {
  const date = "2025-02-24";

  it("9 affirmative votes and no permanent member against: adopted", () => {
    const votes = scVotes({ CHN: "A", FRA: "A", RUS: "A", GBR: "A", USA: "A", DZA: "A" });
    expect(decide({ body: "SC", date, votes })).toMatchObject({ outcome: "adopted", yes: 9, required: 9 });
  });

  it("a permanent member's no on a draft with 9 votes is a veto; several can veto together", () => {
    const outcome = decide({ body: "SC", date, votes: scVotes({ RUS: "N", USA: "N" }) });
    expect(outcome).toMatchObject({ outcome: "vetoed", reason: "veto", yes: 13, vetoedBy: ["RUS", "USA"] });
    expect(
      outcome.explanation.some((l) =>
        l.includes("Russia and the United States, permanent members, voted against"),
      ),
    ).toBe(true);
    expect(outcome.explanation.some((l) => l.startsWith("Res. 76/262:"))).toBe(true);
  });

  it("an elected member's no is not a veto", () => {
    expect(decide({ body: "SC", date, votes: scVotes({ DZA: "N", SOM: "N" }) }).outcome).toBe("adopted");
  });

  it("on a procedural question a permanent member's no is no veto (Art. 27(2))", () => {
    const outcome = decide({ body: "SC", date, procedural: true, votes: scVotes({ RUS: "N", CHN: "N" }) });
    expect(outcome).toMatchObject({
      outcome: "adopted",
      majority: "sc-procedural",
      vetoedBy: [],
      negativePermanent: ["CHN", "RUS"],
    });
    const short = decide({
      body: "SC",
      date,
      procedural: true,
      votes: scVotes({ RUS: "N", CHN: "N", USA: "N", DZA: "A", DNK: "A", GRC: "A", GUY: "A", PAK: "A" }),
    });
    expect(short).toMatchObject({ outcome: "rejected", reason: "insufficient-votes", yes: 7 });
  });

  it("fewer than 9 yes fails for lack of votes, permanent noes listed but not vetoes", () => {
    const votes = scVotes({ RUS: "N", CHN: "N" }, "A");
    votes.USA = "Y";
    const outcome = decide({ body: "SC", date, votes });
    expect(outcome).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      vetoedBy: [],
      negativePermanent: ["CHN", "RUS"],
    });
  });

  it("Art. 27(3): a party to the dispute's vote is not counted, so its no cannot veto", () => {
    const outcome = decide({ body: "SC", date, votes: scVotes({ RUS: "N" }) }, { partiesToDispute: ["RUS"] });
    expect(outcome.outcome).toBe("adopted");
    expect(outcome).toMatchObject({ yes: 14, no: 0, abstain: 1, vetoedBy: [], negativePermanent: [] });
    expect(outcome.disregarded).toEqual([{ member: "RUS", vote: "N", countedAs: "A", rule: "Art. 27(3)" }]);
    // A party's yes is not counted either: here it costs the draft its ninth vote.
    const nine = scVotes({ CHN: "A", FRA: "A", GBR: "A", USA: "A", DZA: "A", DNK: "A" });
    expect(decide({ body: "SC", date, votes: nine }, { partiesToDispute: ["PAN"] })).toMatchObject({
      outcome: "rejected",
      yes: 8,
    });
  });

  it("Art. 27(3)'s duty to abstain does not apply to procedural votes", () => {
    const outcome = decide(
      { body: "SC", date, procedural: true, votes: scVotes({ RUS: "N" }) },
      { partiesToDispute: ["RUS"] },
    );
    expect(outcome.disregarded).toEqual([]);
    expect(outcome.no).toBe(1);
  });

  it("an official tally decides when the list is partial, if the permanent members' votes are known", () => {
    const outcome = decide({
      body: "SC",
      date,
      votes: { CHN: "Y", FRA: "A", RUS: "Y", GBR: "A", USA: "Y" },
      officialTally: { yes: 10, no: 0, abstain: 5, nonVoting: 0 },
    });
    expect(outcome).toMatchObject({ outcome: "adopted", tallySource: "official", yes: 10 });
    expect(() =>
      decide({
        body: "SC",
        date,
        votes: { CHN: "Y", FRA: "A" },
        officialTally: { yes: 12, no: 2, abstain: 1, nonVoting: 0 },
      }),
    ).toThrow(expect.objectContaining({ code: "BAD_INPUT", field: "votes" }));
  });
});

describe("bad input", () => {
  it("an unknown member is UNKNOWN_MEMBER", () => {
    expect(() => decide({ body: "GA", date: GA_DATE, votes: { XYZ: "Y" } })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_MEMBER" }),
    );
    expect(() => decide({ body: "SC", date: GA_DATE, votes: { XYZ: "Y" } })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_MEMBER" }),
    );
  });

  it("an Assembly vote by a state not a member that day is refused", () => {
    // South Sudan joined on 14 July 2011.
    expect(() => decide({ body: "GA", date: "2005-01-10", votes: { SSD: "Y" } })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_MEMBER" }),
    );
  });

  it("a Council vote by a member not on the Council that day is NOT_A_COUNCIL_MEMBER", () => {
    expect(() => decide({ body: "SC", date: GA_DATE, votes: { ...scVotes({}), DEU: "Y" } })).toThrow(
      expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }),
    );
  });

  it("a member listed twice in a list of pairs is DUPLICATE_MEMBER", () => {
    const pairs: [string, MemberVote][] = [
      ["USA", "Y"],
      ["FRA", "Y"],
      ["usa", "N"],
    ];
    expect(() => decide({ body: "SC", date: GA_DATE, votes: pairs })).toThrow(
      expect.objectContaining({ code: "DUPLICATE_MEMBER" }),
    );
  });

  it("malformed votes, bodies, dates and tallies are BAD_INPUT", () => {
    const bad = [
      { body: "ECOSOC", date: GA_DATE, votes: {} },
      { body: "GA", date: "24/02/2025", votes: {} },
      { body: "GA", date: GA_DATE, votes: { USA: "yes" } },
      { body: "GA", date: GA_DATE, votes: "USA:Y" },
      { body: "GA", date: GA_DATE, votes: {}, officialTally: { yes: -1, no: 0 } },
      { body: "GA", date: GA_DATE, votes: { USA: "N", FRA: "N" }, officialTally: { yes: 10, no: 1 } },
      { body: "GA", date: GA_DATE, votes: {}, officialTally: { yes: 150, no: 50 } },
      { body: "SC", date: "2030-01-01", votes: {} },
    ];
    for (const input of bad) {
      expect(() => decide(input as never), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code: "BAD_INPUT" }),
      );
    }
  });
});
