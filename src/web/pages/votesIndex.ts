/** /votes: every roll call, newest first, with a plain GET form of filters (works without JavaScript). */
import { BODY_NAMES } from "../../core/rollCall.js";
import type { CatalogEntry } from "../pageData/catalog.js";
import { issueOf, VOTES_PER_PAGE, type VoteIndexFilters } from "../pageData/votesIndex.js";
import { ISSUE_LABELS } from "../pageData/catalog.js";
import { OUTCOMES } from "../search/search.js";
import { html } from "../html.js";
import { pager, withQuery, type PageParts } from "./components.js";
import { rollCallTable } from "./lists.js";

export interface VotesIndexData {
  filters: VoteIndexFilters;
  matches: readonly CatalogEntry[];
  page: number;
  sessions: readonly string[];
  subjects: readonly string[];
  /** The first and last years of the record, for the year field. */
  years: { first: number; last: number } | null;
}

/** The filters as query parameters (for links to other pages of the list). */
function filterParams(f: VoteIndexFilters): Record<string, string | null> {
  return {
    body: f.body,
    session: f.session,
    year: f.year === null ? null : String(f.year),
    subject: f.subject,
    outcome: f.outcome,
    // Not in the form, but read from the address as /api/votes reads them: kept by the pager and links.
    from: f.from,
    to: f.to,
    kind: f.kind,
  };
}

/** The filters in words, as the list is titled ("General Assembly · session 74 · 2019 · adopted"). */
export function filterWords(f: VoteIndexFilters): string[] {
  const issue = f.subject === null ? null : issueOf(f.subject);
  return [
    f.body ? BODY_NAMES[f.body] : null,
    f.session ? `session ${f.session}` : null,
    f.year === null ? null : String(f.year),
    f.subject === null ? null : `subject: ${issue ? ISSUE_LABELS[issue]! : f.subject}`,
    f.outcome ? (f.outcome === "unknown" ? "outcome not known" : f.outcome) : null,
  ].filter((w): w is string => w !== null);
}

export function votesIndexPage(data: VotesIndexData): PageParts {
  const { filters: f, matches, sessions, subjects, years } = data;
  const pages = Math.max(1, Math.ceil(matches.length / VOTES_PER_PAGE));
  const page = Math.min(data.page, pages);
  const shown = matches.slice((page - 1) * VOTES_PER_PAGE, page * VOTES_PER_PAGE);
  const words = filterWords(f);
  const option = (value: string, label: string, current: string | null) =>
    html`<option value="${value}" !${current === value ? "selected" : ""}>${label}</option>`;
  const count = `${matches.length.toLocaleString("en")} roll call${matches.length === 1 ? "" : "s"}`;
  const body = html`<section class="votes-index">
    <h1>Votes</h1>
    <p>
      Every recorded vote of the General Assembly and the Security Council that Plenary holds, newest first.
    </p>
    <form class="search-form" method="get" action="/votes" aria-label="Filter the votes">
      <div>
        <label for="body">Body</label>
        <select id="body" name="body">
          <option value="">Both</option>
          !${option("GA", "General Assembly", f.body)} !${option("SC", "Security Council", f.body)}
        </select>
      </div>
      <div>
        <label for="session">Session</label>
        <select id="session" name="session">
          <option value="">Any</option>
          !${sessions.map((s) => option(s, s, f.session))}
        </select>
      </div>
      <div>
        <label for="year">Year</label>
        <input
          id="year"
          name="year"
          type="number"
          inputmode="numeric"
          min="${String(years?.first ?? 1946)}"
          max="${String(years?.last ?? 2100)}"
          value="${f.year === null ? "" : String(f.year)}"
        />
      </div>
      <div>
        <label for="subject">Subject</label>
        <input
          id="subject"
          name="subject"
          type="text"
          list="subject-options"
          value="${f.subject ?? ""}"
          placeholder="Human rights, SANCTIONS…"
        />
        <datalist id="subject-options">
          !${subjects.map((s) => html`<option value="${s}"></option>`)}
        </datalist>
      </div>
      <div>
        <label for="outcome">Outcome</label>
        <select id="outcome" name="outcome">
          <option value="">Any</option>
          !${OUTCOMES.map((o) => option(o, o === "unknown" ? "not known" : o, f.outcome))}
        </select>
      </div>
      <div class="actions">
        <button type="submit">Filter</button>
        <a href="/votes">Clear</a>
      </div>
    </form>
    <p class="result-count" role="status">
      <strong>${count}</strong>${words.length ? ` · ${words.join(" · ")}` : ""}!${
        pages > 1 ? html` · page ${String(page)} of ${String(pages)}` : ""
      }
    </p>
    !${
      shown.length
        ? rollCallTable(shown, { caption: words.length ? `Votes: ${words.join(", ")}` : "Votes" })
        : html`<p>
            No roll call matches these filters. <a href="/votes">Show every vote</a> or
            <a href="/search">search the record</a>.
          </p>`
    }
    !${pager(page, pages, (n) => withQuery("/votes", { ...filterParams(f), page: n === 1 ? null : n }))}
    <p class="note">
      The same list as JSON: <a href="${withQuery("/api/votes", filterParams(f))}"><code>/api/votes</code></a
      >.
    </p>
  </section>`;
  return {
    title: words.length ? `Votes: ${words.join(", ")}` : "Votes",
    description: `${count} of the United Nations${words.length ? `: ${words.join(", ")}` : ""}.`,
    path: withQuery("/votes", filterParams(f)),
    body,
  };
}
