import { describe, expect, it } from "vitest";
import { bodyOfSymbol, councilSymbol, symbolCandidates, symbolFromUnres, symbolKey } from "./symbols.js";

describe("symbols", () => {
  it("normalises case, spaces and the Council's year suffix", () => {
    expect(symbolKey(" a/res/es-11/7 ")).toBe("A/RES/ES-11/7");
    expect(symbolKey("S/RES/2774 (2025)")).toBe("S/RES/2774");
  });

  it("writes a Council resolution's symbol as the resolution does, with a space before the year", () => {
    expect(councilSymbol("S/RES/504(1982)")).toBe("S/RES/504 (1982)");
    expect(councilSymbol("S/RES/2774 (2025)")).toBe("S/RES/2774 (2025)");
    expect(councilSymbol("A/RES/2758(XXVI)")).toBe("A/RES/2758(XXVI)");
    expect(councilSymbol("S/2024/312")).toBe("S/2024/312");
  });

  it("offers the prefixed forms of a bare symbol", () => {
    expect(symbolCandidates("ES-11/7")).toEqual(["ES-11/7", "A/RES/ES-11/7"]);
    expect(symbolCandidates("2774 (2025)")).toEqual(["2774(2025)", "A/RES/2774(2025)", "S/RES/2774"]);
    expect(symbolCandidates("")).toEqual([]);
  });

  it("turns the research dataset's unres into official symbols", () => {
    expect(symbolFromUnres("R/74/19")).toBe("A/RES/74/19");
    expect(symbolFromUnres("A/RES/74/19")).toBe("A/RES/74/19");
    expect(symbolFromUnres("R/26/2775F")).toBe("A/RES/2775F(XXVI)");
    expect(symbolFromUnres("R/1/66")).toBe("A/RES/66(I)");
    expect(symbolFromUnres("ESS/10/2")).toBe("A/RES/ES-10/2");
    expect(symbolFromUnres("SS/6/1")).toBe("A/RES/S-6/1");
    expect(symbolFromUnres("")).toBeNull();
    expect(symbolFromUnres("GOAR")).toBeNull();
  });

  it("knows a symbol's body from its prefix", () => {
    expect(bodyOfSymbol("S/RES/2774")).toBe("SC");
    expect(bodyOfSymbol("a/res/1")).toBe("GA");
    expect(bodyOfSymbol("2774")).toBeNull();
  });
});
