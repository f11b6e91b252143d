/** Properties of the rules, checked with fast-check on a fixed seed and a bounded number of runs. */
import fc from "fast-check";
import { fuzzParameters } from "../../test/fuzz.js";
import { describe, expect, it } from "vitest";
import { councilOn } from "../council/index.js";
import { MEMBER_VOTES, type MemberVote } from "../vote.js";
import { decide, redecide, whatIf, type VoteDescription } from "./index.js";

/** 200 cases a property in `npm test` (the base budget of 300 × 2/3); `npm run fuzz` raises it. */
const RUNS = fuzzParameters(2 / 3);

/** Yes-heavy, so that drafts reach the threshold about half the time and permanent noes are common. */
const voteArb = fc.oneof(
  { arbitrary: fc.constant<MemberVote>("Y"), weight: 7 },
  { arbitrary: fc.constant<MemberVote>("N"), weight: 1 },
  { arbitrary: fc.constant<MemberVote>("A"), weight: 2 },
  { arbitrary: fc.constant<MemberVote>("X"), weight: 1 },
);

/** A Council roll call on some day 1946–2026 (both sides of the 1966 enlargement and of China's 1971 change). */
const councilRollCall = fc
  .record({
    year: fc.integer({ min: 1946, max: 2026 }),
    lateIn1971: fc.boolean(),
    procedural: fc.boolean(),
    votes: fc.array(voteArb, { minLength: 15, maxLength: 15 }),
  })
  .map(({ year, lateIn1971, procedural, votes }) => {
    const date = year === 1971 && lateIn1971 ? "1971-11-15" : `${year}-06-15`;
    const council = councilOn(date);
    const rollCall: VoteDescription = {
      body: "SC",
      date,
      procedural,
      votes: Object.fromEntries(council.members.map((id, i) => [id, votes[i]!])),
    };
    return { rollCall, council };
  });

/** An Assembly vote of 2025 given by its tally. */
const assemblyTally = fc
  .record({
    yes: fc.integer({ min: 0, max: 193 }),
    no: fc.integer({ min: 0, max: 193 }),
    abstain: fc.integer({ min: 0, max: 193 }),
    important: fc.boolean(),
  })
  .filter(({ yes, no, abstain }) => yes + no + abstain <= 192);

const ga = (yes: number, no: number, abstain: number, important: boolean) =>
  decide({
    body: "GA",
    date: "2025-02-24",
    importantQuestion: important,
    votes: {},
    officialTally: { yes, no, abstain, nonVoting: null },
  });

describe("properties of decide", () => {
  it("adding a yes never turns an adopted Council draft into a rejected one", () => {
    fc.assert(
      fc.property(councilRollCall, fc.nat(), ({ rollCall, council }, pick) => {
        const id = council.members[pick % council.members.length]!;
        const before = decide(rollCall);
        const after = redecide(rollCall, { [id]: "Y" });
        if (before.outcome === "adopted") expect(after.outcome).toBe("adopted");
        expect(after.yes).toBeGreaterThanOrEqual(before.yes);
      }),
      RUNS,
    );
  });

  it("adding a yes (from an abstainer, a non-voter or a no) never turns an adopted Assembly vote into a rejected one", () => {
    fc.assert(
      fc.property(
        assemblyTally,
        fc.constantFrom("abstain", "nonVoting", "no"),
        ({ yes, no, abstain, important }, from) => {
          if (from === "no" && no === 0) return;
          if (from === "abstain" && abstain === 0) return;
          const before = ga(yes, no, abstain, important);
          const after = ga(
            yes + 1,
            from === "no" ? no - 1 : no,
            from === "abstain" ? abstain - 1 : abstain,
            important,
          );
          if (before.outcome === "adopted") expect(after.outcome).toBe("adopted");
        },
      ),
      RUNS,
    );
  });

  it("a permanent member switching from abstention to no can only block", () => {
    fc.assert(
      fc.property(councilRollCall, fc.nat(), ({ rollCall, council }, pick) => {
        const id = council.permanent[pick % council.permanent.length]!;
        const abstaining = redecide(rollCall, { [id]: "A" });
        const against = redecide(rollCall, { [id]: "N" });
        if (against.outcome === "adopted") expect(abstaining.outcome).toBe("adopted");
        if (rollCall.procedural) expect(against.outcome).toBe(abstaining.outcome);
        else if (abstaining.outcome === "adopted")
          expect(against).toMatchObject({ outcome: "vetoed", vetoedBy: expect.arrayContaining([id]) });
      }),
      RUNS,
    );
  });

  it("a Council draft is vetoed exactly when it had the votes, was substantive and a permanent member voted no", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(councilRollCall, ({ rollCall, council }) => {
        const outcome = decide(rollCall);
        const negative = council.permanent.filter(
          (id) => (rollCall.votes as Record<string, MemberVote>)[id] === "N",
        );
        const vetoed = outcome.yes >= council.threshold && !rollCall.procedural && negative.length > 0;
        expect(outcome.outcome === "vetoed").toBe(vetoed);
        expect(outcome.vetoedBy).toEqual(vetoed ? negative : []);
        expect(outcome.negativePermanent).toEqual(negative);
        expect(outcome.required).toBe(rollCall.date < "1966-01-01" ? 7 : 9);
        expect(outcome.yes + outcome.no + outcome.abstain! + outcome.nonVoting!).toBe(council.size);
        seen.add(
          `${rollCall.procedural ? "procedural" : "substantive"} ${outcome.outcome} ${negative.length > 0}`,
        );
      }),
      RUNS,
    );
    // The generator reaches every case that matters, so the property is not vacuous.
    for (const kind of [
      "procedural adopted true",
      "substantive vetoed true",
      "substantive adopted false",
      "substantive rejected true",
    ]) {
      expect(seen).toContain(kind);
    }
  });

  it("a tie in the Assembly is always rejected", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 96 }),
        fc.integer({ min: 0, max: 1 }),
        fc.boolean(),
        (votes, abstain, important) => {
          const outcome = ga(votes, votes, abstain, important);
          expect(outcome.outcome).toBe("rejected");
          if (votes > 0) expect(outcome.reason).toBe("tie");
        },
      ),
      RUNS,
    );
  });

  it("Assembly outcomes do not depend on the number of abstentions", () => {
    fc.assert(
      fc.property(assemblyTally, fc.nat(), ({ yes, no, abstain, important }, other) => {
        const otherAbstain = other % (193 - yes - no);
        const a = ga(yes, no, abstain, important);
        const b = ga(yes, no, otherAbstain, important);
        expect([b.outcome, b.reason, b.required, b.share]).toEqual([
          a.outcome,
          a.reason,
          a.required,
          a.share,
        ]);
      }),
      RUNS,
    );
  });
});

describe("properties of whatIf", () => {
  it("every pivotal change flips the outcome, and the fewest changes to adopt are truly the fewest", () => {
    fc.assert(
      fc.property(councilRollCall, ({ rollCall, council }) => {
        const result = whatIf(rollCall);
        for (const change of result.pivotal) {
          const after = redecide(rollCall, { [change.member]: change.to });
          expect(after.outcome === "adopted").toBe(!result.adopted);
        }
        if (result.toAdopt && result.toAdopt.fewest !== null && result.toAdopt.fewest <= 2) {
          // Brute force: no smaller set of changes adopts it.
          const ids = council.members;
          const adoptsWith = (changes: Record<string, MemberVote>) =>
            redecide(rollCall, changes).outcome === "adopted";
          const single = ids.some((id) => MEMBER_VOTES.some((v) => adoptsWith({ [id]: v })));
          expect(single).toBe(result.toAdopt.fewest === 1);
        }
        if (result.toReject) {
          expect(result.toReject.yesToAbstain).toBe(result.outcome.yes - council.threshold + 1);
        }
      }),
      fuzzParameters(1 / 3),
    );
  });
});
