/** The Security Council: composition by year, vetoes by member and decade, failed drafts. */
import { html } from "../html.js";
import { plural } from "../../core/rules/words.js";
import { chartFigure, fillLegend, PALETTE, stackedBars } from "../charts/plot.js";
import type { CompositionYear, CouncilView } from "../pageData/council.js";
import {
  memberLink,
  outcomeBadge,
  pager,
  timeTag,
  voteHref,
  withQuery,
  type PageParts,
  tableHead,
} from "./components.js";

function members(list: CompositionYear["permanent"]): string {
  return html`!${list.map((m, i) => html`${i ? ", " : ""}!${memberLink(m)}`)}`;
}

export function councilPage(view: CouncilView, selectedYear: number): PageParts {
  const selected =
    view.composition.find((y) => y.year === selectedYear) ?? view.composition[view.composition.length - 1]!;
  const seats = view.vetoes.seats;
  const decades = view.vetoes.decades;
  const inDecade = (d: string) => seats.reduce((sum, s) => sum + (s.byDecade[d] ?? 0), 0);
  const rows = seats.flatMap((s) =>
    decades.map((d) => ({
      x: d,
      series: s.name,
      value: s.byDecade[d] ?? 0,
      tip: `${s.name}, ${d}: ${plural(s.byDecade[d] ?? 0, "veto", "vetoes")} of ${inDecade(d)} cast that decade`,
    })),
  );
  const chart = seats.length
    ? chartFigure({
        id: "vetoes",
        caption: "Vetoes by permanent seat and decade",
        legend: fillLegend(seats.map((s, i) => ({ label: s.name, colour: PALETTE[i % PALETTE.length]! }))),
        svg: stackedBars(rows, {
          title: "Vetoes by permanent seat and decade",
          description:
            "Number of drafts each permanent seat vetoed, per decade, from the roll calls recorded as vetoed.",
          yLabel: "Vetoes",
          seriesOrder: seats.map((s) => s.name),
          xOrder: decades,
        }),
        table: html`<table class="data sortable">
          <thead>
            <tr>
              <th scope="col">Seat</th>
              !${decades.map((d) => html`<th scope="col" class="num">${d}</th>`)}
              <th scope="col" class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            !${seats.map(
              (s) =>
                html`<tr>
                  <td>${s.name}</td>
                  !${decades.map((d) => html`<td class="num">${String(s.byDecade[d] ?? 0)}</td>`)}
                  <td class="num">${String(s.vetoes)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
        note: "The Soviet Union's vetoes count with Russia's seat, the Republic of China's with China's. A draft vetoed by two members counts for each.",
      })
    : html`<p class="note">No vetoed roll call in the record.</p>`;
  const failed = view.failed;
  const body = html`<article class="council">
    <h1>The Security Council</h1>
    <section id="composition">
      <h2>Composition in ${String(selected.year)}</h2>
      <form class="filters" method="get" action="/council#composition">
        <div>
          <label for="year">Year</label>
          <select id="year" name="year">
            !${[...view.composition]
              .reverse()
              .map(
                (y) =>
                  html`<option value="${String(y.year)}" !${y.year === selected.year ? "selected" : ""}>
                    ${String(y.year)}
                  </option>`,
              )}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <dl class="facts">
        <div>
          <dt>Members</dt>
          <dd>${String(selected.size)} (${String(selected.threshold)} votes to adopt)</dd>
        </div>
        <div>
          <dt>Permanent</dt>
          <dd>!${members(selected.permanent)}</dd>
        </div>
        <div>
          <dt>Elected</dt>
          <dd>!${members(selected.elected)}</dd>
        </div>
      </dl>
      !${selected.changes.map(
        (c) =>
          html`<p class="note">
            On !${timeTag(c.date)} the seat of ${c.from.name} passed to ${c.to.name} (${c.source}).
          </p>`,
      )}
      <details>
        <summary>Every year, 1946 to ${String(view.composition[view.composition.length - 1]!.year)}</summary>
        <div class="table-wrap">
          <table class="data">
            !${tableHead(["Year", "Elected members"])}
            <tbody>
              !${view.composition.map(
                (y) =>
                  html`<tr>
                    <th scope="row">
                      <a href="/council?year=${String(y.year)}#composition">${String(y.year)}</a>
                    </th>
                    <td>${y.elected.map((m) => m.name).join(", ")}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
    <section id="vetoes">
      <h2>Vetoes</h2>
      <p>${String(view.vetoes.total)} vetoes cast in the record.</p>
      !${chart}
    </section>
    <section id="failed">
      <h2>Failed drafts</h2>
      <p>${String(failed.total)} Council roll calls failed: vetoed, or short of the votes needed.</p>
      <div class="table-wrap">
        <table class="votes">
          !${tableHead(["Date", "Draft", "Outcome", "Vetoed by"])}
          <tbody>
            !${failed.items.map(
              (d) =>
                html`<tr>
                  <td>!${timeTag(d.date)}</td>
                  <td>
                    <a href="${voteHref(d.ref)}">${d.draftSymbol ?? d.symbol ?? d.title}</a>
                    !${d.draftSymbol || d.symbol ? html`<br /><span class="sub">${d.title}</span>` : ""}
                  </td>
                  <td>!${outcomeBadge(d.outcome)}</td>
                  <td>!${members(d.vetoedBy)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      !${pager(failed.page, failed.pages, (p) => withQuery("/council", { year: selected.year, page: p }) + "#failed")}
    </section>
  </article>`;
  return {
    title: "Security Council",
    description:
      "The Security Council's members each year since 1946, vetoes by member and decade, and failed drafts.",
    path: "/council",
    body,
  };
}
