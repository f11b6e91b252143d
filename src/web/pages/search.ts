/** The search page: a form that works without JavaScript, facet counts as links, sortable results. */
import { html } from "../html.js";
import { KINDS, OUTCOMES, SEARCH_SORTS, type FacetValue, type SearchResults } from "../search/search.js";
import { ISSUE_LABELS } from "../pageData/catalog.js";
import {
  memberDatalist,
  memberField,
  outcomeBadge,
  pager,
  timeTag,
  voteChip,
  voteHref,
  withQuery,
  type PageParts,
} from "./components.js";
import { tallyText } from "./lists.js";

/** Marks the words of `text` that start with a query term (escaped; only <mark> is markup). */
export function highlight(text: string, terms: readonly string[]): string {
  const stems = terms.filter((t) => t.length >= 2).map((t) => (t.length > 4 ? t.slice(0, t.length - 1) : t));
  if (!stems.length) return html`${text}`;
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part) => {
      const lower = part.toLowerCase();
      return /^[\p{L}\p{N}]+$/u.test(part) && stems.some((s) => lower.startsWith(s))
        ? html`<mark>${part}</mark>`
        : html`${part}`;
    })
    .join("");
}

type Params = SearchResults["params"];

function paramsRecord(p: Params, memberId: string | null): Record<string, string | number | undefined> {
  return {
    q: p.q,
    body: p.body,
    session: p.session,
    from: p.from,
    to: p.to,
    outcome: p.outcome,
    kind: p.kind,
    issue: p.issue,
    member: memberId ?? p.member,
    vote: p.vote,
    sort: p.sort === "newest" && !p.q ? undefined : p.sort === "relevance" && p.q ? undefined : p.sort,
  };
}

export function searchHref(
  results: SearchResults,
  change: Record<string, string | number | undefined>,
): string {
  return withQuery("/search", { ...paramsRecord(results.params, results.member?.id ?? null), ...change });
}

function facetList(
  results: SearchResults,
  key: string,
  title: string,
  values: FacetValue[],
  current: string | undefined,
  changes: (value: string) => Record<string, string | undefined> = (value) => ({ [key]: value }),
): string {
  if (!values.length) return "";
  const cleared = Object.fromEntries(Object.keys(changes(values[0]!.value)).map((k) => [k, undefined]));
  return html`<section class="facet" aria-label="${title}">
    <h3>${title}</h3>
    <ul>
      !${values.map((v) =>
        v.value === current
          ? html`<li>
              <strong aria-current="true">${v.label}</strong>
              <span class="facet-count">${v.count.toLocaleString("en")}</span>
              <a
                href="${searchHref(results, { ...cleared, page: undefined })}"
                aria-label="Remove filter ${v.label}"
                >✕</a
              >
            </li>`
          : html`<li>
              <a href="${searchHref(results, { ...changes(v.value), page: undefined })}">${v.label}</a>
              <span class="facet-count">${v.count.toLocaleString("en")}</span>
            </li>`,
      )}
    </ul>
  </section>`;
}

/** The decade a from–to range covers exactly ("1980s"), if it does. */
function selectedDecade(from: string | undefined, to: string | undefined): string | undefined {
  if (!from || !to) return undefined;
  const start = /^(\d{3})0-01-01$/.exec(from);
  return start && to === `${start[1]}9-12-31` ? `${start[1]}0s` : undefined;
}

const SORT_LABELS: Record<string, string> = {
  relevance: "Relevance",
  newest: "Newest first",
  oldest: "Oldest first",
  closest: "Closest to the threshold",
  divisive: "Most divisive",
};

export function searchPage(results: SearchResults, sessions: readonly string[]): PageParts {
  const p = results.params;
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}" !${current === value ? "selected" : ""}>${label}</option>`;
  const summary = [
    p.q ? `“${p.q}”` : null,
    p.body ?? null,
    p.session ? `session ${p.session}` : null,
    p.outcome ?? null,
    results.member ? `${results.member.name}${p.vote ? ` voted ${p.vote}` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const body = html`<section class="search-page">
    <h1>Search the record</h1>
    <form class="search-form" method="get" action="/search" role="search">
      <div class="wide">
        <label for="q">Words or a symbol</label>
        <input
          id="q"
          name="q"
          type="search"
          value="${p.q ?? ""}"
          placeholder="Ukraine, A/RES/ES-11/7, disarmament…"
        />
      </div>
      <div>
        <label for="body">Body</label>
        <select id="body" name="body">
          <option value="">Both</option>
          !${option("GA", "General Assembly", p.body)} !${option("SC", "Security Council", p.body)}
        </select>
      </div>
      <div>
        <label for="session">Session</label>
        <input
          id="session"
          name="session"
          type="text"
          list="session-options"
          value="${p.session ?? ""}"
          placeholder="74, ES-11"
        />
        <datalist id="session-options">
          !${sessions.map((s) => html`<option value="${s}"></option>`)}
        </datalist>
      </div>
      <div>
        <label for="from">From</label>
        <input id="from" name="from" type="date" value="${p.from ?? ""}" />
      </div>
      <div>
        <label for="to">To</label>
        <input id="to" name="to" type="date" value="${p.to ?? ""}" />
      </div>
      <div>
        <label for="outcome">Outcome</label>
        <select id="outcome" name="outcome">
          <option value="">Any</option>
          !${OUTCOMES.map((o) => option(o, o === "unknown" ? "not known" : o, p.outcome))}
        </select>
      </div>
      <div>
        <label for="kind">Kind</label>
        <select id="kind" name="kind">
          <option value="">Any</option>
          !${KINDS.map((k) => option(k, k, p.kind))}
        </select>
      </div>
      <div>
        !${memberField({
          id: "member",
          name: "member",
          label: "Member",
          value: results.member?.name ?? p.member ?? "",
        })}
      </div>
      <div>
        <label for="vote">voted</label>
        <select id="vote" name="vote">
          <option value="">any way</option>
          !${option("Y", "in favour", p.vote)} !${option("N", "against", p.vote)}
          !${option("A", "abstaining", p.vote)}
        </select>
      </div>
      <div>
        <label for="sort">Sort</label>
        <select id="sort" name="sort">
          !${SEARCH_SORTS.filter((s) => s !== "relevance" || p.q).map((s) => option(s, SORT_LABELS[s] ?? s, p.sort))}
        </select>
      </div>
      !${p.issue ? html`<input type="hidden" name="issue" value="${p.issue}" />` : ""}
      <div class="actions">
        <button type="submit">Search</button>
        <a href="/search">Clear</a>
      </div>
    </form>
    !${memberDatalist()}
    <p class="result-count" role="status">
      <strong>${results.total.toLocaleString("en")}</strong> roll
      call${results.total === 1 ? "" : "s"}${summary ? ` for ${summary}` : ""}.
      <a href="${withQuery("/api/search", paramsRecord(p, results.member?.id ?? null))}">As JSON</a>
    </p>
    <div class="search-layout">
      <aside class="facets" aria-label="Filters with result counts">
        !${facetList(results, "body", "Body", results.facets.body, p.body)}
        !${facetList(results, "outcome", "Outcome", results.facets.outcome, p.outcome)}
        !${results.member ? facetList(results, "vote", `${results.member.name} voted`, results.facets.vote, p.vote) : ""}
        !${facetList(results, "kind", "Kind", results.facets.kind, p.kind)}
        !${facetList(
          results,
          "issue",
          "Subject",
          results.facets.issue.map((f) => ({ ...f, label: ISSUE_LABELS[f.value] ?? f.value })),
          p.issue,
        )}
        !${facetList(results, "session", "Session", results.facets.session, p.session)}
        !${facetList(
          results,
          "decade",
          "Decade",
          results.facets.decade,
          selectedDecade(p.from, p.to),
          (decade) => ({
            from: `${decade.slice(0, 4)}-01-01`,
            to: `${decade.slice(0, 3)}9-12-31`,
          }),
        )}
      </aside>
      <div class="results">
        !${
          results.hits.length
            ? html`<div class="table-wrap">
                  <table class="votes">
                    <thead>
                      <tr>
                        !${sortHeader(results, "Date", "newest", "oldest")}
                        <th scope="col" class="hide-narrow">Body</th>
                        <th scope="col">Vote</th>
                        <th scope="col" class="num"><abbr title="yes–no–abstain">Tally</abbr></th>
                        <th scope="col">Outcome</th>
                        !${results.member ? html`<th scope="col">${results.member.name}</th>` : ""}
                      </tr>
                    </thead>
                    <tbody>
                      !${results.hits.map(
                        ({ entry: e, memberVote }) =>
                          html`<tr>
                            <td>!${timeTag(e.date, e.datePrecision)}</td>
                            <td class="hide-narrow">${e.body}${e.session ? ` ${e.session}` : ""}</td>
                            <td>
                              <a href="${voteHref(e.ref)}"
                                >!${highlight(e.symbol ?? e.title, results.terms)}</a
                              >
                              !${e.symbol ? html`<br /><span class="sub">!${highlight(e.title, results.terms)}</span>` : ""}
                            </td>
                            <td class="num">${tallyText(e.tally)}</td>
                            <td>!${outcomeBadge(e.outcome, e.undecided)}</td>
                            !${results.member ? html`<td>!${voteChip(memberVote === "X" && !e.complete ? null : memberVote)}</td>` : ""}
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                !${pager(p.page, results.pages, (page) => searchHref(results, { page }))}`
            : html`<p>No roll call matches. Try fewer words or remove a filter.</p>`
        }
      </div>
    </div>
  </section>`;
  return {
    title: p.q ? `Search: ${p.q}` : "Search",
    description: "Search every recorded UN vote by words, body, session, date, outcome and member vote.",
    path: "/search",
    body,
  };
}

/** A column header that sorts the results on the server (a link: works without JavaScript). */
function sortHeader(results: SearchResults, label: string, sort: string, reverse: string | null): string {
  const current = results.params.sort;
  const active = current === sort || current === reverse;
  const next = current === sort && reverse ? reverse : sort;
  const aria =
    current === sort
      ? sort === "oldest"
        ? "ascending"
        : "descending"
      : current === reverse
        ? "ascending"
        : null;
  return html`<th scope="col" !${aria ? html`aria-sort="${aria}"` : ""}>
    <a href="${searchHref(results, { sort: next, page: undefined })}"
      >${label}!${active ? (current === reverse ? " ↑" : " ↓") : ""}</a
    >
  </th>`;
}
