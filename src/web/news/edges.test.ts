/**
 * The newsroom's edges (issue 15), over real HTTP against a real SQLite store: redirects to non-ASCII
 * addresses, feeds that stay valid XML and label text as text whatever an editor types, moderation
 * actions that are only the table's own keys, tags of drafts kept secret, publication times compared
 * as instants, absolute URLs that a client cannot point elsewhere, the cookie banner on /api/docs and
 * its return to the page with its query string, bidi controls stripped from comments, and the sign-in
 * form taking every password the CLI can set.
 */
import type { FastifyInstance } from "fastify";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEditor } from "../../test/newsroom.js";
import { addUser, MAX_PASSWORD, type NewsUser } from "../../news/accounts.js";
import { articlePath, createArticle, transition, type Article } from "../../news/articles.js";
import { parseXml, type XmlElement } from "../../test/xml.js";
import { FormClient } from "../../test/formClient.js";
import { suiteStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";
import { newsDb } from "../../news/store/tables.js";

const PASSWORD = "a long enough passphrase for tests";
const HOSTILE_HEADLINE = `Votes <script>alert("headline")</script> & "quotes"`;
const HOSTILE_STANDFIRST = `Standfirst <script>alert("standfirst")</script> & ]]> end`;
const HOSTILE_TAG = "<script>alert(1)</script>";

function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}

describe("edges of the newsroom over HTTP", () => {
  const temp = suiteStore();
  let app: FastifyInstance;
  let base: string;
  let editor: NewsUser;
  let hostile: Article;

  beforeAll(async () => {
    editor = await addEditor(temp.store, PASSWORD);
    hostile = await createArticle(
      temp.store,
      {
        headline: HOSTILE_HEADLINE,
        standfirst: HOSTILE_STANDFIRST,
        bodyMd: "A body with a [link](/votes/ES-11%2F7).",
        section: "analysis",
        tags: `${HOSTILE_TAG}, Ukraine`,
      },
      editor,
    );
    await transition(temp.store, hostile.id, "publish", editor);
    // A draft whose tag must stay unknown to readers.
    await createArticle(
      temp.store,
      { headline: "Secret draft", standfirst: "", bodyMd: "x", section: "analysis", tags: "Merger talks" },
      editor,
    );
    app = await buildServer({ store: temp.store, publicUrl: null, production: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a return or next address with non-ASCII characters is percent-encoded, never a 500", async () => {
    const reader = new FormClient(base);
    for (const [given, expected] of [
      ["/news/tag/中", "/news/tag/%E4%B8%AD"],
      ["/search?q=café", "/search?q=caf%C3%A9"],
    ] as const) {
      const { response } = await reader.post("/consent", {
        _csrf: await reader.token("/privacy"),
        choice: "rejected",
        return: given,
      });
      expect(response.status, given).toBe(303);
      expect(response.headers.get("location"), given).toBe(expected);
    }
    // JSON bodies can carry a lone surrogate, which cannot be percent-encoded: the fallback, not a 500.
    const lone = await fetch(`${base}/consent`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        origin: base,
        "x-forwarded-for": "10.9.9.9",
        cookie: [...reader.jar].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: `{"_csrf": ${JSON.stringify(await reader.token("/privacy"))}, "choice": "rejected", "return": "/news/tag/\\ud800"}`,
    });
    expect(lone.status).toBe(303);
    expect(lone.headers.get("location")).toBe("/");
    const signIn = new FormClient(base);
    const { response } = await signIn.post("/newsroom/login", {
      _csrf: await signIn.token("/newsroom/login"),
      email: "editor@example.org",
      password: PASSWORD,
      next: "/news/tag/中",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/news/tag/%E4%B8%AD");
  });

  it("the feeds are well-formed XML whatever the text, and label text as text", async () => {
    const atom = parseXml((await new FormClient(base).get("/news/atom.xml")).text);
    const entry = all(atom, "entry").find((e) => all(e, "title")[0]?.text === HOSTILE_HEADLINE)!;
    expect(entry).toBeDefined();
    expect(all(entry, "title")[0]!.attributes.type).toBe("text");
    expect(all(entry, "summary")[0]!.attributes).toMatchObject({ type: "text" });
    expect(all(entry, "summary")[0]!.text).toBe(HOSTILE_STANDFIRST);
    expect(all(entry, "category").map((c) => c.attributes.label)).toContain(HOSTILE_TAG);
    expect(all(entry, "content")[0]!.attributes.type).toBe("html");
    expect(all(entry, "content")[0]!.text).toContain(`href="${base}/votes/ES-11%2F7"`);

    const rss = parseXml((await new FormClient(base).get("/news/feed.xml")).text);
    const item = all(rss, "item").find((i) => all(i, "title")[0]?.text === HOSTILE_HEADLINE)!;
    // RSS descriptions are HTML: read as HTML, the standfirst is the text as typed, with no element in it.
    const description = parseHTML(
      `<!doctype html><html><body>${all(item, "description")[0]!.text}</body></html>`,
    ).document.body;
    expect(description.textContent).toBe(HOSTILE_STANDFIRST);
    expect(description.querySelector("script")).toBeNull();
    expect(all(item, "category").map((c) => c.text)).toContain(HOSTILE_TAG);

    const json = (await (await fetch(`${base}/news/feed.json`)).json()) as {
      items: { title: string; summary: string }[];
    };
    expect(json.items.find((i) => i.title === HOSTILE_HEADLINE)?.summary).toBe(HOSTILE_STANDFIRST);
    parseXml((await new FormClient(base).get("/sitemap.xml")).text);
  });

  it("moderation takes only its own actions: toString or __proto__ is a 400, not a 500", async () => {
    const desk = new FormClient(base);
    expect((await desk.signIn("editor@example.org", PASSWORD)).status).toBe(303);
    const reader = new FormClient(base);
    const path = articlePath(hostile);
    await reader.post(`${path}/comments`, {
      _csrf: await reader.token(path),
      name: "R",
      body: "Hello there",
    });
    const id = (await newsDb(temp.store).selectFrom("news_comments").select("id").executeTakeFirstOrThrow())
      .id;
    for (const action of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
      const { response } = await desk.post(`/newsroom/comments/${id}`, {
        _csrf: await desk.token("/newsroom/comments"),
        action,
      });
      expect(response.status, action).toBe(400);
    }
    const status = await newsDb(temp.store)
      .selectFrom("news_comments")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("pending");
    const done = await desk.get("/newsroom/comments?done=toString");
    expect(done.response.status).toBe(200);
  });

  it("a tag used only by drafts is unknown to readers until an article with it is published", async () => {
    const reader = new FormClient(base);
    expect((await reader.get("/news/tag/merger-talks")).response.status).toBe(404);
    expect((await reader.get("/news/tag/ukraine")).response.status).toBe(200);
    const draft = await createArticle(
      temp.store,
      { headline: "Later", standfirst: "", bodyMd: "x", section: "analysis", tags: "Merger talks" },
      editor,
    );
    // Scheduled: still unknown.
    await transition(temp.store, draft.id, "publish", editor, { publishAt: "2099-01-01T00:00:00Z" });
    expect((await reader.get("/news/tag/merger-talks")).response.status).toBe(404);
    await transition(temp.store, draft.id, "unpublish", editor);
    await transition(temp.store, draft.id, "publish", editor);
    expect((await reader.get("/news/tag/merger-talks")).response.status).toBe(200);
  });

  it("a publication time past the year 9999 is refused, never published at once", async () => {
    const desk = new FormClient(base);
    await desk.signIn("editor@example.org", PASSWORD);
    const article = await createArticle(
      temp.store,
      { headline: "Far future", standfirst: "", bodyMd: "x", section: "analysis", tags: "" },
      editor,
    );
    const { response, text } = await desk.post(`/newsroom/articles/${article.id}/workflow`, {
      _csrf: await desk.token(`/newsroom/articles/${article.id}`),
      action: "publish",
      publish_at: "+275760-09-13",
    });
    expect(response.status).toBe(400);
    expect(text).toContain("before the year 10000");
    const reader = new FormClient(base);
    expect((await reader.get(articlePath(article))).response.status).toBe(404);
    expect((await reader.get("/news/feed.xml")).text).not.toContain("Far future");
  });

  it("absolute URLs ignore a client's X-Forwarded-Host; production refuses to start without a public URL", async () => {
    const feed = await fetch(`${base}/news/feed.xml`, { headers: { "x-forwarded-host": "evil.example" } });
    const text = await feed.text();
    expect(text).not.toContain("evil.example");
    expect(text).toContain(`<link>${base}/news</link>`);
    const page = await fetch(`${base}${articlePath(hostile)}`, {
      headers: { "x-forwarded-host": "evil.example" },
    });
    expect(await page.text()).not.toContain("evil.example");

    await expect(buildServer({ store: temp.store, production: true, publicUrl: null })).rejects.toMatchObject(
      {
        code: "BAD_INPUT",
        field: "PLENARY_PUBLIC_URL",
      },
    );
    const configured = await buildServer({
      store: temp.store,
      production: true,
      publicUrl: "https://plenary.example.org",
    });
    try {
      const response = await configured.inject({ url: "/news/feed.xml", headers: { host: "evil.example" } });
      expect(response.body).toContain("<link>https://plenary.example.org/news</link>");
      expect(response.body).not.toContain("evil.example");
    } finally {
      await configured.close();
    }
  });

  it("the cookie banner works on /api/docs and returns to the page with its query string", async () => {
    for (const url of [
      "/api/docs",
      "/search?q=ukraine&body=GA",
      "/news?page=1",
      "/votes/ES-11%2F7?region=African",
    ]) {
      const reader = new FormClient(base);
      const { text } = await reader.get(url);
      const { document } = parseHTML(text);
      const form = document.querySelector("#cookie-banner form");
      expect(form, url).not.toBeNull();
      const fields = Object.fromEntries(
        [...form!.querySelectorAll("input")].map((i) => [
          i.getAttribute("name")!,
          i.getAttribute("value") ?? "",
        ]),
      );
      expect(fields.return, url).toBe(url);
      const { response } = await reader.post("/consent", fields);
      expect(response.status, url).toBe(303);
      expect(response.headers.get("location"), url).toBe(url);
      expect(reader.jar.get("plenary_consent")).toBe("1.accepted");
      const after = parseHTML((await reader.get(url)).text).document;
      expect(after.querySelector("#cookie-banner"), url).toBeNull();
    }
  });

  it("comments lose bidi override and isolate controls", async () => {
    const reader = new FormClient(base);
    const path = articlePath(hostile);
    await reader.post(`${path}/comments`, {
      _csrf: await reader.token(path),
      name: "Eve \u202eliam\u202c",
      email: "eve@example.org",
      body: "Read \u2067this\u2069 \u202egnp.exe\u202c please",
    });
    const row = await newsDb(temp.store)
      .selectFrom("news_comments")
      .select(["name", "body"])
      .where("email", "=", "eve@example.org")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Eve liam", body: "Read this gnp.exe please" });
  });

  it("the sign-in form takes the longest password the CLI can set", async () => {
    const longest = "long passphrase ".repeat(100).slice(0, MAX_PASSWORD);
    await addUser(temp.store, { email: "long@example.org", name: "Long", role: "author", password: longest });
    const client = new FormClient(base);
    const page = parseHTML((await client.get("/newsroom/login")).text).document;
    expect(page.querySelector("#password")?.getAttribute("maxlength")).toBe(String(MAX_PASSWORD));
    expect((await client.signIn("long@example.org", longest)).status).toBe(303);
    expect(client.jar.has("plenary_session")).toBe(true);
  });
});
