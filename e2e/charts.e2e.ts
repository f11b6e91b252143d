/**
 * Readable charts and the phone menu in a real browser (issue 18, items 4 and 5): a real server over a
 * temporary SQLite store holding the research record (unvotes, 1946–2019) and the Council veto list,
 * with the ideal points estimated; Chromium from the system, never a download.
 *
 * Tab reaches a chart's marks and the map's countries, the tooltip shows the figure and n the API gives,
 * the focused mark's accessible name is the same text, arrow keys and letters move, Escape hides it;
 * the console stays free of CSP violations; axe-core finds no serious or critical violation with the
 * tooltips up. At phone size (390×844) the header is one line with its menu closed and opens, without
 * JavaScript too, to every link; the consent banner takes under 15% of the screen. Screenshots at
 * desktop and phone sizes go to e2e/screenshots/charts-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, seriousViolations, SIZES } from "./browser.js";
import type { Store } from "../src/data/store/index.js";
import { importFiles } from "../src/data/import/index.js";
import { buildServer } from "../src/web/server.js";
import { CONSENT_COOKIE, POLICY_VERSION } from "../src/news/cookies.js";
import { MIN_ROLL_CALLS } from "../src/analysis/minimums.js";
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

async function json<T>(url: string): Promise<T> {
  const response = await fetch(base + url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

function watch(page: Page, url: string): void {
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text()))
      problems.push(`${url}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${url}: ${error.message}`));
}

async function open(url: string, size: keyof typeof SIZES = "desktop", ctx = context): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize(SIZES[size]);
  watch(page, url);
  const response = await page.goto(base + url, { waitUntil: "load" });
  expect(response?.status(), url).toBeLessThan(400);
  return page;
}

async function axe(page: Page, label: string): Promise<void> {
  const serious = (await seriousViolations(page)).map(
    (v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes[0]?.target.join(" ")}`,
  );
  expect(serious).toEqual([]);
}

/** What the focused element is, and what the tooltip says. */
async function focusState(
  page: Page,
): Promise<{ inside: string; tag: string; name: string; tip: string | null }> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const active = d.activeElement;
    const tip = d.querySelector(".chart-tip");
    const svg = active?.closest("svg");
    return {
      inside: svg
        ? (svg.closest("figure")?.getAttribute("class") ?? "") + " " + (svg.getAttribute("class") ?? "")
        : "",
      tag: active?.tagName.toLowerCase() ?? "",
      name: active?.getAttribute("aria-label") ?? "",
      tip: tip && !tip.hidden ? (tip.textContent ?? "") : null,
    };
  });
}

/** Presses Tab until the focus is inside a drawing matching `where` (at most `limit` presses). */
async function tabInto(page: Page, where: RegExp, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (where.test((await focusState(page)).inside)) return presses;
  }
  throw new Error(`Tab did not reach ${String(where)} in ${limit} presses`);
}

/** The focused mark's accessible name as Chromium computes it (playwright's role query), and its role. */
async function focusedHasName(page: Page, name: string): Promise<boolean> {
  const mark = page.getByRole("img", { name, exact: true });
  return (
    (await mark.count()) >= 1 && (await mark.first().evaluate((e) => e === e.ownerDocument.activeElement))
  );
}

/** The little of the DOM these tests read inside the page (the project compiles without the DOM's types). */
interface El {
  tagName: string;
  hidden: boolean;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
}
interface Doc {
  activeElement: El | null;
  querySelector(selector: string): El | null;
}

const pct = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "plenary-charts-e2e-"));
  store = await openStore({ db: path.join(dir, "plenary.db") });
  await importFiles(store, [path.join(SHARED, "unvotes")]);
  await importFiles(store, [path.join(SHARED, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], {
    skipBadRows: true,
  });
  app = await buildServer({ store, rateLimit: 1_000_000, siteOptions: { idealPoints: "background" } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  await app.site.idealPointsSettled(280_000);
  browser = await launchChromium();
  // The cookie choice made, so the banner does not cover the charts (the last test shows it).
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

describe("values on charts and the map", () => {
  it("compare: Tab reaches the agreement chart; the tooltip and the mark's name give the API's figure and n; arrows move; Escape hides", async () => {
    const api = await json<{
      years: { year: number; both: number; agreement: number; coincidence: number }[];
    }>("/api/compare/USA/RUS");
    const charted = api.years.filter((y) => y.both >= MIN_ROLL_CALLS);
    const text = (y: (typeof charted)[number]) =>
      `United States – Russia, ${y.year}: ${pct(y.agreement)} agreement over ${y.both} roll calls`;
    for (const size of ["desktop", "phone"] as const) {
      const page = await open("/compare/USA/RUS", size);
      await page.focus("form.filters button[type=submit]");
      await tabInto(page, /chart/);
      let state = await focusState(page);
      expect(state.inside).toContain(size === "desktop" ? "chart-wide" : "chart-narrow");
      expect(state.tag).toBe("circle");
      expect(state.tip).toBe(text(charted[0]!));
      expect(state.name).toBe(state.tip);
      expect(await focusedHasName(page, text(charted[0]!))).toBe(true);
      // Right: the next charted year on the same line; Up: the other line (coincidence) that year.
      await page.keyboard.press("ArrowRight");
      state = await focusState(page);
      expect(state.tip).toBe(text(charted[1]!));
      await page.keyboard.press("ArrowUp");
      state = await focusState(page);
      const year = charted[1]!;
      // Coincidence is at least agreement's share less the abstentions: above it here, as on the chart.
      expect(state.tip).toBe(
        `United States – Russia, ${year.year}: ${pct(year.coincidence)} coincidence (abstentions left out) over ${year.both} roll calls`,
      );
      await page.keyboard.press("End");
      expect((await focusState(page)).tip).toContain(`${charted.at(-1)!.year}:`);
      await page.keyboard.press("Home");
      expect((await focusState(page)).tip).toBe(text(charted[0]!));
      await page.screenshot({ path: path.join(SCREENSHOTS, `charts-compare-${size}.png`) });
      await axe(page, `compare ${size} with a tooltip`);
      await page.keyboard.press("Escape");
      state = await focusState(page);
      expect(state.tip).toBeNull();
      expect(state.tag).toBe("circle");
      // Tab leaves the chart in one press (one tab stop per chart), to its data table.
      await page.keyboard.press("Tab");
      expect(
        await page.evaluate(
          () => (globalThis as unknown as { document: Doc }).document.activeElement?.tagName,
        ),
      ).toBe("SUMMARY");
      await page.close();
    }
  });

  it("vote page: the tally bar and the map by keyboard (Tab, letters, Escape) and the map by pointer", async () => {
    const api = await json<{
      tally: { yes: number; no: number; abstain: number; nonVoting: number | null };
      votes: { member: string; vote: string }[];
    }>("/api/votes/A%2FRES%2F74%2F246");
    const words: Record<string, string> = { Y: "in favour", N: "against", A: "abstained", X: "did not vote" };
    const voteOf = (id: string) => words[api.votes.find((v) => v.member === id)!.vote];
    const total = api.tally.yes + api.tally.no + api.tally.abstain + (api.tally.nonVoting ?? 0);
    for (const size of ["desktop", "phone"] as const) {
      const page = await open("/votes/A%2FRES%2F74%2F246", size);
      await page.focus("a.skip");
      await tabInto(page, /tally/);
      let state = await focusState(page);
      expect(state.tip).toBe(
        `In favour: ${api.tally.yes} of ${total} members (${pct(api.tally.yes / total)})`,
      );
      expect(await focusedHasName(page, state.tip!)).toBe(true);
      await page.keyboard.press("ArrowRight");
      expect((await focusState(page)).tip).toBe(
        `Against: ${api.tally.no} of ${total} members (${pct(api.tally.no / total)})`,
      );
      // On to the map; the countries come in the order of their names.
      await tabInto(page, /world-map/, 15);
      state = await focusState(page);
      expect(state.tag).toBe("path");
      expect(state.tip).toBe(`Afghanistan: ${voteOf("AFG")}`);
      expect(await focusedHasName(page, state.tip!)).toBe(true);
      await page.keyboard.type("fra");
      state = await focusState(page);
      expect(state.tip).toBe(`France: ${voteOf("FRA")}`);
      // Arrows move to a neighbour on the map.
      await page.keyboard.press("ArrowRight");
      state = await focusState(page);
      expect(state.tip).not.toBe(`France: ${voteOf("FRA")}`);
      expect(state.tip).toMatch(/^(Switzerland|Germany|Italy|Belgium|Luxembourg|Austria)/);
      await page.keyboard.type("united states");
      expect((await focusState(page)).tip).toBe(`United States: ${voteOf("USA")}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `charts-vote-map-${size}.png`) });
      await axe(page, `vote ${size} with a tooltip`);
      await page.keyboard.press("Escape");
      expect((await focusState(page)).tip).toBeNull();
      if (size === "desktop") {
        // The pointer over Brazil shows Brazil's vote; off the map, nothing.
        const brazil = page.locator('figure.world-map path[data-member="BRA"]');
        const box = (await brazil.boundingBox())!;
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
        await expect.poll(async () => (await focusState(page)).tip).toBe(`Brazil: ${voteOf("BRA")}`);
        await page.mouse.move(5, 5);
        await expect.poll(async () => (await focusState(page)).tip).toBeNull();
      }
      await page.close();
    }
  });

  it("member page: the agreement and ideal-point charts give the API's figures", async () => {
    const api = await json<{
      agreement: {
        series: { member: { name: string }; points: { year: number; agreement: number; both: number }[] }[];
      };
      idealPoints: {
        status: string;
        points: {
          session: string;
          year: number;
          estimate: number;
          se: number;
          votes: number;
          smallSample: boolean;
        }[];
      };
    }>("/api/members/FRA?with=USA");
    const page = await open("/members/FRA?with=USA");
    await page.focus("#agreement-over-time button[type=submit]");
    await tabInto(page, /chart-wide/, 5);
    const first = api.agreement.series[0]!.points.find((p) => p.both >= MIN_ROLL_CALLS)!;
    expect((await focusState(page)).tip).toBe(
      `France – United States, ${first.year}: ${pct(first.agreement)} agreement over ${first.both} roll calls`,
    );
    expect(api.idealPoints.status).toBe("ready");
    await page.focus("#agreement details summary");
    await tabInto(page, /chart-wide/, 5);
    const ideal = api.idealPoints.points.find((p) => /^\d+$/.test(p.session) && !p.smallSample)!;
    const state = await focusState(page);
    expect(state.inside).toContain("chart");
    expect(state.tip).toBe(
      `France, session ${ideal.session} (${ideal.year}): ideal point ${ideal.estimate.toFixed(2)} ± ${(2 * ideal.se).toFixed(2)} (2 s.e.) from ${ideal.votes} votes`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "charts-member-desktop.png") });
    await page.close();
  });

  it("blocs and the Council: cohesion points and veto bars", async () => {
    const bloc = await json<{
      name: string;
      years: { year: number; rollCalls: number; agreementIndex: number | null }[];
    }>("/api/blocs/EU");
    const page = await open("/blocs/EU");
    await page.focus("form.filters button[type=submit]");
    await tabInto(page, /chart-wide/, 5);
    const year = bloc.years.find((y) => y.rollCalls >= MIN_ROLL_CALLS)!;
    expect((await focusState(page)).tip).toBe(
      `${bloc.name}, ${year.year}: Agreement Index ${year.agreementIndex!.toFixed(3)} over ${year.rollCalls} roll calls`,
    );
    await page.close();

    const council = await json<{
      vetoes: { decades: string[]; seats: { name: string; byDecade: Record<string, number> }[] };
    }>("/api/council");
    const councilPage = await open("/council");
    await councilPage.focus("#composition details summary");
    await tabInto(councilPage, /chart-wide/, 5);
    const seat = council.vetoes.seats[0]!;
    const decade = council.vetoes.decades.find((d) => (seat.byDecade[d] ?? 0) > 0)!;
    const cast = council.vetoes.seats.reduce((sum, s) => sum + (s.byDecade[decade] ?? 0), 0);
    const n = seat.byDecade[decade]!;
    const state = await focusState(councilPage);
    expect(state.tag).toBe("rect");
    expect(state.tip).toBe(
      `${seat.name}, ${decade}: ${n} ${n === 1 ? "veto" : "vetoes"} of ${cast} cast that decade`,
    );
    await councilPage.screenshot({ path: path.join(SCREENSHOTS, "charts-council-desktop.png") });
    await axe(councilPage, "council with a tooltip");
    await councilPage.close();
  });

  it("without JavaScript the marks keep their titles and the pages no tab stops in the drawings", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${base}/compare/USA/RUS`);
    const titles = await page.locator("svg.chart-wide circle > title").allTextContents();
    expect(titles.length).toBeGreaterThan(100);
    expect(titles[0]).toMatch(/^United States – Russia, 1946: \d+\.\d% agreement over \d+ roll calls$/);
    await page.goto(`${base}/votes/A%2FRES%2F74%2F246`);
    expect(await page.locator("figure.world-map path > title").count()).toBeGreaterThan(150);
    await noJs.close();
  });
});

describe("the header and the consent banner on a phone", () => {
  it("the header is one line with the menu closed, and the menu opens to every link (with and without JavaScript)", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await browser.newContext({ javaScriptEnabled });
      await ctx.addCookies([
        {
          name: CONSENT_COOKIE,
          value: `${POLICY_VERSION}.rejected`,
          url: base,
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
      for (const url of ["/", "/votes/A%2FRES%2F74%2F246", "/members/FRA", "/news"]) {
        const page = await open(url, "phone", ctx);
        const header = page.locator("header.site");
        const closed = (await header.boundingBox())!;
        // One line: the brand and the Menu button side by side.
        expect(closed.height, url).toBeLessThanOrEqual(60);
        const summary = page.locator("header.site summary");
        expect(await summary.isVisible()).toBe(true);
        expect(await page.locator("header.site .nav-wide").isVisible()).toBe(false);
        const links = page.locator("header.site .nav-menu-links a");
        expect(await links.first().isVisible()).toBe(false);
        await summary.click();
        const labels = await links.allTextContents();
        expect(labels).toEqual([
          "Votes",
          "News",
          "Members",
          "Compare",
          "Blocs",
          "Council",
          "Search",
          "Data & API",
        ]);
        for (const link of await links.all()) {
          expect(await link.isVisible(), url).toBe(true);
          const box = (await link.boundingBox())!;
          expect(box.y + box.height, url).toBeLessThanOrEqual(SIZES.phone.height);
          expect(box.height, url).toBeGreaterThanOrEqual(24);
        }
        if (javaScriptEnabled && url === "/members/FRA") {
          await page.screenshot({ path: path.join(SCREENSHOTS, "charts-menu-open-phone.png") });
          await axe(page, "member page, phone, menu open");
        }
        // The menu takes one to a page.
        if (url === "/") {
          await Promise.all([page.waitForURL(/\/council$/), links.filter({ hasText: "Council" }).click()]);
          expect(await page.locator("h1").textContent()).toBe("The Security Council");
        }
        await page.close();
      }
      await ctx.close();
    }
    // At desktop width the links are in a row, the Menu button hidden, the header one line.
    const page = await open("/compare/USA/RUS", "desktop");
    expect(await page.locator("header.site summary").isVisible()).toBe(false);
    expect(await page.locator("header.site .nav-wide a").count()).toBe(8);
    for (const link of await page.locator("header.site .nav-wide a").all())
      expect(await link.isVisible()).toBe(true);
    expect((await page.locator("header.site").boundingBox())!.height).toBeLessThanOrEqual(60);
    await page.close();
  });

  it("the consent banner on a phone takes under 15% of the screen; its choice still works and sets nothing before", async () => {
    for (const size of ["phone", "desktop"] as const) {
      const fresh = await browser.newContext();
      const page = await open("/members/FRA", size, fresh);
      const banner = page.locator("#cookie-banner");
      const box = (await banner.boundingBox())!;
      if (size === "phone") expect(box.height / SIZES.phone.height).toBeLessThan(0.15);
      // The short wording on a phone, the full one on a wide screen: one of them shows.
      expect(await banner.locator(".consent-short").isVisible()).toBe(size === "phone");
      expect(await banner.locator(".consent-long").isVisible()).toBe(size === "desktop");
      expect(await banner.locator("p").textContent()).toContain("the name you comment under");
      for (const name of ["Accept", "Reject"])
        expect(await banner.getByRole("button", { name }).isVisible()).toBe(true);
      expect(await banner.getByRole("link", { name: "Read more" }).isVisible()).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `charts-banner-${size}.png`) });
      await axe(page, `banner ${size}`);
      expect(await fresh.cookies(base)).toEqual([]);
      await Promise.all([page.waitForNavigation(), banner.getByRole("button", { name: "Reject" }).click()]);
      expect(page.url()).toBe(`${base}/members/FRA`);
      expect(await page.locator("#cookie-banner").count()).toBe(0);
      expect((await fresh.cookies(base)).map((c) => `${c.name}=${c.value}`)).toEqual([
        `${CONSENT_COOKIE}=${POLICY_VERSION}.rejected`,
      ]);
      await fresh.close();
    }
  });

  it("the console stayed clean: no CSP violation, no script error", () => {
    expect(problems).toEqual([]);
  });
});
