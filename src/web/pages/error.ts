import { html } from "../html.js";
import { layout } from "./layout.js";
import type { PageContext } from "../context.js";

export function errorPage(
  status: number,
  title: string,
  message: string,
  suggestions: string[] = [],
  context?: PageContext,
): string {
  const body = html`<section class="error">
    <h1>${title}</h1>
    <p>${message}</p>
    !${suggestions.length ? html`<p>Did you mean: !${suggestions.map((s) => html`<a href="/votes/${encodeURIComponent(s)}">${s}</a> `)}</p>` : ""}
    <p>
      <a href="/">See the latest votes</a
      >!${status === 404 ? html` or <a href="/search">search the record</a>` : ""}.
    </p>
  </section>`;
  return layout({ title, body }, context);
}
