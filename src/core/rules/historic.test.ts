/** Council votes of the 11-member era and across the change of China's seat in 1971. */
import { describe, expect, it } from "vitest";
import type { MemberVote } from "../vote.js";
import { decide, whatIf } from "./index.js";

describe("the Korea resolutions of 1950", () => {
  /**
   * S/RES/83 of 27 June 1950 (S/1511): adopted by 7 votes to 1 (Yugoslavia); Egypt and India did not
   * participate in the voting; the USSR was absent (boycotting the Council since January 1950).
   * Source: UN Security Council Official Records, 5th year, 474th meeting; the resolution's text as
   * published in S/INF and the UN Digital Library.
   */
  const S_RES_83: Record<string, MemberVote> = {
    USA: "Y", GBR: "Y", FRA: "Y", TWN: "Y", CUB: "Y", ECU: "Y", NOR: "Y",
    YUG: "N",
    EGY: "X", IND: "X",
    // RUS (the USSR): absent, not listed.
  }; // prettier-ignore

  it("S/RES/83 is adopted with 7 of 11 while the USSR is absent: absence is not a veto", () => {
    const outcome = decide({ body: "SC", date: "1950-06-27", votes: S_RES_83 });
    expect(outcome.outcome).toBe("adopted");
    expect(outcome).toMatchObject({ yes: 7, no: 1, abstain: 0, nonVoting: 3, required: 7 });
    expect(outcome.nonVotingPermanent).toEqual(["RUS"]);
    expect(
      outcome.explanation.some((line) => /Namibia.*the absence of the Soviet Union is not a veto/.test(line)),
    ).toBe(true);
    expect(outcome.explanation[0]).toContain("the Council has 11 members");
  });

  it("with one vote fewer it would have failed; had the USSR been present and voted no it would have been vetoed", () => {
    const result = whatIf({ body: "SC", date: "1950-06-27", votes: S_RES_83 });
    expect(result.margin).toBe(0);
    const ussr = result.permanentMembers.find((effect) => effect.member === "RUS")!;
    expect(ussr.vote).toBe("X");
    expect(ussr.ifVoted.N).toBe("vetoed");
    expect(ussr.sentence).toBe(
      "The Soviet Union's absence did not change the result; a no would have vetoed it.",
    );
    // Each of the seven yes votes was pivotal.
    const pivotalYes = new Set(result.pivotal.filter((p) => p.from === "Y").map((p) => p.member));
    expect(pivotalYes).toEqual(new Set(["USA", "GBR", "FRA", "TWN", "CUB", "ECU", "NOR"]));
  });
});

describe("1960: a Council of 11 needing 7", () => {
  /**
   * S/RES/143 of 14 July 1960 (the Congo): adopted by 8 votes to none, with 3 abstentions (China, France,
   * the United Kingdom). Council of 1960: Argentina, Ceylon, Ecuador, Italy, Poland, Tunisia elected.
   */
  const S_RES_143: Record<string, MemberVote> = {
    ARG: "Y", LKA: "Y", ECU: "Y", ITA: "Y", POL: "Y", TUN: "Y", USA: "Y", RUS: "Y",
    TWN: "A", FRA: "A", GBR: "A",
  }; // prettier-ignore

  it("S/RES/143 passes 8–0–3 against a threshold of 7", () => {
    const outcome = decide({ body: "SC", date: "1960-07-14", votes: S_RES_143 });
    expect(outcome).toMatchObject({ outcome: "adopted", yes: 8, no: 0, abstain: 3, required: 7 });
    expect(outcome.abstainingPermanent).toEqual(["TWN", "FRA", "GBR"]);
  });

  it("6 yes would not have been enough in 1960, 7 would", () => {
    const six = { ...S_RES_143, ARG: "A" as MemberVote, LKA: "A" as MemberVote };
    expect(decide({ body: "SC", date: "1960-07-14", votes: six })).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      required: 7,
    });
    const seven = { ...S_RES_143, ARG: "A" as MemberVote };
    expect(decide({ body: "SC", date: "1960-07-14", votes: seven }).outcome).toBe("adopted");
  });

  it("a 1960 vote by a member not on the Council that year is refused", () => {
    expect(() => decide({ body: "SC", date: "1960-07-14", votes: { ...S_RES_143, JPN: "Y" } })).toThrow(
      expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }),
    );
  });
});

describe("China's seat in 1971", () => {
  // Council of 1971: Argentina, Belgium, Burundi, Italy, Japan, Nicaragua, Poland, Sierra Leone, Somalia, Syria.
  const ELECTED_YES = ["ARG", "BEL", "BDI", "ITA", "JPN", "NIC", "POL", "SLE", "SOM"];
  const votes = (china: string): Record<string, MemberVote> => ({
    ...Object.fromEntries(ELECTED_YES.map((id) => [id, "Y" as MemberVote])),
    [china]: "N",
  });

  it("on 1971-10-01 the Republic of China (TWN) sits as a permanent member: its no is a veto", () => {
    const outcome = decide({ body: "SC", date: "1971-10-01", votes: votes("TWN") });
    expect(outcome.outcome).toBe("vetoed");
    expect(outcome.vetoedBy).toEqual(["TWN"]);
    expect(outcome.vetoInitiativeDeadline).toBeNull(); // before res. 76/262
  });

  it("on 1971-11-15 TWN is not a Council member; the People's Republic (CHN) is permanent", () => {
    expect(() => decide({ body: "SC", date: "1971-11-15", votes: votes("TWN") })).toThrow(
      expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }),
    );
    expect(decide({ body: "SC", date: "1971-11-15", votes: votes("CHN") }).vetoedBy).toEqual(["CHN"]);
    expect(() => decide({ body: "SC", date: "1971-10-01", votes: votes("CHN") })).toThrow(
      expect.objectContaining({ code: "NOT_A_COUNCIL_MEMBER" }),
    );
  });
});

describe("the enlargement of 1966", () => {
  it("8 yes was enough on 1965-12-31 and not on 1966-01-01 (15 members, 9 required)", () => {
    // A hypothetical vote; only the threshold differs.
    const votes1965: Record<string, MemberVote> = {
      USA: "Y", GBR: "Y", FRA: "Y", RUS: "Y", TWN: "Y", BOL: "Y", CIV: "Y", MYS: "Y",
    }; // prettier-ignore
    expect(decide({ body: "SC", date: "1965-12-31", votes: votes1965 })).toMatchObject({
      outcome: "adopted",
      required: 7,
    });
    const votes1966: Record<string, MemberVote> = {
      USA: "Y", GBR: "Y", FRA: "Y", RUS: "Y", TWN: "Y", ARG: "Y", BGR: "Y", JPN: "Y",
    }; // prettier-ignore
    const outcome = decide({ body: "SC", date: "1966-01-01", votes: votes1966 });
    expect(outcome).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      required: 9,
      nonVoting: 7,
    });
  });
});
