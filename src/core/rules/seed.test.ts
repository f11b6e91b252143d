/**
 * The votes of 24 February 2025 (see the project's reference notes on that day): the Assembly's
 * ES-11/7 and the Council's S/RES/2774 with the European amendments voted before it.
 */
import { describe, expect, it } from "vitest";
import type { MemberVote } from "../vote.js";
import { decide, decideSequence, whatIf } from "./index.js";

const DATE = "2025-02-24";

/** The 18 members that voted against ES-11/7, as reported; China abstained and Serbia voted in favour. */
const ES_11_7_AGAINST = [
  "BLR", "BFA", "BDI", "CAF", "PRK", "GNQ", "ERI", "HTI", "HUN",
  "ISR", "MLI", "MHL", "NIC", "NER", "PLW", "RUS", "SDN", "USA",
]; // prettier-ignore

const ES_11_7 = {
  body: "GA" as const,
  date: DATE,
  procedural: false,
  // A recommendation on international peace and security: an important question (Art. 18(2)).
  importantQuestion: true,
  votes: {
    ...Object.fromEntries(ES_11_7_AGAINST.map((id) => [id, "N" as MemberVote])),
    CHN: "A" as MemberVote,
    SRB: "Y" as MemberVote,
  },
  officialTally: { yes: 93, no: 18, abstain: 65, nonVoting: 17 },
};

/** S/RES/2774 (2025), as recorded. */
const S_RES_2774: Record<string, MemberVote> = {
  DZA: "Y", CHN: "Y", GUY: "Y", PAK: "Y", PAN: "Y", KOR: "Y", RUS: "Y", SLE: "Y", SOM: "Y", USA: "Y",
  DNK: "A", FRA: "A", GRC: "A", SVN: "A", GBR: "A",
}; // prettier-ignore

/**
 * The European amendment to the preamble of the US draft: 6 in favour, 1 against, 8 abstentions. Who voted
 * how is NOT in the reference facts: this assignment is a hypothetical, plausible one (the five European
 * members and the Republic of Korea in favour, the Russian Federation against, the United States — which
 * abstained on all amendments — and the others abstaining). The outcome depends only on the counts and on
 * whether the negative vote is a permanent member's, so both cases are tested.
 */
const PREAMBLE_AMENDMENT_HYPOTHETICAL: Record<string, MemberVote> = {
  DNK: "Y", FRA: "Y", GRC: "Y", SVN: "Y", GBR: "Y", KOR: "Y",
  RUS: "N",
  USA: "A", CHN: "A", DZA: "A", GUY: "A", PAK: "A", PAN: "A", SLE: "A", SOM: "A",
}; // prettier-ignore

/** The same counts with the negative vote cast by an elected member (Algeria) and Russia abstaining: also hypothetical. */
const PREAMBLE_AMENDMENT_ELECTED_NO: Record<string, MemberVote> = {
  ...PREAMBLE_AMENDMENT_HYPOTHETICAL,
  RUS: "A",
  DZA: "N",
};

/** A hypothetical amendment with 9 in favour and the Russian Federation against (the real tallies are unknown). */
const VETOED_AMENDMENT_HYPOTHETICAL: Record<string, MemberVote> = {
  DNK: "Y", FRA: "Y", GRC: "Y", SVN: "Y", GBR: "Y", KOR: "Y", GUY: "Y", PAN: "Y", SLE: "Y",
  RUS: "N",
  USA: "A", CHN: "A", DZA: "A", PAK: "A", SOM: "A",
}; // prettier-ignore

describe("A/RES/ES-11/7 (93–18–65)", () => {
  it("is adopted by two-thirds of the members present and voting: 93 of 111 = 83.8%", () => {
    const outcome = decide(ES_11_7);
    expect(outcome.outcome).toBe("adopted");
    expect(outcome.reason).toBe("majority");
    expect(outcome.majority).toBe("two-thirds");
    expect(outcome).toMatchObject({ yes: 93, no: 18, abstain: 65, nonVoting: 17, presentAndVoting: 111 });
    expect(outcome.required).toBe(74);
    expect(outcome.share).toBeCloseTo(93 / 111, 10);
    expect((outcome.share! * 100).toFixed(1)).toBe("83.8");
    expect(outcome.tallySource).toBe("official");
    expect(outcome.explanation.some((line) => line.startsWith("Rule 86: abstentions are not counted"))).toBe(
      true,
    );
    expect(outcome.explanation.some((line) => line.startsWith("Art. 18(2), rule 83"))).toBe(true);
  });

  it("had a margin of 19 over the 74 needed; 20 switches from yes to no would have rejected it", () => {
    const result = whatIf(ES_11_7);
    expect(result.margin).toBe(19);
    expect(result.toReject).toEqual({ yesToNo: 20, yesToAbstain: 58 });
    expect(result.sentences[0]).toBe(
      "93 of 111 members present and voting voted yes (83.8%); two-thirds needed 74: a margin of 19.",
    );
  });

  it("would also pass by a simple majority", () => {
    expect(decide(ES_11_7, { importantQuestion: false }).outcome).toBe("adopted");
  });
});

describe("S/RES/2774 (2025): 10–0–5", () => {
  const rollCall = { body: "SC" as const, date: DATE, procedural: false, votes: S_RES_2774 };

  it("is adopted with two permanent members abstaining", () => {
    const outcome = decide(rollCall);
    expect(outcome.outcome).toBe("adopted");
    expect(outcome.majority).toBe("sc-substantive");
    expect(outcome).toMatchObject({ yes: 10, no: 0, abstain: 5, nonVoting: 0, required: 9 });
    expect(outcome.abstainingPermanent).toEqual(["FRA", "GBR"]);
    expect(outcome.vetoedBy).toEqual([]);
    expect(
      outcome.explanation.some((line) => /Namibia.*France and the United Kingdom is not a veto/.test(line)),
    ).toBe(true);
  });

  it("agrees with its official tally", () => {
    const outcome = decide({ ...rollCall, officialTally: { yes: 10, no: 0, abstain: 5, nonVoting: 0 } });
    expect(outcome.outcome).toBe("adopted");
    expect(outcome.tallySource).toBe("votes");
  });

  it("had one vote to spare; the abstentions of France and the United Kingdom did not change the result", () => {
    const result = whatIf(rollCall);
    expect(result.margin).toBe(1);
    expect(result.toReject).toEqual({ yesToNo: 1, yesToAbstain: 2 });
    const france = result.permanentMembers.find((effect) => effect.member === "FRA")!;
    expect(france.ifVoted).toEqual({ Y: "adopted", N: "vetoed", A: "adopted", X: "adopted" });
    expect(france.sentence).toBe("France's abstention did not change the result; a no would have vetoed it.");
  });
});

describe("the amendments of 24 February 2025 in the Council", () => {
  it("the preamble amendment (6–1–8) failed for lack of votes, not by a veto, though its no was Russia's", () => {
    const outcome = decide({ body: "SC", date: DATE, votes: PREAMBLE_AMENDMENT_HYPOTHETICAL });
    expect(outcome).toMatchObject({ yes: 6, no: 1, abstain: 8 });
    expect(outcome.outcome).toBe("rejected");
    expect(outcome.reason).toBe("insufficient-votes");
    expect(outcome.vetoedBy).toEqual([]);
    expect(outcome.negativePermanent).toEqual(["RUS"]);
    expect(outcome.vetoInitiativeDeadline).toBeNull();
    expect(outcome.explanation).toContain(
      "Art. 27(3): 6 affirmative votes (9 required): the draft failed to obtain the required number of votes.",
    );
  });

  it("the preamble amendment fails the same way when the no is an elected member's", () => {
    const outcome = decide({ body: "SC", date: DATE, votes: PREAMBLE_AMENDMENT_ELECTED_NO });
    expect(outcome).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      yes: 6,
      no: 1,
      abstain: 8,
    });
    expect(outcome.negativePermanent).toEqual([]);
    expect(outcome.vetoedBy).toEqual([]);
  });

  it("an amendment with 9 in favour and Russia against is vetoed by Russia", () => {
    const outcome = decide({ body: "SC", date: DATE, votes: VETOED_AMENDMENT_HYPOTHETICAL });
    expect(outcome.outcome).toBe("vetoed");
    expect(outcome.reason).toBe("veto");
    expect(outcome.vetoedBy).toEqual(["RUS"]);
    expect(outcome.vetoInitiativeDeadline).toBe("2025-03-10");
    const result = whatIf({ body: "SC", date: DATE, votes: VETOED_AMENDMENT_HYPOTHETICAL });
    expect(result.permanentMembers.find((effect) => effect.member === "RUS")!.sentence).toBe(
      "Russia's no alone blocked it.",
    );
  });

  it("the evening in order: amendments first, then the text, which passes unamended", () => {
    const sequence = decideSequence({
      body: "SC",
      date: DATE,
      amendments: [
        { id: "EU-preamble", order: 1, votes: PREAMBLE_AMENDMENT_HYPOTHETICAL },
        { id: "EU-operative", order: 2, votes: VETOED_AMENDMENT_HYPOTHETICAL },
      ],
      text: { id: "S/2025/112", votes: S_RES_2774 },
    });
    expect(sequence.steps.map((step) => [step.id, step.outcome?.outcome])).toEqual([
      ["EU-preamble", "rejected"],
      ["EU-operative", "vetoed"],
      ["S/2025/112", "adopted"],
    ]);
    expect(sequence.fate).toBe("adopted");
    expect(sequence.amendedBy).toEqual([]);
  });
});
