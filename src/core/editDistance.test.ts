import { describe, expect, it } from "vitest";
import { editDistance } from "./editDistance.js";

describe("editDistance", () => {
  it("counts edits, with a transposition as one", () => {
    expect(editDistance("ES-11/7", "ES-11/7", 3)).toBe(0);
    expect(editDistance("ES-11/9", "ES-11/7", 3)).toBe(1);
    expect(editDistance("RUSIA", "RUSSIA", 3)).toBe(1);
    expect(editDistance("UAS", "USA", 3)).toBe(1);
  });
  it("stops past the bound", () => {
    expect(editDistance("A", "ABCDEFG", 2)).toBe(3);
  });
});
