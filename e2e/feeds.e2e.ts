/**
 * The votes index, a vote's stories and the watch feeds in a real browser (Chromium through
 * playwright-core) against a real server on 127.0.0.1, on real data (the General Assembly's 79th
 * session and the Council's 2024 resolutions, DGACM): a reader filters /votes with the form — with and
 * without JavaScript — finds the Cuba embargo vote, opens it, follows "Stories about this vote" to the
 * published article; the member page announces its feed, which the browser parses as XML. Screenshots
 * (desktop 1280×900, phone 390×844) go to e2e/screenshots/ (git-ignored).
 *
 * Run: node scripts/test-e2e.mjs e2e/feeds.e2e.ts
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, seriousViolations } from "./browser.js";
import { importFiles } from "../src/data/import/index.js";
import { addUser } from "../src/news/accounts.js";
import { articlePath, createArticle, transition } from "../src/news/articles.js";
import { tempStore, type TempStore } from "../src/test/tempStore.js";
import { buildServer } from "../src/web/server.js";

const SHARED = path.resolve("../shared/data");
const SHOTS = path.resolve("e2e/screenshots");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const HEADLINE = "The Assembly asks again for an end to the embargo on Cuba";

/** Serious or critical accessibility violations on the page (axe-core), as text. */
async function axeViolations(page: Page): Promise<string[]> {
  return (await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`);
}

describe("the votes index, stories and feeds in Chromium", () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let storyPath = "";
  /** Console errors (a CSP violation is one) on any page. */
  const consoleErrors: string[] = [];

  async function open(ctx: BrowserContext, url: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(`${url}: ${m.text()}`)));
    await page.goto(base + url);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    temp = await tempStore({ seed: false });
    await importFiles(temp.store, [
      path.join(SHARED, "unxml/ga/79.json.gz"),
      path.join(SHARED, "unxml/sc/2024.json.gz"),
    ]);
    const editor = await addUser(temp.store, {
      email: "editor@example.org",
      name: "Ada Editor",
      role: "editor",
      password: "a long enough password 1",
    });
    const article = await createArticle(
      temp.store,
      {
        headline: HEADLINE,
        standfirst: "187 in favour, 2 against.",
        bodyMd: "The General Assembly [voted again](/votes/A%2FRES%2F79%2F7) on the embargo.",
        section: "analysis",
        tags: "",
      },
      editor,
    );
    await transition(temp.store, article.id, "publish", editor);
    storyPath = articlePath(article);
    app = await buildServer({ store: temp.store, siteOptions: { idealPoints: "off" } });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  async function filterAndFind(ctx: BrowserContext, shot: string): Promise<Page> {
    const page = await open(ctx, "/votes");
    const total = await page.locator(".result-count strong").innerText();
    await page.selectOption("#body", "GA");
    await page.selectOption("#session", "79");
    await page.fill("#year", "2024");
    await page.fill("#subject", "SANCTIONS");
    await page.selectOption("#outcome", "adopted");
    await Promise.all([
      page.waitForURL(/\/votes\?/),
      page.click('form[action="/votes"] button[type="submit"]'),
    ]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      body: "GA",
      session: "79",
      year: "2024",
      subject: "SANCTIONS",
      outcome: "adopted",
    });
    const count = await page.locator(".result-count strong").innerText();
    expect(count).not.toBe(total);
    // The count is the API's for the same query.
    const json = (await (await page.request.get(`${base}/api/votes${url.search}`)).json()) as {
      meta: { pagination: { total: number } };
    };
    expect(count).toBe(
      `${json.meta.pagination.total} roll call${json.meta.pagination.total === 1 ? "" : "s"}`,
    );
    const link = page.locator('table.votes a[href="/votes/A%2FRES%2F79%2F7"]');
    await expect.poll(() => link.count()).toBe(1);
    // The filters stay in the form.
    expect(await page.inputValue("#year")).toBe("2024");
    expect(await page.inputValue("#subject")).toBe("SANCTIONS");
    expect(await page.inputValue("#session")).toBe("79");
    await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    return page;
  }

  it("a reader filters /votes with the form and finds the Cuba embargo vote (desktop)", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await filterAndFind(ctx, "votes-index-desktop.png");
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(/\/votes\/A%2FRES%2F79%2F7$/),
      page.locator('table.votes a[href="/votes/A%2FRES%2F79%2F7"]').click(),
    ]);
    // The vote page links its published story.
    const stories = page.locator("#stories");
    await expect.poll(() => stories.locator("h2").innerText()).toBe("Stories about this vote");
    await page.screenshot({ path: path.join(SHOTS, "vote-stories-desktop.png"), fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(new RegExp(`${storyPath}$`)),
      stories.getByRole("link", { name: HEADLINE }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe(HEADLINE);
    await ctx.close();
  });

  it("the same form works without JavaScript, and on a phone", async () => {
    const ctx = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      javaScriptEnabled: false,
    });
    await filterAndFind(ctx, "votes-index-phone.png");
    // No sideways scrolling on the phone.
    const page = await open(ctx, "/votes?body=GA&session=79&year=2024");
    // (A string: the tests are typed without the DOM's names.)
    const overflow = Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
    expect(overflow).toBeLessThanOrEqual(1);
    await ctx.close();
  });

  it("a member page announces its Atom feed, and the browser reads it as well-formed XML with entries", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await open(ctx, "/members/USA");
    const href = await page
      .locator('head link[rel="alternate"][type="application/atom+xml"]')
      .getAttribute("href");
    expect(href).toBe("/members/USA/feed.xml");
    const xml = await (await page.request.get(base + href)).text();
    const parsed = (await page.evaluate(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, "application/xml");
      return {
        error: doc.getElementsByTagName("parsererror").length,
        root: doc.documentElement.localName,
        entries: doc.getElementsByTagName("entry").length,
        firstLink: doc.querySelector("entry link")?.getAttribute("href") ?? "",
      };
    })()`)) as { error: number; root: string; entries: number; firstLink: string };
    expect(parsed).toMatchObject({ error: 0, root: "feed", entries: 50 });
    // The entry's link opens its vote page.
    await page.goto(parsed.firstLink);
    expect(await page.locator("article.vote h1").count()).toBe(1);
    await ctx.close();
  });

  it("no page logged an error (a CSP violation would be one)", () => {
    expect(consoleErrors).toEqual([]);
  });
});
