import { describeDispute, type RollCallView } from "../../data/rollCallView.js";
import { dateText } from "../../data/approximations.js";
import { VOTE_LABELS } from "../../core/vote.js";
import { REGIONS } from "../../core/members/index.js";
import { listBlocs } from "../../analysis/blocs.js";
import { html } from "../html.js";
import { worldMapFigure } from "../map/worldMap.js";
import { ISSUE_LABELS } from "../pageData/catalog.js";
import type { VoteExtras, VoteFilters } from "../pageData/vote.js";
import {
  longDate,
  memberField,
  memberHref,
  outcomeBadge,
  pct,
  tallyBar,
  timeTag,
  voteHref,
  type PageParts,
  tableHead,
} from "./components.js";
import { rollCallTable } from "./lists.js";
import { storiesSection } from "./voteStories.js";
import type { VoteStory } from "../../news/published.js";
import { SHARE_MARK } from "./shareBar.js";
import { cardPath, shareTargets } from "../share/paths.js";

export interface VotePageOptions {
  extras: VoteExtras;
  /** The query string of the page (filters, alongside), for form values. */
  alongsideQuery?: string | null;
  /** Published articles that cite this vote (voteStories.ts). */
  stories?: readonly VoteStory[];
}

/** The vote page: what was decided, how and by whom, on a map and by member, with related votes. */
export function votePage(view: RollCallView, options: VotePageOptions): PageParts {
  const { extras } = options;
  // A symbol the source did not give as this vote's document is its label, not its name (approximations.ts).
  const heading = view.documentSymbol ?? (view.symbol && !view.symbolNote ? view.symbol : view.title);
  const path = voteHref(view.ref);
  const filtered = extras.filters.region !== null || extras.filters.bloc !== null;
  const body = html`<article class="vote">
    <p class="kicker">
      ${view.bodyName}${view.session ? ` · session ${view.session}` : ""} ·
      !${timeTag(view.date, view.datePrecision)}
    </p>
    <h1>${heading}</h1>
    !${heading !== view.title ? html`<p class="title">${view.title}</p>` : ""}
    !${view.dateNote ? html`<p class="note date-note">${view.dateNote}</p>` : ""}
    !${view.symbolNote ? html`<p class="note symbol-note">${view.symbolNote}</p>` : ""}
    <dl class="facts">
      !${
        view.draftSymbol
          ? html`<div>
              <dt>Draft</dt>
              <dd>${view.draftSymbol}</dd>
            </div>`
          : ""
      }
      !${
        view.meeting
          ? html`<div>
              <dt>Meeting</dt>
              <dd>${view.meeting}</dd>
            </div>`
          : ""
      }
      <div>
        <dt>Kind</dt>
        <dd>
          ${view.kind}${view.procedural ? " (procedural)" : ""}${view.importantVote ? " · important vote" : ""}
        </dd>
      </div>
      <div>
        <dt>Outcome</dt>
        <dd>
          !${outcomeBadge(view.outcome, view.undecided)}${view.outcomeSource === "derived" ? " (derived by the rules)" : ""}
        </dd>
      </div>
      !${
        view.issues.length || view.subjects.length
          ? html`<div>
              <dt>Subjects</dt>
              <dd>${[...view.issues.map((i) => ISSUE_LABELS[i] ?? i), ...view.subjects].join(", ")}</dd>
            </div>`
          : ""
      }
      !${
        view.agenda
          ? html`<div>
              <dt>Agenda item</dt>
              <dd>${view.agenda}</dd>
            </div>`
          : ""
      }
    </dl>
    !${recordNotes(view)} !${tallyBar(view.tally)} !${rulesSection(view)}
    !${
      view.complete
        ? ""
        : view.disputes.some((d) => !d.decidedBy && d.field !== "date")
          ? html`<p class="note">
              Incomplete record: ${String(view.knownVotes)} members' votes are listed, but the source
              contradicts itself (above), so none of its figures is taken as certain.
            </p>`
          : html`<p class="note">
              Incomplete record: ${String(view.knownVotes)} members' votes are known; the others are not in
              Plenary's sources and are not guessed.
            </p>`
    }
    !${view.description && view.description !== view.title ? html`<p>${view.description}</p>` : ""}
    !${view.parent ? html`<p>On <a href="${voteHref(view.parent.ref)}">${view.parent.symbol ?? view.parent.title}</a> — ${view.parent.title}</p>` : ""}
    !${storiesSection(options.stories ?? [])}
    <section class="map" aria-labelledby="map-heading">
      <h2 id="map-heading">The vote on a map</h2>
      !${worldMapFigure(extras.map, heading)}
    </section>
    !${SHARE_MARK}
    <section class="members" id="members" aria-labelledby="members-heading">
      <h2 id="members-heading">Members by vote</h2>
      !${filterForm(path, extras.filters)}
      !${
        extras.groups.length
          ? extras.groups.map(
              (g) =>
                html`<details open>
                  <summary>
                    ${VOTE_LABELS[g.vote]}
                    (${filtered ? `${g.members.length} of ${g.total}` : String(g.total)})
                  </summary>
                  !${
                    g.members.length
                      ? html`<ul class="member-list">
                          !${g.members.map((m) => html`<li><a href="${memberHref(m.member)}">${m.name}</a></li>`)}
                        </ul>`
                      : html`<p class="note">None in this selection.</p>`
                  }
                </details>`,
            )
          : html`<p>No member's vote is known.</p>`
      }
    </section>
    !${alongsideSection(view, extras, options.alongsideQuery ?? null, path)}
    !${
      view.related.length
        ? html`<section class="related">
            <h2>${view.parent ? "Other votes on this text" : "Amendments, paragraphs and motions"}</h2>
            <table>
              !${tableHead(["Roll call", "Kind", "Outcome"])}
              <tbody>
                !${view.related.map(
                  (r) =>
                    html`<tr>
                      <td><a href="${voteHref(r.ref)}">${r.title}</a></td>
                      <td>${r.kind}</td>
                      <td>!${outcomeBadge(r.outcome, r.undecided)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : ""
    }
    !${relatedSection(extras)}
    <section class="downloads">
      <h2>Downloads and links</h2>
      <ul>
        <li><a href="${path}.csv" download>Members' votes as CSV</a></li>
        <li><a href="${path}.json">This vote as JSON</a> (the same as <code>/api${path}</code>)</li>
        <li><a href="${path}" rel="bookmark">Permanent link</a>: <code>${path}</code></li>
        !${documentLinks(view)}
      </ul>
    </section>
    <section class="sources">
      <h2>Sources</h2>
      <ul>
        !${view.sources.map((s) => html`<li>${s.citation ?? `${s.source} ${s.sourceKey}`}</li>`)}
      </ul>
    </section>
  </article>`;
  const tally =
    view.tally.yes === null
      ? ""
      : ` (${view.tally.yes}–${view.tally.no ?? "?"}–${view.tally.abstain ?? "?"})`;
  return {
    title: heading,
    description: `${view.title}: ${view.outcome ?? "outcome unknown"}${tally}, ${view.bodyName}, ${dateText(view.date, view.datePrecision)}.`,
    path,
    body,
    ogType: "article",
    image: {
      path: cardPath("votes", [view.ref]),
      alt: `World map of the vote on ${heading}, with its tally`,
    },
    share: shareTargets("votes", [view.ref], { path, title: heading }),
  };
}

/** Official documents on the UN's document system (undocs.org resolves symbols). */
function documentLinks(view: RollCallView): string {
  const symbols = [
    ["Resolution", view.documentSymbol],
    ["Draft", view.draftSymbol],
    ["Meeting record", view.meeting],
  ].filter((pair): pair is [string, string] => typeof pair[1] === "string" && /^[AS]\//.test(pair[1]));
  return html`!${symbols.map(
    ([label, symbol]) =>
      html`<li>
        ${label}:
        <a href="https://undocs.org/${encodeURI(symbol.replace(/ \(\d{4}\)$/, ""))}">${symbol}</a> (UN
        documents)
      </li>`,
  )}`;
}

function filterForm(path: string, filters: VoteFilters): string {
  return html`<form class="filters" method="get" action="${path}#members">
    <div>
      <label for="region">Region</label>
      <select id="region" name="region">
        <option value="">All regions</option>
        !${REGIONS.map((r) => html`<option value="${r}" !${filters.region === r ? "selected" : ""}>${r}</option>`)}
      </select>
    </div>
    <div>
      <label for="bloc">Bloc</label>
      <select id="bloc" name="bloc">
        <option value="">All members</option>
        !${listBlocs().map(
          (b) => html`<option value="${b.id}" !${filters.bloc === b.id ? "selected" : ""}>${b.name}</option>`,
        )}
      </select>
    </div>
    <button type="submit">Filter</button>
    !${filters.region || filters.bloc ? html`<a href="${path}#members">Clear</a>` : ""}
  </form>`;
}

function alongsideSection(
  view: RollCallView,
  extras: VoteExtras,
  query: string | null,
  path: string,
): string {
  const a = extras.alongside;
  const form = html`<form class="inline" method="get" action="${path}#alongside">
    !${memberField({ id: "alongside", name: "alongside", label: "Who voted alongside", value: query, datalist: false })}
    <button type="submit">Show</button>
  </form>`;
  if (!a) {
    return html`<section class="alongside" id="alongside">
      <h2>Voted alongside</h2>
      !${form}
    </section>`;
  }
  const r = a.result;
  const name = (id: string) => a.names.get(id) ?? id;
  const company = r.members;
  return html`<section class="alongside" id="alongside">
    <h2>Voted alongside ${a.member.name}</h2>
    !${form}
    !${
      r.vote === "X"
        ? html`<p>${a.member.name} did not vote on this roll call.</p>`
        : html`<p>
              ${a.member.name} voted <strong>${VOTE_LABELS[r.vote].toLowerCase()}</strong> with
              ${String(company.length)} other members.
              !${
                r.notable.length
                  ? html`Unusual company (members it agreed with least in the ${String(r.history.rollCalls)}
                    roll calls of this body ${historyWords(r.history)}):
                    !${r.notable.map((id, i) => html`${i ? ", " : ""}<a href="${memberHref(id)}">${name(id)}</a>`)}
                    and ${String(r.others)} others.`
                  : ""
              }
            </p>
            <p class="note history">
              History: the ${String(r.history.rollCalls)} roll calls of this body ${historyWords(r.history)}.
            </p>
            !${r.note ? html`<p class="note">${r.note}.</p>` : ""}
            <details>
              <summary>
                All ${String(company.length)}, with their agreement with ${a.member.name} before this vote
              </summary>
              <div class="table-wrap">
                <table class="data sortable">
                  !${tableHead(["Member", { label: "Agreement before", class: "num" }, { label: "Roll calls together", class: "num" }])}
                  <tbody>
                    !${company.map(
                      (m) =>
                        html`<tr>
                          <td><a href="${memberHref(m.id)}">${name(m.id)}</a>${m.notable ? " ★" : ""}</td>
                          <td class="num">${pct(m.agreementBefore)}</td>
                          <td class="num">${String(m.both)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
    }
    <p><a href="/compare/${a.member.id}/USA">Compare ${a.member.name} with another member over time</a></p>
  </section>`;
}

/** The window `alongside` judged on, in words: the choice is the reader's to see (defaults.ts). */
function historyWords(h: { years: number | null; from: string | null; before: string }): string {
  return h.years === null || h.from === null
    ? "in the whole record before this vote"
    : `in the ${h.years} years before this vote (from ${longDate(h.from)})`;
}

function relatedSection(extras: VoteExtras): string {
  if (!extras.sameSession.length && !extras.similar.length && !extras.similarNote) return "";
  return html`<section class="related-votes">
    <h2>Related votes</h2>
    !${
      extras.sameSession.length
        ? html`<h3>Same session and subject</h3>
            !${rollCallTable(extras.sameSession)}`
        : ""
    }
    !${
      extras.similarNote
        ? html`<h3>Most similar voting pattern</h3>
            <p class="note small-sample">${extras.similarNote}</p>`
        : ""
    }
    !${
      extras.similar.length
        ? html`<h3>Most similar voting pattern</h3>
            <p class="note">
              Member by member, by Cohen's kappa: how much more alike the two votes are than chance would make
              them.
            </p>
            !${rollCallTable(
              extras.similar.map((s) => s.entry),
              {
                extra: [
                  {
                    label: "Kappa",
                    numeric: true,
                    cell: (e) =>
                      html`${(extras.similar.find((s) => s.entry.id === e.id)?.kappa ?? 0).toFixed(2)}`,
                  },
                ],
              },
            )}`
        : ""
    }
  </section>`;
}

/** Why the result is what it is, rule by rule, and what would have changed it. */
function rulesSection(view: RollCallView): string {
  if (!view.decision) {
    return html`<section class="rules">
      <h2>How it was decided</h2>
      <p class="note" data-undecided="${view.undecided?.code ?? ""}">
        ${view.undecided?.reason ?? ""}
        ${view.outcome ? "The result above is the one the sources report." : "The outcome is unknown."}
      </p>
    </section>`;
  }
  const d = view.decision;
  return html`<section class="rules">
    <h2>How it was decided</h2>
    <p>
      <strong>${d.majority}</strong> majority: ${String(d.yes)} yes of ${String(d.presentAndVoting)} present
      and voting (${String(d.required)}
      needed)!${d.vetoedBy.length ? html`; vetoed by ${d.vetoedBy.join(", ")}` : ""}.
    </p>
    <ol class="explanation">
      !${d.explanation.map((sentence) => html`<li>${sentence}</li>`)}
    </ol>
    !${view.disagreement ? html`<p class="warning">${view.disagreement}</p>` : ""}
    !${
      view.whatIf?.sentences.length
        ? html`<h3>What would have changed it</h3>
            <ul class="whatif">
              !${view.whatIf.sentences.map((sentence) => html`<li>${sentence}</li>`)}
            </ul>`
        : ""
    }
    !${d.vetoInitiativeDeadline ? html`<p>Under resolution 76/262 the General Assembly must meet on this veto by ${longDate(d.vetoInitiativeDeadline)}.</p>` : ""}
  </section>`;
}

/**
 * What the record says about itself on this vote: how it was taken when not by a recorded vote, the
 * notes on it, and where a source contradicts itself (every statement shown, and what decides it).
 */
function recordNotes(view: RollCallView): string {
  const notes = [
    ...(view.modality === "without-vote" ? ["Adopted without a vote: no member's vote was recorded."] : []),
    ...(view.modality === "written-procedure"
      ? ["Voted in writing (the Security Council's written procedure of 2020–2021)."]
      : []),
    ...view.voteNotes.map((n) => (n.members ? `${n.members.join(", ")}: ${n.text}` : n.text)),
  ];
  return html`!${
    notes.length
      ? html`<ul class="record-notes">
          !${notes.map((n) => html`<li>${n}</li>`)}
        </ul>`
      : ""
  }
  !${view.disputes.map(
    (d) =>
      html`<p class="${d.decidedBy ? "note" : "dispute"}" role="note">
        <strong>${d.decidedBy ? "Decided" : "Disputed"}:</strong> ${describeDispute(d)}
      </p>`,
  )}`;
}
