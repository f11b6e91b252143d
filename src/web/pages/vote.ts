import type { RollCallView } from "../../data/rollCallView.js";
import { VOTE_LABELS, type MemberVote } from "../../core/vote.js";
import { html } from "../html.js";
import { layout } from "./layout.js";
import type { PageContext } from "../context.js";
import { longDate, outcomeBadge, tallyBar, voteHref } from "./components.js";

const ORDER: MemberVote[] = ["Y", "N", "A", "X"];

export function votePage(view: RollCallView, context?: PageContext): string {
  const heading = view.symbol ?? view.title;
  const groups = ORDER.map((vote) => ({ vote, members: view.votes.filter((v) => v.vote === vote) })).filter(
    (g) => g.members.length,
  );
  const body = html`<article class="vote">
    <p class="kicker">
      ${view.bodyName}${view.session ? ` · session ${view.session}` : ""} ·
      <time datetime="${view.date}">${longDate(view.date)}</time>
    </p>
    <h1>${heading}</h1>
    !${view.symbol ? html`<p class="title">${view.title}</p>` : ""}
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
        <dd>${view.kind}${view.procedural ? " (procedural)" : ""}</dd>
      </div>
      <div>
        <dt>Outcome</dt>
        <dd>
          !${outcomeBadge(view.outcome)}${view.outcomeSource === "derived" ? " (derived by the rules)" : ""}
        </dd>
      </div>
    </dl>
    !${tallyBar(view.tally)} !${rulesSection(view)}
    !${view.complete ? "" : html`<p class="note">Incomplete record: ${String(view.knownVotes)} members' votes are known; the others are not in Plenary's sources and are not guessed.</p>`}
    !${view.description ? html`<p>${view.description}</p>` : ""}
    !${view.parent ? html`<p>On <a href="${voteHref(view.parent.ref)}">${view.parent.ref}</a> — ${view.parent.title}</p>` : ""}
    <section class="members">
      <h2>Members by vote</h2>
      !${
        groups.length
          ? groups.map(
              (g) =>
                html`<details open>
                  <summary>${VOTE_LABELS[g.vote]} (${String(g.members.length)})</summary>
                  <ul class="member-list">
                    !${g.members.map((m) => html`<li><a href="/members/${m.member}">${m.name}</a></li>`)}
                  </ul>
                </details>`,
            )
          : html`<p>No member's vote is known.</p>`
      }
    </section>
    !${
      view.related.length
        ? html`<section class="related">
            <h2>${view.parent ? "Other votes on this text" : "Amendments, paragraphs and motions"}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Roll call</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                !${view.related.map(
                  (r) =>
                    html`<tr>
                      <td><a href="${voteHref(r.ref)}">${r.title}</a></td>
                      <td>${r.kind}</td>
                      <td>!${outcomeBadge(r.outcome)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : ""
    }
    <section class="sources">
      <h2>Sources</h2>
      <ul>
        !${view.sources.map((s) => html`<li>${s.citation ?? `${s.source} ${s.sourceKey}`}</li>`)}
      </ul>
      <p><a href="/api/votes/${encodeURIComponent(view.ref)}">This vote as JSON</a></p>
    </section>
  </article>`;
  return layout(
    {
      title: heading,
      description: `${view.title}: ${view.outcome ?? "outcome unknown"}`,
      path: voteHref(view.ref),
      body,
    },
    context,
  );
}

/** Why the result is what it is, rule by rule, and what would have changed it. */
function rulesSection(view: RollCallView): string {
  if (!view.decision) {
    return html`<section class="rules">
      <h2>How it was decided</h2>
      <p class="note">
        The record holds neither a tally nor every member's vote for this roll call, so Plenary cannot apply
        the rules to it; the result above is the one the sources report.
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
