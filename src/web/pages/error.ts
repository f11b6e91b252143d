import { html } from "../html.js";
import { layout } from "./layout.js";
import { PAGE_SCRIPTS } from "./components.js";
import type { PageContext } from "../context.js";

/**
 * A suggestion is a roll call symbol (linked to its vote page) or a site path such as `/members/France`
 * (linked as is, labelled by its last segment).
 */
function suggestionLink(suggestion: string): string {
  if (suggestion.startsWith("/") && !suggestion.startsWith("//")) {
    let label = suggestion.split("/").pop() ?? suggestion;
    try {
      label = decodeURIComponent(label);
    } catch {
      // shown as written
    }
    return html`<a href="${suggestion}">${label}</a>`;
  }
  return html`<a href="/votes/${encodeURIComponent(suggestion)}">${suggestion}</a>`;
}

export function errorPage(
  status: number,
  title: string,
  message: string,
  suggestions: string[] = [],
  context?: PageContext,
): string {
  const body = html`<section class="error">
    <p class="kicker">Error ${String(status)}</p>
    <h1>${title}</h1>
    <p>${message}</p>
    !${suggestions.length ? html`<p>Did you mean: !${suggestions.map((s, i) => html`${i ? ", " : ""}!${suggestionLink(s)}`)}?</p>` : ""}
    !${
      status >= 500
        ? html`<p>
            This is a fault on Plenary's side, not in your request. Try again in a moment; if it persists, the
            <a href="/healthz">health check</a> shows whether the store is reachable.
          </p>`
        : ""
    }
    <form class="search" action="/search" method="get" role="search">
      <label for="error-q">Search the record</label>
      <input id="error-q" name="q" type="search" placeholder="A symbol, a member, a subject…" />
      <button type="submit">Search</button>
    </form>
    <p>
      <a href="/">See the latest votes</a
      >!${status === 404 ? html` or <a href="/search">search the record</a>` : ""}. Members:
      <a href="/members">all members</a>; the <a href="/council">Security Council</a>.
    </p>
  </section>`;
  return layout({ title, body, head: PAGE_SCRIPTS }, context);
}
