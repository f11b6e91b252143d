/**
 * The newsroom over real HTTP: CSRF, sign-in and its rate limit, sessions (fixation, sign-out), roles,
 * the reader's pages, comments and moderation, feeds, and cookie consent checked against the registry.
 *
 * Over 500 lines on purpose: one server and one signed-in session set up once and shared by every case.
 */
import { pngSize } from "../share/png.js";
import type { FastifyInstance } from "fastify";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEditor } from "../../test/newsroom.js";
import { addUser, tokenHash } from "../../news/accounts.js";
import { COOKIES, cookieSpec } from "../../news/cookies.js";
import { FormClient } from "../../test/formClient.js";
import { suiteStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";
import { newsDb } from "../../news/store/tables.js";

const PASSWORD = "correct horse battery staple";

/** Every cookie name any response set during the tests: checked against the registry at the end. */
const seenCookies = new Set<string>();

/** A browser-like client that records every cookie name it is sent. */
class Client extends FormClient {
  constructor(base: string, headers: Record<string, string> = {}) {
    super(base, headers, seenCookies);
  }

  override signIn(email: string, password = PASSWORD): Promise<Response> {
    return super.signIn(email, password);
  }
}

describe("the newsroom over HTTP", () => {
  const temp = suiteStore();
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    await addEditor(temp.store, PASSWORD);
    await addUser(temp.store, {
      email: "author@example.org",
      name: "Sam Author",
      role: "author",
      password: PASSWORD,
    });
    await addUser(temp.store, {
      email: "locked@example.org",
      name: "Lou Locked",
      role: "author",
      password: PASSWORD,
    });
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses a form post from another site (403); a signed-in user's post also needs their session's token", async () => {
    const reader = new Client(base);
    await reader.get("/news");
    const form = { choice: "accepted", return: "/news" };
    // Another site's page posting in the reader's browser: refused, however the browser says it.
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: new URL(base).origin, "sec-fetch-site": "same-site" },
      { origin: "", referer: "https://evil.example/page" },
      { origin: "" }, // no Origin, no Referer: refused too
    ];
    for (const headers of crossSite) {
      const refused = await reader.post("/consent", form, headers);
      expect(refused.response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(reader.jar.has("plenary_consent")).toBe(false);
    // From the site's own page (Origin, or Sec-Fetch-Site, or only a Referer): no token needed.
    expect(
      (await reader.post("/consent", form, { origin: "", referer: `${base}/news` })).response.status,
    ).toBe(303);
    expect((await reader.post("/consent", form, { "sec-fetch-site": "same-origin" })).response.status).toBe(
      303,
    );
    expect((await reader.post("/consent", form)).response.status).toBe(303);
    expect(reader.jar.get("plenary_consent")).toBe("1.accepted");

    const editor = new Client(base);
    expect((await editor.signIn("editor@example.org")).status).toBe(303);
    const other = new Client(base);
    expect((await other.signIn("editor@example.org")).status).toBe(303);
    const othersToken = await other.token("/newsroom/new");
    expect(othersToken).not.toBe("");
    // Signed in: same-origin is not enough — no token, a forged one or another session's is refused.
    for (const _csrf of [undefined, "forged", othersToken]) {
      const post = await editor.post("/newsroom/new", { ...(_csrf ? { _csrf } : {}), symbols: "ES-11/7" });
      expect(post.response.status).toBe(403);
    }
    const fresh = await editor.token("/newsroom/new");
    expect(
      (
        await editor.post(
          "/newsroom/new",
          { _csrf: fresh, symbols: "ES-11/7" },
          { origin: "https://evil.example" },
        )
      ).response.status,
    ).toBe(403);
    expect((await editor.post("/newsroom/new", { _csrf: fresh, symbols: "ES-11/7" })).response.status).toBe(
      303,
    );
  });

  it("signs in with a new session id (no fixation), HttpOnly, SameSite=Lax, Secure over HTTPS", async () => {
    const client = new Client(base, { "x-forwarded-proto": "https" });
    client.jar.set("plenary_session", "planted-by-an-attacker");
    const response = await client.signIn("editor@example.org");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/newsroom");
    const line = response.headers.getSetCookie().find((c) => c.startsWith("plenary_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Secure/i);
    const token = client.jar.get("plenary_session")!;
    expect(token).not.toBe("planted-by-an-attacker");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Signing in again replaces the session: the old id stops working.
    const _csrf = await client.token("/newsroom");
    const again = (
      await client.post("/newsroom/login", { _csrf, email: "editor@example.org", password: PASSWORD })
    ).response;
    expect(again.status).toBe(303);
    const second = client.jar.get("plenary_session")!;
    expect(second).not.toBe(token);
    const old = new Client(base);
    old.jar.set("plenary_session", token);
    expect((await old.get("/newsroom")).response.status).toBe(303);
    const plain = new Client(base);
    const overHttp = await plain.signIn("editor@example.org");
    expect(overHttp.headers.getSetCookie().find((c) => c.startsWith("plenary_session="))).not.toMatch(
      /Secure/i,
    );
  });

  it("signing out deletes the session: the old cookie no longer opens the newsroom", async () => {
    const client = new Client(base);
    await client.signIn("editor@example.org");
    const token = client.jar.get("plenary_session")!;
    expect((await client.get("/newsroom")).response.status).toBe(200);
    const _csrf = await client.token("/newsroom");
    const out = await client.post("/newsroom/logout", { _csrf });
    expect(out.response.status).toBe(303);
    expect(client.jar.has("plenary_session")).toBe(false);
    const row = await newsDb(temp.store)
      .selectFrom("news_sessions")
      .select("id")
      .where("id", "=", tokenHash(token))
      .executeTakeFirst();
    expect(row).toBeUndefined();
    const replay = new Client(base);
    replay.jar.set("plenary_session", token);
    const { response } = await replay.get("/newsroom");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/newsroom/login?next=%2Fnewsroom");
  });

  it("rate-limits sign-in: after 5 failures the account is locked for 15 minutes (429), even with the right password", async () => {
    const client = new Client(base);
    for (let i = 0; i < 5; i++) {
      const _csrf = await client.token("/newsroom/login");
      const { response, text } = await client.post("/newsroom/login", {
        _csrf,
        email: "locked@example.org",
        password: "not the password",
      });
      expect(response.status).toBe(401);
      expect(text).toContain("Wrong e-mail or password.");
    }
    const _csrf = await client.token("/newsroom/login");
    const { response, text } = await client.post("/newsroom/login", {
      _csrf,
      email: "locked@example.org",
      password: PASSWORD,
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(text).toContain("Too many failed attempts");
    expect(client.jar.has("plenary_session")).toBe(false);
  });

  describe("drafting, editing and publishing", () => {
    let articleId: number;
    let slug: string;

    it("an author drafts a story from votes and sends it for review, but cannot publish", async () => {
      const author = new Client(base);
      await author.signIn("author@example.org");
      const created = await author.post("/newsroom/new", {
        _csrf: await author.token("/newsroom/new"),
        symbols: "ES-11/7 ES-11/8 S/RES/2774",
      });
      expect(created.response.status).toBe(303);
      const location = created.response.headers.get("location")!;
      articleId = Number(/\/newsroom\/articles\/(\d+)/.exec(location)![1]);
      const editorPage = (await author.get(location)).text;
      expect(editorPage).toContain(
        "United States votes against Assembly resolution on Ukraine as Council adopts its text",
      );
      expect(editorPage).toContain(
        "plenary vote A/RES/ES-11/7 --json | .symbol, .title, .date, .tally, .outcome",
      );
      const token = await author.token(`/newsroom/articles/${articleId}`);
      const publish = await author.post(`/newsroom/articles/${articleId}/workflow`, {
        _csrf: token,
        action: "publish",
      });
      expect(publish.response.status).toBe(403);
      const submit = await author.post(`/newsroom/articles/${articleId}/workflow`, {
        _csrf: token,
        action: "submit",
      });
      expect(submit.response.status).toBe(303);
      expect(author.jar.has("plenary_session")).toBe(true);
      // Not visible to readers yet.
      const row = await newsDb(temp.store)
        .selectFrom("news_articles")
        .select(["slug", "status"])
        .where("id", "=", articleId)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("review");
      slug = row.slug;
      expect((await new Client(base).get(`/news/articles/${slug}`)).response.status).toBe(404);
    });

    it("an editor previews Markdown (sanitised, not saved), edits, publishes and picks it", async () => {
      const editor = new Client(base);
      await editor.signIn("editor@example.org");
      const page = (await editor.get(`/newsroom/articles/${articleId}`)).text;
      const { document } = parseHTML(page);
      const field = (name: string) =>
        document.querySelector(`[name="${name}"]`) as unknown as { value?: string; textContent: string };
      const form = {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]!,
        revision: field("revision").value ?? "",
        headline: "US votes with Russia against Assembly text on Ukraine",
        standfirst: field("standfirst").textContent,
        body: `${field("body").textContent}\n\nAn editor's line with <script>alert(1)</script> and [a bad link](javascript:alert(1)).`,
        section: "general-assembly",
        tags: "Ukraine, Eastern Europe",
      };
      const preview = await editor.post(`/newsroom/articles/${articleId}`, { ...form, action: "preview" });
      expect(preview.response.status).toBe(200);
      expect(preview.text).toContain("Preview");
      expect(preview.text).not.toContain("<script>alert(1)</script>");
      expect(preview.text).not.toContain('href="javascript:');
      const saved = await editor.post(`/newsroom/articles/${articleId}`, { ...form, action: "save" });
      expect(saved.response.status).toBe(303);
      const stale = await editor.post(`/newsroom/articles/${articleId}`, {
        ...form,
        _csrf: await editor.token(`/newsroom/articles/${articleId}`),
        action: "save",
      });
      expect(stale.response.status).toBe(409);
      const token = await editor.token(`/newsroom/articles/${articleId}`);
      expect(
        (await editor.post(`/newsroom/articles/${articleId}/workflow`, { _csrf: token, action: "publish" }))
          .response.status,
      ).toBe(303);
      expect(
        (await editor.post(`/newsroom/articles/${articleId}/workflow`, { _csrf: token, action: "pick" }))
          .response.status,
      ).toBe(303);
      // Edited before its first publication, the address followed the new headline.
      slug = (
        await newsDb(temp.store)
          .selectFrom("news_articles")
          .select("slug")
          .where("id", "=", articleId)
          .executeTakeFirstOrThrow()
      ).slug;
      expect(slug).toBe("us-votes-with-russia-against-assembly-text-on-ukraine");
      const revisions = (await editor.get(`/newsroom/articles/${articleId}`)).text;
      expect(revisions).toMatch(/Revision 2/);
      expect(revisions).toMatch(/Revision 1/);
    });

    it("readers see it on the front page, in Editor's Picks, with metadata, cited votes and the feeds", async () => {
      const reader = new Client(base);
      const front = (await reader.get("/news")).text;
      const { document } = parseHTML(front);
      expect(document.querySelector(".latest h3 a")?.textContent).toBe(
        "US votes with Russia against Assembly text on Ukraine",
      );
      expect(document.querySelector(".picks li a")?.textContent).toBe(
        "US votes with Russia against Assembly text on Ukraine",
      );
      const { response, text } = await reader.get(`/news/articles/${slug}`);
      expect(response.status).toBe(200);
      // A reader who is not signed in: the same page for everyone, cached publicly, no cookie.
      expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+/);
      expect(response.headers.getSetCookie()).toEqual([]);
      const article = parseHTML(text).document;
      expect(article.querySelector('meta[property="og:type"]')?.getAttribute("content")).toBe("article");
      // The share card: a PNG of 1200×630 drawn from the story (and the map of the first vote it cites).
      expect(article.querySelector('meta[name="twitter:card"]')?.getAttribute("content")).toBe(
        "summary_large_image",
      );
      const image = article.querySelector('meta[property="og:image"]')?.getAttribute("content") ?? "";
      expect(image).toBe(`${base}/cards/articles/${slug}.png`);
      expect(article.querySelector('meta[name="twitter:image"]')?.getAttribute("content")).toBe(image);
      const card = await fetch(image);
      expect(card.status).toBe(200);
      expect(card.headers.get("content-type")).toBe("image/png");
      expect(card.headers.getSetCookie()).toEqual([]);
      expect(pngSize(new Uint8Array(await card.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
      expect(
        article.querySelector('meta[property="article:published_time"]')?.getAttribute("content"),
      ).toMatch(/^\d{4}-/);
      expect(article.querySelector(".byline a[rel=author]")?.textContent).toBe("Sam Author");
      expect(article.querySelector(".byline")?.textContent).toContain("0 comments");
      expect(article.querySelector('.story-body a[href="/votes/A%2FRES%2FES-11%2F7"]')).not.toBeNull();
      expect(article.querySelector('.cited a[href="/votes/S%2FRES%2F2774%20(2025)"]')?.textContent).toBe(
        "S/RES/2774 (2025)",
      );
      expect(article.querySelector(".story-body script")).toBeNull();
      expect(text).toContain("by 93 votes to 18, with 65 abstentions");
      expect((await reader.get("/news/section/general-assembly")).text).toContain("US votes with Russia");
      expect((await reader.get("/news/tag/ukraine")).text).toContain("US votes with Russia");
      expect((await reader.get("/news/author/sam-author")).text).toContain("US votes with Russia");
      const rss = (await reader.get("/news/feed.xml")).text;
      expect(rss).toContain(
        "<title><![CDATA[US votes with Russia against Assembly text on Ukraine]]></title>",
      );
      expect(rss).toContain(`${base}/news/articles/${slug}`);
      expect(rss).toContain(`href="${base}/votes/A%2FRES%2FES-11%2F7"`);
      expect((await reader.get("/news/atom.xml")).text).toContain("<feed xmlns=");
      const json = await fetch(`${base}/news/feed.json`);
      expect(json.headers.get("content-type")).toContain("application/feed+json");
      const feed = (await json.json()) as { items: { title: string }[] };
      expect(feed.items.map((i) => i.title)).toContain(
        "US votes with Russia against Assembly text on Ukraine",
      );
      const sitemap = (await reader.get("/sitemap.xml")).text;
      expect(sitemap).toContain(`<loc>${base}/news/articles/${slug}</loc>`);
      expect(sitemap).toContain(`<loc>${base}/votes/A%2FRES%2FES-11%2F7</loc>`);
    });

    it("a scheduled article stays hidden until its time", async () => {
      const editor = new Client(base);
      await editor.signIn("editor@example.org");
      const created = await editor.post("/newsroom/new", {
        _csrf: await editor.token("/newsroom/new"),
        symbols: "S/RES/2774",
      });
      const id = Number(/(\d+)/.exec(created.response.headers.get("location")!)![1]);
      const token = await editor.token(`/newsroom/articles/${id}`);
      const later = await editor.post(`/newsroom/articles/${id}/workflow`, {
        _csrf: token,
        action: "publish",
        publish_at: "2099-01-01T09:00",
      });
      expect(later.response.headers.get("location")).toContain("message=scheduled");
      const row = await newsDb(temp.store)
        .selectFrom("news_articles")
        .select(["slug", "publish_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.publish_at).toBe("2099-01-01T09:00:00.000Z");
      const reader = new Client(base);
      expect((await reader.get(`/news/articles/${row.slug}`)).response.status).toBe(404);
      expect((await reader.get("/news")).text).not.toContain(row.slug);
      expect((await reader.get("/news/feed.xml")).text).not.toContain(row.slug);
      expect((await reader.get("/sitemap.xml")).text).not.toContain(row.slug);
    });

    it("comments wait for moderation, an editor approves them, hostile markup stays inert", async () => {
      const reader = new Client(base);
      const path = `/news/articles/${slug}`;
      const forged = await reader.post(
        `${path}/comments`,
        { name: "Reader", body: "Hello" },
        { origin: "https://evil.example" },
      );
      expect(forged.response.status).toBe(403);
      const posted = await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "Reader <b>One</b>",
        email: "reader@example.org",
        body: 'Good piece. <script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>',
        website: "",
      });
      expect(posted.response.status).toBe(303);
      expect(posted.response.headers.get("location")).toBe(`${path}?comment=pending#comments`);
      const waiting = (await reader.get(`${path}?comment=pending`)).text;
      expect(waiting).toContain("waiting for moderation");
      expect(waiting).not.toContain("Good piece.");
      const bot = await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "Bot",
        body: "Cheap pills",
        website: "http://spam.example",
      });
      expect(bot.response.status).toBe(303);
      const invalid = await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "",
        body: "x",
      });
      expect(invalid.response.status).toBe(400);
      expect(invalid.text).toContain("Give a name");

      const editor = new Client(base);
      await editor.signIn("editor@example.org");
      const queue = (await editor.get("/newsroom/comments")).text;
      expect(queue).toContain("Good piece.");
      expect(queue).not.toContain("Cheap pills");
      expect(queue).not.toContain("reader@example.org");
      const id = (
        await newsDb(temp.store)
          .selectFrom("news_comments")
          .select("id")
          .where("status", "=", "pending")
          .executeTakeFirstOrThrow()
      ).id;
      const author = new Client(base);
      await author.signIn("author@example.org");
      expect(
        (
          await author.post(`/newsroom/comments/${id}`, {
            _csrf: await author.token("/newsroom"),
            action: "approve",
          })
        ).response.status,
      ).toBe(403);
      const approve = await editor.post(`/newsroom/comments/${id}`, {
        _csrf: await editor.token("/newsroom/comments"),
        action: "approve",
      });
      expect(approve.response.status).toBe(303);

      const page = (await reader.get(path)).text;
      const { document } = parseHTML(page);
      const comment = document.querySelector(".comment")!;
      expect(comment.querySelector(".comment-meta strong")?.textContent).toBe("Reader <b>One</b>");
      expect(comment.querySelector(".comment-meta time")?.getAttribute("datetime")).toMatch(
        /^\d{4}-\d\d-\d\dT/,
      );
      // Markup the pages build themselves is never escaped twice.
      expect(page).not.toMatch(/&(lt|#60);(time|a|span|p|br|li)\b/);
      expect(comment.querySelector("b, script, img")).toBeNull();
      for (const el of comment.querySelectorAll("*")) {
        for (const attr of el.attributes) {
          expect(attr.name.startsWith("on")).toBe(false);
          expect(attr.value).not.toMatch(/^javascript:/i);
        }
      }
      expect(comment.textContent).toContain('<script>alert("x")</script>');
      expect(document.querySelector(".byline")?.textContent).toContain("1 comment");
      expect(page).not.toContain("reader@example.org");
      expect(document.querySelector("#comments-heading")?.textContent).toBe("1 comment");
    });
  });

  describe("cookie consent", () => {
    it("before a choice only strictly necessary cookies are set, and the banner is on every page", async () => {
      const reader = new Client(base);
      for (const path of ["/", "/news", "/privacy", "/news/about", "/votes/S%2FRES%2F2774"]) {
        const { text } = await reader.get(path);
        const { document } = parseHTML(text);
        expect(document.querySelector("#cookie-banner"), path).not.toBeNull();
        const buttons = [...document.querySelectorAll("#cookie-banner .button")].map(
          (b) => `${b.tagName}.${b.className}:${b.textContent!.trim()}`,
        );
        expect(buttons, path).toEqual(["BUTTON.button:Accept", "BUTTON.button:Reject", "A.button:Read more"]);
        expect(document.querySelector('footer a[href="/privacy#cookie-settings"]')?.textContent, path).toBe(
          "Cookie settings",
        );
        expect(text, path).not.toMatch(/&(lt|#60);(time|a|span|p|br|li|form|button)\b/);
      }
      // Posting a comment before choosing: the name is not remembered.
      const slug = (
        await newsDb(temp.store)
          .selectFrom("news_articles")
          .select("slug")
          .where("status", "=", "published")
          .executeTakeFirstOrThrow()
      ).slug;
      const path = `/news/articles/${slug}`;
      await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "Early Reader",
        body: "Before choosing.",
      });
      expect([...reader.jar.keys()].sort()).toEqual([]);
      for (const name of reader.jar.keys()) expect(cookieSpec(name)?.category).toBe("strictly-necessary");
    });

    it("Accept: the choice is remembered, the banner goes, the comment name is remembered; Reject deletes it", async () => {
      const reader = new Client(base);
      const accepted = await reader.post("/consent", {
        _csrf: await reader.token("/news"),
        choice: "accepted",
        return: "/news/about",
      });
      expect(accepted.response.status).toBe(303);
      expect(accepted.response.headers.get("location")).toBe("/news/about");
      expect(reader.jar.get("plenary_consent")).toBe("1.accepted");
      const line = accepted.response.headers.getSetCookie().find((c) => c.startsWith("plenary_consent="))!;
      expect(line).toMatch(/Max-Age=15552000/);
      expect(
        parseHTML((await reader.get("/news/about")).text).document.querySelector("#cookie-banner"),
      ).toBeNull();
      const slug = (
        await newsDb(temp.store)
          .selectFrom("news_articles")
          .select("slug")
          .where("status", "=", "published")
          .executeTakeFirstOrThrow()
      ).slug;
      const path = `/news/articles/${slug}`;
      await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "Kind Reader",
        body: "After accepting.",
      });
      expect(reader.jar.get("plenary_reader")).toBe("Kind%20Reader");
      const form = parseHTML((await reader.get(path)).text).document.querySelector("#comment-name");
      expect(form?.getAttribute("value")).toBe("Kind Reader");

      const rejected = await reader.post("/consent", {
        _csrf: await reader.token("/privacy"),
        choice: "rejected",
        return: "/privacy",
      });
      expect(rejected.response.headers.get("location")).toBe("/privacy?saved=rejected#cookie-settings");
      expect(reader.jar.has("plenary_reader")).toBe(false);
      expect(reader.jar.get("plenary_consent")).toBe("1.rejected");
      const settings = (await reader.get("/privacy?saved=rejected")).text;
      expect(settings).toContain("optional cookies rejected");
      await reader.post(`${path}/comments`, {
        _csrf: await reader.token(path),
        name: "Kind Reader",
        body: "After rejecting.",
      });
      expect(reader.jar.has("plenary_reader")).toBe(false);
    });

    it("a return address off the site is ignored", async () => {
      const reader = new Client(base);
      for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
        const r = await reader.post("/consent", {
          _csrf: await reader.token("/privacy"),
          choice: "rejected",
          return: bad,
        });
        expect(r.response.headers.get("location")).toBe("/");
      }
    });

    it("the policy lists every cookie of the registry, generated from it", async () => {
      const { document } = parseHTML((await new Client(base).get("/privacy")).text);
      const rows = [...document.querySelectorAll("table.cookies tbody tr")].map(
        (tr) => tr.querySelector("code")?.textContent,
      );
      expect(rows).toEqual(COOKIES.map((c) => c.name));
      expect(document.querySelector("#cookie-settings")).not.toBeNull();
    });

    it("no response in these tests set a cookie the registry does not list", () => {
      expect(seenCookies.size).toBeGreaterThanOrEqual(4);
      for (const name of seenCookies)
        expect(cookieSpec(name), `cookie ${name} is not in the registry`).toBeDefined();
    });
  });
});
