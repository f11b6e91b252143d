/**
 * Share cards, embeds and charts over real HTTP, on the research record (unvotes, 1946–2019) and the
 * Council veto list imported from ../shared/data: every card is a PNG of 1200×630 that decodes, cached by
 * data version with an ETag; embeds may be framed by any site and set no cookie, while pages keep
 * refusing to be framed; the SVGs and CSVs carry the figures the API gives.
 */
import { inflateSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { RESEARCH_RECORD, suiteServer } from "../../test/suiteServer.js";
import { buildServer } from "../server.js";
import { pngSize } from "../share/png.js";

const VOTE = "A%2FRES%2F74%2F246";

const site = suiteServer({ imports: RESEARCH_RECORD });

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(site.base + url, { headers, redirect: "manual" });
  expect(response.status, url).toBe(200);
  return response;
}

async function json<T>(url: string): Promise<T> {
  return (await (await get(url)).json()) as T;
}

/**
 * Decodes a PNG far enough to know it is whole: the chunks in order with their lengths, the image data
 * inflated to exactly one filter byte plus one row of pixels per line.
 */
function decodePng(bytes: Buffer): { width: number; height: number } {
  const size = pngSize(bytes);
  if (!size) throw new Error("not a PNG");
  const colourType = bytes[25]!;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType as 0 | 2 | 4 | 6];
  expect(bytes[24], "8 bits per channel").toBe(8);
  const data: Buffer[] = [];
  let at = 8;
  let last = "";
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    last = bytes.toString("latin1", at + 4, at + 8);
    if (last === "IDAT") data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  expect(last).toBe("IEND");
  expect(at).toBe(bytes.length);
  const pixels = inflateSync(Buffer.concat(data));
  expect(pixels.length).toBe(size.height * (1 + size.width * channels!));
  return size;
}

/** Character references decoded (a textarea's text, which linkedom leaves as written). */
function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const CARDS = [
  `/cards/votes/${VOTE}.png`,
  "/cards/votes/S%2FRES%2F2774.png",
  "/cards/members/USA.png",
  "/cards/members/FRA.png?body=SC&from=1990&to=1999",
  "/cards/compare/USA/RUS.png",
  "/cards/blocs/NAM.png",
];

describe("share cards", () => {
  it("are PNGs of 1200×630 that decode, for every page kind, cached by data version", async () => {
    const version = await site.store.dataVersion();
    for (const url of CARDS) {
      const response = await get(url);
      expect(response.headers.get("content-type"), url).toBe("image/png");
      expect(response.headers.get("cache-control"), url).toMatch(/^public, .*s-maxage=\d+/);
      expect(response.headers.get("cross-origin-resource-policy"), url).toBe("cross-origin");
      expect(response.headers.getSetCookie(), url).toEqual([]);
      const etag = response.headers.get("etag") ?? "";
      expect(etag, url).toMatch(new RegExp(`^"v${version}-`));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(decodePng(bytes), url).toEqual({ width: 1200, height: 630 });
      // Rendered once: the same bytes again, and 304 for the tag.
      const again = Buffer.from(await (await get(url)).arrayBuffer());
      expect(again.equals(bytes), url).toBe(true);
      const revalidated = await fetch(site.base + url, { headers: { "if-none-match": etag } });
      expect(revalidated.status, url).toBe(304);
    }
  });

  it("a card differs when the figure differs (another member, another period)", async () => {
    const a = Buffer.from(await (await get("/cards/members/USA.png")).arrayBuffer());
    const b = Buffer.from(await (await get("/cards/members/FRA.png")).arrayBuffer());
    const c = Buffer.from(await (await get("/cards/members/USA.png?from=1960&to=1969")).arrayBuffer());
    expect(a.equals(b)).toBe(false);
    expect(a.equals(c)).toBe(false);
  });

  it("each page names its card in og:image and twitter:image, with the large-image card", async () => {
    for (const [page, card] of [
      [`/votes/${VOTE}`, `/cards/votes/${VOTE}.png`],
      ["/members/USA", "/cards/members/USA.png"],
      ["/members/USA?body=SC&from=1990&to=1999", "/cards/members/USA.png?body=SC&from=1990&to=1999"],
      ["/compare/USA/RUS", "/cards/compare/USA/RUS.png"],
      ["/blocs/NAM", "/cards/blocs/NAM.png"],
    ] as const) {
      const { document } = parseHTML(await (await get(page)).text());
      const meta = (key: string) =>
        document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
      expect(meta("og:image"), page).toBe(site.base + card);
      expect(meta("twitter:image"), page).toBe(site.base + card);
      expect(meta("twitter:card"), page).toBe("summary_large_image");
      expect(meta("og:image:width"), page).toBe("1200");
      expect(meta("og:image:height"), page).toBe("630");
      expect(meta("og:title"), page).toBeTruthy();
      expect(meta("og:description"), page).toBeTruthy();
      expect(meta("og:url"), page).toBe(site.base + page.split("?")[0]);
      expect(decodePng(Buffer.from(await (await get(card)).arrayBuffer())), card).toEqual({
        width: 1200,
        height: 630,
      });
    }
  });

  it("an unknown vote, member or bloc has no card", async () => {
    for (const url of [
      "/cards/votes/A%2FRES%2F99%2F999.png",
      "/cards/members/XXX.png",
      "/cards/blocs/NOPE.png",
    ]) {
      expect((await fetch(site.base + url)).status, url).toBe(404);
    }
    expect((await fetch(`${site.base}/cards/members/USA.gif`)).status).toBe(404);
  });
});

describe("embeds", () => {
  const EMBEDS = [
    `/embed/votes/${VOTE}/map`,
    `/embed/votes/${VOTE}/tally`,
    "/embed/members/USA/partners",
    "/embed/compare/USA/RUS/agreement",
    "/embed/blocs/NAM/cohesion",
  ];

  it("may be framed by any site, set no cookie (even for a reader who has them) and link back", async () => {
    for (const url of EMBEDS) {
      const response = await get(url, { cookie: "plenary_consent=1.accepted; plenary_session=abc" });
      expect(response.headers.get("content-type"), url).toContain("text/html");
      expect(response.headers.get("x-frame-options"), url).toBeNull();
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, url).toContain("frame-ancestors *");
      expect(csp, url).toContain("script-src 'none'");
      expect(response.headers.getSetCookie(), url).toEqual([]);
      expect(response.headers.get("etag"), url).toMatch(/^"v\d+-/);
      const html = await response.text();
      expect(html, url).not.toMatch(/\sstyle=|<style|<script/);
      const { document } = parseHTML(html);
      expect(document.querySelector("base")?.getAttribute("target"), url).toBe("_blank");
      expect(document.querySelector(".embed-credit a")?.textContent, url).toBe("Plenary");
      expect(document.querySelector("header, nav, .cookie-banner, form"), url).toBeNull();
      expect(html, url).toMatch(/<svg[^>]*\sviewBox="0 0 [\d.]+ [\d.]+"/);
    }
  });

  it("every other response still refuses to be framed", async () => {
    for (const url of [
      `/votes/${VOTE}`,
      "/members/USA",
      "/",
      `/cards/votes/${VOTE}.png`,
      "/api/members/USA",
    ]) {
      const response = await get(url);
      expect(response.headers.get("x-frame-options"), url).toBe("SAMEORIGIN");
      expect(response.headers.get("content-security-policy"), url).toMatch(/frame-ancestors 'none'/);
    }
    // An embed's address that does not exist is an error page, frameable but still cookie-free.
    const missing = await fetch(`${site.base}/embed/votes/${VOTE}/pie`);
    expect(missing.status).toBe(404);
    expect(missing.headers.getSetCookie()).toEqual([]);
  });

  it("show the page's figures: the tally, the partners, the years", async () => {
    const vote = await json<{ tally: { yes: number; no: number; abstain: number } }>(`/api/votes/${VOTE}`);
    const tally = await (await get(`/embed/votes/${VOTE}/tally`)).text();
    for (const n of [vote.tally.yes, vote.tally.no, vote.tally.abstain])
      expect(tally).toContain(`<dd>${n}</dd>`);
    const map = parseHTML(await (await get(`/embed/votes/${VOTE}/map`)).text()).document;
    expect(map.querySelector('path.v-N[data-member="RUS"]')).not.toBeNull();
    expect(map.querySelector(".world-map a")?.getAttribute("href")).toBe("/votes/A/RES/74/246#members");
    const member = await json<{ partners: { closest: { member: { name: string } }[] } }>("/api/members/USA");
    const partners = await (await get("/embed/members/USA/partners")).text();
    for (const p of member.partners.closest) expect(partners).toContain(p.member.name);
    const compare = await json<{ years: { year: number }[] }>("/api/compare/USA/RUS");
    const agreement = parseHTML(await (await get("/embed/compare/USA/RUS/agreement")).text()).document;
    expect(agreement.querySelectorAll("details tbody tr").length).toBe(compare.years.length);
  });
});

describe("charts as SVG and CSV", () => {
  it("SVGs are documents that load nothing and run nothing, with the page's figures", async () => {
    for (const url of [
      `/charts/votes/${VOTE}/map.svg`,
      `/charts/votes/${VOTE}/tally.svg`,
      "/charts/members/USA/partners.svg",
      "/charts/compare/USA/RUS/agreement.svg",
      "/charts/blocs/NAM/cohesion.svg",
    ]) {
      const response = await get(url);
      expect(response.headers.get("content-type"), url).toBe("image/svg+xml; charset=utf-8");
      expect(response.headers.get("content-security-policy"), url).toBe(
        "default-src 'none'; frame-ancestors 'none'; sandbox",
      );
      const svg = await response.text();
      expect(svg, url).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      );
      expect(svg, url).not.toMatch(/<script|\son\w+=|\sstyle=|<style|href="http/);
      expect(svg, url).toMatch(/<title>/);
    }
    const map = await (await get(`/charts/votes/${VOTE}/map.svg`)).text();
    // Standalone: the colours are attributes, not classes a stylesheet would give.
    expect(map).toMatch(/class="v-N" d="[^"]+"\s+fill="#d55e00"[^>]*data-member="RUS"/);
  });

  it("CSVs hold the data behind each chart, as the API gives it", async () => {
    const member = await json<{
      partners: {
        closest: { member: { id: string }; agreement: number; both: number }[];
        opposed: unknown[];
      };
    }>("/api/members/USA");
    const partners = await (await get("/charts/members/USA/partners.csv")).text();
    const rows = partners.trim().split("\r\n");
    expect(rows[0]).toBe("group,rank,member,name,agreement,coincidence,kappa,roll_calls,body,from,to");
    expect(rows.length - 1).toBe(member.partners.closest.length + member.partners.opposed.length);
    const first = rows[1]!.split(",");
    expect(first.slice(0, 3)).toEqual(["closest", "1", member.partners.closest[0]!.member.id]);
    expect(Number(first[4])).toBe(member.partners.closest[0]!.agreement);

    const compare = await json<{ years: { year: number; agreement: number | null }[] }>(
      "/api/compare/USA/RUS",
    );
    const years = (await (await get("/charts/compare/USA/RUS/agreement.csv")).text()).trim().split("\r\n");
    expect(years.length - 1).toBe(compare.years.length);
    expect(years[1]!.split(",")[0]).toBe(String(compare.years[0]!.year));
    expect(Number(years[1]!.split(",")[4])).toBe(compare.years[0]!.agreement);

    const bloc = await json<{ years: { year: number; agreementIndex: number | null }[] }>("/api/blocs/NAM");
    const cohesion = await get("/charts/blocs/NAM/cohesion.csv");
    expect(cohesion.headers.get("content-disposition")).toBe('attachment; filename="NAM-cohesion.csv"');
    const lines = (await cohesion.text()).trim().split("\r\n");
    expect(lines.length - 1).toBe(bloc.years.length);
    expect(Number(lines.at(-1)!.split(",")[3])).toBe(bloc.years.at(-1)!.agreementIndex);
  });
});

describe("the Share · Embed · Download bar", () => {
  it("is on each chart page, with the permalink, iframe snippets and working downloads", async () => {
    for (const page of [
      `/votes/${VOTE}`,
      "/members/USA?from=2000&to=2009",
      "/compare/USA/RUS",
      "/blocs/NAM",
    ]) {
      const { document } = parseHTML(await (await get(page)).text());
      const bar = document.querySelector("section.share-bar");
      expect(bar, page).not.toBeNull();
      expect(bar!.querySelector("h2")?.textContent).toBe("Share · Embed · Download");
      expect(decodeEntities(bar!.querySelector(".permalink a")?.getAttribute("href") ?? ""), page).toBe(
        site.base + page,
      );
      const snippets = [...bar!.querySelectorAll("textarea")];
      expect(snippets.length, page).toBeGreaterThan(0);
      for (const textarea of snippets) {
        expect(textarea.hasAttribute("readonly")).toBe(true);
        const snippet = decodeEntities(textarea.textContent ?? "");
        expect(snippet, page).toMatch(
          /^<iframe src="[^"]+" title="[^"]+" width="100%" height="\d+"[^>]*><\/iframe>$/,
        );
        const frame = parseHTML(`<body>${snippet}</body>`).document.querySelector("iframe");
        const src = frame?.getAttribute("src") ?? "";
        expect(src.startsWith(`${site.base}/embed/`), page).toBe(true);
        expect((await fetch(src)).status, src).toBe(200);
      }
      const links = [...bar!.querySelectorAll(".share-downloads a")].map((a) => a.getAttribute("href")!);
      expect(links.map((href) => href.split("?")[0]!.split(".").at(-1))).toEqual(["png", "svg", "csv"]);
      for (const href of links) expect((await fetch(site.base + href)).status, href).toBe(200);
    }
    // The member's period is carried to what is shared.
    const member = parseHTML(await (await get("/members/USA?from=2000&to=2009")).text()).document;
    expect(member.querySelector(".share-downloads a")?.getAttribute("href")).toBe(
      "/cards/members/USA.png?from=2000&to=2009",
    );
  });

  it("the bar's snippet names the public URL when one is set, and gzip of the split body is whole", async () => {
    const server = await buildServer({
      store: site.store,
      site: site.app.site,
      rateLimit: 1_000_000,
      publicUrl: "https://plenary.example.org",
    });
    try {
      const plain = await server.inject({ url: "/compare/USA/RUS" });
      const gzipped = await server.inject({
        url: "/compare/USA/RUS",
        headers: { "accept-encoding": "gzip" },
      });
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      const { gunzipSync } = await import("node:zlib");
      expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
      expect(plain.body).toContain("https://plenary.example.org/embed/compare/USA/RUS/agreement");
    } finally {
      await server.close();
    }
  });
});
