/**
 * Titles cut at word boundaries (issue 14, item 7): the helpers, then the research record
 * (../shared/data/unvotes), whose short titles stop at 60 characters mid-word, as every surface shows it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../data/import/index.js";
import { findRollCall } from "../data/rollCallView.js";
import { draftStory } from "../news/story/draft.js";
import { suiteStore } from "../test/tempStore.js";
import { cutAtWord, researchTitle, uncutWord } from "./titles.js";

const norm = (text: string): string => text.toLowerCase().replace(/\s+/g, " ");
const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

describe("cutAtWord", () => {
  it("cuts at the last whole word and says so with an ellipsis", () => {
    expect(cutAtWord("Advancing a comprehensive, just and lasting peace in Ukraine", 30)).toBe(
      "Advancing a comprehensive…",
    );
    expect(cutAtWord("Short enough", 30)).toBe("Short enough");
    // A cut falling right after a word keeps it; trailing punctuation goes.
    expect(cutAtWord("Right to peace, and more", 14)).toBe("Right to…");
    expect(cutAtWord("Right to peace, and more", 15)).toBe("Right to peace…");
    // One very long word: cut inside it rather than keep nothing.
    expect(cutAtWord("Antidisestablishmentarianism", 10)).toBe("Antidises…");
    for (const max of [5, 12, 40])
      expect(cutAtWord("The situation in the Middle East and Africa", max).length).toBeLessThanOrEqual(max);
  });

  it("takes a source's own cut back to whole words; keeps text the source did not cut", () => {
    const cut = "Necessity of ending the economic, commercial and financial e";
    expect(uncutWord(cut, 60)).toBe("Necessity of ending the economic, commercial and financial…");
    expect(uncutWord("RIGHT TO PEACE", 60)).toBe("RIGHT TO PEACE");
    expect(researchTitle(cut, null).title).toBe(
      "Necessity of ending the economic, commercial and financial…",
    );
    expect(researchTitle("Oceans and the Law of the Sea : resolution / adopted by the", null).title).toBe(
      "Oceans and the Law of the Sea",
    );
  });
});

describe("titles on the research record", () => {
  const temp = suiteStore();
  beforeAll(async () => {
    await importFiles(temp.store, [UNVOTES]);
  });
  const allRollCalls = async () => {
    const years = Array.from({ length: 2020 - 1946 + 1 }, (_, i) => 1946 + i);
    const lists = await Promise.all(
      years.map((y) => temp.store.list({ from: `${y}-01-01`, to: `${y}-12-31`, limit: 1000 })),
    );
    return lists.flat();
  };

  it("stores the full title where the dataset keeps it as the description (the Cuba-embargo text, 2003)", async () => {
    const cuba = await findRollCall(temp.store, "A/RES/58/7");
    expect(cuba.title).toBe(
      "Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba",
    );
    const durban = (await allRollCalls()).find((rc) =>
      rc.title.startsWith("Global efforts for the total elimination of racism"),
    );
    expect(durban?.title).not.toMatch(/resolution|…$/);
  });

  it("shows no research title cut in the middle of a word, on any roll call", async () => {
    const all = await allRollCalls();
    expect(all.length).toBeGreaterThan(6000);
    const titles = new Set(all.map((rc) => rc.title));
    // The dataset's short titles it cut at 60 characters, mid-word (the file read as it is).
    const rows = parse(gunzipSync(readFileSync(path.join(UNVOTES, "un_roll_calls.csv.gz"))), {
      columns: true,
    }) as { short: string; descr: string }[];
    const cut = rows.filter(
      (r) =>
        r.short.length === 60 &&
        /[\p{L}\p{N}]$/u.test(r.short) &&
        r.descr.replace(/\s*:\s*resolution.*$/i, "").trim() !== r.short, // a title of exactly 60 is whole
    );
    expect(cut.length).toBeGreaterThan(150);
    expect(cut.map((r) => r.short).filter((short) => titles.has(short))).toEqual([]);
    // Each shows its full title (the description) or its whole words with "…".
    const notShown: string[] = [];
    for (const r of cut) {
      const start = norm(r.short.replace(/\s*:\s*resolution.*$/i, "").slice(0, 40));
      const shown = all.find((rc) => norm(rc.title).startsWith(start));
      if (!shown) notShown.push(r.short);
      else expect(shown.title, r.short).toMatch(/(?:[\p{L}\p{N})]…|[^…])$/u);
    }
    expect(notShown).toEqual([]);
    // Long descriptions the dataset cut end with an ellipsis after a whole word.
    const cutDescriptions = all.filter((rc) => (rc.description ?? "").endsWith("…"));
    expect(cutDescriptions.length).toBeGreaterThan(100);
    for (const rc of cutDescriptions) expect(rc.description).toMatch(/[^\s,;:]…$/u);
  });

  it("quotes whole titles in stories", async () => {
    const story = await draftStory(temp.store, ["A/RES/58/7"]);
    const text = JSON.stringify(story);
    expect(text).toContain("embargo imposed by the United States of America against Cuba");
    expect(text).not.toContain("financial e\u201d");
  });
});
