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
          !${NAV.map(
            ([href, label]) =>
              html`<a href="${href}" !${isCurrent(href, context.path) ? 'aria-current="page"' : ""}
                >${label}</a
              >`,
          )}
          !${context.user ? html`<a href="/newsroom" !${isCurrent("/newsroom", context.path) ? 'aria-current="page"' : ""}>Newsroom</a>` : ""}
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

function isCurrent(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}
