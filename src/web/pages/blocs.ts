/** Blocs: the index and one bloc's cohesion and defectors. */
import { html } from "../html.js";
import { chartFigure, dataTable, legend, lineChart, PALETTE } from "../charts/plot.js";
import type { BlocSummary, BlocView } from "../pageData/bloc.js";
import { MIN_CHART_VOTES } from "./member.js";
import { plural } from "../../core/rules/words.js";
import { memberLink, pct, type PageParts, tableHead, periodFields } from "./components.js";
import { SHARE_MARK } from "./shareBar.js";
import { cardPath, shareTargets } from "../share/paths.js";

export function blocsPage(blocs: BlocSummary[]): PageParts {
  const body = html`<section>
    <h1>Blocs</h1>
    <p>
      Groups of members with dated membership. A bloc's cohesion on a roll call is the Agreement Index of its
      members' votes (1: all alike; 0: an even three-way split).
    </p>
    <ul class="bloc-list">
      !${blocs.map(
        (b) =>
          html`<li>
            <a href="/blocs/${encodeURIComponent(b.id)}">${b.name}</a>
            <span class="sub">(${b.id}, ${String(b.members)} members over time)</span>
          </li>`,
      )}
    </ul>
  </section>`;
  return {
    title: "Blocs",
    description: "Voting blocs at the UN and how cohesive they are.",
    path: "/blocs",
    body,
  };
}

/** The body's name in words. */
export function blocBodyLabel(view: Pick<BlocView, "body">): string {
  return view.body === "GA" ? "General Assembly" : "Security Council";
}

/**
 * The cohesion chart: Agreement Index and share with the plurality by year (years with too few roll calls
 * left out). `size`: one drawing of that size (a download, a share card), else the wide and phone pair.
 */
export function cohesionChart(view: BlocView, size?: { width: number; height: number }): string {
  const charted = view.years.filter((y) => y.rollCalls >= MIN_CHART_VOTES);
  return lineChart(
    [
      {
        label: "Agreement Index",
        points: charted.map((y) => ({
          x: y.year,
          y: y.agreementIndex,
          tip: `${view.name}, ${y.year}: Agreement Index ${y.agreementIndex === null ? "—" : y.agreementIndex.toFixed(3)} over ${plural(y.rollCalls, "roll call")}`,
        })),
      },
      {
        label: "Majority share",
        points: charted.map((y) => ({
          x: y.year,
          y: y.majorityShare,
          tip: `${view.name}, ${y.year}: ${pct(y.majorityShare)} voted with the bloc's plurality, over ${plural(y.rollCalls, "roll call")}`,
        })),
      },
    ],
    {
      title: `Cohesion of the ${view.name} by year`,
      description:
        "Mean Agreement Index and mean share voting with the bloc's plurality over each year's roll calls.",
      yLabel: "Cohesion",
      yDomain: [0, 1],
      yPercent: true,
      ...(size ? { ...size, single: true } : {}),
    },
  );
}

/** The chart in its figure: caption, legend, the drawing and its data table. */
export function cohesionFigure(view: BlocView): string {
  return view.years.length
    ? chartFigure({
        id: "cohesion",
        caption: `Cohesion of the ${view.name} by year (${blocBodyLabel(view)})`,
        legend: legend([
          { label: "Agreement Index", colour: PALETTE[0]! },
          { label: "Share with the bloc's plurality", colour: PALETTE[1]! },
        ]),
        svg: cohesionChart(view),
        table: dataTable(view.years, [
          { label: "Year", value: (y) => y.year },
          { label: "Roll calls", value: (y) => y.rollCalls, numeric: true },
          { label: "Members voting", value: (y) => y.members, numeric: true },
          {
            label: "Agreement Index",
            value: (y) => (y.agreementIndex === null ? null : y.agreementIndex.toFixed(3)),
            numeric: true,
          },
          { label: "Majority share", value: (y) => pct(y.majorityShare), numeric: true },
          { label: "Unanimous", value: (y) => y.unanimous, numeric: true },
        ]),
      })
    : html`<p class="note">No roll call where two of its members voted.</p>`;
}

export function blocPage(view: BlocView): PageParts {
  const path = `/blocs/${encodeURIComponent(view.id)}`;
  const chart = cohesionFigure(view);
  const shared: Record<string, string> = {
    ...(view.body === "GA" ? {} : { body: view.body }),
    ...(view.period.from === null ? {} : { from: String(view.period.from) }),
    ...(view.period.to === null ? {} : { to: String(view.period.to) }),
  };
  const body = html`<article class="bloc">
    <p class="kicker">Bloc · ${view.id}</p>
    <h1>${view.name}</h1>
    !${view.note ? html`<p class="note">${view.note}</p>` : ""}
    <dl class="facts">
      <div>
        <dt>Roll calls</dt>
        <dd>${view.overall.rollCalls.toLocaleString("en")}</dd>
      </div>
      <div>
        <dt>Agreement Index</dt>
        <dd>${view.overall.agreementIndex === null ? "—" : view.overall.agreementIndex.toFixed(3)}</dd>
      </div>
      <div>
        <dt>Unanimous</dt>
        <dd>${view.overall.unanimous.toLocaleString("en")}</dd>
      </div>
    </dl>
    <form class="filters" method="get" action="${path}">
      !${periodFields({ body: view.body, from: view.period.from, to: view.period.to })}
      <button type="submit">Show</button>
    </form>
    !${chart} !${SHARE_MARK}
    <section id="defectors">
      <h2>Defectors</h2>
      <p class="note">
        Members voting otherwise than the bloc's plurality, as a share of the roll calls where the bloc had
        one (at least 10 counted).
      </p>
      <div class="table-wrap">
        <table class="data sortable">
          !${tableHead(["Member", { label: "Defection rate", class: "num" }, { label: "Defections", class: "num" }, { label: "Roll calls", class: "num" }])}
          <tbody>
            !${view.defectors.map(
              (d) =>
                html`<tr>
                  <td>!${memberLink(d.member)}</td>
                  <td class="num">${pct(d.rate)}</td>
                  <td class="num">${String(d.defections)}</td>
                  <td class="num">${String(d.votes)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section>
      <h2>Members</h2>
      <div class="table-wrap">
        <table class="data sortable">
          !${tableHead(["Member", "From", "Until"])}
          <tbody>
            !${view.members.map(
              (m) =>
                html`<tr>
                  <td>
                    !${memberLink(m.member)}!${m.note ? html`<br /><span class="sub">${m.note}</span>` : ""}
                  </td>
                  <td>${m.from ?? "the start"}</td>
                  <td>${m.to ?? "today"}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h3>Sources</h3>
      <ul>
        !${view.sources.map((s) => html`<li>!${s.url ? html`<a href="${s.url}">${s.title}</a>` : html`${s.title}`}</li>`)}
      </ul>
    </section>
  </article>`;
  return {
    title: view.name,
    description: `Cohesion and defectors of the ${view.name} in UN votes.`,
    path,
    body,
    image: { path: cardPath("blocs", [view.id], shared), alt: `Cohesion of the ${view.name} by year` },
    share: shareTargets("blocs", [view.id], { path, title: view.name }, shared),
  };
}
