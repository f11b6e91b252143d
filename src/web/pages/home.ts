import type { RollCallSummary } from "../../data/rollCallView.js";
import { html } from "../html.js";
import { layout } from "./layout.js";
import type { PageContext } from "../context.js";
import { longDate, outcomeBadge, voteHref } from "./components.js";

export function homePage(latest: RollCallSummary[], total: number, context?: PageContext): string {
  const body = html`<section class="home">
    <h1>How the world votes at the United Nations</h1>
    <form class="search" action="/search" method="get" role="search">
      <label for="q">Search the record</label>
      <input id="q" name="q" type="search" placeholder="Ukraine, A/RES/ES-11/7, disarmament…" />
      <button type="submit">Search</button>
    </form>
    <h2>Latest roll calls</h2>
    <p>${String(total)} roll calls in the record.</p>
    <table class="votes">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Body</th>
          <th scope="col">Vote</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        !${latest.map(
          (v) =>
            html`<tr>
              <td><time datetime="${v.date}">${longDate(v.date)}</time></td>
              <td>${v.body}</td>
              <td>
                <a href="${voteHref(v.ref)}">${v.symbol ?? v.title}</a
                >!${v.symbol ? html`<br /><span class="sub">${v.title}</span>` : ""}
              </td>
              <td>!${outcomeBadge(v.outcome)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
  return layout({ title: "Latest votes", path: "/", body }, context);
}
