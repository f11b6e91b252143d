/** The member page and the members index. */
import type { Member } from "../../core/members/index.js";
import { REGIONS, getMember } from "../../core/members/index.js";
import { LAST_COUNCIL_YEAR, SEAT_CHANGES } from "../../core/council/index.js";
import { possessive } from "../../core/english.js";
import { plural } from "../../core/rules/words.js";
import { inSentence } from "../../news/story/english.js";
import { html } from "../html.js";
import { chartFigure, dataTable, legend, lineChart, PALETTE } from "../charts/plot.js";
import type { MemberPage } from "../pageData/member.js";
import { MIN_ROLL_CALLS, smallSample } from "../../analysis/minimums.js";
import type { PartnerView } from "../pageData/names.js";
import {
  longDate,
  memberDatalist,
  memberField,
  memberHref,
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
  periodFields,
} from "./components.js";
import { SHARE_MARK } from "./shareBar.js";
import { partnersFigure } from "../share/figures.js";
import { cardPath, shareQuery, shareTargets } from "../share/paths.js";

/**
 * Years with fewer shared roll calls are left out of charts (their share is noise); tables show them,
 * marked. Plenary's one minimum for a finding (minimums.ts).
 */
export const MIN_CHART_VOTES = MIN_ROLL_CALLS;

/** A count of roll calls in a table, marked when it is below the minimum. */
export function rollCallsCell(n: number): string {
  return smallSample(n) ? `${n} (small sample)` : String(n);
}

/**
 * A permanent seat in words (issue 14, item 7): held to this day, "Permanent member since 1946" — never a
 * range ending in the data's last year, as if the seat ended — with the name the seat was held under
 * before ("as the Soviet Union until 1991": the record keeps the USSR and Russia as one member) or the
 * day it passed to the member (China, 25 October 1971); a seat that passed on, its years.
 */
export function permanentSeatText(id: string, years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const contiguous = first !== undefined && last !== undefined && last - first + 1 === sorted.length;
  if (!contiguous || last !== LAST_COUNCIL_YEAR) return `Permanent member: ${yearRanges(years)}`;
  const passed = SEAT_CHANGES.find((change) => change.to === id);
  const since = passed ? longDate(passed.date) : String(first);
  const before = inSentence(id, `${first}-12-31`);
  const now = inSentence(id, `${last}-01-01`);
  const renamed = getMember(id)?.names.find(
    (n) => n.kind === "short" && n.to && (n.name === before || `the ${n.name}` === before),
  );
  const as = before !== now && renamed?.to ? ` (as ${before} until ${renamed.to.slice(0, 4)})` : "";
  return `Permanent member since ${since}${as}`;
}

/** Year ranges: [1946, 1947, 1948, 1950] → "1946–1948, 1950". */
export function yearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  let start: number | null = null;
  let previous: number | null = null;
  for (const y of [...years].sort((a, b) => a - b)) {
    if (start !== null && previous !== null && y === previous + 1) {
      previous = y;
      continue;
    }
    if (start !== null) parts.push(start === previous ? String(start) : `${start}–${previous}`);
    start = y;
    previous = y;
  }
  if (start !== null) parts.push(start === previous ? String(start) : `${start}–${previous}`);
  return parts.join(", ");
}

function partnerList(rows: PartnerView[], caption: string): string {
  return html`<div class="table-wrap">
    <table class="data sortable">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col" class="num">Agreement</th>
          <th scope="col" class="num">
            <abbr title="yes/no votes alike, abstentions left out">Coincidence</abbr>
          </th>
          <th scope="col" class="num">Roll calls</th>
        </tr>
      </thead>
      <tbody>
        !${rows.map(
          (r) =>
            html`<tr>
              <td>!${memberLink(r.member)}</td>
              <td class="num">${pct(r.agreement)}</td>
              <td class="num">${pct(r.coincidence)}</td>
              <td class="num">${String(r.both)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function memberPage(page: MemberPage, query: Record<string, string | undefined>): PageParts {
  const m = page.member;
  const path = memberHref(m.id);
  const votes = page.votesCast;
  const period = page.period;
  const agreementChart = agreementFigure(page);
  const idealSection = idealPointsFigure(page);
  const withValue = query.with ?? "";
  const shared = shareQuery(query, ["body", "from", "to"]);
  const body = html`<article class="member">
    !${memberHeading(page)}
    <details>
      <summary>Names over time</summary>
      !${dataTable(m.names, [
        { label: "Name", value: (n) => n.name },
        { label: "Kind", value: (n) => n.kind },
        { label: "From", value: (n) => n.from },
        { label: "Until", value: (n) => n.to },
      ])}
    </details>

    <section id="partners">
      <h2>Closest and most opposed</h2>
      <form class="filters" method="get" action="${path}#partners">
        !${periodFields(period)}
        !${withValue ? html`<input type="hidden" name="with" value="${withValue}" />` : ""}
        <button type="submit">Show</button>
      </form>
      <p class="note">
        ${String(page.partners.rollCalls)} roll calls from ${String(period.from)} to ${String(period.to)};
        members that voted together on at least ${String(page.partners.minBoth)} of them. Agreement: the share
        of roll calls both voted on where they voted alike.
      </p>
      !${partnersFigure(page, { table: false })}
      <div class="two-col">
        !${partnerList(page.partners.closest, "Closest")}
        !${partnerList(page.partners.opposed, "Most opposed")}
      </div>
      !${coverageNotes(page.coverage)} !${SHARE_MARK}
    </section>

    <section id="agreement-over-time">
      <h2>Agreement over time</h2>
      <form class="inline" method="get" action="${path}#agreement-over-time">
        !${memberField({
          id: "with",
          name: "with",
          label: "Compare with (names or codes, comma-separated)",
          value: withValue,
          placeholder: "United States, China",
        })}
        <input type="hidden" name="body" value="${period.body}" />
        <button type="submit">Compare</button>
      </form>
      !${memberDatalist()} !${agreementChart}
    </section>

    <section id="ideal-points">
      <h2>Ideal point over time</h2>
      !${idealSection}
    </section>

    <section id="latest">
      <h2>Latest votes</h2>
      !${latestVotes(page)}
      <p>
        <a href="${withQuery("/search", { member: m.id, sort: "newest" })}"
          >All votes with ${possessive(m.name)} vote</a
        >
      </p>
    </section>

    <section id="council">
      <h2>Security Council seats</h2>
      <p>
        !${
          page.council.permanentYears.length
            ? html`${permanentSeatText(m.id, page.council.permanentYears)}.`
            : page.council.electedYears.length
              ? html`Elected member: ${yearRanges(page.council.electedYears)}
                (${String(page.council.electedYears.length)} years).`
              : html`Never a member of the Security Council.`
        }
      </p>
    </section>
  </article>`;
  return {
    title: m.name,
    description: `How ${m.name} votes at the United Nations: ${votes.all.total} votes cast, closest partners, agreement over time.`,
    path,
    body,
    ogType: "profile",
    image: {
      path: cardPath("members", [m.id], shared),
      alt: `${m.name}: its closest and most opposed partners`,
    },
    share: shareTargets("members", [m.id], { path, title: m.name }, shared),
  };
}

/** The agreement with the chosen members by year, as a chart and its table. */
function agreementFigure(page: MemberPage): string {
  const m = page.member;
  const series = page.agreement.series;
  return series.length
    ? chartFigure({
        id: "agreement",
        caption: `Agreement of ${m.name} with ${page.agreement.with.map((w) => w.name).join(", ")} by year (${page.agreement.body === "GA" ? "General Assembly" : "Security Council"})`,
        legend: legend(
          series.map((s, i) => ({ label: s.member.name, colour: PALETTE[i % PALETTE.length]! })),
        ),
        svg: lineChart(
          series.map((s) => ({
            label: s.member.name,
            points: s.points
              .filter((p) => p.both >= MIN_CHART_VOTES)
              .map((p) => ({
                x: p.year,
                y: p.agreement,
                tip: `${m.name} – ${s.member.name}, ${p.year}: ${pct(p.agreement)} agreement over ${plural(p.both, "roll call")}`,
              })),
          })),
          {
            title: `Agreement of ${m.name} with other members by year`,
            description: `Share of roll calls on which both voted and voted alike (abstentions count as a vote); years with fewer than ${MIN_CHART_VOTES} shared roll calls left out.`,
            yLabel: "Agreement",
            yDomain: [0, 1],
            yPercent: true,
          },
        ),
        table: dataTable(
          series.flatMap((s) => s.points.map((p) => ({ who: s.member.name, ...p }))),
          [
            { label: "Member", value: (r) => r.who },
            { label: "Year", value: (r) => r.year },
            { label: "Agreement", value: (r) => pct(r.agreement), numeric: true },
            { label: "Coincidence", value: (r) => pct(r.coincidence), numeric: true },
            { label: "Roll calls", value: (r) => rollCallsCell(r.both), numeric: true },
          ],
        ),
      })
    : html`<p class="note">No recorded votes to compare.</p>`;
}

/** The ideal point by Assembly session, with its standard errors; pending while it is estimated. */
function idealPointsFigure(page: MemberPage): string {
  const m = page.member;
  // Sessions where the member cast fewer than MIN_ROLL_CALLS votes are no finding: in the table, marked.
  const regular = page.idealPoints.points.filter((p) => /^\d+$/.test(p.session) && !p.smallSample);
  return page.idealPoints.status === "pending"
    ? html`<p class="note">
        The ideal points are being estimated for this data version; reload in a minute.
      </p>`
    : regular.length
      ? chartFigure({
          id: "ideal-points",
          caption: `Ideal point of ${m.name} by General Assembly session, with ±2 standard errors`,
          svg: lineChart(
            [
              {
                label: m.name,
                points: regular.map((p) => ({
                  x: p.year,
                  y: p.estimate,
                  tip: `${m.name}, session ${p.session} (${p.year}): ideal point ${p.estimate.toFixed(2)} ± ${(2 * p.se).toFixed(2)} (2 s.e.) from ${plural(p.votes, "vote")}`,
                })),
              },
            ],
            {
              title: `Ideal point of ${m.name} by session`,
              description:
                "One-dimensional ideal point estimated from all General Assembly votes; positive is the side of the United States.",
              yLabel: "Ideal point",
              band: regular.map((p) => ({
                x: p.year,
                low: p.estimate - 2 * p.se,
                high: p.estimate + 2 * p.se,
                label: "se",
              })),
            },
          ),
          table: dataTable(page.idealPoints.points, [
            { label: "Session", value: (p) => p.session },
            { label: "Year", value: (p) => p.year },
            {
              label: "Ideal point",
              value: (p) => (p.smallSample ? "—" : p.estimate.toFixed(2)),
              numeric: true,
            },
            {
              label: "Standard error",
              value: (p) => (p.smallSample ? "—" : p.se.toFixed(2)),
              numeric: true,
            },
            {
              label: "Bootstrap s.e.",
              value: (p) => (p.smallSample || p.bootstrapSe === null ? "—" : p.bootstrapSe.toFixed(2)),
              numeric: true,
            },
            { label: "Votes", value: (p) => rollCallsCell(p.votes), numeric: true },
          ]),
          note: "Dynamic ordinal model (after Bailey, Strezhnev and Voeten), estimated by Plenary on the record it holds; the scale has mean 0 and standard deviation 1 over all members and sessions. Standard errors from the posterior's curvature; bootstrap standard errors from 50 resamplings of the roll calls (seed 1), once computed. Method: docs/analytics.md.",
        })
      : html`<p class="note">
          No ideal point: ${m.name} has no General Assembly session with ${String(MIN_ROLL_CALLS)} or more
          contested votes in the record.
        </p>`;
}

/** Who the member is: region and status, names, codes, membership, votes cast, notes. */
function memberHeading(page: MemberPage): string {
  const m = page.member;
  const votes = page.votesCast;
  return html`<p class="kicker">
      ${m.region ?? "No regional group"} ·
      ${m.status === "member" ? "UN member" : m.status === "former" ? "Former member" : "Observer"}
    </p>
    <h1>${m.name}</h1>
    <p class="title">${m.officialName}</p>
    <dl class="facts">
      <div>
        <dt>Codes</dt>
        <dd>${m.id}${m.alpha2 ? ` · ${m.alpha2}` : ""}</dd>
      </div>
      <div>
        <dt>Membership</dt>
        <dd>
          !${
            m.membership.length
              ? m.membership.map(
                  (p, i) => html`${i ? "; " : ""}${longDate(p.from)} – ${p.to ? longDate(p.to) : "today"}`,
                )
              : "never a member"
          }
        </dd>
      </div>
      <div>
        <dt>Votes cast</dt>
        <dd>
          ${votes.all.total.toLocaleString("en")}
          <span class="sub"
            >(General Assembly ${votes.GA.total.toLocaleString("en")}, Security Council
            ${votes.SC.total.toLocaleString("en")})</span
          >
        </dd>
      </div>
      <div>
        <dt>In favour · against · abstaining</dt>
        <dd>
          ${pct(votes.all.total ? votes.all.yes / votes.all.total : null, 0)} ·
          ${pct(votes.all.total ? votes.all.no / votes.all.total : null, 0)} ·
          ${pct(votes.all.total ? votes.all.abstain / votes.all.total : null, 0)}
        </dd>
      </div>
    </dl>
    !${
      m.predecessors.length || m.successors.length
        ? html`<p>
            !${m.predecessors.length ? html`Continues: !${m.predecessors.map((id) => html`<a href="${memberHref(id)}">${id}</a> `)}` : ""}
            !${m.successors.length ? html`Succeeded by: !${m.successors.map((id) => html`<a href="${memberHref(id)}">${id}</a> `)}` : ""}
          </p>`
        : ""
    }
    !${m.notes ? html`<p class="note">${m.notes}</p>` : ""}`;
}

/** The member's latest votes. */
function latestVotes(page: MemberPage): string {
  const m = page.member;
  return page.latest.length
    ? html`<div class="table-wrap">
        <table class="votes">
          !${tableHead(["Date", "Vote", "Outcome", m.name])}
          <tbody>
            !${page.latest.map(
              (v) =>
                html`<tr>
                  <td>!${timeTag(v.date, v.datePrecision)}</td>
                  <td>
                    <a href="${voteHref(v.ref)}">${v.symbol ?? v.title}</a
                    >!${v.symbol ? html`<br /><span class="sub">${v.title}</span>` : ""}
                  </td>
                  <td>!${outcomeBadge(v.outcome)}</td>
                  <td>!${voteChip(v.vote)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`
    : html`<p class="note">No recorded votes.</p>`;
}

/** The members index: current members by region, then former members and observers. */
export function membersPage(members: readonly Member[], counts: Map<string, number>): PageParts {
  const current = members.filter((m) => m.status === "member");
  const others = members.filter((m) => m.status !== "member");
  const list = (items: readonly Member[]) =>
    html`<ul class="member-list">
      !${[...items]
        .sort((a, b) => a.name.localeCompare(b.name, "en"))
        .map(
          (m) =>
            html`<li>
              <a href="${memberHref(m.id)}">${m.name}</a>
              <span class="sub">${(counts.get(m.id) ?? 0).toLocaleString("en")} votes</span>
            </li>`,
        )}
    </ul>`;
  const body = html`<section class="members-index">
    <h1>Members</h1>
    <form class="search" method="get" action="/members">
      !${memberField({ id: "member-q", name: "q", label: "Find a member", placeholder: "Any name or code" })}
      <button type="submit">Go</button>
    </form>
    !${memberDatalist()}
    <p>${String(current.length)} members of the United Nations today, by regional group.</p>
    !${REGIONS.map(
      (region) =>
        html`<h2>${region}</h2>
          !${list(current.filter((m) => m.region === region))}`,
    )}
    !${
      current.some((m) => m.region === null)
        ? html`<h2>Outside the groups</h2>
            !${list(current.filter((m) => m.region === null))}`
        : ""
    }
    <h2>Former members and observers</h2>
    !${list(others)}
  </section>`;
  return {
    title: "Members",
    description: "Every UN member state, with its votes and alignments.",
    path: "/members",
    body,
  };
}
