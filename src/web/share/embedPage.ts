/**
 * Embeds (/embed/…): one figure of a page — the vote's map or tally bar, a member's partners, a pair's
 * agreement over time, a bloc's cohesion — to put in another site's article in an iframe. Minimal
 * chrome: a title, the figure (its width follows the iframe's: SVG viewBox), a credit and a link back to
 * the page. The site's stylesheet and nothing else (no script, no cookie banner: an embed sets no
 * cookie at all); links open in a new tab, out of the host's frame.
 */
import { html } from "../html.js";
import { SOURCE_CREDITS } from "../../data/credits.js";

export interface EmbedParts {
  /** The figure's title (h1 of the embed, the document's title). */
  title: string;
  /** A line under the title ("General Assembly · 2 March 2022"). */
  kicker?: string;
  /** The figure's markup (the page's own). */
  figure: string;
  /** The page the figure comes from (path): credited and linked. */
  permalink: string;
  /** The record's sources to credit (their ids); none: the sources page. */
  sources?: readonly string[];
}

/** The embed's document. Relative links resolve against Plenary's own address inside the iframe. */
export function embedPage(parts: EmbedParts): string {
  const credits = SOURCE_CREDITS.filter((c) => parts.sources?.includes(c.source));
  return `<!doctype html>${html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>${parts.title} · Plenary</title>
      <link rel="canonical" href="${parts.permalink}" />
      <link rel="stylesheet" href="/assets/site.css" />
      <base target="_blank" />
    </head>
    <body class="embed">
      <main>
        <p class="embed-title">
          <a href="${parts.permalink}" rel="noopener">${parts.title}</a>
        </p>
        !${parts.kicker ? html`<p class="kicker">${parts.kicker}</p>` : ""} !${parts.figure}
        <p class="embed-credit">
          <a href="${parts.permalink}" rel="noopener">Plenary</a>
          — the open record of UN votes. Source:
          !${
            credits.length
              ? html`${credits.map((c) => c.footer).join("; ")}`
              : html`<a href="/about/data" rel="noopener">the record's sources</a>`
          }.
        </p>
      </main>
    </body>
  </html>`}`;
}
