import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyOfSymbol, symbolCandidates, symbolFromUnres, symbolKey } from "./symbols.js";
import { fuzzParameters } from "../test/fuzz.js";

describe("symbol parsing never crashes and stays canonical (fuzz)", () => {
  it("on any string: keys are idempotent, candidates start with the key, unres parses or is null", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const key = symbolKey(text);
        expect(symbolKey(key)).toBe(key);
        const candidates = symbolCandidates(text);
        if (key) expect(candidates[0]).toBe(key);
        else expect(candidates).toEqual([]);
        const symbol = symbolFromUnres(text);
        if (symbol !== null) expect(symbol.startsWith("A/RES/")).toBe(true);
        expect([null, "GA", "SC"]).toContain(bodyOfSymbol(text));
      }),
      fuzzParameters(),
    );
  });

  it("on symbol-shaped strings: every research-format unres maps to an A/RES symbol that round-trips", () => {
    const unres = fc
      .tuple(
        fc.constantFrom("R", "ESS", "SS"),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom("", "A", "B", "C"),
      )
      .map(([kind, session, number, part]) => `${kind}/${session}/${number}${part}`);
    fc.assert(
      fc.property(unres, (text) => {
        const symbol = symbolFromUnres(text)!;
        expect(symbol).toMatch(/^A\/RES\//);
        expect(symbolKey(symbol)).toBe(symbol);
        expect(symbolFromUnres(symbol)).toBe(symbol);
      }),
      fuzzParameters(),
    );
  });
});
