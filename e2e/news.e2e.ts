/**
 * The newsroom in a real browser (Chromium through playwright-core) against a real server on 127.0.0.1
 * with a temporary SQLite store: an editor signs in, drafts a story from the seed votes, edits and
 * publishes it; a reader finds it on the front page and in the feed, comments, and the comment waits for
 * moderation until the editor approves it; a hostile comment stays inert; no optional cookie exists
 * before Accept, and Reject is honoured. Screenshots (desktop 1280×900, phone 390×844) go to
 * e2e/screenshots/ (git-ignored).
 *
 * Run: npx vitest run -c vitest.e2e.config.ts
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, seriousViolations } from "./browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../src/news/accounts.js";
import { cookieSpec } from "../src/news/cookies.js";
import { tempStore, type TempStore } from "../src/test/tempStore.js";
import { buildServer } from "../src/web/server.js";

const SHOTS = path.resolve("e2e/screenshots");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const EDITOR = { email: "editor@example.org", password: "correct horse battery staple" };
const HEADLINE = "US votes with Russia against Assembly text on Ukraine";

describe("the newsroom in Chromium", () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  /** Dialogs (alert, confirm) anywhere would mean a script ran: there must be none. */
  const dialogs: string[] = [];

  async function context(viewport = DESKTOP): Promise<BrowserContext> {
    const ctx = await browser.newContext({
      viewport,
      ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    ctx.on("page", (page) => page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss())));
    return ctx;
  }

  async function open(ctx: BrowserContext, url: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(base + url);
    return page;
  }

  async function cookieNames(ctx: BrowserContext): Promise<string[]> {
    return (await ctx.cookies(base)).map((c) => c.name).sort();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    temp = await tempStore();
    await addUser(temp.store, { ...EDITOR, name: "Ferdinand Miracle", role: "editor" });
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.cleanup();
  });

  let articleUrl = "";

  it("an editor signs in, drafts the seed story, edits, previews and publishes it", async () => {
    const ctx = await context();
    const page = await open(ctx, "/newsroom");
    await expect.poll(() => page.url()).toContain("/newsroom/login");
    // The banner is there before any choice; no cookie at all (forms are checked by origin; a token
    // and its secret come only with a signed-in session).
    await page.locator("#cookie-banner").screenshot({ path: path.join(SHOTS, "desktop-banner.png") });
    expect(await cookieNames(ctx)).toEqual([]);
    await page.getByRole("button", { name: "Reject" }).click();
    await page.getByLabel("E-mail").fill(EDITOR.email);
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom$/);
    expect(await cookieNames(ctx)).toEqual(["plenary_consent", "plenary_csrf", "plenary_session"]);
    const session = (await ctx.cookies(base)).find((c) => c.name === "plenary_session")!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("link", { name: "New story from votes" }).click();
    await page.getByLabel(/^Votes/).fill("ES-11/7 ES-11/8 S/RES/2774");
    await page.getByRole("button", { name: "Draft the story" }).click();
    await page.waitForURL(/\/newsroom\/articles\/\d+/);
    await expect
      .poll(() => page.getByLabel("Headline").inputValue())
      .toBe("United States votes against Assembly resolution on Ukraine as Council adopts its text");
    const body = await page.getByLabel(/^Body/).inputValue();
    expect(body).toContain("by 93 votes to 18, with 65 abstentions");
    expect(body).toContain("by 10 votes to 0, with 5 abstentions");

    await page.getByLabel("Headline").fill(HEADLINE);
    await page.getByLabel(/^Body/).fill(`${body}\n\nThe figures link to their votes.`);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.locator(".preview h1").textContent()).toBe(HEADLINE);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/message=saved/);
    await page.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/message=publish/);
    await page.getByRole("button", { name: "Add to Editor's Picks" }).click();
    await page.waitForURL(/message=pick/);
    articleUrl = new URL(
      (await page.getByRole("link", { name: "view on the site" }).getAttribute("href"))!,
      base,
    ).pathname;
    expect(articleUrl).toMatch(/^\/news\/articles\/us-votes-with-russia/);
    await ctx.close();
  });

  it("a reader sees it on the front page and in the feed; no optional cookie before Accept", async () => {
    for (const [name, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const ctx = await context(viewport);
      const page = await open(ctx, "/news");
      await expect.poll(() => page.locator(".latest h3 a").first().textContent()).toBe(HEADLINE);
      expect(await page.locator(".picks li a").first().textContent()).toBe(HEADLINE);
      // As a first-time reader sees it: the banner over the page.
      await page.screenshot({ path: path.join(SHOTS, `${name}-front-banner.png`) });
      if (name === "phone")
        await page.locator("#cookie-banner").screenshot({ path: path.join(SHOTS, "phone-banner.png") });
      await page.getByRole("link", { name: HEADLINE }).first().click();
      await page.waitForURL(`**${articleUrl}`);
      expect(await page.locator("h1").textContent()).toBe(HEADLINE);
      expect(await page.locator(".byline").textContent()).toContain("Ferdinand Miracle");
      expect(await page.locator('.story-body a[href="/votes/A%2FRES%2FES-11%2F7"]').count()).toBeGreaterThan(
        0,
      );
      for (const c of await ctx.cookies(base))
        expect(cookieSpec(c.name)?.category, c.name).toBe("strictly-necessary");
      expect(await cookieNames(ctx)).toEqual([]);
      // Then the whole pages, once the banner is answered (Reject: nothing optional is set).
      await page.getByRole("button", { name: "Reject" }).click();
      await page.waitForURL(`**${articleUrl}`);
      await page.screenshot({ path: path.join(SHOTS, `${name}-article.png`), fullPage: true });
      await page.goto(`${base}/news`);
      await page.screenshot({ path: path.join(SHOTS, `${name}-front.png`), fullPage: true });
      expect(await cookieNames(ctx)).toEqual(["plenary_consent"]);
      await ctx.close();
    }
    const ctx = await context();
    const feed = await ctx.request.get(`${base}/news/feed.xml`);
    expect(feed.headers()["content-type"]).toContain("application/rss+xml");
    expect(await feed.text()).toContain(HEADLINE);
    const json = (await (await ctx.request.get(`${base}/news/feed.json`)).json()) as {
      items: { title: string; url: string }[];
    };
    expect(json.items[0]).toMatchObject({ title: HEADLINE, url: `${base}${articleUrl}` });
    await ctx.close();
  });

  it("a reader accepts, comments; the comment waits for moderation until the editor approves it; a hostile one stays inert", async () => {
    const reader = await context();
    const page = await open(reader, articleUrl);
    await page.getByRole("button", { name: "Accept" }).click();
    await page.waitForURL(`**${articleUrl}`);
    expect(await page.locator("#cookie-banner").count()).toBe(0);
    expect(await cookieNames(reader)).toEqual(["plenary_consent"]);

    await page.getByLabel(/^Name/).fill("Dorothy Reader");
    await page.getByLabel(/^E-mail/).fill("dorothy@example.org");
    await page
      .getByLabel("Comment", { exact: true })
      .fill("A careful account: the preamble amendment *lacked votes*, it was not vetoed.");
    await page.locator("#comment-form").screenshot({ path: path.join(SHOTS, "desktop-comment-form.png") });
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/comment=pending/);
    expect(await page.locator(".notice").textContent()).toContain("waiting for moderation");
    expect(await page.locator(".comment").count()).toBe(0);
    // Accepted: the name is remembered for the next comment.
    expect(await cookieNames(reader)).toEqual(["plenary_consent", "plenary_reader"]);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("Dorothy Reader");

    await page
      .getByLabel("Comment", { exact: true })
      .fill(
        [
          "<script>window.__xss = 1; alert('script')</script>",
          "[click me](javascript:window.__xss=2)",
          '<img src=x onerror="window.__xss=3">',
          '<a href="javascript:alert(1)" onclick="window.__xss=4">raw link</a>',
        ].join("\n"),
      );
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/comment=pending/);

    const editor = await context();
    const desk = await open(editor, "/newsroom/login");
    await desk.getByLabel("E-mail").fill(EDITOR.email);
    await desk.getByLabel("Password").fill(EDITOR.password);
    await desk.getByRole("button", { name: "Sign in" }).click();
    await desk.waitForURL(/\/newsroom$/);
    await desk.goto(`${base}/newsroom/comments`);
    expect(await desk.locator(".queued").count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      await desk.locator(".queued").first().getByRole("button", { name: "Approve" }).click();
      await desk.waitForURL(/done=approve/);
    }
    expect(await desk.locator(".queued").count()).toBe(0);
    await editor.close();

    await page.goto(base + articleUrl);
    expect(await page.locator(".comment").count()).toBe(2);
    expect(await page.locator(".comment").first().textContent()).toContain("lacked votes");
    expect(await page.locator(".byline").textContent()).toContain("2 comments");
    const hostile = page.locator(".comment").nth(1);
    expect(await hostile.textContent()).toContain("<script>window.__xss = 1");
    expect(await hostile.locator("script, img").count()).toBe(0);
    expect(await hostile.locator("a[href^='javascript'], [onclick], [onerror]").count()).toBe(0);
    await hostile
      .getByText("raw link")
      .click()
      .catch(() => undefined);
    expect(await page.evaluate("window.__xss")).toBeUndefined();
    expect(dialogs).toEqual([]);

    const phone = await context(PHONE);
    const small = await open(phone, articleUrl);
    await small.getByRole("button", { name: "Reject" }).click();
    await small.waitForURL(`**${articleUrl}`);
    await small.locator("#comments").screenshot({ path: path.join(SHOTS, "phone-comment-form.png") });
    await phone.close();
    await reader.close();
  });

  it("the news pages have no serious accessibility problem and no console error (CSP included)", async () => {
    const problems: string[] = [];
    for (const [viewport, label] of [
      [DESKTOP, "desktop"],
      [PHONE, "phone"],
    ] as const) {
      const ctx = await context(viewport);
      for (const url of [
        "/news",
        articleUrl,
        "/news/about",
        "/privacy",
        "/news/section/general-assembly",
        "/newsroom/login",
      ]) {
        const page = await ctx.newPage();
        page.on(
          "console",
          (m) => void (m.type() === "error" && problems.push(`${label} ${url}: ${m.text()}`)),
        );
        page.on("pageerror", (e) => problems.push(`${label} ${url}: ${e.message}`));
        await page.goto(base + url);
        for (const v of await seriousViolations(page)) {
          problems.push(
            `${label} ${url}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`,
          );
        }
        await page.close();
      }
      await ctx.close();
    }
    expect(problems).toEqual([]);
  });

  it("Reject is honoured: the choice is kept, and no optional cookie is ever set", async () => {
    const ctx = await context();
    const page = await open(ctx, articleUrl);
    await page.getByRole("button", { name: "Reject" }).click();
    await page.waitForURL(`**${articleUrl}`);
    expect(await page.locator("#cookie-banner").count()).toBe(0);
    expect((await ctx.cookies(base)).find((c) => c.name === "plenary_consent")?.value).toBe("1.rejected");
    await page.getByLabel(/^Name/).fill("Private Reader");
    await page.getByLabel("Comment", { exact: true }).fill("Please do not remember me.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/comment=pending/);
    expect(await cookieNames(ctx)).toEqual(["plenary_consent"]);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("");
    // The choice can be changed from the footer of every page.
    await page.getByRole("link", { name: "Cookie settings" }).click();
    await page.waitForURL(/\/privacy#cookie-settings/);
    expect(await page.locator("#cookie-settings + p strong").textContent()).toBe("optional cookies rejected");
    await ctx.close();
  });
});
