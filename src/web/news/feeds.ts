/**
 * The news feeds and the sitemap, written so that any headline, standfirst, tag or name an editor types
 * stays text for every subscriber:
 *
 * - RSS 2.0 and JSON Feed by the `feed` package. RSS carries HTML in `<description>`, so the standfirst
 *   (plain text) goes in HTML-escaped; JSON Feed's `summary` is plain text, so it goes in as it is.
 * - Atom written here: `feed` labels every title and summary `type="html"` (plain text then renders as
 *   markup) and puts category labels into attributes unescaped (a tag `<script>` made the whole document
 *   invalid XML). Here titles and summaries are `type="text"`, the body is `type="html"`, everything is
 *   XML-escaped, and characters XML 1.0 forbids are dropped.
 */
import { Feed } from "feed";
import { articlePath, type Article } from "../../news/articles.js";
import { plainText, renderArticle } from "../../news/markdown.js";

/** Characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE/FFFF, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe anywhere in an XML document: in an element or a quoted attribute. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Plain text as HTML that shows exactly that text. */
function htmlText(text: string): string {
  return xmlText(text).replace(/'/g, "&#39;");
}

/** What every feed says about one article (absolute URLs: a feed reader resolves nothing). */
interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  author: { name: string; url: string };
  published: Date;
  tags: { name: string; slug: string }[];
}

export interface FeedSource {
  origin: string;
  articles: Article[];
}

const TITLE = "Plenary News";
const DESCRIPTION = "Stories written from the record of United Nations votes.";

function entries({ origin, articles }: FeedSource): FeedEntry[] {
  return articles.map((a) => ({
    url: `${origin}${articlePath(a)}`,
    title: a.headline.replace(NOT_XML, ""),
    summary: (a.standfirst || plainText(a.bodyMd).slice(0, 300)).replace(NOT_XML, ""),
    contentHtml: renderArticle(a.bodyMd)
      .replace(/href="\//g, `href="${origin}/`)
      .replace(NOT_XML, ""),
    author: { name: a.author.name.replace(NOT_XML, ""), url: `${origin}/news/author/${a.author.slug}` },
    published: new Date(a.publishAt!),
    tags: a.tags.map((t) => ({ name: t.name.replace(NOT_XML, ""), slug: t.slug })),
  }));
}

function feedOf(source: FeedSource, summary: (entry: FeedEntry) => string): Feed {
  const { origin } = source;
  const list = entries(source);
  const feed = new Feed({
    title: TITLE,
    description: DESCRIPTION,
    id: `${origin}/news`,
    link: `${origin}/news`,
    language: "en",
    copyright: "Plenary",
    updated: list[0]?.published ?? new Date(0),
    generator: "Plenary",
    feedLinks: {
      rss: `${origin}/news/feed.xml`,
      atom: `${origin}/news/atom.xml`,
      json: `${origin}/news/feed.json`,
    },
  });
  for (const e of list) {
    feed.addItem({
      title: e.title,
      id: e.url,
      link: e.url,
      description: summary(e),
      content: e.contentHtml,
      author: [{ name: e.author.name, link: e.author.url }],
      date: e.published,
      published: e.published,
      category: e.tags.map((t) => ({ name: t.name, term: t.slug })),
    });
  }
  return feed;
}

export function rssFeed(source: FeedSource): string {
  return feedOf(source, (e) => htmlText(e.summary)).rss2();
}

export function jsonFeed(source: FeedSource): string {
  return feedOf(source, (e) => e.summary).json1();
}

export function atomFeed(source: FeedSource): string {
  const { origin } = source;
  const list = entries(source);
  const updated = (list[0]?.published ?? new Date(0)).toISOString();
  const entryXml = list.map(
    (e) => `  <entry>
    <title type="text">${xmlText(e.title)}</title>
    <id>${xmlText(e.url)}</id>
    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>
    <published>${e.published.toISOString()}</published>
    <updated>${e.published.toISOString()}</updated>
    <author><name>${xmlText(e.author.name)}</name><uri>${xmlText(e.author.url)}</uri></author>
${e.tags.map((t) => `    <category term="${xmlText(t.slug)}" label="${xmlText(t.name)}"/>\n`).join("")}    <summary type="text">${xmlText(e.summary)}</summary>
    <content type="html">${xmlText(e.contentHtml)}</content>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${xmlText(`${origin}/news`)}</id>
  <title type="text">${TITLE}</title>
  <subtitle type="text">${DESCRIPTION}</subtitle>
  <link rel="alternate" type="text/html" href="${xmlText(`${origin}/news`)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlText(`${origin}/news/atom.xml`)}"/>
  <updated>${updated}</updated>
  <generator>Plenary</generator>
  <rights>Plenary</rights>
${entryXml.join("")}</feed>
`;
}

/** The sitemap: the site's fixed pages, the sections, the published articles and the votes they cite. */
export function sitemap(source: FeedSource, sections: readonly { slug: string }[]): string {
  const { origin, articles } = source;
  const urls: { loc: string; lastmod?: string }[] = [
    { loc: `${origin}/` },
    { loc: `${origin}/news`, ...(articles[0] ? { lastmod: articles[0].updatedAt.slice(0, 10) } : {}) },
    { loc: `${origin}/news/about` },
    { loc: `${origin}/privacy` },
    ...sections.map((s) => ({ loc: `${origin}/news/section/${s.slug}` })),
    ...articles.map((a) => ({ loc: `${origin}${articlePath(a)}`, lastmod: a.updatedAt.slice(0, 10) })),
  ];
  const cited = new Set(articles.flatMap((a) => a.votes));
  for (const ref of [...cited].sort()) urls.push({ loc: `${origin}/votes/${encodeURIComponent(ref)}` });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
    urls
      .map(
        (u) =>
          `  <url><loc>${xmlText(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`,
      )
      .join("\n") +
    `\n</urlset>\n`
  );
}
