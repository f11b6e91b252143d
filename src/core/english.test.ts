/** Possessives (issue 14, item 7): "the United States'", never "the United States's". */
import { describe, expect, it } from "vitest";
import { getMember, membersOn, nameOn } from "./members/index.js";
import { possessive } from "./english.js";
import { possessive as rulesPossessive } from "./rules/words.js";
import { possessive as storyPossessive } from "../news/story/english.js";

describe("possessive", () => {
  it("takes the apostrophe alone after a final s, 's otherwise", () => {
    expect(possessive("United States")).toBe("United States'");
    expect(possessive("the Philippines")).toBe("the Philippines'");
    expect(possessive("Russia")).toBe("Russia's");
    expect(possessive("China")).toBe("China's");
  });

  it("is one helper for the rules, the stories and the pages", () => {
    expect(rulesPossessive).toBe(possessive);
    expect(storyPossessive).toBe(possessive);
  });

  it("never writes s's for any member's name today (members.json)", () => {
    for (const m of membersOn("2026-01-01")) {
      const name = nameOn(getMember(m.id)!, "2026-01-01");
      expect(possessive(name), name).not.toMatch(/s's$/);
    }
  });
});
