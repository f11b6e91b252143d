/**
 * Comparison links (issue 14, item 1): a story or newsworthy compares a vote with an earlier one only on
 * a stated link. Edge cases on made-up texts; the rest on the research record (../shared/data/unvotes)
 * imported beside the starter data.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../data/import/index.js";
import { findRollCall } from "../data/rollCallView.js";
import { suiteStore } from "../test/tempStore.js";
import { comparisonLink, comparisonLinks, linkedEarlier, type LinkableText } from "./comparisonLinks.js";
import { newsworthy } from "./newsworthy.js";
import { draftStory } from "./story/draft.js";

const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

function text(fields: Partial<LinkableText> & { id: number; date: string; title: string }): LinkableText {
  return { body: "GA", session: null, symbol: null, description: null, issues: [], ...fields };
}

describe("comparisonLink", () => {
  it("does not link two titles that share a word", () => {
    const path = text({ id: 1, date: "2025-02-24", title: "The path to peace", session: "ES-11" });
    const right = text({ id: 2, date: "2002-12-18", title: "RIGHT TO PEACE", session: "57" });
    expect(comparisonLinks(path, right)).toEqual([]);
  });

  it("links the texts of one emergency special session, and says which", () => {
    const a = text({ id: 1, date: "2025-02-24", title: "Advancing peace in Ukraine", session: "ES-11" });
    const b = text({ id: 2, date: "2023-02-23", title: "Principles of the Charter", session: "ES-11" });
    expect(comparisonLink(a, b)).toEqual({ kind: "emergency-session", detail: "ES-11" });
    // A regular session is no such link: it covers every question of its year.
    expect(comparisonLink({ ...a, session: "79" }, { ...b, session: "79" })).toBeNull();
    // Never across bodies.
    expect(comparisonLink(a, { ...b, body: "SC" })).toBeNull();
  });

  it("links the same text in another session by its title, and by the full title the research dataset keeps as description", () => {
    const cuba2003 = text({
      id: 1,
      date: "2003-11-04",
      title: "Necessity of ending the economic, commercial and financial e",
      description:
        "Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba",
    });
    const cuba2002 = text({
      id: 2,
      date: "2002-11-04",
      title: "CUBA, U.S. EMBARGO",
      description:
        "Necessity of ending the economic, commercial and financial embargo imposed by the United States against Cuba",
    });
    expect(comparisonLink(cuba2003, cuba2002)?.kind).toBe("same-title");
    // A label of two significant words is too little to call two texts the same.
    expect(
      comparisonLink(
        text({ id: 3, date: "2003-01-01", title: "CUBA, EMBARGO" }),
        text({ id: 4, date: "2002-01-01", title: "CUBA, EMBARGO" }),
      ),
    ).toBeNull();
  });

  it("counts specific subjects, never the research dataset's six broad issue classes", () => {
    const a = text({
      id: 1,
      date: "2020-01-01",
      title: "A",
      issues: [{ code: "hr", label: "Human rights" }],
    });
    const b = text({
      id: 2,
      date: "2019-01-01",
      title: "B",
      issues: [{ code: "hr", label: "Human rights" }],
    });
    expect(comparisonLink(a, b)).toBeNull();
    const subjects = [
      { code: "UKRAINE", label: "UKRAINE" },
      { code: "TERRITORIAL INTEGRITY", label: "TERRITORIAL INTEGRITY" },
    ];
    expect(
      comparisonLink({ ...a, issues: subjects }, { ...b, issues: [...subjects, { code: "X", label: "X" }] }),
    ).toEqual({
      kind: "subjects",
      detail: "UKRAINE; TERRITORIAL INTEGRITY",
    });
    expect(
      comparisonLink({ ...a, issues: subjects.slice(0, 1) }, { ...b, issues: subjects.slice(0, 1) }),
    ).toBeNull();
  });

  it("links an agenda item where the store records one, and a text that cites the earlier one", () => {
    const a = text({ id: 1, date: "2020-01-01", title: "A", agenda: "Question of Palestine" });
    const b = text({
      id: 2,
      date: "2019-01-01",
      title: "B",
      agenda: "question of  Palestine",
      symbol: "A/RES/73/19",
    });
    expect(comparisonLink(a, b)).toEqual({ kind: "agenda-item", detail: "question of  Palestine" });
    const citing = text({
      id: 3,
      date: "2020-02-01",
      title: "C",
      description: "Recalling its resolution 73/19",
    });
    expect(comparisonLink(citing, b)).toEqual({ kind: "cited", detail: "A/RES/73/19" });
  });

  it("picks the most recent text of the strongest link", () => {
    const now = text({ id: 9, date: "2025-02-24", title: "Advancing peace in Ukraine", session: "ES-11" });
    const found = linkedEarlier(now, [
      text({ id: 1, date: "2022-03-02", title: "Aggression against Ukraine", session: "ES-11" }),
      text({ id: 2, date: "2023-02-23", title: "Principles of the Charter", session: "ES-11" }),
      text({ id: 3, date: "2025-02-24", title: "Same day", session: "ES-11" }),
    ]);
    expect(found?.text.id).toBe(2);
  });
});

describe("comparisons on the research record", () => {
  const temp = suiteStore();
  beforeAll(async () => {
    await importFiles(temp.store, [UNVOTES]);
  });

  it("never compares ES-11/8 with A/RES/57/216: story, standfirst and newsworthy use the ES-11 link and say so", async () => {
    const es118 = await findRollCall(temp.store, "ES-11/8");
    const rightToPeace = await findRollCall(temp.store, "A/RES/57/216");
    expect(rightToPeace.title).toBe("RIGHT TO PEACE");
    expect(comparisonLink(es118, rightToPeace)).toBeNull();

    const story = await draftStory(temp.store, ["ES-11/8"]);
    const text = [...story.standfirst, ...story.paragraphs.flatMap((p) => p.sentences)]
      .map((s) => s.text)
      .join("\n");
    expect(text).not.toContain("57/216");
    expect(text).not.toContain("2002");
    expect(story.votes.map((v) => v.ref)).not.toContain("A/RES/57/216");
    const comparison = story.paragraphs.find((p) => p.topic === "comparison")!.sentences[0]!;
    expect(comparison.text).toContain("A/RES/ES-11/6");
    expect(comparison.text).toContain("in the same emergency special session (ES-11)");
    expect(comparison.facts.find((f) => f.query.startsWith("comparisonLink("))!.values).toMatchObject({
      earlier: "A/RES/ES-11/6",
      link: "emergency-session",
    });
    expect(story.standfirst[0]!.text).toBe(
      "In the General Assembly, 93 members voted for A/RES/ES-11/8, 48 fewer than for an earlier text of the same emergency special session in 2023.",
    );

    const ranked = await newsworthy(temp.store, { since: "2025-02-24", limit: 50 });
    const shift = ranked.votes
      .find((v) => v.ref === "A/RES/ES-11/8")!
      .components.find((c) => c.name === "shift")!;
    expect(shift.detail).toContain("A/RES/ES-11/6");
    expect(shift.detail).not.toContain("57/216");
  });

  it("compares the Cuba-embargo text with the previous one of its series, by its title", async () => {
    const story = await draftStory(temp.store, ["A/RES/58/7"], { history: "none" });
    const comparison = story.paragraphs.find((p) => p.topic === "comparison")!.sentences[0]!;
    expect(comparison.text).toMatch(
      /^A year earlier, in November 2002, the Assembly adopted A\/RES\/57\/11, .*, a text of the same title, by 172 votes to 3/,
    );
  });
});
