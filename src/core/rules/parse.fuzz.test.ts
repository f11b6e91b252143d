import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide, parseOutcomeInput } from "./index.js";
import { isPlenaryError } from "../errors.js";
import { fuzzParameters } from "../../test/fuzz.js";
import { COUNCIL_2025 } from "../../test/seed.js";

/** The Council of 2025, a member outside it, and codes that are no member at all. */
const CODES = [...COUNCIL_2025, "DEU", "Narnia", "", "__proto__", "constructor"];

function expectCleanError(error: unknown) {
  expect(isPlenaryError(error), String(error)).toBe(true);
}

describe("outcome input on hostile JSON (fuzz)", () => {
  it("any text is decided or refused with a typed error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), (text) => {
        try {
          const request = parseOutcomeInput(text);
          decide(request.rollCall, request.context);
        } catch (error) {
          expectCleanError(error);
        }
      }),
      fuzzParameters(),
    );
  });

  it("vote-shaped objects with wrong types, unknown members, bad dates: decided or typed error", () => {
    const input = fc.record(
      {
        body: fc.oneof(fc.constantFrom("GA", "SC", "ga", "XX"), fc.anything()),
        date: fc.oneof(
          fc.constantFrom("2025-02-24", "1950-06-27", "1971-10-26", "2025-02-30", "1900-01-01", "2025-2-4"),
          fc.anything(),
        ),
        procedural: fc.oneof(fc.boolean(), fc.anything()),
        importantQuestion: fc.oneof(fc.boolean(), fc.constant(null), fc.anything()),
        votes: fc.oneof(
          fc.dictionary(
            fc.constantFrom(...CODES),
            fc.oneof(fc.constantFrom("Y", "N", "A", "X", "yes", "maybe"), fc.anything()),
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (value) => {
        try {
          const request = parseOutcomeInput(value);
          const outcome = decide(request.rollCall, request.context);
          expect(["adopted", "rejected", "vetoed"]).toContain(outcome.outcome);
        } catch (error) {
          expectCleanError(error);
        }
      }),
      fuzzParameters(),
    );
  });
});
