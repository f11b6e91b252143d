/**
 * Sharing in a real browser (issue 18, items 1–2): a real server (buildServer, 127.0.0.1) over a
 * temporary SQLite store with the research record (unvotes, 1946–2019), and a second, tiny HTTP server
 * on another origin (localhost, another port) playing a newsroom's article page that frames Plenary.
 * Chromium from the system (PLENARY_CHROMIUM, else /usr/bin/chromium), never a download.
 *
 * - An embed inside an iframe of the other site renders (the map, its credit and link) at desktop and
 *   phone widths, sets no cookie (the browser holds none for Plenary afterwards) and logs no CSP error;
 *   screenshots of the host page are saved in e2e/screenshots/.
 * - A page that is not an embed refuses to be framed (frame-ancestors 'none').
 * - Every page kind's share card (og:image) loads in the browser as an image of 1200×630, and its PNG
 *   header says so.
 */
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SIZES } from "./browser.js";
import type { Store } from "../src/data/store/index.js";
import { importFiles } from "../src/data/import/index.js";
import { addUser } from "../src/news/accounts.js";
import { createArticle, transition } from "../src/news/articles.js";
import { openStore } from "../src/tables.js";
import { buildServer } from "../src/web/server.js";
import { pngSize } from "../src/web/share/png.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = path.resolve(ROOT, "../shared/data");
const SCREENSHOTS = path.join(ROOT, "e2e/screenshots");
const VOTE = "A%2FRES%2F74%2F246";

let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
let host: Server;
let hostBase: string;
let browser: Browser;
let articleSlug: string;

/** The other site: an article page whose only content is an iframe of `src` (any path on Plenary). */
function hostPage(src: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>A newsroom's story</title></head><body><h1>Our story</h1><p>As the map shows:</p><iframe id="plenary" src="${src}" title="Plenary" width="100%" height="560" frameborder="0"></iframe><p>End of story.</p></body></html>`;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "plenary-e2e-share-"));
  store = await openStore({ db: path.join(dir, "plenary.db") });
  await importFiles(store, [path.join(SHARED, "unvotes")]);
  app = await buildServer({ store, rateLimit: 1_000_000, siteOptions: { idealPoints: "off" } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  // A published story citing the vote, for the article's card.
  const editor = await addUser(store, {
    email: "editor@example.org",
    name: "Edna Editor",
    role: "editor",
    password: "correct horse battery staple 42",
  });
  const article = await createArticle(
    store,
    {
      headline: "Assembly condemns abuses against the Rohingya, 134 to 9",
      standfirst: "China and Russia voted against; 28 members abstained.",
      bodyMd: "The General Assembly adopted [A/RES/74/246](/votes/A%2FRES%2F74%2F246) on 27 December 2019.",
      section: "general-assembly",
      tags: "Myanmar",
    },
    editor,
  );
  await transition(store, article.id, "publish", editor);
  articleSlug = article.slug;
  // The other site: another origin (localhost, not 127.0.0.1, and another port).
  host = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(hostPage(`${base}${url.searchParams.get("src") ?? "/"}`));
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const address = host.address();
  hostBase = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser (no cookie at all), the host page framing `src`, and what the console said. */
async function framed(
  src: string,
  size: keyof typeof SIZES,
): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize(SIZES[size]);
  const console: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") console.push(message.text());
  });
  page.on("pageerror", (error) => console.push(error.message));
  const response = await page.goto(`${hostBase}/?src=${encodeURIComponent(src)}`, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  return { context, page, console };
}

describe("embeds on another site", () => {
  for (const size of ["desktop", "phone"] as const) {
    it(`the vote map renders inside another origin's iframe and sets no cookie (${size})`, async () => {
      const { context, page, console } = await framed(`/embed/votes/${VOTE}/map`, size);
      const frame = page.frame({ url: (url) => url.href.startsWith(`${base}/embed/`) });
      expect(frame, "the embed's frame").not.toBeNull();
      await frame!.waitForSelector("figure.world-map svg");
      // The map fills the frame's width (viewBox scaling) and is coloured by vote.
      const frameWidth = await page.locator("#plenary").evaluate((el) => el.getBoundingClientRect().width);
      const svgWidth = await frame!
        .locator("figure.world-map > svg")
        .evaluate((el) => el.getBoundingClientRect().width);
      expect(svgWidth).toBeGreaterThan(frameWidth * 0.85);
      expect(svgWidth).toBeLessThanOrEqual(frameWidth);
      const russia = await frame!
        .locator('path[data-member="RUS"]')
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el)
              .fill,
        );
      expect(russia).toBe("rgb(213, 94, 0)"); // against: the palette's vermillion, from site.css
      expect(await frame!.locator(".embed-credit a").first().getAttribute("href")).toBe(
        "/votes/A/RES/74/246",
      );
      expect(await frame!.locator("header, .cookie-banner").count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `embed-map-${size}.png`), fullPage: true });
      // No cookie for Plenary, nor any other, after rendering the embed.
      expect(await context.cookies(base)).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(console).toEqual([]);
      await context.close();
    });
  }

  it("the other embeds render in the frame too, without a CSP complaint or a cookie", async () => {
    for (const src of [
      `/embed/votes/${VOTE}/tally`,
      "/embed/members/USA/partners",
      "/embed/compare/USA/RUS/agreement",
      "/embed/blocs/NAM/cohesion",
    ]) {
      const { context, page, console } = await framed(src, "desktop");
      const frame = page.frame({ url: (url) => url.href.startsWith(`${base}/embed/`) });
      await frame!.waitForSelector("main svg");
      expect(await frame!.locator(".embed-title a").count(), src).toBe(1);
      expect(await context.cookies(), src).toEqual([]);
      expect(console, src).toEqual([]);
      if (src.includes("compare")) {
        await page.screenshot({ path: path.join(SCREENSHOTS, "embed-compare-desktop.png"), fullPage: true });
      }
      await context.close();
    }
  });

  it("a page that is not an embed refuses to be framed", async () => {
    const { context, page, console } = await framed(`/votes/${VOTE}`, "desktop");
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium shows its own error document instead of the page: no Plenary content in the frame.
    const url = frame?.url() ?? "";
    expect(url.startsWith(`${base}/votes/`) ? await frame!.locator("main").count() : 0).toBe(0);
    expect(console.join("\n")).toMatch(/frame-ancestors/);
    await context.close();
  });
});

describe("share cards in the browser", () => {
  it("each page kind's og:image loads as an image of 1200×630", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const url of [
      `/votes/${VOTE}`,
      "/members/USA",
      "/compare/USA/RUS",
      "/blocs/NAM",
      `/news/articles/${articleSlug}`,
    ]) {
      await page.goto(base + url, { waitUntil: "load" });
      const image = await page.locator('meta[property="og:image"]').getAttribute("content");
      expect(image, url).toMatch(new RegExp(`^${base.replace(/[.]/g, "\\.")}/cards/`));
      expect(await page.locator('meta[name="twitter:card"]').getAttribute("content"), url).toBe(
        "summary_large_image",
      );
      // Decoded by Chromium: the image's own size.
      const size = await page.evaluate(async (src) => {
        const Img = (
          globalThis as unknown as {
            Image: new () => {
              src: string;
              decode(): Promise<void>;
              naturalWidth: number;
              naturalHeight: number;
            };
          }
        ).Image;
        const img = new Img();
        img.src = src;
        await img.decode();
        return { width: img.naturalWidth, height: img.naturalHeight };
      }, image!);
      expect(size, url).toEqual({ width: 1200, height: 630 });
      // And the PNG's header says the same.
      const bytes = new Uint8Array(await (await fetch(image!)).arrayBuffer());
      expect(pngSize(bytes), url).toEqual({ width: 1200, height: 630 });
    }
    // The vote's card, opened on its own, for a look.
    await page.setViewportSize({ width: 1200, height: 630 });
    await page.goto(`${base}/cards/votes/${VOTE}.png`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "card-vote.png") });
    await page.goto(`${base}/cards/articles/${articleSlug}.png`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "card-article.png") });
    await context.close();
  });

  it("the Share · Embed · Download bar works without JavaScript, on a phone too", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setViewportSize(SIZES.phone);
    await page.goto(`${base}/compare/USA/RUS`, { waitUntil: "load" });
    const bar = page.locator("section.share-bar");
    await bar.scrollIntoViewIfNeeded();
    const snippet = await bar.locator("textarea").first().inputValue();
    expect(snippet).toBe(
      `<iframe src="${base}/embed/compare/USA/RUS/agreement" title="United States and Russia — Plenary" width="100%" height="520" loading="lazy" frameborder="0"></iframe>`,
    );
    expect(await bar.locator("textarea").first().getAttribute("readonly")).not.toBeNull();
    // The bar fits the phone's width.
    const width = await bar.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(SIZES.phone.width);
    await bar.screenshot({ path: path.join(SCREENSHOTS, "share-bar-phone.png") });
    await context.close();
  });
});
