import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allMembers, findMember, resolveMember, suggestMembers } from "./index.js";
import { isPlenaryError } from "../errors.js";
import { fuzzParameters } from "../../test/fuzz.js";

describe("member resolver on hostile input (fuzz)", () => {
  it("any string either resolves or throws UNKNOWN_MEMBER / BAD_INPUT — never anything else", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 80 }),
        fc.option(fc.date({ min: new Date("1945-10-24"), max: new Date("2026-12-31"), noInvalidDate: true })),
        (text, date) => {
          const options = date ? { date: date.toISOString().slice(0, 10) } : {};
          try {
            const member = resolveMember(text, options);
            expect(findMember(text, options)).toBe(member);
          } catch (error) {
            expect(isPlenaryError(error) && ["UNKNOWN_MEMBER", "BAD_INPUT"].includes(error.code)).toBe(true);
          }
          expect(suggestMembers(text).length).toBeLessThanOrEqual(5);
        },
      ),
      fuzzParameters(),
    );
  });

  it("every member's current names and codes resolve back to it whatever the case or spacing", () => {
    const names = allMembers().flatMap((m) =>
      [m.name, m.officialName, m.id].map((name) => [name, m.id] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom("upper", "lower", "spaced", "plain"),
        ([name, id], style) => {
          const text =
            style === "upper"
              ? name.toUpperCase()
              : style === "lower"
                ? name.toLowerCase()
                : style === "spaced"
                  ? `  ${name}  `
                  : name;
          expect(findMember(text)?.id).toBe(id);
        },
      ),
      fuzzParameters(),
    );
  });
});
