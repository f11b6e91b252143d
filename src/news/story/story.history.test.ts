/**
 * The story on real history: the research record (../shared/data/unvotes, Assembly votes 1946–2019)
 * imported beside the starter data, so `alongside` can judge the United States' usual company.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../data/import/index.js";
import { suiteStore } from "../../test/tempStore.js";
import { draftStory } from "./draft.js";
import type { Story } from "./types.js";

const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

describe("the seed story with the research record's history", () => {
  const temp = suiteStore();
  let story: Story;
  beforeAll(async () => {
    await importFiles(temp.store, [UNVOTES]);
    story = await draftStory(temp.store, ["ES-11/7", "ES-11/8", "S/RES/2774"]);
  });

  it("orders the co-voters by the analysis module's notability, with the past agreement behind it", () => {
    expect(story.companyOrder).toBe("history");
    const sentences = story.paragraphs.flatMap((p) => p.sentences);
    const company = sentences.find((s) => s.text.startsWith("The United States voted against,"))!;
    const fact = company.facts.find((f) => f.query.startsWith("alongside(matrix"))!;
    const notable = fact.values.notable as string[];
    expect(notable.length).toBeGreaterThan(0);
    expect(notable).toContain("PRK");
    // Named in the order alongside() returns, then "and N other states" so the 17 co-voters add up.
    const others = 17 - notable.length;
    expect(company.text).toMatch(
      new RegExp(
        `^The United States voted against, alongside North Korea, .* and ${others} other states\\.$`,
      ),
    );
    const agreements = (fact.values.company as { agreementBefore: number }[]).map((c) => c.agreementBefore);
    expect([...agreements].sort((a, b) => a - b)).toEqual(agreements);
    const departure = sentences.find((s) =>
      s.text.startsWith("Before this vote, the United States had voted the same way as North Korea on"),
    )!;
    expect(departure.text).toMatch(/on \d+% of the Assembly roll calls both had taken part in/);
    expect(story.notes.join(" ")).not.toContain("alphabetically");
  });

  it("keeps the record's figures and the rest of the story", () => {
    const all = [story.headline, ...story.paragraphs.flatMap((p) => p.sentences)]
      .map((s) => s.text)
      .join("\n");
    expect(story.headline.text).toBe(
      "United States votes against Assembly resolution on Ukraine as Council adopts its text",
    );
    expect(all).toContain("by 93 votes to 18, with 65 abstentions");
    expect(all).toContain("The two others were vetoed: Russia, a permanent member, voted against them.");
  });
});
