import { describe, expect, it } from "vitest";
import { getMember, isMemberOn } from "../core/members/index.js";
import { blocCohesion, blocMembersOn, getBloc, listBlocs, type Bloc } from "./blocs.js";
import { matrixFromTable, syntheticRollCalls } from "./testing.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe("blocs.json", () => {
  it("holds the blocs the analysis promises, each with sources", () => {
    expect(listBlocs().map((b) => b.id)).toEqual([
      "EU",
      "NATO",
      "P5",
      "BRICS",
      "ASEAN",
      "AU",
      "OIC",
      "G77",
      "NAM",
    ]);
    for (const bloc of listBlocs()) {
      expect(bloc.name.length).toBeGreaterThan(0);
      expect(bloc.sources.length).toBeGreaterThan(0);
      for (const source of bloc.sources) expect(source.title.length).toBeGreaterThan(10);
    }
  });

  it("uses member ids the members module knows, with well-formed, non-overlapping periods", () => {
    for (const bloc of listBlocs()) {
      const periods = new Map<string, [string, string][]>();
      for (const m of bloc.members) {
        expect(getMember(m.id), `${bloc.id}: ${m.id}`).toBeDefined();
        if (m.from !== null) expect(m.from).toMatch(ISO);
        if (m.to !== null) expect(m.to).toMatch(ISO);
        if (m.from !== null && m.to !== null) expect(m.from <= m.to, `${bloc.id}: ${m.id}`).toBe(true);
        const list = periods.get(m.id) ?? [];
        for (const [from, to] of list) {
          const disjoint = (m.to ?? "9999") < from || (m.from ?? "0000") > to;
          expect(disjoint, `${bloc.id}: ${m.id} listed twice for the same days`).toBe(true);
        }
        list.push([m.from ?? "0000", m.to ?? "9999"]);
        periods.set(m.id, list);
      }
    }
  });

  it("has the dated memberships the record needs", () => {
    expect(blocMembersOn("EU", "2020-01-31")).toContain("GBR");
    expect(blocMembersOn("EU", "2020-02-01")).not.toContain("GBR");
    expect(blocMembersOn("EU", "2020-02-01")).toHaveLength(27);
    expect(blocMembersOn("EU", "1972-12-31")).toEqual(["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"]);
    expect(blocMembersOn("NATO", "2023-04-03")).not.toContain("FIN");
    expect(blocMembersOn("NATO", "2023-04-04")).toContain("FIN");
    expect(blocMembersOn("NATO", "2024-03-06")).not.toContain("SWE");
    expect(blocMembersOn("NATO", "2024-03-07")).toHaveLength(32);
    expect(blocMembersOn("AU", "1980-01-01")).toContain("MAR");
    expect(blocMembersOn("AU", "1990-01-01")).not.toContain("MAR");
    expect(blocMembersOn("AU", "2018-01-01")).toContain("MAR");
    expect(blocMembersOn("AU", "2018-01-01")).toHaveLength(54);
    expect(blocMembersOn("BRICS", "2023-12-31")).toHaveLength(5);
    expect(blocMembersOn("BRICS", "2024-01-01")).toHaveLength(9);
    expect(blocMembersOn("BRICS", "2025-01-06")).toContain("IDN");
    expect(blocMembersOn("ASEAN", "2025-10-26")).toHaveLength(11);
    expect(blocMembersOn("P5", "1960-01-01")).toEqual(["FRA", "GBR", "RUS", "TWN", "USA"]);
    expect(blocMembersOn("P5", "1980-01-01")).toEqual(["CHN", "FRA", "GBR", "RUS", "USA"]);
    expect(blocMembersOn("OIC", "2000-01-01")).toHaveLength(55);
    expect(blocMembersOn(["USA", "CAN"], "1950-01-01")).toEqual(["CAN", "USA"]);
  });

  it("lists P5 members that hold a UN seat on the day", () => {
    for (const day of ["1950-06-01", "1971-12-01", "1992-01-01", "2024-01-01"]) {
      for (const id of blocMembersOn("P5", day))
        expect(isMemberOn(getMember(id)!, day), `${id} ${day}`).toBe(true);
    }
  });

  it("finds blocs case-insensitively and names unknown ones", () => {
    expect(getBloc("nato").id).toBe("NATO");
    expect(() => getBloc("XYZ")).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});

describe("blocCohesion", () => {
  // Session 1: roll calls 1–4; session 2: roll calls 5–6.
  const rollCalls = syntheticRollCalls(6).map((rc, i) => ({ ...rc, session: i < 4 ? "1" : "2" }));
  const m = matrixFromTable(
    {
      A: "YYYA" + "NN",
      B: "YYN-" + "NN",
      C: "YNA-" + "NY",
      D: "NNNN" + "YY",
    },
    rollCalls,
  );

  it("computes the Agreement Index, the majority share and defectors (hand-computed)", () => {
    const r = blocCohesion(m, ["A", "B", "C"], {}, { minVotes: 1 });
    // rc1 Y Y Y: AI 1, share 1 · rc2 Y Y N: AI (2 − ½)/3 = ½, share ⅔ · rc3 Y N A: AI 0, share ⅓ ·
    // rc4: one voter, left out · rc5 N N N: AI 1 · rc6 N N Y: AI ½
    const s1 = r.periods.find((p) => p.session === "1")!;
    expect(s1.rollCalls).toBe(3);
    expect(s1.agreementIndex).toBeCloseTo(0.5, 12);
    expect(s1.majorityShare).toBeCloseTo(2 / 3, 12);
    expect(s1.unanimous).toBe(1);
    expect(s1.members).toBe(3);
    const s2 = r.periods.find((p) => p.session === "2")!;
    expect(s2.agreementIndex).toBeCloseTo(0.75, 12);
    expect(r.overall.rollCalls).toBe(5);
    expect(r.overall.agreementIndex).toBeCloseTo((1 + 0.5 + 0 + 1 + 0.5) / 5, 12);
    // strict pluralities on rc1, rc2, rc5, rc6: C defects on rc2 and rc6
    expect(r.defectors[0]).toEqual({ id: "C", votes: 4, defections: 2, rate: 0.5 });
    expect(r.defectors.find((d) => d.id === "A")).toEqual({ id: "A", votes: 4, defections: 0, rate: 0 });
  });

  it("counts a member only while it belongs to the bloc", () => {
    const bloc: Bloc = {
      id: "X",
      name: "Test bloc",
      sources: [],
      members: [
        { id: "A", from: null, to: null },
        { id: "B", from: null, to: null },
        { id: "D", from: rollCalls[4]!.date, to: null },
      ],
    };
    const r = blocCohesion(m, bloc, {}, { minVotes: 1 });
    const s1 = r.periods.find((p) => p.session === "1")!;
    expect(s1.unanimous).toBe(2); // rc1 and rc2: A and B only (D's N not counted)
    expect(s1.members).toBe(2);
    const s2 = r.periods.find((p) => p.session === "2")!;
    expect(s2.agreementIndex).toBeCloseTo((0.5 + 0.5) / 2, 12); // N N Y on both
    expect(r.defectors[0]).toMatchObject({ id: "D", defections: 2 });
  });

  it("groups by year and honours the selection", () => {
    const r = blocCohesion(m, ["A", "B", "C"], { rollCallIds: [1, 2] }, { by: "year" });
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({
      year: 2000,
      rollCalls: 2,
      members: 3,
      agreementIndex: 0.75,
      unanimous: 1,
    });
    expect(r.periods[0]!.majorityShare).toBeCloseTo(5 / 6, 12);
    expect(r.defectors).toEqual([]); // minVotes 10 by default
  });

  it("has null figures, not NaN, when the bloc never voted", () => {
    const r = blocCohesion(m, ["A", "B"], { rollCallIds: [4] });
    expect(r.overall).toEqual({
      rollCalls: 0,
      members: 0,
      agreementIndex: null,
      majorityShare: null,
      unanimous: 0,
    });
    expect(r.periods).toEqual([]);
  });
});
