/**
 * /about/data: where the record comes from and on what terms — each source's attribution as its terms
 * ask, what Plenary holds from it, its licence and where to find it — and how Plenary puts them
 * together. The coverage of the record (per body and year, and its gaps) has its own section.
 */
import { SOURCE_CREDITS } from "../../data/credits.js";
import { html } from "../html.js";
import type { PageParts } from "./components.js";

/** `coverage`: the HTML of the coverage section (coverageSection.ts), computed from the store. */
export function aboutDataPage(coverage = ""): PageParts {
  const body = html`<article class="about-data">
    <h1>The data: sources and terms</h1>
    <p>
      Plenary's record runs from 1946 to 2026: every recorded General Assembly vote of the research data
      (1946–2019), the UN's own machine-readable resolutions for the Assembly from October 2019 and the
      Security Council from 2000, every Council veto from 1946 to 2022, and the votes of 24 February 2025. A
      new installation is filled with all of it from a bundle shipped with Plenary, built from these files by
      Plenary's importers; more can be imported (<code>plenary import</code>) or fetched (<code
        >plenary sync</code
      >).
    </p>
    <p>
      Where two sources hold the same vote it is stored once, with both sources named on its page. When they
      disagree the official UN record is kept and the disagreement is listed, never hidden; a vote no source
      gives is shown as unknown, never filled in.
    </p>
    <h2 id="sources">Sources</h2>
    !${SOURCE_CREDITS.map(
      (credit) =>
        html`<section class="source" id="${`source-${credit.source}`}">
          <h3>${credit.name}</h3>
          <p class="attribution">${credit.attribution}</p>
          <dl class="credit">
            <dt>What Plenary holds from it</dt>
            <dd>${credit.covers}</dd>
            <dt>Terms</dt>
            <dd>${credit.terms}</dd>
            <dt>Where</dt>
            <dd>
              !${credit.links.map((link, i) => html`${i ? " · " : ""}<a href="${link.href}">${link.label}</a>`)}
            </dd>
          </dl>
        </section>`,
    )}
    <section class="coverage" id="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage</h2>
      !${coverage || html`<p>The period each source covers is given with it above.</p>`}
    </section>
  </article>`;
  return {
    title: "The data: sources and terms",
    description: "Where Plenary's record of UN votes comes from, what each source covers, and its terms.",
    path: "/about/data",
    body,
  };
}
