import { describe, expect, it } from "vitest";
import { keyHasNumber, parseResolutionNumber, yearOfSymbol } from "./resolutionNumbers.js";

describe("parseResolutionNumber", () => {
  it("reads every usual form of a resolution number", () => {
    expect(parseResolutionNumber("3379")).toEqual({ body: null, number: "3379", year: null });
    expect(parseResolutionNumber(" A/RES/3379 ")).toEqual({ body: "GA", number: "3379", year: null });
    expect(parseResolutionNumber("res/504")).toEqual({ body: null, number: "504", year: null });
    expect(parseResolutionNumber("S/RES/504/1982")).toEqual({ body: "SC", number: "504", year: 1982 });
    expect(parseResolutionNumber("S/RES/504 (1983)")).toEqual({ body: "SC", number: "504", year: 1983 });
    expect(parseResolutionNumber("S/RES/504(1982)")).toEqual({ body: "SC", number: "504", year: 1982 });
    expect(parseResolutionNumber("504 (1982)")).toEqual({ body: "SC", number: "504", year: 1982 });
    expect(parseResolutionNumber("3411d")).toEqual({ body: null, number: "3411D", year: null });
  });

  it("leaves full symbols, drafts and ids to the symbol lookup", () => {
    for (const input of [
      "ES-11/7",
      "A/RES/74/19",
      "74/19",
      "A/ES-11/L.10",
      "S/2025/112",
      "rc-12",
      "A/RES/3379(XXX)",
      "",
    ])
      expect(parseResolutionNumber(input), input).toBeNull();
  });
});

describe("keyHasNumber", () => {
  it("matches old and new Assembly numbering, parts, and the Council, by body", () => {
    expect(keyHasNumber("A/RES/3379(XXX)", "3379", null)).toBe(true);
    expect(keyHasNumber("A/RES/3411D(XXX)", "3411", null)).toBe(true);
    expect(keyHasNumber("A/RES/3411D(XXX)", "3411C", null)).toBe(false);
    expect(keyHasNumber("A/RES/74/19", "19", "GA")).toBe(true);
    expect(keyHasNumber("A/RES/ES-11/7", "7", null)).toBe(true);
    expect(keyHasNumber("A/RES/74/190", "19", null)).toBe(false);
    expect(keyHasNumber("A/RES/19/74", "19", null)).toBe(false);
    expect(keyHasNumber("S/RES/504", "504", null)).toBe(true);
    expect(keyHasNumber("S/RES/504", "504", "GA")).toBe(false);
    expect(keyHasNumber("A/RES/504(III)", "504", "SC")).toBe(false);
  });

  it("reads a Council year from a symbol", () => {
    expect(yearOfSymbol("S/RES/504 (1982)")).toBe(1982);
    expect(yearOfSymbol("S/RES/504(1982)")).toBe(1982);
    expect(yearOfSymbol("A/RES/74/19")).toBeNull();
  });
});
