/**
 * The site in a real browser: a real server (buildServer, 127.0.0.1, a free port) over a temporary
 * SQLite store holding the starter data plus the full research record (unvotes, 1946–2019, ≈4 s to
 * import) and the Council veto list. Chromium from the system (PLENARY_CHROMIUM, else /usr/bin/chromium), never a download.
 *
 * Each page kind is opened at desktop (1280×900) and phone (390×844) sizes and saved under
 * e2e/screenshots/; the figures shown are checked against the API's JSON; search, filters and the member
 * autocomplete are used by keyboard; axe-core runs on every page (no serious or critical violation);
 * the console must stay free of CSP violations and script errors; pages work without JavaScript.
 */
import { mkdirSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, seriousViolations, SIZES } from "./browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/data/store/index.js";
import { importFiles } from "../src/data/import/index.js";
import { buildServer } from "../src/web/server.js";
import { leastDifference } from "../src/web/map/colourVision.js";
import { MIN_DIFFERENCE } from "../src/web/map/palette.js";
import { CONSENT_COOKIE, POLICY_VERSION } from "../src/news/cookies.js";
import { openStore } from "../src/tables.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = path.resolve(ROOT, "../shared/data");
const SCREENSHOTS = path.join(ROOT, "e2e/screenshots");

let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let context: BrowserContext;
const problems: string[] = [];

async function json<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await fetch(base + url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

/** Opens a page, failing on console errors (CSP violations are console errors) and page errors. */
async function open(url: string, size: keyof typeof SIZES = "desktop"): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(SIZES[size]);
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${url}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${url}: ${error.message}`));
  const response = await page.goto(base + url, { waitUntil: "load" });
  expect(response?.status(), url).toBeLessThan(400);
  return page;
}

async function axe(page: Page, label: string): Promise<void> {
  const serious = (await seriousViolations(page)).map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join("; ")}`,
  );
  expect(serious).toEqual([]);
}

async function shoot(url: string, name: string): Promise<void> {
  for (const size of ["desktop", "phone"] as const) {
    const page = await open(url, size);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
    await axe(page, `${name} ${size}`);
    await page.close();
  }
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "plenary-e2e-"));
  store = await openStore({ db: path.join(dir, "plenary.db") });
  const started = Date.now();
  await importFiles(store, [path.join(SHARED, "unvotes")]);
  await importFiles(store, [path.join(SHARED, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], {
    skipBadRows: true,
  });
  console.log(`imported the research record and the veto list in ${Date.now() - started} ms`);
  app = await buildServer({ store, rateLimit: 1_000_000, siteOptions: { idealPoints: "background" } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  await app.site.idealPointsSettled(180_000);
  browser = await launchChromium();
  // The cookie choice made, so the consent banner does not cover the screenshots (one test checks it).
  context = await browser.newContext();
  await context.addCookies([
    { name: CONSENT_COOKIE, value: `${POLICY_VERSION}.rejected`, url: base, httpOnly: true, sameSite: "Lax" },
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the site in Chromium", () => {
  it("home: latest, closest and most divisive votes, as the API has them", async () => {
    const api = await json<{ total: number; closest: { ref: string }[]; divisive: { ref: string }[] }>(
      "/api/highlights",
    );
    const page = await open("/");
    expect(await text(page, "main")).toContain(`${api.total} roll calls in the record`);
    const closestLinks = await page
      .locator(".highlights section")
      .first()
      .locator("tbody tr td:first-child > a")
      .allTextContents();
    expect(closestLinks.length).toBe(api.closest.length);
    await page.close();
    await shoot("/", "home");
    // With the consent banner showing (a first visit).
    const first = await browser.newContext();
    const fresh = await first.newPage();
    await fresh.goto(`${base}/`);
    expect(await fresh.locator("#cookie-banner").count()).toBe(1);
    await axe(fresh, "home with the consent banner");
    await first.close();
  });

  it("vote page: tally, map colours and members agree with the API; filters and alongside work without JS", async () => {
    const api = await json<{
      tally: { yes: number; no: number; abstain: number };
      votes: { member: string; vote: string }[];
      symbol: string;
    }>("/api/votes/A%2FRES%2F74%2F246");
    const page = await open("/votes/A%2FRES%2F74%2F246");
    expect(await text(page, "h1")).toBe(api.symbol);
    expect(await text(page, ".figures .yes dd")).toBe(String(api.tally.yes));
    expect(await text(page, ".figures .no dd")).toBe(String(api.tally.no));
    // Each drawn member's shape carries its vote's class.
    const shapes = await page
      .locator("figure.world-map path[data-member]")
      .evaluateAll((paths) => paths.map((p) => [p.getAttribute("data-member"), p.getAttribute("class")]));
    const byMember = new Map(api.votes.map((v) => [v.member, v.vote]));
    let checked = 0;
    for (const [member, cls] of shapes) {
      const vote = byMember.get(member!);
      if (vote) {
        expect(cls, member!).toBe(`v-${vote}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120);
    // The legend names each category in words; its colours, as Chromium paints them, stay apart for
    // readers with protanopia, deuteranopia or tritanopia (issue 14, item 7).
    const legend = await page
      .locator("ul.map-legend li")
      .evaluateAll((items) =>
        items.map((li) => [
          (li.textContent ?? "").replace(/\s+/g, " ").trim(),
          (globalThis as unknown as { getComputedStyle: (e: unknown) => { fill: string } }).getComputedStyle(
            li.querySelector("rect"),
          ).fill,
        ]),
      );
    const labels = legend.map(([label]) => label!);
    for (const word of ["In favour", "Against", "Abstaining", "Not voting in this body"])
      expect(
        labels.some((l) => l.startsWith(word)),
        word,
      ).toBe(true);
    const painted = Object.fromEntries(
      legend
        .filter(([label]) => !label!.startsWith("Vote not known"))
        .map(([label, fill]) => [label!, fill!]),
    );
    const least = leastDifference(painted);
    expect(least.difference, `${least.pair.join(" / ")} under ${least.vision}`).toBeGreaterThanOrEqual(
      MIN_DIFFERENCE,
    );
    // Downloads and Open Graph.
    expect(await page.locator('meta[property="og:type"]').getAttribute("content")).toBe("article");
    const csv = await (await fetch(`${base}/votes/A%2FRES%2F74%2F246.csv`)).text();
    expect(csv.split("\r\n").filter(Boolean).length).toBe(api.votes.length + 1);
    // Filter by region through the form.
    await page.selectOption("#region", "African");
    await Promise.all([page.waitForURL(/region=African/), page.click("form.filters button[type=submit]")]);
    expect(await text(page, "#members summary")).toMatch(/In favour \(\d+ of \d+\)/);
    await page.close();
    // Voted alongside, by query string.
    const alongside = await open("/votes/A%2FRES%2F74%2F246?alongside=USA#alongside");
    expect(await text(alongside, "#alongside h2")).toBe("Voted alongside United States");
    await alongside.close();
    await shoot("/votes/A%2FRES%2F74%2F246", "vote");
    await shoot("/votes/S%2FRES%2F2774", "vote-council");
  });

  it("member page: votes cast from the matrix, partners and charts; codes redirect to alpha-3", async () => {
    const api = await json<{
      votesCast: { all: { total: number } };
      partners: { closest: { member: { name: string } }[] };
      idealPoints: { status: string; points: unknown[] };
    }>("/api/members/FRA");
    const page = await open("/members/FR");
    expect(page.url()).toMatch(/\/members\/FRA$/);
    expect(await text(page, "h1")).toBe("France");
    expect(await text(page, "main")).toContain(api.votesCast.all.total.toLocaleString("en"));
    expect(await text(page, "#partners table tbody tr td")).toBe(api.partners.closest[0]!.member.name);
    expect(await page.locator("#agreement svg.chart-wide").count()).toBe(1);
    expect(api.idealPoints.status).toBe("ready");
    expect(await page.locator("#ideal-points svg.chart-wide").count()).toBe(1);
    // The chart's data table behind a disclosure.
    await page.click("#agreement summary");
    expect(await page.locator("#agreement table tbody tr").count()).toBeGreaterThan(10);
    await page.close();
    await shoot("/members/FRA", "member");
  });

  it("compare: agreement by year, as the API has it", async () => {
    const api = await json<{ overall: { both: number; agreement: number }; years: { year: number }[] }>(
      "/api/compare/US/RU",
    );
    const page = await open("/compare/US/RU");
    expect(page.url()).toMatch(/\/compare\/USA\/RUS$/);
    expect(await text(page, "dl.facts div:first-child dd")).toBe(api.overall.both.toLocaleString("en"));
    expect(await text(page, "dl.facts div:nth-child(2) dd")).toBe(
      `${(api.overall.agreement * 100).toFixed(1)}%`,
    );
    expect(api.years[0]!.year).toBe(1946);
    await page.click("#agreement-by-year summary");
    expect(await page.locator("#agreement-by-year tbody tr").count()).toBe(api.years.length);
    await page.close();
    await shoot("/compare/USA/RUS", "compare");
  });

  it("blocs and the Council", async () => {
    const bloc = await json<{ overall: { rollCalls: number } }>("/api/blocs/EU");
    const page = await open("/blocs/EU");
    expect(await text(page, "dl.facts dd")).toBe(bloc.overall.rollCalls.toLocaleString("en"));
    await page.close();
    await shoot("/blocs", "blocs");
    await shoot("/blocs/EU", "bloc");
    const council = await json<{ vetoes: { total: number } }>("/api/council");
    expect(council.vetoes.total).toBeGreaterThan(200);
    const councilPage = await open("/council?year=1971");
    expect(await text(councilPage, "#vetoes p")).toContain(`${council.vetoes.total} vetoes`);
    expect(await text(councilPage, "#composition")).toContain("Republic of China");
    await councilPage.close();
    await shoot("/council", "council");
  });

  it("search: words, facets with counts, member autocomplete by keyboard and a member-vote filter", async () => {
    const page = await open("/search");
    await page.fill("#q", "nuclear");
    await Promise.all([page.waitForURL(/q=nuclear/), page.press("#q", "Enter")]);
    const all = await json<{
      meta: { pagination: { total: number } };
      facets: { body: { value: string; count: number }[] };
    }>("/api/search?q=nuclear");
    expect(await text(page, ".result-count strong")).toBe(all.meta.pagination.total.toLocaleString("en"));
    // The member field: type, pick the first suggestion with the keyboard.
    await page.locator("#member").pressSequentially("united st", { delay: 30 });
    await page.waitForSelector("ul.ac-list [role=option]");
    expect(await page.locator("#member").getAttribute("aria-expanded")).toBe("true");
    await page.press("#member", "ArrowDown");
    await page.press("#member", "Enter");
    expect(await page.inputValue("#member")).toBe("United States");
    await page.selectOption("#vote", "N");
    await Promise.all([page.waitForURL(/vote=N/), page.click(".search-form button[type=submit]")]);
    const filtered = await json<{
      meta: { pagination: { total: number } };
      results: { memberVote: string }[];
    }>("/api/search?q=nuclear&member=USA&vote=N");
    expect(await text(page, ".result-count strong")).toBe(
      filtered.meta.pagination.total.toLocaleString("en"),
    );
    expect(filtered.results.every((r) => r.memberVote === "N")).toBe(true);
    // A facet link narrows the results to its count.
    const facet = page.locator('.facet[aria-label="Outcome"] li').first();
    const count = (await facet.locator(".facet-count").textContent())!.trim();
    await Promise.all([page.waitForURL(/outcome=/), facet.locator("a").click()]);
    expect(await text(page, ".result-count strong")).toBe(count);
    await page.close();
    await shoot("/search?q=nuclear&member=USA&vote=N", "search");
  });

  it("sortable tables sort by keyboard; the API docs and error pages render", async () => {
    const page = await open("/members/FRA");
    const header = page.locator("#partners table").first().locator("thead th button.sort").nth(1);
    await header.focus();
    await page.keyboard.press("Enter");
    expect(
      await page.locator("#partners table").first().locator("thead th").nth(1).getAttribute("aria-sort"),
    ).toBe("ascending");
    await page.close();
    await shoot("/api/docs", "api-docs");
    const missing = await context.newPage();
    const response = await missing.goto(`${base}/votes/A%2FRES%2F74%2F99999`);
    expect(response?.status()).toBe(404);
    expect(await missing.locator("h1").textContent()).toBe("Not found");
    await missing.screenshot({ path: path.join(SCREENSHOTS, "not-found-desktop.png") });
    await axe(missing, "404");
    await missing.close();
  });

  it("sources and terms: linked from every page's footer, each source with its attribution", async () => {
    const page = await open("/");
    expect(await text(page, "footer.site .credits")).toContain(
      "United Nations (DGACM), machine-readable General Assembly / Security Council resolutions",
    );
    await Promise.all([page.waitForURL(/\/about\/data$/), page.click('footer.site a[href="/about/data"]')]);
    expect(await text(page, "h1")).toBe("The data: sources and terms");
    expect(await page.locator("section.source h3").count()).toBe(4);
    expect(await page.locator("section#coverage h2").textContent()).toBe("Coverage");
    await page.close();
    await shoot("/about/data", "about-data");
  });

  it("works without JavaScript: forms submit, filters apply, pages have everything", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${base}/search`);
    await page.fill("#q", "apartheid");
    await page.fill("#member", "France");
    await Promise.all([page.waitForURL(/member=France/), page.click(".search-form button[type=submit]")]);
    expect(Number((await text(page, ".result-count strong")).replace(/,/g, ""))).toBeGreaterThan(0);
    await page.goto(`${base}/members/DEU?with=FRA,POL#agreement-over-time`);
    expect(await page.locator("#agreement svg.chart-wide").count()).toBe(1);
    await noJs.close();
  });

  it("the cookie banner on every page kind: Accept and Reject work and return to the page, query string and all", async () => {
    const pages = [
      "/",
      "/votes/A%2FRES%2F74%2F19?region=African",
      "/members/USA?from=2000&to=2010&with=FRA",
      "/members",
      "/compare/USA/RUS?year=2019",
      "/blocs/EU?from=2000&to=2010",
      "/council?year=2019",
      "/search?q=ukraine&body=GA",
      "/api/docs",
      "/news?page=1",
      "/news/about",
      "/newsroom/login?next=%2Fnewsroom",
    ];
    for (const [index, url] of pages.entries()) {
      // A reader who has not chosen yet: a context without the consent cookie.
      const fresh = await browser.newContext();
      const page = await fresh.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`${url} (banner): ${message.text()}`);
      });
      await page.goto(base + url);
      expect(await page.locator("#cookie-banner").count(), url).toBe(1);
      const choice = index % 2 ? "Accept" : "Reject";
      await Promise.all([
        page.waitForNavigation(),
        page.locator("#cookie-banner").getByRole("button", { name: choice }).click(),
      ]);
      expect(page.url(), url).toBe(base + url);
      expect(await page.locator("#cookie-banner").count(), url).toBe(0);
      const consent = (await fresh.cookies(base)).find((c) => c.name === CONSENT_COOKIE)?.value;
      expect(consent, url).toBe(`${POLICY_VERSION}.${choice === "Accept" ? "accepted" : "rejected"}`);
      await fresh.close();
    }
  });

  it("no page carries an inline style or inline script, and the console stayed clean", async () => {
    for (const url of [
      "/",
      "/votes/A%2FRES%2F74%2F246",
      "/members/FRA",
      "/compare/USA/RUS",
      "/blocs/EU",
      "/council",
      "/search?q=nuclear",
      "/api/docs",
      "/about/data",
      "/members",
    ]) {
      const page = await (await fetch(base + url)).text();
      expect(page, url).not.toMatch(/\sstyle=/);
      expect(page, url).not.toMatch(/<style/);
      expect(page, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    expect(problems).toEqual([]);
  });
});
