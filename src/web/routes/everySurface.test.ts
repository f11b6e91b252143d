/**
 * Issue 14: what Plenary says about a vote is the same on every surface — `plenary` (text and --json),
 * the API, the pages and the stories — and true to the record. On the research record (unvotes,
 * 1946–2019) imported beside the starter data, served over real HTTP.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { importFiles } from "../../data/import/index.js";
import { checkOutcomes } from "../../data/outcomes.js";
import { findRollCall } from "../../data/rollCallView.js";
import { draftStory } from "../../news/story/draft.js";
import { captureIo } from "../../test/tempStore.js";
import { RESEARCH_RECORD, SHARED_DATA, suiteServer } from "../../test/suiteServer.js";

const SHARED = SHARED_DATA;

const site = suiteServer({
  imports: [RESEARCH_RECORD[0]!],
  // In a child process: estimated inline, the whole research record holds the event loop for seconds
  // and, on a loaded machine, the server's plugins time out before it listens.
  server: { rateLimit: 1_000_000, siteOptions: { idealPoints: "background" } },
});

async function cli(...args: string[]) {
  const capture = captureIo();
  const code = await main([...site.temp.cliArgs, ...args], capture.io);
  return { code, out: capture.out, err: capture.err };
}

async function get(url: string) {
  return fetch(site.base + url, { redirect: "manual" });
}

async function page(url: string): Promise<string> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

async function api<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

/** Text of an HTML fragment, whitespace collapsed (entities for quotes and apostrophes decoded). */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("item 2: one outcome, one reason", () => {
  const A3411D = "A/RES/3411D(XXX)";

  it("gives A/RES/3411D(XXX) (complete, 104–0–8) its true reason: a source date before Comoros's admission", async () => {
    const json = JSON.parse((await cli("vote", A3411D, "--json")).out);
    expect(json.complete).toBe(true);
    expect(json.tally).toMatchObject({ yes: 104, no: 0, abstain: 8 });
    expect(json.outcome).toBeNull();
    expect(json.undecided.code).toBe("voter-not-yet-member");
    const reason: string = json.undecided.reason;
    expect(reason).toContain("before Comoros was admitted to the United Nations (12 November 1975)");
    expect(reason).not.toContain("neither a tally");

    const text = (await cli("vote", A3411D)).out;
    expect(text).toContain(`Rules:   ${reason}`);
    expect((await api(`/api/votes/${encodeURIComponent(A3411D)}`)).undecided).toEqual(json.undecided);
    const html = textOf(await page(`/votes/${encodeURIComponent(A3411D)}`));
    expect(html).toContain(reason);
    expect(html).not.toContain("neither a tally nor every member");

    const story = await draftStory(site.store, [A3411D], { history: "none" });
    expect(story.notes).toContain(`The outcome of ${A3411D} is unknown: ${reason}`);
  });

  it("finds 110 such roll calls, each with that reason in check-outcomes too", async () => {
    const check = await checkOutcomes(site.store);
    const early = check.undecidableItems.filter((u) => u.code === "voter-not-yet-member");
    expect(early).toHaveLength(110);
    expect(check.undecidable).toBe(110);
    const item = early.find((u) => u.ref === A3411D)!;
    const json = JSON.parse((await cli("vote", A3411D, "--json")).out);
    expect(item.reason).toBe(json.undecided.reason);
  });

  it("plenary votes --session 30 shows the outcome the pages and the API show, derived ones included", async () => {
    const listed = JSON.parse((await cli("votes", "--session", "30", "--limit", "1000", "--json")).out);
    const served = await api<{ votes: { ref: string; outcome: string | null; undecided: unknown }[] }>(
      "/api/votes?session=30&limit=1000",
    );
    expect(listed.votes).toHaveLength(70);
    const byRef = new Map(served.votes.map((v) => [v.ref + v.outcome, v]));
    for (const v of listed.votes) expect(byRef.has(v.ref + v.outcome), v.ref).toBe(true);
    expect(
      listed.votes.filter((v: { outcome: string | null }) => v.outcome === "adopted").length,
    ).toBeGreaterThan(50);
    const text = (await cli("votes", "--session", "30", "--limit", "1000")).out;
    expect(text).toMatch(/A\/RES\/3379\(XXX\)\s+resolution\s+adopted/);
    const row = listed.votes.find((v: { ref: string }) => v.ref === A3411D);
    expect(row).toMatchObject({ outcome: null, undecided: { code: "voter-not-yet-member" } });
    // The page of 3379 and its list row say the same.
    const html = textOf(await page(`/votes/${encodeURIComponent("A/RES/3379(XXX)")}`));
    expect(html).toContain("adopted (derived by the rules)");
  });
});

describe("item 3: approximate facts said as such", () => {
  const A3379 = "A/RES/3379(XXX)";

  it("dates A/RES/3379 (XXX) to the month: datePrecision in JSON, 'about' on the pages, 'in' in stories", async () => {
    const json = JSON.parse((await cli("vote", A3379, "--json")).out);
    expect(json).toMatchObject({ date: "1975-11-01", datePrecision: "month" });
    expect(json.dateNote).toContain("known to November 1975, not to the day");
    expect((await cli("vote", A3379)).out).toContain("General Assembly · session 30 · about November 1975");
    expect((await api(`/api/votes/${encodeURIComponent(A3379)}`)).datePrecision).toBe("month");
    const html = await page(`/votes/${encodeURIComponent(A3379)}`);
    expect(html).toContain('<time datetime="1975-11"');
    expect(textOf(html)).toContain("about November 1975");
    expect(textOf(html)).not.toContain("1 November 1975 ");
    const listed = await api<{ votes: { ref: string; datePrecision: string }[] }>(
      "/api/votes?session=30&limit=100",
    );
    expect(listed.votes.find((v) => v.ref === A3379)!.datePrecision).toBe("month");
    const story = await draftStory(site.store, [A3379], { history: "none" });
    expect(story.paragraphs[0]!.sentences[0]!.text).toContain("in November 1975");
    expect(story.paragraphs[0]!.sentences[0]!.text).not.toContain("1 November 1975");
  });

  it("marks every research date before September 2003 on days 1–7 — session 1 before the first meeting and every vote dated before a voter's admission among them — and no later one", async () => {
    const snapshot = await site.app.site.snapshot();
    const research = snapshot.catalog.entries.filter((e) => e.date < "2020-01-01");
    const month = research.filter((e) => e.datePrecision === "month");
    expect(month).toHaveLength(4514);
    expect(month.every((e) => e.date < "2003-09-01" && Number(e.date.slice(8)) <= 7)).toBe(true);
    const firstWeeks = research.filter((e) => e.date < "1946-01-10");
    expect(firstWeeks.length).toBeGreaterThan(0);
    expect(firstWeeks.every((e) => e.datePrecision === "month")).toBe(true);
    const early = (await checkOutcomes(site.store)).undecidableItems.filter(
      (u) => u.code === "voter-not-yet-member",
    );
    const byId = new Map(research.map((e) => [e.id, e]));
    expect(early.every((u) => byId.get(u.id)!.datePrecision === "month")).toBe(true);
    // Exact: the starter data's, and the research dataset's after 2003 or on a day past the 7th.
    expect(
      snapshot.catalog.entries.filter((e) => e.date >= "2003-09-01").every((e) => e.datePrecision === "day"),
    ).toBe(true);
  });

  it("links no document for R/1/79, a rejected motion the research dataset files as A/RES/79(I)", async () => {
    const json = JSON.parse((await cli("vote", "A/RES/79(I)", "--json")).out);
    expect(json).toMatchObject({ symbol: "A/RES/79(I)", outcome: "rejected", documentSymbol: null });
    expect(json.symbolNote).toContain("files this vote under A/RES/79(I), but the vote was rejected");
    expect((await cli("vote", "A/RES/79(I)")).out).toContain(`Symbol:  ${json.symbolNote}`);
    const html = await page(`/votes/${encodeURIComponent("A/RES/79(I)")}`);
    expect(html).not.toContain("undocs.org");
    expect(html).toMatch(/<h1>SECURITY COUNCIL ELECTIONS<\/h1>/);
    expect(textOf(html)).toContain(json.symbolNote);
    // A resolution the dataset gives from the 18th session on is linked.
    expect(await page(`/votes/${encodeURIComponent(A3379)}`)).toContain("https://undocs.org/A/RES/3379(XXX)");
  });

  it("takes the date of a more trusted source that holds the vote: exact, and said so", async () => {
    const research = await findRollCall(site.store, A3379);
    // The UN Digital Library's record of the same vote (adopted 10 November 1975, 72–35–32).
    await site.store.write([
      {
        body: "GA",
        session: "30",
        date: "1975-11-10",
        symbol: "A/RES/3379(XXX)",
        draftSymbol: "A/L.770",
        kind: "resolution",
        title: "Elimination of all forms of racial discrimination",
        description: null,
        meeting: "A/PV.2400",
        agenda: null,
        voteNotes: [],
        subjects: [],
        disputes: [],
        procedural: false,
        importantQuestion: null,
        importantVote: false,
        modality: "recorded",
        officialTally: { yes: 72, no: 35, abstain: 32, nonVoting: 3 },
        recordedOutcome: "adopted",
        complete: true,
        issues: [],
        sequence: 0,
        source: "undl-ga",
        sourceKey: "3379-test",
        citation: null,
        file: null,
        parentSourceKey: null,
        votes: research.votes,
      },
    ]);
    const json = JSON.parse((await cli("vote", A3379, "--json")).out);
    expect(json.id).toBe(research.id);
    expect(json).toMatchObject({ date: "1975-11-10", datePrecision: "day", dateNote: null });
    expect(json.sources.map((s: { source: string }) => s.source).sort()).toEqual(["undl-ga", "unvotes"]);
  });
});

describe("item 4: small samples refused or marked", () => {
  it("refuses ideal points for session ES-11 (2 contested roll calls) in text and JSON", async () => {
    for (const args of [
      ["ideal", "--session", "ES-11"],
      ["ideal", "--session", "ES-11", "--json"],
    ]) {
      const { code, err } = await cli(...args);
      expect(code).toBe(1);
      expect(err).toContain("Session ES-11 has 2 contested roll calls: an ideal point needs at least 10.");
    }
    const session74 = JSON.parse((await cli("ideal", "--session", "74", "--json")).out);
    expect(session74).toMatchObject({ smallSample: false, minVotes: 10 });
    for (const p of session74.points) expect(p.smallSample).toBe(p.votes < 10);
  });

  it("marks agreement built on fewer than 10 shared roll calls: CLI, API and the compare page", async () => {
    const rows = JSON.parse(
      (await cli("align", "USA", "RUS", "--body", "GA", "--by", "year", "--from", "2015", "--json")).out,
    );
    const byYear = new Map(rows.map((r: { year: number }) => [r.year, r]));
    expect(byYear.get(2025)).toMatchObject({ both: 2, smallSample: true });
    expect(byYear.get(2019)).toMatchObject({ both: 86, smallSample: false });
    const text = (await cli("align", "USA", "RUS", "--body", "GA", "--by", "year", "--from", "2015")).out;
    expect(text).toMatch(/2025\s+2\*/);
    expect(text).toContain("* fewer than 10 roll calls where both voted: a small sample, not a finding.");
    const compare = await api<{ years: { year: number; both: number; smallSample: boolean }[] }>(
      "/api/compare/USA/RUS",
    );
    expect(compare.years.find((y) => y.year === 2025)).toMatchObject({ both: 2, smallSample: true });
    expect(textOf(await page("/compare/USA/RUS"))).toMatch(/2025 2 \(small sample\) 50\.0% /);
  });

  it("does not rank ES-11/7 (20 known votes) by voting pattern, and says why", async () => {
    const html = await page(`/votes/${encodeURIComponent("A/RES/ES-11/7")}`);
    const related = textOf(html.slice(html.indexOf('class="related-votes"')));
    expect(related).toContain(
      "Most similar voting pattern Not ranked: 20 members' votes are known, and a voting pattern is compared over at least 50 members voting on both.",
    );
    expect(html).not.toContain("Member by member, by Cohen's kappa");
    // A complete Assembly vote is still ranked.
    expect(await page(`/votes/${encodeURIComponent("A/RES/74/19")}`)).toContain(
      "Member by member, by Cohen's kappa",
    );
  });
});

describe("item 5: defaults a reporter expects, printed", () => {
  it("alongside sets a vote against the ten years before it, and says so; --years all for the whole record", async () => {
    const recent = JSON.parse((await cli("alongside", "ES-11/7", "USA", "--json")).out);
    expect(recent.history).toMatchObject({ years: 10, from: "2015-02-24", before: "2025-02-24" });
    const hungary = recent.members.find((m: { id: string }) => m.id === "HUN");
    expect(hungary.agreementBefore).toBeCloseTo(0.526, 3);
    const text = (await cli("alongside", "ES-11/7", "USA")).out;
    expect(text).toContain(
      `History: the 10 years before the vote (24 February 2015 – 23 February 2025; --years all for the whole record), ${recent.history.rollCalls} roll calls of the same body.`,
    );
    const whole = JSON.parse((await cli("alongside", "ES-11/7", "USA", "--years", "all", "--json")).out);
    expect(whole.history).toMatchObject({ years: null, from: null });
    expect(whole.members.find((m: { id: string }) => m.id === "HUN").agreementBefore).toBeCloseTo(0.299, 3);
    const html = textOf(await page(`/votes/${encodeURIComponent("A/RES/ES-11/7")}?alongside=USA`));
    expect(html).toContain(
      `History: the ${recent.history.rollCalls} roll calls of this body in the 10 years before this vote (from 24 February 2015).`,
    );
  });

  it("the story of ES-11/7 follows the United States, and tells the editor why", async () => {
    const story = await draftStory(site.store, ["ES-11/7"]);
    expect(story.focus?.member).toBe("USA");
    expect(
      story.notes.find((n) => n.startsWith("The story follows the United States, chosen by score")),
    ).toMatch(
      /unusual company on A\/RES\/ES-11\/7: \d+ of 17 co-voters in its lowest quarter of past agreement/,
    );
    const named = await draftStory(site.store, ["ES-11/7"], { focus: "Russia" });
    expect(named.focus?.member).toBe("RUS");
    expect(named.notes).toContain("The story follows Russia, as asked (--focus).");
  });

  it("align measures the Assembly by default, as the site and the API do, and says so", async () => {
    const cliJson = JSON.parse((await cli("align", "USA", "RUS", "--json")).out);
    const served = await api<{ body: string; overall: { both: number; agreement: number } }>(
      "/api/compare/USA/RUS",
    );
    expect(served.body).toBe("GA");
    expect(cliJson).toMatchObject({
      body: "GA",
      both: served.overall.both,
      agreement: served.overall.agreement,
    });
    expect((await cli("align", "USA", "RUS")).out).toContain(
      `United States and Russia in the General Assembly: ${served.overall.both} roll calls where both voted`,
    );
    const both = JSON.parse((await cli("align", "USA", "RUS", "--body", "all", "--json")).out);
    expect(both.both).toBe(served.overall.both + 3);
  });
});

describe("item 6: resolution numbers in every usual form", () => {
  beforeAll(async () => {
    // The UN Digital Library's Security Council excerpt: S/RES/504 (1982) and S/RES/2774 (2025) among its 44.
    await importFiles(site.store, [path.join(SHARED, "undl-excerpts/sc_voting_2026_02_06_excerpt.csv")]);
  });

  async function refOf(args: string[]) {
    const { code, out, err } = await cli("vote", ...args, "--json");
    return code === 0 ? (JSON.parse(out).ref as string) : { code, err };
  }

  it("finds 3379 as A/RES/3379(XXX) from the CLI, /votes/3379 and the API alike", async () => {
    for (const form of ["3379", "A/RES/3379", "a/res/3379", "RES/3379"])
      expect(await refOf([form])).toBe("A/RES/3379(XXX)");
    expect(await page("/votes/3379")).toContain("<h1>A/RES/3379(XXX)</h1>");
    expect((await api("/api/votes/3379")).ref).toBe("A/RES/3379(XXX)");
    expect((await api("/api/votes/A%2FRES%2F3379")).ref).toBe("A/RES/3379(XXX)");
  });

  it("reads the Council's forms, and never answers a wrong year with another resolution", async () => {
    for (const form of ["S/RES/504/1982", "S/RES/504 (1982)", "S/RES/504(1982)", "504 (1982)", "S/RES/504"])
      expect(await refOf([form]), form).toBe("S/RES/504 (1982)");
    const wrong = await cli("vote", "S/RES/504 (1983)");
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(
      "No roll call with the symbol S/RES/504 (1983): resolution 504 of the Security Council is of 1982",
    );
    expect(wrong.err).toContain("Did you mean: S/RES/504 (1982)?");
    const served = await get(`/api/votes/${encodeURIComponent("S/RES/504 (1983)")}`);
    expect(served.status).toBe(404);
    expect(await served.json()).toMatchObject({
      error: "UNKNOWN_ROLL_CALL",
      suggestions: ["S/RES/504 (1982)"],
    });
    const shown = await get(`/votes/${encodeURIComponent("S/RES/504 (1983)")}`);
    expect(shown.status).toBe(404);
    expect(await shown.text()).toContain('href="/votes/S%2FRES%2F504%20(1982)"');
  });

  it("lists the candidates of an ambiguous number: Assembly and Council, several sessions", async () => {
    const both = await cli("vote", "2774");
    expect(both.code).toBe(1);
    expect(both.err).toContain('"2774" may mean 2 resolutions');
    expect(both.err).toContain("Did you mean: A/RES/2774(XXVI), S/RES/2774 (2025)?");
    const served = await get("/api/votes/2774");
    expect(served.status).toBe(300);
    expect(await served.json()).toMatchObject({
      error: "AMBIGUOUS_ROLL_CALL",
      suggestions: ["A/RES/2774(XXVI)", "S/RES/2774 (2025)"],
    });
    const shown = await get("/votes/2774");
    expect(shown.status).toBe(300);
    expect(await shown.text()).toContain('href="/votes/A%2FRES%2F2774(XXVI)"');
    const sessions = await cli("vote", "19", "--json");
    expect(sessions.code).toBe(1);
    expect(sessions.err).toMatch(/"19" may mean 18 resolutions \(the first 12 of 18 listed\)/);
    expect(sessions.err).toContain("A/RES/36/19");
    // The full symbols still answer at once.
    expect(await refOf(["S/RES/2774"])).toBe("S/RES/2774 (2025)");
    expect(await refOf(["74/19"])).toBe("A/RES/74/19");
  });
});
