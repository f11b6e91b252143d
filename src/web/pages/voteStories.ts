/** "Stories about this vote": the newsroom's published articles that cite the vote, on its page. */
import type { VoteStory } from "../../news/published.js";
import { articlePath } from "../../news/articles.js";
import { html } from "../html.js";
import { longDate } from "./components.js";

export function storiesSection(stories: readonly VoteStory[]): string {
  if (!stories.length) return "";
  return html`<section class="stories" id="stories" aria-labelledby="stories-heading">
    <h2 id="stories-heading">Stories about this vote</h2>
    <ul>
      !${stories.map(
        (s) =>
          html`<li>
            <a href="${articlePath(s)}">${s.headline}</a>
            <time datetime="${s.publishedAt}">${longDate(s.publishedAt.slice(0, 10))}</time>
            !${s.standfirst ? html`<p>${s.standfirst}</p>` : ""}
          </li>`,
      )}
    </ul>
  </section>`;
}
