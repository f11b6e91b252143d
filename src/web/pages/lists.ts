/** Tables of roll calls shared by the home, search, member, compare and council pages. */
import type { TallyView } from "../../data/rollCallView.js";
import type { CatalogEntry } from "../pageData/catalog.js";
import { html } from "../html.js";
import { outcomeBadge, timeTag, voteHref } from "./components.js";

export interface ExtraColumn {
  label: string;
  /** Markup this code built (escaped values only). */
  cell: (entry: CatalogEntry) => string;
  numeric?: boolean;
}

/** "93–18–65": yes, no, abstain; unknown figures as "?". */
export function tallyText(tally: TallyView): string {
  const f = (n: number | null) => (n === null ? "?" : String(n));
  return tally.yes === null && tally.no === null
    ? "not known"
    : `${f(tally.yes)}–${f(tally.no)}–${f(tally.abstain)}`;
}

export function rollCallCell(e: { ref: string; symbol: string | null; title: string }): string {
  return html`<a href="${voteHref(e.ref)}">${e.symbol ?? e.title}</a
    >!${e.symbol ? html`<br /><span class="sub">${e.title}</span>` : ""}`;
}

/** A table of roll calls: date, body, symbol and title, tally (yes–no–abstain), outcome, extra columns. */
export function rollCallTable(
  entries: readonly CatalogEntry[],
  options: { caption?: string; extra?: ExtraColumn[] } = {},
): string {
  const extra = options.extra ?? [];
  return html`<div class="table-wrap">
    <table class="votes sortable">
      !${
        options.caption
          ? html`<caption>
              ${options.caption}
            </caption>`
          : ""
      }
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Body</th>
          <th scope="col">Vote</th>
          <th scope="col" class="num"><abbr title="yes–no–abstain">Tally</abbr></th>
          <th scope="col">Outcome</th>
          !${extra.map((c) => html`<th scope="col" class="${c.numeric ? "num" : ""}">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        !${entries.map(
          (e) =>
            html`<tr>
              <td data-sort="${e.date}">!${timeTag(e.date, e.datePrecision)}</td>
              <td>${e.body}</td>
              <td>!${rollCallCell(e)}</td>
              <td class="num">${tallyText(e.tally)}</td>
              <td>!${outcomeBadge(e.outcome, e.undecided)}</td>
              !${extra.map((c) => html`<td class="${c.numeric ? "num" : ""}">!${c.cell(e)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** A compact table for rankings: the vote (symbol, title, date and body), its tally and one measure. */
export function rankingTable(
  entries: readonly CatalogEntry[],
  measure: { label: string; cell: (entry: CatalogEntry) => string },
): string {
  return html`<table class="votes ranking">
    <thead>
      <tr>
        <th scope="col">Vote</th>
        <th scope="col" class="num"><abbr title="yes–no–abstain">Tally</abbr></th>
        <th scope="col" class="num">${measure.label}</th>
      </tr>
    </thead>
    <tbody>
      !${entries.map(
        (e) =>
          html`<tr>
            <td>
              <a href="${voteHref(e.ref)}">${e.symbol ?? e.title}</a>
              <span class="sub">· ${e.body} · !${timeTag(e.date, e.datePrecision)}</span>
              !${e.symbol ? html`<br /><span class="sub clamp">${e.title}</span>` : ""}
            </td>
            <td class="num">${tallyText(e.tally)}</td>
            <td class="num">!${measure.cell(e)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
