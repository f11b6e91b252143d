/**
 * Pages a CDN can cache (issue 17, goal 5), over real HTTP: a reader who is not signed in gets no cookie
 * and a page any shared cache may keep (`public, s-maxage`, an ETag, 304 on If-None-Match); a signed-in
 * user's pages stay private; forms are protected by origin (and, for signed-in users, a token).
 */
import { describe, expect, it } from "vitest";
import { newsroomServer } from "../test/newsroom.js";
import { FormClient } from "../test/formClient.js";
import { newsDb } from "../news/store/tables.js";

const PASSWORD = "correct horse battery staple";
const PAGES = ["/", "/votes/S%2FRES%2F2774", "/members/USA", "/news", "/privacy"];

describe("pages a CDN can cache", () => {
  const { site, articleUrl } = newsroomServer(PASSWORD, "Cached news");

  it("a reader's GET of the home, vote, member and news pages sets no cookie and is public for a shared cache", async () => {
    for (const path of [...PAGES, articleUrl()]) {
      const reader = new FormClient(site.base);
      const { response, text } = await reader.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.getSetCookie(), path).toEqual([]);
      expect(response.headers.get("cache-control"), path).toMatch(/^public, max-age=0, s-maxage=\d+/);
      expect(response.headers.get("etag"), path).toMatch(/^"v\d+-[\w-]+"$/);
      expect(response.headers.get("vary"), path).toMatch(/\bCookie\b/i);
      // The banner's forms are there, with no token: the page is the same for every such reader.
      expect(text, path).toContain('action="/consent"');
      expect(text, path).not.toContain('name="_csrf"');
      const again = await new FormClient(site.base).get(path);
      expect(again.response.headers.get("etag"), path).toBe(response.headers.get("etag"));
    }
  });

  it("ETag: If-None-Match with the current tag gets 304 and no body; an old tag gets the page", async () => {
    for (const encoding of ["gzip", "identity"]) {
      for (const path of PAGES) {
        const headers = { "accept-encoding": encoding };
        const first = await fetch(site.base + path, { headers });
        await first.arrayBuffer();
        const etag = first.headers.get("etag")!;
        const fresh = await fetch(site.base + path, { headers: { ...headers, "if-none-match": etag } });
        expect(fresh.status, `${path} ${encoding}`).toBe(304);
        expect(await fresh.text()).toBe("");
        expect(fresh.headers.get("etag")).toBe(etag);
        expect(fresh.headers.get("cache-control")).toMatch(/^public/);
        expect(fresh.headers.getSetCookie()).toEqual([]);
        const weak = await fetch(site.base + path, { headers: { ...headers, "if-none-match": `W/${etag}` } });
        expect(weak.status).toBe(304);
        const stale = await fetch(site.base + path, { headers: { ...headers, "if-none-match": '"v0-old"' } });
        expect(stale.status).toBe(200);
        expect((await stale.text()).length).toBeGreaterThan(0);
      }
    }
  });

  it("a reader who has chosen about cookies still gets a public page (without the banner), and no cookie", async () => {
    const reader = new FormClient(site.base);
    expect((await reader.post("/consent", { choice: "rejected", return: "/" })).response.status).toBe(303);
    expect([...reader.jar.keys()]).toEqual(["plenary_consent"]);
    const { response, text } = await reader.get("/");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    expect(text).not.toContain('id="cookie-banner"');
    const anonymous = await new FormClient(site.base).get("/");
    expect(anonymous.text).toContain('id="cookie-banner"');
    expect(anonymous.response.headers.get("etag")).not.toBe(response.headers.get("etag"));
  });

  it("a signed-in user's pages are private, carry a token and never answer 304 to a public tag", async () => {
    const publicTag = (await fetch(site.base + "/")).headers.get("etag")!;
    const editor = new FormClient(site.base);
    expect((await editor.signIn("editor@example.org", PASSWORD)).status).toBe(303);
    for (const path of [...PAGES, "/newsroom"]) {
      const { response, text } = await editor.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
      expect(response.headers.get("vary"), path).toMatch(/\bCookie\b/i);
      expect(response.headers.get("etag"), path).toBeNull();
      expect(text, path).toMatch(/name="_csrf" value="[^"]+"/);
    }
    const conditional = await fetch(site.base + "/", {
      headers: { cookie: `plenary_session=${editor.jar.get("plenary_session")}`, "if-none-match": publicTag },
    });
    expect(conditional.status).toBe(200);
    expect(await conditional.text()).toContain('href="/newsroom"');
  });

  it("the sign-in page, error pages and form answers are never cached", async () => {
    const reader = new FormClient(site.base);
    const login = await reader.get("/newsroom/login");
    expect(login.response.headers.get("cache-control")).toBe("private, no-store");
    expect(login.response.headers.getSetCookie()).toEqual([]);
    const missing = await reader.get("/no/such/page");
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get("cache-control")).toBe("no-store");
    expect(missing.response.headers.getSetCookie()).toEqual([]);
    const invalid = await reader.post(`${articleUrl()}/comments`, { name: "", body: "x" });
    expect(invalid.response.status).toBe(400);
    expect(invalid.response.headers.get("cache-control")).toBe("no-store");
    expect(invalid.response.headers.getSetCookie()).toEqual([]);
  });

  it("a cross-origin form post is refused (403, nothing saved); the same post from the site works", async () => {
    const reader = new FormClient(site.base);
    const form = { name: "Cross Reader", body: "Sent from elsewhere." };
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      // A "simple" request another site can send without CORS: still refused.
      { origin: "https://evil.example", "content-type": "text/plain" },
    ];
    for (const headers of crossSite) {
      const refused = await reader.post(`${articleUrl()}/comments`, form, headers);
      expect(refused.response.status, JSON.stringify(headers)).toBe(403);
      expect(refused.response.headers.getSetCookie()).toEqual([]);
    }
    const consent = await reader.post(
      "/consent",
      { choice: "accepted", return: "/" },
      { origin: "https://evil.example" },
    );
    expect(consent.response.status).toBe(403);
    expect(reader.jar.size).toBe(0);
    const saved = await newsDb(site.store)
      .selectFrom("news_comments")
      .select("id")
      .where("body", "=", "Sent from elsewhere.")
      .execute();
    expect(saved).toEqual([]);

    const posted = await reader.post(`${articleUrl()}/comments`, form);
    expect(posted.response.status).toBe(303);
    expect(
      await newsDb(site.store)
        .selectFrom("news_comments")
        .select("id")
        .where("body", "=", form.body)
        .execute(),
    ).toHaveLength(1);
  });

  it("a commenter's remembered name makes that page theirs: private, not public", async () => {
    const reader = new FormClient(site.base);
    await reader.post("/consent", { choice: "accepted", return: "/" });
    await reader.post(`${articleUrl()}/comments`, { name: "Remembered Reader", body: "Remember me." });
    expect(reader.jar.get("plenary_reader")).toBe("Remembered%20Reader");
    const { response, text } = await reader.get(articleUrl());
    expect(text).toContain('value="Remembered Reader"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // Its other pages stay public.
    expect((await reader.get("/")).response.headers.get("cache-control")).toMatch(/^public/);
  });
});
