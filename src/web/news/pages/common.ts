/** Pieces the news and newsroom pages share. All text goes through ghtml's escaping. */
import { html } from "../../html.js";
import { layout } from "../../pages/layout.js";
import { longDate, PAGE_SCRIPTS, shareHead, type ShareImage } from "../../pages/components.js";
import type { PageContext } from "../../context.js";
import { articlePath, getSection, SECTIONS, type Article } from "../../../news/articles.js";

export interface NewsPage {
  title: string;
  description?: string;
  path: string;
  body: string;
  /** Extra markup for <head> (share metadata), built by these pages. */
  head?: string;
}

export const FEED_LINKS = html`<link
    rel="alternate"
    type="application/rss+xml"
    title="Plenary News (RSS)"
    href="/news/feed.xml"
  />
  <link rel="alternate" type="application/atom+xml" title="Plenary News (Atom)" href="/news/atom.xml" />
  <link
    rel="alternate"
    type="application/feed+json"
    title="Plenary News (JSON Feed)"
    href="/news/feed.json"
  />`;

export function newsLayout(page: NewsPage, context: PageContext): string {
  // Pages without share metadata still get the site's icon and scripts (shareHead carries them otherwise).
  return layout({ ...page, head: `${FEED_LINKS}${page.head ?? PAGE_SCRIPTS}` }, context);
}

/** "24 February 2025" from an ISO date or date-time (UTC). */
export function dateWords(iso: string): string {
  return longDate(iso.slice(0, 10));
}

/** "24 February 2025, 14:05 UTC". */
export function dateTimeWords(iso: string): string {
  return `${dateWords(iso)}, ${iso.slice(11, 16)} UTC`;
}

export function timeTag(iso: string, withTime = false): string {
  return html`<time datetime="${iso}">${withTime ? dateTimeWords(iso) : dateWords(iso)}</time>`;
}

export function sectionName(slug: string): string {
  return getSection(slug)?.name ?? slug;
}

export function byline(article: Article): string {
  return article.author.slug
    ? html`By <a rel="author" href="/news/author/${article.author.slug}">${article.author.name}</a>`
    : html`By ${article.author.name}`;
}

export function commentsLabel(count: number): string {
  return `${count} ${count === 1 ? "comment" : "comments"}`;
}

/** An article in a list: section, headline, standfirst, byline, date, comments. */
export function articleCard(
  article: Article,
  comments: number,
  options: { standfirst?: boolean } = {},
): string {
  const date = article.publishAt ?? article.updatedAt;
  return html`<article class="card">
    <p class="kicker"><a href="/news/section/${article.section}">${sectionName(article.section)}</a></p>
    <h3><a href="${articlePath(article)}">${article.headline}</a></h3>
    !${options.standfirst === false ? "" : html`<p class="standfirst">${article.standfirst}</p>`}
    <p class="meta">
      !${byline(article)} · !${timeTag(date)} ·
      <a href="${articlePath(article)}#comments">${commentsLabel(comments)}</a>
    </p>
  </article>`;
}

export function sectionNav(current: string | null): string {
  return html`<nav class="sections" aria-label="Sections">
    <a href="/news" !${current === null ? 'aria-current="page"' : ""}>All news</a>
    !${SECTIONS.map(
      (s) =>
        html`<a href="/news/section/${s.slug}" !${current === s.slug ? 'aria-current="page"' : ""}
          >${s.name}</a
        >`,
    )}
    <a href="/news/about">About</a>
  </nav>`;
}

/** Previous / next links; `href(n)` builds the URL of page n. */
export function pagination(
  page: number,
  pages: number,
  href: (n: number) => string,
  label = "Pages",
): string {
  if (pages <= 1) return "";
  return html`<nav class="pagination" aria-label="${label}">
    !${page > 1 ? html`<a rel="prev" href="${href(page - 1)}">← Newer</a>` : ""}
    <span>Page ${String(page)} of ${String(pages)}</span>
    !${page < pages ? html`<a rel="next" href="${href(page + 1)}">Older →</a>` : ""}
  </nav>`;
}

export { hiddenCsrf } from "./consent.js";

/** Share metadata: the site's own (canonical URL, Open Graph, Twitter card), plus a news page's extras. */
export function shareMeta(meta: {
  origin: string;
  path: string;
  title: string;
  description: string;
  type: "website" | "article";
  publishedTime?: string | null;
  modifiedTime?: string | null;
  author?: string;
  section?: string;
  tags?: string[];
  /** The share card (og:image). */
  image?: ShareImage;
}): string {
  return html`!${shareHead(meta.origin, meta.path, meta.type, meta.image)}
    <meta name="twitter:title" content="${meta.title}" />
    <meta name="twitter:description" content="${meta.description}" />
    !${meta.publishedTime ? html`<meta property="article:published_time" content="${meta.publishedTime}" />` : ""}
    !${meta.modifiedTime ? html`<meta property="article:modified_time" content="${meta.modifiedTime}" />` : ""}
    !${meta.author ? html`<meta property="article:author" content="${meta.author}" />` : ""}
    !${meta.section ? html`<meta property="article:section" content="${meta.section}" />` : ""}
    !${(meta.tags ?? []).map((t) => html`<meta property="article:tag" content="${t}" />`)}`;
}
