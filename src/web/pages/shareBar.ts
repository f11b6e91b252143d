/**
 * "Share · Embed · Download" under a chart (vote, member, comparison and bloc pages), after Our World in
 * Data's grapher: the permanent link, an iframe snippet for each embeddable figure (in a read-only
 * textarea: select and copy, no script needed), the share card as PNG, the figure alone as SVG and the
 * data behind it as CSV. The snippets need absolute URLs, which depend on the request's origin while the
 * page body is cached per data version: the body carries SHARE_MARK and the bar is made per request
 * (routes/respond.ts).
 */
import { html } from "../html.js";

/** Where the bar goes in a cached page body. */
export const SHARE_MARK = "<!--plenary:share-->";

export interface EmbedTarget {
  /** What the snippet embeds, in words ("the map"). */
  label: string;
  /** The embed's path (/embed/…). */
  path: string;
  /** The iframe's height in pixels at a desktop width. */
  height: number;
  /** The iframe's title (its accessible name on the host page). */
  title: string;
}

export interface ShareTargets {
  /** The page's permanent link (path and normalised query). */
  permalink: string;
  embeds: EmbedTarget[];
  /** The share card (PNG, 1200×630). */
  png: string;
  /** The figure alone, as an SVG document. */
  svg: string;
  /** The data behind the figure. */
  csv: string;
}

/** An attribute value in a snippet shown as text: only what HTML needs escaped, so it reads plainly. */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The iframe snippet for an embed (HTML to paste): responsive width, fixed height, lazy. */
export function iframeSnippet(origin: string, embed: EmbedTarget): string {
  return (
    `<iframe src="${attribute(origin + embed.path)}" title="${attribute(embed.title)}" ` +
    `width="100%" height="${embed.height}" loading="lazy" frameborder="0"></iframe>`
  );
}

/** The snippet in a read-only text area, escaped once (the reader copies the HTML itself). */
function snippetArea(id: string, snippet: string): string {
  return html`<textarea id="${id}" readonly rows="3" spellcheck="false">` + html`${snippet}` + "</textarea>";
}

export function shareBar(origin: string, targets: ShareTargets): string {
  const permalink = origin + targets.permalink;
  return html`<section class="share-bar" aria-labelledby="share-heading">
    <h2 id="share-heading">Share · Embed · Download</h2>
    <p class="permalink">Permanent link: <a href="${permalink}" rel="bookmark">${permalink}</a></p>
    !${targets.embeds.map(
      (embed, i) =>
        html`<div class="embed-code">
          <label for="embed-code-${String(i)}"
            >Embed ${embed.label} (<a href="${embed.path}">preview</a>)</label
          >
          !${snippetArea(`embed-code-${i}`, iframeSnippet(origin, embed))}
        </div>`,
    )}
    <ul class="share-downloads">
      <li><a href="${targets.png}" download>Image (PNG, 1200×630)</a></li>
      <li><a href="${targets.svg}" download>Chart (SVG)</a></li>
      <li><a href="${targets.csv}" download>Data (CSV)</a></li>
    </ul>
  </section>`;
}
