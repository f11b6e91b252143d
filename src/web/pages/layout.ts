import { SOURCE_CREDITS } from "../../data/credits.js";
import { html } from "../html.js";
import { emptyPageContext, type PageContext } from "../context.js";
import { cookieBanner, cookieFooterLinks } from "../news/pages/consent.js";

export interface PageOptions {
  title: string;
  description?: string;
  /** Canonical path of the page, for share metadata. */
  path?: string;
  body: string;
  /** Extra markup for <head> (share metadata, feed links) that the page built itself. */
  head?: string;
}

const NAV: [string, string][] = [
  ["/", "Votes"],
  ["/news", "News"],
  ["/members", "Members"],
  ["/compare", "Compare"],
  ["/blocs", "Blocs"],
  ["/council", "Council"],
  ["/search", "Search"],
  ["/api/docs", "Data & API"],
];

export function layout(page: PageOptions, context: PageContext = emptyPageContext(page.path)): string {
  const links = navLinks(context);
  return `<!doctype html>${html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${page.title} · Plenary</title>
      <meta
        name="description"
        content="${page.description ?? "How the world votes at the United Nations."}"
      />
      <meta property="og:title" content="${page.title}" />
      <meta property="og:site_name" content="Plenary" />
      <meta
        property="og:description"
        content="${page.description ?? "How the world votes at the United Nations."}"
      />
      <link rel="stylesheet" href="/assets/site.css" />
      <link rel="stylesheet" href="/assets/news.css" />
      !${page.head ?? ""}
    </head>
    <body>
      <a class="skip" href="#main">Skip to content</a>
      <header class="site">
        <a class="brand" href="/">Plenary</a>
        <nav aria-label="Main">
          <div class="nav-wide">!${links}</div>
          <details class="nav-menu">
            <summary>
              <svg viewBox="0 0 16 12" aria-hidden="true" focusable="false">
                <path d="M0 1h16M0 6h16M0 11h16" />
              </svg>
              Menu
            </summary>
            <div class="nav-menu-links">!${links}</div>
          </details>
        </nav>
      </header>
      <main id="main">!${page.body}</main>
      <footer class="site">
        <p>
          Plenary — the open record of UN votes. Figures come from the imported record; unknown figures are
          shown as unknown.
        </p>
        <p class="credits">
          Data: ${SOURCE_CREDITS.map((credit) => credit.footer).join("; ")}.
          <a href="/about/data">Sources and terms</a>
        </p>
        !${cookieFooterLinks()}
      </footer>
      !${cookieBanner(context)}
    </body>
  </html>`}`;
}

/**
 * The main links, written twice: in a row on wide screens, and behind a "Menu" disclosure on phones
 * (a <details>, so it opens without JavaScript). CSS shows one of the two; the other is display:none,
 * out of the tab order and of the accessibility tree.
 */
function navLinks(context: PageContext): string {
  const items: [string, string][] = context.user ? [...NAV, ["/newsroom", "Newsroom"]] : NAV;
  return items
    .map(
      ([href, label]) =>
        html`<a href="${href}" !${isCurrent(href, context.path) ? 'aria-current="page"' : ""}>${label}</a>`,
    )
    .join("");
}

function isCurrent(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}
