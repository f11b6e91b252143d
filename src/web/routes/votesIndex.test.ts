/**
 * The votes index (/votes and /api/votes) and a vote page's "Stories about this vote", over real HTTP
 * on real data: the General Assembly's 79th session and the Council's resolutions of 2024 (DGACM), and
 * the Council's veto list.
 */
import { request as httpRequest } from "node:http";
import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { Store } from "../../data/store/index.js";
import { RESEARCH_RECORD, SHARED_DATA, suiteServer } from "../../test/suiteServer.js";
import { addUser } from "../../news/accounts.js";
import { articlePath, createArticle, transition } from "../../news/articles.js";
import type { NewsUser } from "../../news/accounts.js";

let editor: NewsUser;
const articles: Record<string, { id: number; path: string }> = {};

async function article(store: Store, headline: string, bodyMd: string) {
  const made = await createArticle(
    store,
    { headline, standfirst: "", bodyMd, section: "analysis", tags: "" },
    editor,
  );
  return { id: made.id, path: articlePath(made) };
}

const site = suiteServer({
  store: { seed: false },
  imports: [
    {
      paths: [path.join(SHARED_DATA, "unxml/ga/79.json.gz"), path.join(SHARED_DATA, "unxml/sc/2024.json.gz")],
    },
    RESEARCH_RECORD[1]!,
  ],
  prepare: async (store) => {
    editor = await addUser(store, {
      email: "editor@example.org",
      name: "Ada Editor",
      role: "editor",
      password: "a long enough password 1",
    });
    const cuba = "The Assembly again [called for an end to the embargo](/votes/A%2FRES%2F79%2F7).";
    articles.published = await article(store, "The embargo vote, again", cuba);
    await transition(store, articles.published.id, "publish", editor);
    articles.draft = await article(store, "A draft about the embargo", cuba);
    articles.scheduled = await article(store, "Scheduled embargo story", cuba);
    await transition(store, articles.scheduled.id, "publish", editor, {
      publishAt: new Date(Date.now() + 86_400_000 * 30).toISOString(),
    });
  },
});

function get(url: string) {
  return fetch(site.base + url, { redirect: "manual" });
}

async function page(url: string) {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return parseHTML(await response.text()).document;
}

interface Listed {
  ref: string;
  body: string;
  session: string | null;
  date: string;
  outcome: string | null;
  title: string;
}

async function api(url: string) {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as { votes: Listed[]; meta: { pagination: { total: number } } };
}

/** The bytes as sent (not decoded), asking for `encoding`. */
function raw(url: string, encoding: string): Promise<{ encoding: string | null; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(site.base + url, { headers: { "accept-encoding": encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({ encoding: response.headers["content-encoding"] ?? null, bytes: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

type Doc = ReturnType<typeof parseHTML>["document"];

const countOf = (document: Doc) =>
  Number(
    /^([\d,]+) roll call/
      .exec(document.querySelector(".result-count")!.textContent!.trim())![1]!
      .replace(/,/g, ""),
  );

const refsOn = (document: Doc) =>
  [...document.querySelectorAll("table.votes tbody tr td:nth-child(3) a")].map((a) =>
    decodeURIComponent(a.getAttribute("href")!.replace("/votes/", "")),
  );

describe("/votes", () => {
  it("lists every roll call newest first, 50 a page, with the count and a pager", async () => {
    const document = await page("/votes");
    const all = await api("/api/votes?limit=1000");
    expect(countOf(document)).toBe(all.meta.pagination.total);
    expect(all.meta.pagination.total).toBeGreaterThan(100);
    expect(refsOn(document)).toEqual(all.votes.slice(0, 50).map((v) => v.ref));
    const dates = all.votes.map((v) => v.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const form = document.querySelector('form[action="/votes"]')!;
    expect(form.getAttribute("method")).toBe("get");
    for (const name of ["body", "session", "year", "subject", "outcome"])
      expect(form.querySelector(`[name="${name}"]`), name).not.toBeNull();
    expect(document.querySelector('a[rel="next"]')!.getAttribute("href")).toBe("/votes?page=2");
    expect(refsOn(await page("/votes?page=2"))).toEqual(all.votes.slice(50, 100).map((v) => v.ref));
  });

  it("filters by body, session, year, subject and outcome: the Cuba embargo vote of 30 October 2024", async () => {
    const url = "/votes?body=GA&session=79&year=2024&subject=SANCTIONS&outcome=adopted";
    const document = await page(url);
    expect(refsOn(document)).toContain("A/RES/79/7");
    // The filters are echoed in the form.
    expect(document.querySelector('#body option[value="GA"]')!.hasAttribute("selected")).toBe(true);
    expect(document.querySelector('#session option[value="79"]')!.hasAttribute("selected")).toBe(true);
    expect(document.querySelector("#year")!.getAttribute("value")).toBe("2024");
    expect(document.querySelector("#subject")!.getAttribute("value")).toBe("SANCTIONS");
    expect(document.querySelector('#outcome option[value="adopted"]')!.hasAttribute("selected")).toBe(true);
    expect(document.querySelector(".result-count")!.textContent).toContain(
      "General Assembly · session 79 · 2024",
    );
    // The API answers the same query, and every vote it lists fits every filter.
    const json = await api(url.replace("/votes", "/api/votes"));
    expect(json.meta.pagination.total).toBe(countOf(document));
    for (const v of json.votes) {
      expect(v).toMatchObject({ body: "GA", session: "79", outcome: "adopted" });
      expect(v.date.slice(0, 4)).toBe("2024");
    }
    // Letter case aside, the same subject; a part of a subject is no subject.
    expect((await api("/api/votes?subject=sanctions")).meta.pagination.total).toBe(
      (await api("/api/votes?subject=SANCTIONS")).meta.pagination.total,
    );
    expect((await api("/api/votes?subject=SANCTION")).meta.pagination.total).toBe(0);
    // Another year or outcome leaves it out.
    expect(refsOn(await page("/votes?body=GA&session=79&year=2025&subject=SANCTIONS"))).not.toContain(
      "A/RES/79/7",
    );
    expect(refsOn(await page("/votes?body=GA&session=79&subject=SANCTIONS&outcome=rejected"))).not.toContain(
      "A/RES/79/7",
    );
  });

  it("vetoed Council drafts: every one listed is a Security Council veto", async () => {
    const json = await api("/api/votes?body=SC&outcome=vetoed&limit=1000");
    expect(json.meta.pagination.total).toBeGreaterThan(100);
    for (const v of json.votes) expect(v).toMatchObject({ body: "SC", outcome: "vetoed" });
    const document = await page("/votes?body=SC&outcome=vetoed");
    expect(countOf(document)).toBe(json.meta.pagination.total);
  });

  it("refuses a filter that is not one (400), and says when nothing matches", async () => {
    expect((await get("/votes?year=nineteen")).status).toBe(400);
    expect((await get("/votes?outcome=won")).status).toBe(400);
    expect((await get("/api/votes?year=nineteen")).status).toBe(400);
    const none = await page("/votes?body=SC&session=79");
    expect(countOf(none)).toBe(0);
    expect(none.querySelector("main")!.textContent).toContain("No roll call matches these filters");
  });
});

describe("the votes index's caches", () => {
  it("from, to and kind filter the page too, each filter's page cached apart", async () => {
    const all = countOf(await page("/votes"));
    for (const query of ["from=2024-10-30&to=2024-10-30", "kind=draft", "from=2024-12-01"]) {
      const json = await api(`/api/votes?${query}`);
      expect(json.meta.pagination.total, query).toBeLessThan(all);
      const document = await page(`/votes?${query}`);
      expect(countOf(document), query).toBe(json.meta.pagination.total);
      // Its link to the same list as JSON keeps them.
      expect(document.querySelector('a[href^="/api/votes"]')!.getAttribute("href"), query).toBe(
        `/api/votes?${query}`,
      );
    }
    expect(countOf(await page("/votes"))).toBe(all);
  });

  it("the caches weigh what they keep: each body and its compressed forms, each page's bytes", async () => {
    const snapshot = await site.app.site.snapshot();
    snapshot.responses.clear();
    const url = "/api/votes?limit=1000&from=2024-01-01";
    const plain = await raw(url, "identity");
    expect(plain.encoding).toBeNull();
    expect(snapshot.responses.bytes).toBe(plain.bytes.length);
    const br = await raw(url, "br");
    expect(br.encoding).toBe("br");
    const gzip = await raw(url, "gzip");
    expect(gzip.encoding).toBe("gzip");
    expect(snapshot.responses.bytes).toBe(plain.bytes.length + br.bytes.length + gzip.bytes.length);
    // Asked again, nothing more is kept.
    await raw(url, "br");
    expect(snapshot.responses.bytes).toBe(plain.bytes.length + br.bytes.length + gzip.bytes.length);

    snapshot.pages.clear();
    const html = await raw("/votes?kind=resolution", "identity");
    const kept = snapshot.pages.bytes;
    // The page's body, without the layout around it (made per request).
    expect(kept).toBeGreaterThan(html.bytes.length / 2);
    expect(kept).toBeLessThan(html.bytes.length);
    await raw("/votes?kind=resolution", "gzip");
    expect(snapshot.pages.bytes).toBeGreaterThan(kept);
  });
});

describe("stories about a vote", () => {
  it("a vote page links the published stories that cite it — not drafts, not scheduled ones", async () => {
    const document = await page("/votes/A%2FRES%2F79%2F7");
    const section = document.querySelector("#stories")!;
    expect(section.querySelector("h2")!.textContent).toBe("Stories about this vote");
    const links = [...section.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual([articles.published!.path]);
    expect(section.textContent).toContain("The embargo vote, again");
    expect((await page("/votes/A%2FRES%2F79%2F8")).querySelector("#stories")).toBeNull();
  });

  it("a story published later shows at once, without an import", async () => {
    await transition(site.store, articles.draft!.id, "publish", editor);
    const document = await page("/votes/A/RES/79/7");
    const links = [...document.querySelectorAll("#stories a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual([articles.draft!.path, articles.published!.path]);
  });
});
