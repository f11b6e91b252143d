/**
 * The watch feeds over real HTTP on real data: a store filled with the General Assembly's 78th and 79th sessions
 * (DGACM) and the Council's veto list to 2022, then — while the server runs — the 80th session and the
 * Council drafts not adopted in 2023–2025 (Akoma Ntoso). The feeds are read before and after: they
 * change, validate (a strict XML parser; Atom's and JSON Feed's required fields), and answer 304 to a
 * current validator.
 */
import path from "node:path";
import { parseXml, type XmlElement } from "../../test/xml.js";
import { parseHTML } from "linkedom";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RESEARCH_RECORD, SHARED_DATA, suiteServer } from "../../test/suiteServer.js";
import { importFiles } from "../../data/import/index.js";
import { blocMembersOn } from "../../analysis/blocs.js";

const SHARED = SHARED_DATA;
const NOT_ADOPTED = path.join(SHARED, "unxml/sc-not-adopted");

const site = suiteServer({
  store: { seed: false },
  imports: [
    { paths: [path.join(SHARED_DATA, "unxml/ga/78.json.gz"), path.join(SHARED_DATA, "unxml/ga/79.json.gz")] },
    RESEARCH_RECORD[1]!,
  ],
  server: { rateLimit: 1_000_000, siteOptions: { idealPoints: "off", recheckMs: 0 } },
});

function get(url: string, headers: Record<string, string> = {}) {
  return fetch(site.base + url, { headers, redirect: "manual" });
}

type Node = XmlElement;

const child = (node: Node, name: string) => node.children.find((c) => c.name === name);
const children = (node: Node, name: string) => node.children.filter((c) => c.name === name);

/** An Atom feed's facts, after checking the elements RFC 4287 requires. */
function readAtom(xml: string) {
  const feed = parseXml(xml);
  expect(feed.name).toBe("feed");
  expect(feed.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
  for (const name of ["id", "title", "updated"]) expect(child(feed, name)?.text, name).toBeTruthy();
  expect(Number.isNaN(Date.parse(child(feed, "updated")!.text))).toBe(false);
  const entries = children(feed, "entry").map((e) => {
    for (const name of ["id", "title", "updated"]) expect(child(e, name)?.text, name).toBeTruthy();
    const link = child(e, "link");
    expect(link?.attributes.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/votes\//);
    expect(child(e, "id")!.text).toBe(link!.attributes.href);
    return {
      id: child(e, "id")!.text,
      title: child(e, "title")!.text,
      summary: child(e, "summary")?.text ?? "",
      published: child(e, "published")!.text,
      updated: child(e, "updated")!.text,
      ref: decodeURIComponent(link!.attributes.href!.replace(/^.*\/votes\//, "")),
    };
  });
  return { updated: child(feed, "updated")!.text, entries };
}

async function atom(url: string) {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  return {
    ...readAtom(await response.text()),
    etag: response.headers.get("etag")!,
    lastModified: response.headers.get("last-modified")!,
  };
}

async function jsonFeed(url: string) {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
  const feed = (await response.json()) as {
    version: string;
    title: string;
    items: {
      id: string;
      url: string;
      title: string;
      content_text: string;
      date_published: string;
      date_modified: string;
    }[];
  };
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(feed.title).toBeTruthy();
  expect(Array.isArray(feed.items)).toBe(true);
  for (const item of feed.items) {
    expect(item.id).toBeTruthy();
    expect(typeof item.content_text).toBe("string");
    expect(item.url).toMatch(/\/votes\//);
  }
  return feed;
}

/** Newest first, and by the vote's date. */
function expectNewestFirst(entries: { published: string }[]) {
  const dates = entries.map((e) => e.published);
  expect([...dates].sort().reverse()).toEqual(dates);
}

describe("watch feeds", () => {
  let before: Record<string, Awaited<ReturnType<typeof atom>>> = {};

  it("a member's new votes: valid Atom and JSON Feed, newest first, each linking to its vote", async () => {
    const usa = await atom("/members/USA/feed.xml");
    expect(usa.entries).toHaveLength(50);
    expectNewestFirst(usa.entries);
    // The 79th session: to September 2025.
    expect(usa.entries[0]!.published >= "2025-01-01").toBe(true);
    expect(usa.entries[0]!.published < "2025-09-10").toBe(true);
    expect(usa.entries[0]!.title).toMatch(/^United States: (in favour|against|abstaining) — /);
    // Updated: the import's time, after the vote's day.
    expect(usa.entries[0]!.updated > usa.entries[0]!.published).toBe(true);
    expect(usa.updated).toBe(
      usa.entries
        .map((e) => e.updated)
        .sort()
        .at(-1),
    );
    const json = await jsonFeed("/members/USA/feed.json");
    expect(json.items.map((i) => i.id)).toEqual(usa.entries.map((e) => e.id));
    // The entry's vote page names the same vote.
    const page = await get(new URL(usa.entries[0]!.id).pathname);
    expect(page.status).toBe(200);
    before = { usa };
  });

  it("a pair's turns are exactly the roll calls the definition picks (checked by a plain scan of the store)", async () => {
    const feed = await atom("/compare/USA/GBR/feed.xml");
    const rollCalls = (
      await site.store.listWithVotes({ body: "GA", limit: 1000, newestFirst: false })
    ).filter(
      (r) =>
        ["Y", "N", "A"].includes(r.votes.get("USA") ?? "X") &&
        ["Y", "N", "A"].includes(r.votes.get("GBR") ?? "X"),
    );
    // The matrix orders by date then id.
    rollCalls.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id));
    const expected: string[] = [];
    rollCalls.forEach((r, i) => {
      if (i < 50) return;
      const alike = rollCalls
        .slice(i - 50, i)
        .filter((p) => p.votes.get("USA") === p.votes.get("GBR")).length;
      const same = r.votes.get("USA") === r.votes.get("GBR");
      if ((!same && alike / 50 >= 0.75) || (same && alike / 50 <= 0.25))
        expected.push(r.symbol ?? `rc-${r.id}`);
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(feed.entries.map((e) => e.ref)).toEqual(expected.reverse().slice(0, 50));
    expect(feed.entries[0]!.summary).toMatch(
      /Over their previous 50 votes together in the General Assembly they voted alike \d+ times/,
    );
  });

  it("a bloc's splits: every entry is a roll call where the bloc's members on the day did not all vote alike", async () => {
    const feed = await atom("/blocs/EU/feed.xml");
    expect(feed.entries.length).toBeGreaterThan(0);
    expectNewestFirst(feed.entries);
    for (const entry of feed.entries.slice(0, 10)) {
      const [rollCall] = await site.store.findBySymbol(entry.ref);
      const full = await site.store.get(rollCall!.id);
      const votes = new Set(
        blocMembersOn("EU", full!.date)
          .map((m) => full!.votes.get(m))
          .filter((v) => v === "Y" || v === "N" || v === "A"),
      );
      expect(votes.size, entry.ref).toBeGreaterThan(1);
    }
    await jsonFeed("/blocs/EU/feed.json");
  });

  it("vetoes: newest first from the Council's veto list", async () => {
    const feed = await atom("/council/vetoes/feed.xml");
    expect(feed.entries).toHaveLength(50);
    expectNewestFirst(feed.entries);
    // The newest veto of the list: Russia, 8 July 2022 (cross-border aid to Syria).
    expect(feed.entries[0]!.published.slice(0, 10)).toBe("2022-07-08");
    expect(feed.entries[0]!.title).toMatch(/^Vetoed by Russia/);
    before.vetoes = feed;
  });

  it("conditional GET: the same ETag or a later If-Modified-Since gets 304", async () => {
    const first = await get("/members/USA/feed.xml");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"v\d+-/);
    expect((await get("/members/USA/feed.xml", { "if-none-match": etag })).status).toBe(304);
    const since = first.headers.get("last-modified")!;
    expect((await get("/members/USA/feed.xml", { "if-modified-since": since })).status).toBe(304);
    const earlier = new Date(Date.parse(since) - 86_400_000).toUTCString();
    expect((await get("/members/USA/feed.xml", { "if-modified-since": earlier })).status).toBe(200);
  });

  it("names and codes redirect to the alpha-3 feed; unknown members and blocs are 404", async () => {
    const response = await get("/members/US/feed.xml");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/members/USA/feed.xml");
    expect((await get("/compare/us/ru/feed.json")).headers.get("location")).toBe(
      "/compare/USA/RUS/feed.json",
    );
    expect((await get("/blocs/eu/feed.xml")).headers.get("location")).toBe("/blocs/EU/feed.xml");
    expect((await get("/members/Atlantis/feed.xml")).status).toBe(404);
    expect((await get("/blocs/NOPE/feed.xml")).status).toBe(404);
  });

  it("the member, comparison, bloc and Council pages announce their feeds", async () => {
    for (const [page, feed] of [
      ["/members/USA", "/members/USA/feed"],
      ["/compare/USA/RUS", "/compare/USA/RUS/feed"],
      ["/blocs/EU", "/blocs/EU/feed"],
      ["/council", "/council/vetoes/feed"],
    ] as const) {
      const { document } = parseHTML(await (await get(page)).text());
      const atomLink = document.querySelector('head link[rel="alternate"][type="application/atom+xml"]');
      expect(atomLink?.getAttribute("href"), page).toBe(`${feed}.xml`);
      expect(atomLink?.getAttribute("title"), page).toBeTruthy();
      const jsonLink = document.querySelector('head link[rel="alternate"][type="application/feed+json"]');
      expect(jsonLink?.getAttribute("href"), page).toBe(`${feed}.json`);
    }
  });

  it("an import changes the feeds: the 80th session and the Council's drafts of 2023–2025", async () => {
    const oldEtag = before.usa!.etag;
    await importFiles(site.store, [path.join(SHARED, "unxml/ga/80.json.gz")]);
    await importFiles(
      site.store,
      readdirSync(NOT_ADOPTED).map((f) => path.join(NOT_ADOPTED, f)),
    );
    const usa = await atom("/members/USA/feed.xml");
    expect(usa.etag).not.toBe(oldEtag);
    expect(usa.entries[0]!.published >= "2025-09-10").toBe(true);
    expect(usa.updated > before.usa!.updated).toBe(true);
    // The old validator no longer matches.
    expect((await get("/members/USA/feed.xml", { "if-none-match": oldEtag })).status).toBe(200);
    const vetoes = await atom("/council/vetoes/feed.xml");
    expect(vetoes.entries[0]!.published >= "2025-01-01").toBe(true);
    expect(vetoes.entries.map((e) => e.id)).toContain(before.vetoes!.entries[0]!.id);
    expectNewestFirst(vetoes.entries);
  });
});
