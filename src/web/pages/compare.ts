/** Two members compared over time, and the compare form. */
import { html } from "../html.js";
import { chartFigure, dataTable, legend, lineChart, PALETTE } from "../charts/plot.js";
import type { CompareView, PairVote } from "../pageData/compare.js";
import { MIN_CHART_VOTES, rollCallsCell } from "./member.js";
import { plural } from "../../core/rules/words.js";
import {
  memberDatalist,
  memberField,
  memberLink,
  outcomeBadge,
  pct,
  timeTag,
  voteChip,
  voteHref,
  withQuery,
  type PageParts,
  coverageNotes,
  tableHead,
} from "./components.js";
import { SHARE_MARK } from "./shareBar.js";
import { cardPath, shareTargets } from "../share/paths.js";

export function compareHref(
  a: string,
  b: string,
  query: Record<string, string | number | null | undefined> = {},
): string {
  return withQuery(`/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, query);
}

function compareForm(a: string, b: string, body: string): string {
  return html`<form class="filters" method="get" action="/compare">
      <div>!${memberField({ id: "compare-a", name: "a", label: "Member", value: a, required: true })}</div>
      <div>
        !${memberField({ id: "compare-b", name: "b", label: "and member", value: b, required: true })}
      </div>
      <div>
        <label for="compare-body">Votes of</label>
        <select id="compare-body" name="body">
          <option value="GA" !${body === "GA" ? "selected" : ""}>the General Assembly</option>
          <option value="SC" !${body === "SC" ? "selected" : ""}>the Security Council</option>
          <option value="all" !${body === "all" ? "selected" : ""}>both bodies</option>
        </select>
      </div>
      <button type="submit">Compare</button>
    </form>
    !${memberDatalist()}`;
}

export function compareFormPage(): PageParts {
  const body = html`<section>
    <h1>Compare two members</h1>
    <p>How often two members voted alike, year by year since 1946, and the votes where they split.</p>
    !${compareForm("", "", "GA")}
    <p>
      For example: <a href="/compare/USA/RUS">United States and Russia</a>,
      <a href="/compare/IND/PAK">India and Pakistan</a>, <a href="/compare/FRA/DEU">France and Germany</a>.
    </p>
  </section>`;
  return { title: "Compare members", path: "/compare", body };
}

function pairTable(rows: PairVote[], view: CompareView, caption: string): string {
  return html`<div class="table-wrap">
    <table class="votes sortable">
      <caption>
        ${caption}
      </caption>
      !${tableHead(["Date", "Vote", "Outcome", view.a.name, view.b.name])}
      <tbody>
        !${rows.map(
          (r) =>
            html`<tr>
              <td data-sort="${r.date}">!${timeTag(r.date, r.datePrecision)}</td>
              <td>
                <a href="${voteHref(r.ref)}">${r.symbol ?? r.title}</a
                >!${r.symbol ? html`<br /><span class="sub">${r.title}</span>` : ""}
                !${r.againstMajority ? html`<br /><span class="pair-tag">together against the result</span>` : ""}
              </td>
              <td>!${outcomeBadge(r.outcome)}</td>
              <td>!${voteChip(r.a)}</td>
              <td>!${voteChip(r.b)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The body's name in words. */
export function compareBodyLabel(view: Pick<CompareView, "body">): string {
  return view.body === "GA" ? "General Assembly" : view.body === "SC" ? "Security Council" : "both bodies";
}

/**
 * The agreement-over-time chart: agreement and coincidence by year (years with too few shared roll calls
 * left out). `size`: one drawing of that size (a download, a share card), else the wide and phone pair.
 */
export function agreementChart(view: CompareView, size?: { width: number; height: number }): string {
  const charted = view.years.filter((y) => y.both >= MIN_CHART_VOTES);
  const pair = `${view.a.name} – ${view.b.name}`;
  return lineChart(
    [
      {
        label: "Agreement",
        points: charted.map((y) => ({
          x: y.year,
          y: y.agreement,
          tip: `${pair}, ${y.year}: ${pct(y.agreement)} agreement over ${plural(y.both, "roll call")}`,
        })),
      },
      {
        label: "Coincidence",
        points: charted.map((y) => ({
          x: y.year,
          y: y.coincidence,
          tip: `${pair}, ${y.year}: ${pct(y.coincidence)} coincidence (abstentions left out) over ${plural(y.both, "roll call")}`,
        })),
      },
    ],
    {
      title: `Agreement and coincidence of ${view.a.name} and ${view.b.name} by year`,
      description: `Agreement: share of roll calls both voted on where they voted alike. Coincidence: share of their yes and no votes that matched, abstentions left out. Years with fewer than ${MIN_CHART_VOTES} shared roll calls are in the table only.`,
      yLabel: "Share voting alike",
      yDomain: [0, 1],
      yPercent: true,
      ...(size ? { ...size, single: true } : {}),
    },
  );
}

/** The chart in its figure: caption, legend, the drawing and its data table. */
export function agreementFigure(view: CompareView): string {
  const bodyLabel = compareBodyLabel(view);
  return view.years.length
    ? chartFigure({
        id: "agreement-by-year",
        caption: `${view.a.name} and ${view.b.name}: agreement and coincidence by year (${bodyLabel})`,
        legend: legend([
          { label: "Agreement", colour: PALETTE[0]! },
          { label: "Coincidence", colour: PALETTE[1]! },
        ]),
        svg: agreementChart(view),
        table: dataTable(view.years, [
          { label: "Year", value: (y) => y.year },
          { label: "Roll calls", value: (y) => rollCallsCell(y.both), numeric: true },
          { label: "Agreement", value: (y) => pct(y.agreement), numeric: true },
          { label: "Coincidence", value: (y) => pct(y.coincidence), numeric: true },
          { label: "Kappa", value: (y) => (y.kappa === null ? null : y.kappa.toFixed(2)), numeric: true },
          { label: "Split (yes v. no)", value: (y) => y.opposite, numeric: true },
        ]),
      })
    : html`<p class="note">They never voted on the same roll call in the ${bodyLabel}.</p>`;
}

export function comparePage(view: CompareView): PageParts {
  const path = compareHref(view.a.id, view.b.id);
  const bodyLabel = compareBodyLabel(view);
  const chart = agreementFigure(view);
  const ids = [view.a.id, view.b.id];
  const shared: Record<string, string> = view.body === "GA" ? {} : { body: view.body };
  const years = view.years.map((y) => y.year);
  const body = html`<article class="compare">
    <p class="kicker">Compare · ${bodyLabel}</p>
    <h1>!${memberLink(view.a)} and !${memberLink(view.b)}</h1>
    <dl class="facts">
      <div>
        <dt>Roll calls both voted on</dt>
        <dd>${view.overall.both.toLocaleString("en")}</dd>
      </div>
      <div>
        <dt>Agreement</dt>
        <dd>${pct(view.overall.agreement)}</dd>
      </div>
      <div>
        <dt>Coincidence</dt>
        <dd>${pct(view.overall.coincidence)}</dd>
      </div>
      <div>
        <dt>Split, yes against no</dt>
        <dd>${view.overall.opposite.toLocaleString("en")}</dd>
      </div>
    </dl>
    !${compareForm(view.a.name, view.b.name, view.body)} !${chart} !${SHARE_MARK}
    !${coverageNotes(view.coverage)}
    !${
      view.year !== null
        ? html`<section id="year">
            <h2>${String(view.year)}: where they split and where they joined</h2>
            <form class="filters" method="get" action="${path}#year">
              <div>
                <label for="year-select">Year</label>
                <select id="year-select" name="year">
                  !${[...years]
                    .reverse()
                    .map(
                      (y) =>
                        html`<option value="${String(y)}" !${y === view.year ? "selected" : ""}>
                          ${String(y)}
                        </option>`,
                    )}
                </select>
              </div>
              <input type="hidden" name="body" value="${view.body}" />
              <button type="submit">Show</button>
            </form>
            <p>
              ${String(view.counts.splits)} roll calls where one voted yes and the other no;
              ${String(view.counts.joined)} where they cast the same vote.
            </p>
            !${view.splits.length ? pairTable(view.splits, view, `Split in ${view.year}`) : ""}
            !${view.joined.length ? pairTable(view.joined, view, `Joined in ${view.year} (against the result first)`) : ""}
          </section>`
        : ""
    }
  </article>`;
  return {
    title: `${view.a.name} and ${view.b.name}`,
    description: `How often ${view.a.name} and ${view.b.name} vote alike at the UN: ${pct(view.overall.agreement)} agreement over ${view.overall.both} roll calls.`,
    path,
    body,
    image: {
      path: cardPath("compare", ids, shared),
      alt: `Agreement of ${view.a.name} and ${view.b.name} by year`,
    },
    share: shareTargets("compare", ids, { path, title: `${view.a.name} and ${view.b.name}` }, shared),
  };
}
