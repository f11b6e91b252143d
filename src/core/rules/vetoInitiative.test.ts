import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, vetoInitiativeDeadline } from "./index.js";

describe("veto initiative (res. 76/262)", () => {
  it("gives the Assembly 10 working days (Monday–Friday) after a veto", () => {
    expect(vetoInitiativeDeadline("2025-02-24")).toBe("2025-03-10"); // Monday → Monday two weeks on
    expect(vetoInitiativeDeadline("2022-05-26")).toBe("2022-06-09"); // China and Russia on DPRK sanctions
    expect(vetoInitiativeDeadline("2023-12-08")).toBe("2023-12-22"); // a Friday
    expect(vetoInitiativeDeadline("2025-03-01")).toBe("2025-03-14"); // a Saturday: counting starts Monday
  });

  it("applies from 26 April 2022, the day the resolution was adopted", () => {
    expect(vetoInitiativeDeadline("2022-04-26")).toBe("2022-05-10");
    expect(vetoInitiativeDeadline("2022-04-25")).toBeNull();
    expect(vetoInitiativeDeadline("1950-06-27")).toBeNull();
  });

  it("counts working days without UN holidays", () => {
    expect(isWorkingDay("2025-02-22")).toBe(false);
    expect(isWorkingDay("2025-12-25")).toBe(true); // Christmas: a UN holiday, not modelled
    expect(addWorkingDays("2025-02-24", 0)).toBe("2025-02-24");
    expect(addWorkingDays("2025-02-28", 1)).toBe("2025-03-03");
  });

  it("refuses a malformed date", () => {
    expect(() => vetoInitiativeDeadline("2025-13-01")).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
  });
});
