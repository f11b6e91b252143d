/** Page pieces shared by several pages. */
import type { TallyView } from "../../data/rollCallView.js";
import { allMembers } from "../../core/members/index.js";
import { VOTE_LABELS, type MemberVote } from "../../core/vote.js";
import { html } from "../html.js";
import { longDate } from "../../core/dates.js";
import { dateText, type DatePrecision } from "../../data/approximations.js";
import type { ShareTargets } from "./shareBar.js";

export { longDate };

export function voteHref(ref: string): string {
  return `/votes/${encodeURIComponent(ref)}`;
}

const SEGMENTS: [keyof TallyView, string, string][] = [
  ["yes", "yes", "In favour"],
  ["no", "no", "Against"],
  ["abstain", "abstain", "Abstaining"],
  ["nonVoting", "absent", "Non-voting"],
];

/**
 * The tally as a bar (SVG: widths are attributes, so a strict CSP needs no inline styles), with the
 * figures as text beside it. Unknown figures draw nothing and read "unknown".
 */
export function tallyBar(tally: TallyView): string {
  const known = SEGMENTS.map(([key]) => tally[key] ?? 0);
  const total = known.reduce((a, b) => a + b, 0);
  // A segment's title: its count with the n it is a share of (members, or votes cast when the
  // non-voting members are not known).
  const of = tally.nonVoting === null ? "votes cast" : "members";
  const tip = (key: keyof TallyView, label: string): string => {
    const count = tally[key];
    return count === null
      ? `${label}: unknown`
      : `${label}: ${count} of ${total} ${of} (${pct(count / total)})`;
  };
  let x = 0;
  const rects = total
    ? SEGMENTS.map(([key, cls, label], i) => {
        const width = (known[i]! / total) * 100;
        const rect = html`<rect
          class="${cls}"
          x="${x.toFixed(3)}"
          y="0"
          width="${width.toFixed(3)}"
          height="10"
          ><title>${tip(key, label)}</title></rect
        >`;
        x += width;
        return rect;
      })
    : [];
  return html`<figure class="tally">
    !${total ? html`<svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="Tally: ${SEGMENTS.map(([key, , label]) => `${label} ${tally[key] ?? "unknown"}`).join(", ")}">!${rects}</svg>` : ""}
    <figcaption>
      <dl class="figures">
        !${SEGMENTS.map(
          ([key, cls, label]) =>
            html`<div class="${cls}">
              <dt>${label}</dt>
              <dd>${tally[key] === null ? "unknown" : String(tally[key])}</dd>
            </div>`,
        )}
      </dl>
    </figcaption>
  </figure>`;
}

/** The outcome as a badge; an unknown one carries the reason (recordOutcome.ts) as its tooltip. */
export function outcomeBadge(outcome: string | null, undecided: { reason: string } | null = null): string {
  return outcome || !undecided
    ? html`<span class="outcome ${outcome ?? "unknown"}">${outcome ?? "outcome unknown"}</span>`
    : html`<span class="outcome unknown" title="${undecided.reason}">outcome unknown</span>`;
}

/** The word for a member's vote; `null`: not known. */
export function voteWord(vote: MemberVote | null): string {
  return vote === null ? "Not known" : VOTE_LABELS[vote];
}

/** A member's vote as a small coloured label (class by vote; the word is the text). */
export function voteChip(vote: MemberVote | null): string {
  return html`<span class="vote-chip v-${vote ?? "U"}">${voteWord(vote)}</span>`;
}

export function memberHref(id: string): string {
  return `/members/${encodeURIComponent(id)}`;
}

export function memberLink(ref: { id: string; name: string }): string {
  return html`<a href="${memberHref(ref.id)}">${ref.name}</a>`;
}

/** A URL with a query string from the given parameters (empty and null values left out). */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

let datalist: string | null = null;

/**
 * Every member's name as a `<datalist>`: the plain fallback for member fields (the browser suggests
 * names as one types); /assets/autocomplete.js replaces it with suggestions from /api/members?q=.
 */
export function memberDatalist(): string {
  datalist ??= html`<datalist id="member-options">
    !${allMembers()
      .filter((m) => m.status !== "observer")
      .map((m) => m.name)
      .sort((a, b) => a.localeCompare(b, "en"))
      .map((name) => html`<option value="${name}"></option>`)}
  </datalist>`;
  return datalist;
}

/** A text field for a member (any code or name), with suggestions. */
export function memberField(options: {
  id: string;
  name: string;
  label: string;
  value?: string | null;
  placeholder?: string;
  required?: boolean;
  /** Whether the page carries {@link memberDatalist} (default true); without it, free text only. */
  datalist?: boolean;
}): string {
  return html`<label for="${options.id}">${options.label}</label>
    <input
      id="${options.id}"
      name="${options.name}"
      type="text"
      value="${options.value ?? ""}"
      !${options.datalist === false ? "" : 'list="member-options"'}
      autocomplete="off"
      spellcheck="false"
      data-autocomplete="members"
      placeholder="${options.placeholder ?? "United States, FRA, Brazil…"}"
      !${options.required ? "required" : ""}
    />`;
}

/** Links to the other pages of a paged list. */
export function pager(page: number, pages: number, hrefFor: (page: number) => string): string {
  if (pages <= 1) return "";
  const items: string[] = [];
  if (page > 1) items.push(html`<a rel="prev" href="${hrefFor(page - 1)}">← Previous</a>`);
  items.push(html`<span>Page ${String(page)} of ${String(pages)}</span>`);
  if (page < pages) items.push(html`<a rel="next" href="${hrefFor(page + 1)}">Next →</a>`);
  return html`<nav class="pager" aria-label="Pages">!${items}</nav>`;
}

/** The share card's size (routes/share.ts renders it): Open Graph's and X's large image. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/**
 * Share metadata for <head>: canonical URL and Open Graph type and URL (title and description come from
 * the layout); with `image` (a share card's path, /cards/…), the large-image card for Open Graph and X.
 */
export function shareHead(origin: string, path: string, type = "website", image?: ShareImage): string {
  const url = origin + path;
  return html`<link rel="canonical" href="${url}" />
    <meta property="og:type" content="${type}" />
    <meta property="og:url" content="${url}" />
    !${
      image
        ? html`<meta property="og:image" content="${origin + image.path}" />
            <meta property="og:image:type" content="image/png" />
            <meta property="og:image:width" content="${String(CARD_SIZE.width)}" />
            <meta property="og:image:height" content="${String(CARD_SIZE.height)}" />
            <meta property="og:image:alt" content="${image.alt}" />
            <meta name="twitter:card" content="summary_large_image" />
            <meta name="twitter:image" content="${origin + image.path}" />
            <meta name="twitter:image:alt" content="${image.alt}" />`
        : html`<meta name="twitter:card" content="summary" />`
    }
    !${PAGE_SCRIPTS}`;
}

/** A page's share card: its path (/cards/….png) and a sentence saying what it shows. */
export interface ShareImage {
  path: string;
  alt: string;
}

/** The icon, and progressive enhancement: files under /assets (the CSP allows no inline script). */
export const PAGE_SCRIPTS = `<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" /><script src="/assets/autocomplete.js" defer></script><script src="/assets/tables.js" defer></script><script src="/assets/charts.js" defer></script>`;

/** A date with a `<time>` element; one known only to the month reads "about November 1975". */
export function timeTag(iso: string, precision: DatePrecision = "day"): string {
  return precision === "month"
    ? html`<time datetime="${iso.slice(0, 7)}" title="The source gives the month, not the day"
        >${dateText(iso, precision)}</time
      >`
    : html`<time datetime="${iso}">${longDate(iso)}</time>`;
}

/** A share (0–1) as a percentage. */
export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;
}

/** A page before the layout: what the routes cache per data version (the layout is per request). */
export interface PageParts {
  title: string;
  description?: string;
  /** Canonical path. */
  path: string;
  body: string;
  /** Open Graph type (default website). */
  ogType?: string;
  /** The share card (og:image, twitter:image). */
  image?: ShareImage;
  /** The "Share · Embed · Download" bar, made per request where the body has SHARE_MARK. */
  share?: ShareTargets;
}

/** The record's gaps over what a figure spans, said beside it (and where to read more). */
export function coverageNotes(gaps: readonly { detail: string }[]): string {
  if (!gaps.length) return "";
  return html`<aside class="coverage-notes" aria-label="What the record holds">
    <h2>What the record holds</h2>
    <ul>
      !${gaps.map((gap) => html`<li>${gap.detail}</li>`).join("")}
    </ul>
    <p><a href="/about/data">What the record covers, year by year</a></p>
  </aside>`;
}

/** A column heading: its text, or its text and a class ("num" for a column of figures). */
export type Heading = string | { label: string; class: string };

/** A table's head: one row of column headings. */
export function tableHead(headings: readonly Heading[]): string {
  return html`<thead>
    <tr>
      !${headings.map((h) =>
        typeof h === "string"
          ? html`<th scope="col">${h}</th>`
          : html`<th scope="col" class="${h.class}">${h.label}</th>`,
      )}
    </tr>
  </thead>`;
}

/** The body and years of a filter form (the bloc and member pages): a year left open is an empty field. */
export function periodFields(period: { body: string; from: number | null; to: number | null }): string {
  const year = (name: "from" | "to", label: string, value: number | null) =>
    html`<div>
      <label for="${name}">${label}</label>
      <input
        id="${name}"
        name="${name}"
        type="number"
        min="1946"
        max="2100"
        value="${value === null ? "" : String(value)}"
      />
    </div>`;
  return html`<div>
      <label for="body">Body</label>
      <select id="body" name="body">
        <option value="GA" !${period.body === "GA" ? "selected" : ""}>General Assembly</option>
        <option value="SC" !${period.body === "SC" ? "selected" : ""}>Security Council</option>
      </select>
    </div>
    !${year("from", "From", period.from)} !${year("to", "To", period.to)}`;
}
