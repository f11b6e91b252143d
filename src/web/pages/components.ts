/** Page pieces shared by several pages. */
import type { TallyView } from "../../data/rollCallView.js";
import { html } from "../html.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return y && m && d ? `${d} ${MONTHS[m - 1]} ${y}` : iso;
}

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
  let x = 0;
  const rects = total
    ? SEGMENTS.map(([key, cls], i) => {
        const width = (known[i]! / total) * 100;
        const rect = html`<rect
          class="${cls}"
          x="${x.toFixed(3)}"
          y="0"
          width="${width.toFixed(3)}"
          height="10"
          ><title>${SEGMENTS[i]![2]}: ${String(tally[key] ?? "unknown")}</title></rect
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

export function outcomeBadge(outcome: string | null): string {
  return html`<span class="outcome ${outcome ?? "unknown"}">${outcome ?? "outcome unknown"}</span>`;
}
