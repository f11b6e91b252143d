import { describe, expect, it } from "vitest";
import { dayBefore, longDate } from "./dates.js";

describe("dates", () => {
  it("reads ISO dates and timestamps UN style, leaving anything else as given", () => {
    expect(longDate("2025-02-24")).toBe("24 February 2025");
    expect(longDate("1971-10-25T12:00:00.000Z")).toBe("25 October 1971");
    expect(longDate("soon")).toBe("soon");
    expect(longDate("2025-13-01")).toBe("2025-13-01");
  });
  it("finds the day before, across months and leap years", () => {
    expect(dayBefore("1993-01-01")).toBe("1992-12-31");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
  });
});
