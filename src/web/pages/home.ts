import { html } from "../html.js";
import type { HomeView } from "../pageData/home.js";
import { coverageNotes, longDate, pct, type PageParts } from "./components.js";
import type { CoverageGap } from "../../data/coverage.js";
import { rankingTable, rollCallTable } from "./lists.js";

/** Body of the home page (cached per data version; the layout is added per request). */
export function homeBody(view: HomeView, gaps: readonly CoverageGap[] = []): string {
  const margin = (m: number | null) =>
    m === null ? "—" : m === 0 ? "exactly enough" : m > 0 ? `+${m}` : `${m} (short)`;
  return html`<section class="home">
    <h1>How the world votes at the United Nations</h1>
    <form class="search" action="/search" method="get" role="search">
      <label for="q">Search the record</label>
      <input id="q" name="q" type="search" placeholder="Ukraine, A/RES/ES-11/7, disarmament…" />
      <button type="submit">Search</button>
    </form>
    <p class="explore">
      Explore: <a href="/members">members</a> · <a href="/compare/USA/RUS">compare two members</a> ·
      <a href="/blocs">blocs</a> · <a href="/council">the Security Council</a> ·
      <a href="/api/docs">data and API</a>
    </p>
    !${
      view.window
        ? html`<div class="highlights">
            <section>
              <h2>Closest recent votes</h2>
              <p class="note">
                Margin: yes votes above (+) or below the number the rules required. Whole texts from
                ${longDate(view.window.from)} to ${longDate(view.window.to)} (${String(view.window.rollCalls)}
                votes).
              </p>
              !${rankingTable(view.closest, { label: "Margin", cell: (e) => html`${margin(e.margin)}` })}
            </section>
            <section>
              <h2>Most divisive recent votes</h2>
              <p class="note">By the share of votes cast against or abstaining, over the same votes.</p>
              !${rankingTable(view.divisive, { label: "No + abstain", cell: (e) => html`${pct(e.divisiveness)}` })}
            </section>
          </div>`
        : ""
    }
    <h2>Latest roll calls</h2>
    <p>
      ${String(view.total)} roll calls in the
      record${
        view.latestWindow
          ? `; the latest ${view.latest.length}, from ${longDate(view.latestWindow.from)} to ${longDate(view.latestWindow.to)}`
          : ""
      }.
      <a href="/votes">All votes, newest first, by body, session, year, subject and outcome</a>
    </p>
    !${rollCallTable(view.latest)} !${coverageNotes(gaps)}
  </section>`;
}

export function homePage(view: HomeView, gaps: readonly CoverageGap[] = []): PageParts {
  return {
    title: "Latest votes",
    description:
      "How the world votes at the United Nations: every recorded General Assembly and Security Council vote.",
    path: "/",
    body: homeBody(view, gaps),
  };
}
