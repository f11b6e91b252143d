import { describe, expect, it } from "vitest";
import { copyField, copyLine } from "./postgresCopy.js";

describe("COPY's text format", () => {
  it("writes null as \\N and escapes backslash, tab and line breaks", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField(42)).toBe("42");
    expect(copyField("plain")).toBe("plain");
    expect(copyField("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    // The two characters backslash-N are text, not null.
    expect(copyField("\\N")).toBe("\\\\N");
  });

  it("joins fields with tabs and ends the line", () => {
    expect(copyLine([1, "USA", null])).toBe("1\tUSA\t\\N\n");
    expect(copyLine([])).toBe("\\N\n");
  });
});
