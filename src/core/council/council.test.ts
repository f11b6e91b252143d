import { describe, expect, it } from "vitest";
import { getMember, isMemberOn } from "../members/index.js";
import {
  COUNCIL_SOURCES,
  FIRST_COUNCIL_YEAR,
  LAST_COUNCIL_YEAR,
  councilOn,
  electedYearsOf,
  isCouncilMemberOn,
  isPermanentMemberOn,
  permanentMembersOn,
} from "./index.js";

const YEARS = Array.from(
  { length: LAST_COUNCIL_YEAR - FIRST_COUNCIL_YEAR + 1 },
  (_, i) => FIRST_COUNCIL_YEAR + i,
);

describe("Security Council composition", () => {
  it("covers every year 1946–2026 and names its sources", () => {
    expect(FIRST_COUNCIL_YEAR).toBe(1946);
    expect(LAST_COUNCIL_YEAR).toBe(2026);
    expect(
      COUNCIL_SOURCES.some((s) => s.includes("un.org/securitycouncil/content/countries-elected-members")),
    ).toBe(true);
  });

  it("has 11 members (6 elected) every year before 1966 and 15 (10 elected) from 1966", () => {
    for (const year of YEARS) {
      for (const day of ["01-01", "06-30", "12-31"]) {
        const council = councilOn(`${year}-${day}`);
        expect(council.size, `${year}`).toBe(year < 1966 ? 11 : 15);
        expect(council.elected.length, `${year}`).toBe(year < 1966 ? 6 : 10);
        expect(council.threshold, `${year}`).toBe(year < 1966 ? 7 : 9);
        expect(new Set(council.members).size, `${year}`).toBe(council.size);
      }
    }
  });

  it("has 5 permanent members every year, none of them also elected", () => {
    for (const year of YEARS) {
      const council = councilOn(`${year}-07-01`);
      expect(council.permanent).toHaveLength(5);
      for (const id of council.permanent) expect(council.elected, `${year} ${id}`).not.toContain(id);
      expect(council.permanent).toEqual(expect.arrayContaining(["FRA", "RUS", "GBR", "USA"]));
    }
  });

  it("writes every member as an alpha-3 id", () => {
    for (const year of YEARS)
      for (const id of councilOn(`${year}-01-01`).members) expect(id).toMatch(/^[A-Z]{3}$/);
  });

  it("never has an elected member serve more than two consecutive years (Art. 23(2))", () => {
    const everyElected = new Set(YEARS.flatMap((year) => councilOn(`${year}-01-01`).elected));
    for (const id of everyElected) {
      const years = electedYearsOf(id);
      let run = 1;
      for (let i = 1; i < years.length; i++) {
        run = years[i] === years[i - 1]! + 1 ? run + 1 : 1;
        expect(run, `${id} ${years.join(",")}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it("knows the 2025 Council", () => {
    const council = councilOn("2025-02-24");
    expect(council.permanent).toEqual(["CHN", "FRA", "RUS", "GBR", "USA"]);
    expect(council.elected).toEqual(["DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM"]);
    expect(council.threshold).toBe(9);
  });

  it("knows the 2026 Council from the elections of June 2025", () => {
    expect(new Set(councilOn("2026-01-01").elected)).toEqual(
      new Set(["BHR", "COL", "COD", "LVA", "LBR", "DNK", "GRC", "PAK", "PAN", "SOM"]),
    );
  });

  it("gives China's seat to the Republic of China before 25 October 1971 and the People's Republic from then", () => {
    expect(permanentMembersOn("1950-06-27")[0]).toBe("TWN");
    expect(permanentMembersOn("1971-10-24")).toContain("TWN");
    expect(permanentMembersOn("1971-10-24")).not.toContain("CHN");
    expect(permanentMembersOn("1971-10-25")).toContain("CHN");
    expect(permanentMembersOn("1971-10-25")).not.toContain("TWN");
    expect(isCouncilMemberOn("TWN", "1971-10-01")).toBe(true);
    expect(isPermanentMemberOn("TWN", "1971-10-01")).toBe(true);
    expect(isCouncilMemberOn("TWN", "1971-11-15")).toBe(false);
    expect(isPermanentMemberOn("CHN", "1971-11-15")).toBe(true);
    expect(permanentMembersOn("1972-01-01")[0]).toBe("CHN");
  });

  it("has the USSR's seat as RUS throughout", () => {
    expect(isPermanentMemberOn("RUS", "1950-06-27")).toBe(true);
    expect(isPermanentMemberOn("RUS", "1991-12-31")).toBe(true);
  });

  it("knows the Council of the Korea resolutions (1950) and of the enlargement (1966)", () => {
    expect(councilOn("1950-06-27").elected).toEqual(["CUB", "ECU", "EGY", "IND", "NOR", "YUG"]);
    expect(councilOn("1965-12-31").threshold).toBe(7);
    expect(councilOn("1966-01-01").threshold).toBe(9);
  });

  it("seats only states that were UN members that day, by the members module's ids", () => {
    for (const year of YEARS) {
      for (const date of [`${year}-01-01`, `${year}-12-31`]) {
        for (const id of councilOn(date).members) {
          const member = getMember(id);
          expect(member, `${id} unknown`).toBeDefined();
          expect(isMemberOn(member!, date), `${id} on ${date}`).toBe(true);
        }
      }
    }
  });

  it("rejects malformed dates and dates it has no composition for", () => {
    for (const bad of ["2025-2-24", "2025-02-30", "yesterday", "1945-10-24", "2027-01-01"]) {
      expect(() => councilOn(bad)).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
    }
  });
});
