/**
 * The site's pages and API over real HTTP, on the starter data plus the research record (unvotes,
 * 1946–2019) and the Council veto list, imported from ../shared/data.
 */
import { describe, expect, it } from "vitest";
import { RESEARCH_RECORD, suiteServer } from "../../test/suiteServer.js";
import { errorPage } from "../pages/error.js";

const site = suiteServer({ imports: RESEARCH_RECORD });

async function get(url: string, headers: Record<string, string> = {}) {
  return fetch(site.base + url, { headers, redirect: "manual" });
}

async function page(url: string): Promise<string> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get("content-type"), url).toContain("text/html");
  return response.text();
}

async function api<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

const PAGES = [
  "/",
  "/votes/A%2FRES%2F74%2F246",
  "/votes/A/RES/74/246?region=African&bloc=EU&alongside=Israel",
  "/votes/S%2FRES%2F2774",
  "/members",
  "/members/USA?from=2000&to=2009&with=CHN,RUS",
  "/compare",
  "/compare/USA/RUS?year=1985",
  "/blocs",
  "/blocs/NAM",
  "/council?year=1971&page=2",
  "/search?q=nuclear&body=GA&member=France&vote=A&sort=divisive",
  "/api/docs",
  "/about/data",
];

describe("pages", () => {
  it("every page kind renders, with no inline style or inline script", async () => {
    for (const url of PAGES) {
      const html = await page(url);
      expect(html, url).not.toMatch(/\sstyle=/);
      expect(html, url).not.toMatch(/<style/);
      expect(html, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, url).toContain("<main");
    }
  });

  it("every page credits the sources in its footer and links to their terms", async () => {
    for (const url of PAGES) {
      const footer = /<footer class="site">([\s\S]*?)<\/footer>/.exec(await page(url))?.[1] ?? "";
      expect(footer, url).toContain(
        "United Nations (DGACM), machine-readable General Assembly / Security Council resolutions",
      );
      expect(footer, url).toContain(
        "E. Voeten, UN General Assembly Voting Data (Harvard Dataverse), via the unvotes package (D. Robinson)",
      );
      expect(footer, url).toContain("World Politics Data Lab");
      expect(footer, url).toContain('<a href="/about/data">Sources and terms</a>');
    }
  });

  it("/about/data gives each source's attribution, what it covers, its terms and links, and a place for coverage", async () => {
    const html = await page("/about/data");
    expect(html).toContain("<h1>The data: sources and terms</h1>");
    for (const id of ["unxml", "unvotes", "unsc-vetoes", "starter"])
      expect(html).toContain(`id="source-${id}"`);
    expect(html).toContain(
      "Source: United Nations (DGACM), machine-readable General Assembly / Security Council resolutions.",
    );
    expect(html).toContain("must acknowledge the United Nations as the source");
    expect(html).toContain("hdl:1902.1/12379");
    expect(html).toContain("David Robinson (MIT licence)");
    expect(html).toContain("UN Dag Hammarskjöld Library");
    expect(html).toContain('href="https://github.com/UNxml/GAresolutions"');
    expect(html).toContain('href="https://github.com/world-politics-datalab/vetoes-un-security-council"');
    expect(html).toMatch(/<section class="coverage" id="coverage" aria-labelledby="coverage-title">/);
    expect(await page("/api/docs")).toContain('<a href="/about/data">/about/data</a>');
  });

  it("the vote page has the map, members by vote with filters, alongside, related votes and downloads", async () => {
    const html = await page("/votes/A%2FRES%2F74%2F246?region=African&alongside=USA");
    expect(html).toMatch(/<path\s+class="v-Y"[^>]*data-member="FRA"/);
    expect(html).toMatch(/In favour\s*\(\d+ of 134\)/);
    expect(html).toContain("Voted alongside United States");
    expect(html).toContain("Most similar voting pattern");
    expect(html).toContain('href="/votes/A%2FRES%2F74%2F246.csv"');
    expect(html).toContain('<meta property="og:type" content="article" />');
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/votes\/A%2FRES%2F74%2F246"/);
  });

  it("the home page ranks the closest and most divisive recent votes", async () => {
    const html = await page("/");
    expect(html).toContain("Closest recent votes");
    expect(html).toContain("Most divisive recent votes");
    const highlights = await api<{ closest: { margin: number }[]; divisive: { divisiveness: number }[] }>(
      "/api/highlights",
    );
    const margins = highlights.closest.map((c) => Math.abs(c.margin));
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    const shares = highlights.divisive.map((d) => d.divisiveness);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it("any code or name of a member redirects to its alpha-3 page; query strings are kept", async () => {
    for (const [from, to] of [
      ["/members/US", "/members/USA"],
      ["/members/Russia?from=1990", "/members/RUS?from=1990"],
      ["/members?q=Ivory%20Coast", "/members/CIV"],
      ["/compare/US/RU", "/compare/USA/RUS"],
      ["/compare?a=France&b=Germany", "/compare/FRA/DEU"],
      ["/blocs/eu", "/blocs/EU"],
    ] as const) {
      const response = await get(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get("location"), from).toBe(to);
    }
  });

  it("unknown things get helpful 404 pages; bad parameters a 400 page", async () => {
    const member = await get("/members/Atlantis");
    expect(member.status).toBe(404);
    const body = await member.text();
    expect(body).toContain("No UN member state is known as");
    expect(body).toContain('action="/search"');
    const vote = await get("/votes/A%2FRES%2F74%2F99999");
    expect(vote.status).toBe(404);
    expect(await vote.text()).toContain("Did you mean");
    expect((await get("/blocs/NOPE")).status).toBe(404);
    expect((await get("/votes/A%2FRES%2F74%2F246?region=Atlantis")).status).toBe(400);
    expect((await get("/members/USA?from=abc")).status).toBe(400);
    expect((await get("/search?outcome=won")).status).toBe(400);
  });

  it("search facets link to their filters: a decade sets both dates and shows as chosen", async () => {
    const decode = (text: string) =>
      text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    const all = decode(await page("/search?q=apartheid"));
    expect(all).toContain('href="/search?q=apartheid&from=1980-01-01&to=1989-12-31"');
    const eighties = await page("/search?q=apartheid&from=1980-01-01&to=1989-12-31");
    expect(eighties).toMatch(/<strong aria-current="true">1980s<\/strong>/);
    const json = await api<{ meta: { pagination: { total: number } } }>(
      "/api/search?q=apartheid&from=1980&to=1989",
    );
    expect(eighties).toMatch(new RegExp(`<strong>${json.meta.pagination.total}</strong>\\s+roll\\s+calls`));
  });

  it("the 500 page says whose fault it is and offers a way on", () => {
    const html = errorPage(500, "Error", "Something went wrong on our side.");
    expect(html).toContain("fault on Plenary");
    expect(html).toContain('href="/healthz"');
    expect(html).toContain('action="/search"');
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("escapes what the reader typed everywhere it is shown", async () => {
    const html = await page(`/search?q=${encodeURIComponent('<script>alert(1)</script>"')}`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&#60;script&#62;");
  });
});

describe("API", () => {
  it("vote JSON and CSV, with CORS, ETag, Cache-Control and 304 on revalidation", async () => {
    const response = await get("/api/votes/A%2FRES%2F74%2F246");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toContain("max-age=60");
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"v\d+-/);
    const json = (await response.json()) as { tally: { yes: number }; votes: unknown[] };
    expect(json.tally.yes).toBe(134);
    const again = await get("/api/votes/A%2FRES%2F74%2F246", { "if-none-match": etag });
    expect(again.status).toBe(304);
    const csv = await get("/api/votes/A%2FRES%2F74%2F246?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("member,name,region,vote");
    expect(lines.length).toBe(json.votes.length + 1);
    const download = await get("/votes/A%2FRES%2F74%2F246.csv");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="A-RES-74-246.csv"');
    const preflight = await fetch(`${site.base}/api/votes/A%2FRES%2F74%2F246`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("compresses cached bodies with brotli or gzip, made once", async () => {
    const raw = await (await get("/api/compare/USA/RUS")).text();
    const br = await get("/api/compare/USA/RUS", { "accept-encoding": "br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    // fetch decodes the body itself: it must come out as the plain one.
    expect(await br.text()).toBe(raw);
    const gz = await get("/api/compare/USA/RUS", { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe(raw);
  });

  it("every page's data as JSON", async () => {
    const list = await api<{ votes: { body: string }[]; meta: { pagination: { total: number } } }>(
      "/api/votes?body=SC&limit=5",
    );
    expect(list.votes.length).toBe(5);
    expect(list.votes.every((v) => v.body === "SC")).toBe(true);
    expect(list.meta.pagination.total).toBeGreaterThan(200);

    const members = await api<{ members: { id: string }[] }>("/api/members?q=united%20st");
    expect(members.members[0]!.id).toBe("USA");
    const all = await api<{ members: unknown[] }>("/api/members?status=member");
    expect(all.members.length).toBe(193);

    const usa = await api<{
      member: { id: string };
      votesCast: { all: { total: number } };
      partners: { closest: unknown[] };
      agreement: { series: { member: { id: string } }[] };
      council: { permanentYears: number[] };
    }>("/api/members/US?with=CHN");
    expect(usa.member.id).toBe("USA");
    expect(usa.votesCast.all.total).toBeGreaterThan(5000);
    expect(usa.partners.closest.length).toBe(10);
    expect(usa.agreement.series.map((s) => s.member.id)).toEqual(["CHN"]);
    expect(usa.council.permanentYears[0]).toBe(1946);

    const compare = await api<{ years: { year: number; agreement: number }[]; a: { id: string } }>(
      "/api/compare/US/RU",
    );
    expect(compare.a.id).toBe("USA");
    expect(compare.years[0]!.year).toBe(1946);

    const blocs = await api<{ blocs: { id: string }[] }>("/api/blocs");
    expect(blocs.blocs.map((b) => b.id)).toContain("EU");
    const eu = await api<{ defectors: unknown[]; years: unknown[] }>("/api/blocs/EU");
    expect(eu.defectors.length).toBeGreaterThan(0);

    const council = await api<{
      composition: { year: number }[];
      vetoes: { total: number; seats: { vetoes: number; byDecade: Record<string, number> }[] };
      failed: { total: number };
    }>("/api/council");
    expect(council.composition[0]!.year).toBe(1946);
    expect(council.composition.at(-1)!.year).toBe(2026);
    // The decades add up to the seat totals of the store's veto query.
    for (const seat of council.vetoes.seats) {
      expect(Object.values(seat.byDecade).reduce((a, b) => a + b, 0)).toBe(seat.vetoes);
    }
    expect(council.failed.total).toBeGreaterThan(200);

    const search = await api<{ results: { memberVote: string }[]; meta: { pagination: { total: number } } }>(
      "/api/search?q=apartheid&member=USA&vote=N",
    );
    expect(search.meta.pagination.total).toBeGreaterThan(0);
    expect(search.results.every((r) => r.memberVote === "N")).toBe(true);
  });

  it("answers bad input and unknown things with typed JSON errors", async () => {
    for (const [url, status, code] of [
      ["/api/members/Atlantis", 404, "UNKNOWN_MEMBER"],
      ["/api/blocs/NOPE", 404, "NOT_FOUND"],
      ["/api/search?outcome=won", 400, "BAD_INPUT"],
      ["/api/votes?limit=0", 400, "BAD_INPUT"],
      ["/api/compare/USA/USA", 400, "BAD_INPUT"],
      ["/api/nothing/here", 404, "NOT_FOUND"],
    ] as const) {
      const response = await get(url);
      expect(response.status, url).toBe(status);
      expect(((await response.json()) as { error: string }).error, url).toBe(code);
    }
  });
});
