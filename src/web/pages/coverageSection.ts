/**
 * The record's coverage as /about/data shows it: per body its span and how much of it is complete, the
 * gaps by name, and per year the roll calls known — complete, incomplete, disputed — and by which source.
 * The figures are `plenary coverage`'s, computed from the store (the same Coverage object).
 */
import type { Coverage, YearCoverage } from "../../data/coverage.js";
import { sourceShortName } from "../../data/records.js";
import { html } from "../html.js";
import { tableHead } from "./components.js";

const BODY_NAMES: Record<string, string> = { GA: "General Assembly", SC: "Security Council" };

function bodyName(body: string): string {
  return BODY_NAMES[body] ?? body;
}

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

function sources(year: YearCoverage): string {
  return Object.entries(year.bySource)
    .sort((a, b) => b[1] - a[1])
    .map(([source, n]) => `${sourceShortName(source)} ${count(n)}`)
    .join(" · ");
}

export function coverageSection(coverage: Coverage): string {
  if (!coverage.bodies.length) return html`<p>The record holds no roll call yet.</p>`;
  return html`<p>
      What the record holds, computed from it (as <code>plenary coverage</code> and
      <a href="/api/coverage">/api/coverage</a> give it). A roll call is <em>complete</em> when every member's
      vote is known; a gap is a period or a set of votes the record does not hold, named so that no chart or
      list is read across it.
    </p>
    <ul class="coverage-bodies">
      !${coverage.bodies.map(
        (b) =>
          html`<li>
            <strong>${bodyName(b.body)}</strong>: ${b.first} to ${b.last}, ${count(b.rollCalls)} roll calls,
            ${count(b.complete)} of them complete.
          </li>`,
      )}
    </ul>
    <h3 id="coverage-gaps">Gaps</h3>
    !${
      coverage.gaps.length
        ? html`<ul class="coverage-gaps">
            !${coverage.gaps.map((gap) => html`<li><strong>${gap.label}</strong>: ${gap.detail}</li>`)}
          </ul>`
        : html`<p>None found.</p>`
    }
    !${coverage.bodies.map((b) => {
      const years = coverage.years.filter((y) => y.body === b.body);
      return html`<details class="coverage-years">
        <summary>${bodyName(b.body)}, year by year (${years.length} years)</summary>
        <div class="table-scroll">
          <table>
            <caption>
              ${bodyName(b.body)}: roll calls known per year
            </caption>
            !${tableHead(["Year", { label: "Roll calls", class: "num" }, { label: "Recorded votes", class: "num" }, { label: "Without a vote", class: "num" }, { label: "Complete", class: "num" }, { label: "Incomplete", class: "num" }, { label: "Disputed", class: "num" }, "Sources"])}
            <tbody>
              !${years.map(
                (y) =>
                  html`<tr>
                    <th scope="row">${y.year}</th>
                    <td class="num">${count(y.rollCalls)}</td>
                    <td class="num">${count(y.voted)}</td>
                    <td class="num">${count(y.withoutVote)}</td>
                    <td class="num">${count(y.complete)}</td>
                    <td class="num">${count(y.incomplete)}</td>
                    <td class="num">${count(y.disputed)}</td>
                    <td>${sources(y)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>`;
    })}`;
}
