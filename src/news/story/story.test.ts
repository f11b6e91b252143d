import { beforeAll, describe, expect, it } from "vitest";
import { buildVoteMatrix, type MatrixRollCall } from "../../analysis/matrix.js";
import { main } from "../../cli/main.js";
import { captureIo, storeKinds, suiteStore } from "../../test/tempStore.js";
import { draftStory } from "./draft.js";
import { storyBodyMarkdown, storyHtml, storyMarkdown } from "./render.js";
import type { Sentence, Story } from "./types.js";

function allSentences(story: Story): Sentence[] {
  return [story.headline, ...story.standfirst, ...story.paragraphs.flatMap((p) => p.sentences)];
}

function text(story: Story): string {
  return allSentences(story)
    .map((s) => s.text)
    .join("\n");
}

describe.each(storeKinds())("a story drafted from the seed votes (starter data only, %s)", (kind) => {
  const temp = suiteStore({ kind });
  let story: Story;
  beforeAll(async () => {
    story = await draftStory(temp.store, ["ES-11/7", "ES-11/8", "S/RES/2774"]);
  });

  it("gives exactly the record's figures", () => {
    const all = text(story);
    expect(all).toContain("by 93 votes to 18, with 65 abstentions");
    expect(all).toContain("by 93 votes to 8, with 73 abstentions");
    expect(all).toContain("by 10 votes to 0, with 5 abstentions");
    expect(all).toContain("by 141 votes to 7, with 32 abstentions");
    // No other tally-like figure appears for these texts.
    expect(all).not.toMatch(/by 9[0-24-9] votes/);
  });

  it("names the United States among the 18 against, with 17 other states accounted for", () => {
    const company = story.paragraphs
      .flatMap((p) => p.sentences)
      .find((s) => s.text.startsWith("The United States voted against,"));
    expect(company?.text).toBe(
      "The United States voted against, alongside Russia, Belarus, Burkina Faso, Burundi, the Central African Republic, Equatorial Guinea and 11 other states.",
    );
    const listed = company!.facts.find((f) => f.query.includes('select(.vote == "N")'));
    expect(listed?.values).toMatchObject({ vote: "N", count: 18 });
    expect(listed?.values.members).toContain("USA");
    expect(story.companyOrder).toBe("fallback");
    expect(story.notes.join(" ")).toContain(
      "permanent members of the Security Council first, then alphabetically",
    );
  });

  it("says the United States abstained on its own draft as amended", () => {
    expect(text(story)).toContain("The United States abstained on its own draft, as amended.");
    expect(story.headline.text).toBe(
      "United States votes against Assembly resolution on Ukraine as Council adopts its text",
    );
  });

  it("tells the vetoed Council amendments from the one that lacked votes", () => {
    const all = text(story);
    expect(all).toContain(
      "The amendment to the preamble received 6 votes in favour, 1 against and 8 abstentions, short of the 9 votes required: it failed for lack of votes, not by a veto.",
    );
    expect(all).toContain("The two others were vetoed: Russia, a permanent member, voted against them.");
    expect(all).toContain("Two Russian amendments failed to obtain the required number of votes");
    expect(all).toContain("The United States abstained on all five amendments.");
    const lacked = allSentences(story).find((s) => s.text.startsWith("The amendment to the preamble"))!;
    expect(lacked.facts.find((f) => f.query.startsWith("decide("))?.values).toMatchObject({
      outcome: "rejected",
      reason: "insufficient-votes",
      required: 9,
      yes: 6,
    });
  });

  it("compares with the 2023 vote and contrasts the Council with the Assembly", () => {
    const all = text(story);
    expect(all).toContain("Two years earlier, on 23 February 2023, the Assembly adopted A/RES/ES-11/6");
    expect(all).toContain("this time 48 fewer voted in favour, 11 more against and 33 more abstained");
    expect(all).toContain(
      "Russia and the United States voted against A/RES/ES-11/7 in the Assembly but voted in favour of S/RES/2774 (2025) in the Council",
    );
    expect(all).toContain("The United States was the only NATO member on the Council that voted in favour");
  });

  it("writes no sentence without a fact, and every fact has a query and values", () => {
    for (const s of allSentences(story)) {
      expect(s.facts.length, s.text).toBeGreaterThan(0);
      for (const f of s.facts) {
        expect(f.query.length).toBeGreaterThan(5);
        expect(Object.keys(f.values).length).toBeGreaterThan(0);
      }
    }
  });

  it("makes no claims the data cannot support: no quotes, no guessed votes of France or the UK", () => {
    const all = text(story);
    expect(all).not.toMatch(/said|told|according to/i);
    expect(all).toContain("the votes of France and the United Kingdom are not in the record");
    expect(all).not.toMatch(/France voted|United Kingdom voted/);
  });

  it("is deterministic", async () => {
    const again = await draftStory(temp.store, ["S/RES/2774", "ES-11/8", "ES-11/7"]);
    expect(storyMarkdown({ ...again, request: story.request })).toBe(storyMarkdown(story));
  });

  it("links the votes it cites to their pages, in Markdown and sanitised HTML", () => {
    const md = storyBodyMarkdown(story);
    expect(md).toContain("[A/RES/ES-11/7](/votes/A%2FRES%2FES-11%2F7)");
    expect(md).toContain("[S/RES/2774 (2025)](/votes/S%2FRES%2F2774%20%282025%29)");
    const html = storyHtml(story);
    expect(html).toContain('<a href="/votes/A%2FRES%2FES-11%2F7">A/RES/ES-11/7</a>');
    expect(html).toContain("<h1>United States votes against");
    expect(story.votes.map((v) => v.ref)).toEqual(expect.arrayContaining(["A/RES/ES-11/6", "rc-8", "rc-9"]));
    expect(story.section).toBe("general-assembly");
    expect(story.tags).toContainEqual({ name: "Ukraine", kind: "topic" });
    expect(story.tags).toContainEqual({ name: "Eastern Europe", kind: "region" });
  });

  it("follows another member when asked", async () => {
    const france = await draftStory(temp.store, ["S/RES/2774"], { focus: "France" });
    expect(france.focus).toMatchObject({ member: "FRA", how: "given" });
    expect(text(france)).toContain("Three European amendments failed.");
  });

  it("refuses an unknown symbol with suggestions", async () => {
    await expect(draftStory(temp.store, ["ES-11/99"])).rejects.toMatchObject({ code: "UNKNOWN_ROLL_CALL" });
    await expect(draftStory(temp.store, [])).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("plenary story … --format json returns the sentences with their facts; md and html work", async () => {
    const run = async (...args: string[]) => {
      const io = captureIo();
      const code = await main([...temp.cliArgs, "story", ...args], io.io);
      return { code, out: io.out, err: io.err };
    };
    const json = await run("ES-11/7", "ES-11/8", "S/RES/2774", "--format", "json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as Story;
    expect(parsed.headline.text).toBe(story.headline.text);
    for (const p of parsed.paragraphs)
      for (const s of p.sentences) expect(s.facts.length, s.text).toBeGreaterThan(0);
    const md = await run("ES-11/7", "ES-11/8", "S/RES/2774");
    expect(md.out).toMatch(/^# United States votes against/);
    expect(md.out).toContain("## The votes");
    const html = await run("S/RES/2774", "--format", "html");
    expect(html.out).toMatch(
      /^<h1>Security Council adopts resolution on Russia and Ukraine by 10 votes to 0<\/h1>/,
    );
    expect((await run("ES-11/7", "--format", "pdf")).code).toBe(1);
  });
});

describe("with voting history, the analysis module ranks the company", () => {
  const temp = suiteStore();

  it("names the co-voters the United States rarely votes with, lowest agreement first, with the figures", async () => {
    const [es117] = await temp.store.findBySymbol("A/RES/ES-11/7");
    const rc = (await temp.store.get(es117!.id))!;
    // Forty earlier Assembly roll calls: the United States votes with Israel and Hungary, against
    // North Korea always, against Russia 3 times in 4 and Belarus 9 times in 10; with seven allies always.
    const rollCalls: MatrixRollCall[] = [];
    const ids: number[] = [];
    const members: string[] = [];
    let values = "";
    for (let i = 0; i < 40; i++) {
      const id = 100_000 + i;
      rollCalls.push({
        id,
        body: "GA",
        session: "70",
        date: `2015-10-${String((i % 28) + 1).padStart(2, "0")}`,
        kind: "resolution",
        importantVote: false,
        issues: [],
        complete: false,
      });
      const votes: [string, string][] = [
        ["USA", "N"],
        ["ISR", "N"],
        ["HUN", "N"],
        ["PRK", "Y"],
        ["RUS", i % 4 === 0 ? "N" : "Y"],
        ["BLR", i % 10 === 0 ? "N" : "Y"],
        ["SDN", i % 2 === 0 ? "N" : "Y"],
        ["CHN", "Y"],
        ...["FRA", "GBR", "CAN", "AUS", "DEU", "JPN", "NLD"].map((m): [string, string] => [m, "N"]),
      ];
      for (const [m, v] of votes) {
        ids.push(id);
        members.push(m);
        values += v;
      }
    }
    rollCalls.push({
      id: rc.id,
      body: "GA",
      session: "ES-11",
      date: rc.date,
      kind: "resolution",
      importantVote: false,
      issues: [],
      complete: false,
    });
    for (const [m, v] of rc.votes) {
      ids.push(rc.id);
      members.push(m);
      values += v;
    }
    const matrix = buildVoteMatrix({
      rollCalls,
      voteRollCallIds: ids,
      voteMemberIds: members,
      voteValues: values,
    });
    const story = await draftStory(temp.store, ["ES-11/7"], { focus: "USA", history: matrix });
    expect(story.companyOrder).toBe("history");
    const sentences = story.paragraphs.flatMap((p) => p.sentences);
    const company = sentences.find((s) => s.text.startsWith("The United States voted against,"))!;
    expect(company.text).toBe(
      "The United States voted against, alongside North Korea, Belarus, Russia and 14 other states.",
    );
    expect(company.facts.some((f) => f.query.startsWith("alongside(matrix"))).toBe(true);
    const departure = sentences.find((s) => s.text.startsWith("Before this vote"))!;
    expect(departure.text).toBe(
      "Before this vote, the United States had voted the same way as North Korea on 0% of the Assembly roll calls both had taken part in since 24 February 2015, as Belarus on 10% and as Russia on 25%.",
    );
    expect(story.notes.join(" ")).not.toContain("alphabetically");
  });
});
