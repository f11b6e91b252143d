/** The member page's words (issue 14, item 7), on Plenary's Council composition 1946–2026. */
import { describe, expect, it } from "vitest";
import { permanentSeatText } from "./member.js";
import { councilOn, FIRST_COUNCIL_YEAR, LAST_COUNCIL_YEAR } from "../../core/council/index.js";

function permanentYears(id: string): number[] {
  const years: number[] = [];
  for (let y = FIRST_COUNCIL_YEAR; y <= LAST_COUNCIL_YEAR; y++)
    if (councilOn(`${y}-01-01`).permanent.includes(id) || councilOn(`${y}-12-31`).permanent.includes(id))
      years.push(y);
  return years;
}

describe("a permanent seat in words", () => {
  it("is permanent since a year, never a range ending in the data's last year", () => {
    expect(permanentSeatText("USA", permanentYears("USA"))).toBe("Permanent member since 1946");
    expect(permanentSeatText("FRA", permanentYears("FRA"))).toBe("Permanent member since 1946");
    for (const id of ["USA", "GBR", "FRA", "RUS", "CHN"])
      expect(permanentSeatText(id, permanentYears(id))).not.toMatch(/–\s*2026/);
  });

  it("says the USSR held Russia's seat (one member in the record), and when China's seat passed", () => {
    expect(permanentSeatText("RUS", permanentYears("RUS"))).toBe(
      "Permanent member since 1946 (as the Soviet Union until 1991)",
    );
    expect(permanentSeatText("CHN", permanentYears("CHN"))).toBe("Permanent member since 25 October 1971");
    // A seat that passed on keeps its years.
    expect(permanentSeatText("TWN", permanentYears("TWN"))).toBe("Permanent member: 1946–1971");
  });
});
