import { describe, expect, it } from "vitest";
import { alongside } from "./alongside.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";

// Twenty roll calls of history (ten in 1995, ten in 2000), then roll call 21 on which USA votes N.
const rollCalls = syntheticRollCalls(21).map((rc, i) => ({
  ...rc,
  date: i < 10 ? `1995-01-${String(10 + i)}` : `2000-01-${String(10 + i - 10)}`,
}));
rollCalls[20] = { ...rollCalls[20]!, date: "2000-06-01" };
const usa = "YYYYYYYYYYNNNNNNNNNN";
const flip = (row: string, positions: number[]): string =>
  [...row].map((v, i) => (positions.includes(i) ? (v === "Y" ? "N" : "Y") : v)).join("");
const table = {
  USA: usa + "N",
  ISR: usa + "N", // agreement 20/20
  GBR: flip(usa, [3]) + "N", // 19/20
  CAN: flip(usa, [3, 12]) + "Y", // 18/20
  FRA: flip(usa, [1, 2, 11, 12, 13]) + "Y", // 15/20
  BRA: flip(usa, [0, 1, 2, 3, 4, 10, 11, 12, 13, 14]) + "Y", // 10/20
  CUB: flip(usa, [...Array(20).keys()].slice(2)) + "Y", // 2/20
  RUS: flip(usa, [...Array(20).keys()].slice(1)) + "N", // 1/20
  PRK: flip(usa, [...Array(20).keys()]) + "N", // 0/20
  NEW: "-".repeat(20) + "N", // no history
  ABS: usa + "-", // did not vote on 21
};
const m = matrixFromTable(table, rollCalls);

describe("alongside", () => {
  it("lists who voted as MEMBER did, the unusual company first", () => {
    const r = alongside(m, 21, "USA");
    expect(r.vote).toBe("N");
    expect(r.date).toBe("2000-06-01");
    // The default history: the ten years before the vote (defaults.ts); every roll call here is in it.
    expect(r.history).toEqual({
      from: "1990-06-01",
      years: 10,
      before: "2000-06-01",
      rollCalls: 20,
      threshold: 0.1,
    });
    expect(alongside(m, 21, "USA", { years: null }).history).toMatchObject({
      from: null,
      years: null,
      rollCalls: 20,
    });
    // USA's agreements with the 9 members with history (NEW has none): 0, .05, .1, .5, .75, .9, .95, 1, 1
    // → the lower quartile (index ⌊0.25·8⌋) is 0.1; of those voting N with USA, PRK and RUS are below it
    expect(r.notable).toEqual(["PRK", "RUS"]);
    expect(r.members.map((x) => [x.id, x.agreementBefore, x.notable])).toEqual([
      ["PRK", 0, true],
      ["RUS", 0.05, true],
      ["GBR", 0.95, false],
      ["ISR", 1, false],
      ["NEW", null, false],
    ]);
    expect(r.others).toBe(3);
    expect(r.note).toBeUndefined();
  });

  it("judges against the preceding years only, when asked", () => {
    const r = alongside(m, 21, "USA", { years: 3 });
    expect(r.history.from).toBe("1997-06-01");
    expect(r.history.rollCalls).toBe(10);
    // over 2000 alone USA agrees with RUS on none of the ten (flipped), with PRK on none
    expect(r.members.find((x) => x.id === "RUS")!.agreementBefore).toBe(0);
  });

  it("caps the notable list and honours the quantile", () => {
    expect(alongside(m, 21, "USA", { maxNotable: 1 }).notable).toEqual(["PRK"]);
    expect(alongside(m, 21, "USA", { quantile: 0 }).notable).toEqual(["PRK"]);
    expect(alongside(m, 21, "USA", { quantile: 1 }).notable).toEqual(["PRK", "RUS", "GBR", "ISR"]);
  });

  it("has nothing to say when MEMBER did not vote, or without history", () => {
    const r = alongside(m, 21, "ABS");
    expect(r.vote).toBe("X");
    expect(r.members).toEqual([]);
    expect(r.note).toMatch(/did not vote/);
    const first = alongside(m, 1, "USA");
    expect(first.history.rollCalls).toBe(0);
    expect(first.notable).toEqual([]);
    expect(first.note).toMatch(/not enough history/);
    expect(first.others).toBe(first.members.length);
  });

  it("throws typed errors for unknown roll calls and members", () => {
    expect(() => alongside(m, 99, "USA")).toThrowError(
      expect.objectContaining({ code: "UNKNOWN_ROLL_CALL" }),
    );
    expect(() => alongside(m, 21, "XXX")).toThrowError(expect.objectContaining({ code: "UNKNOWN_MEMBER" }));
  });
});
