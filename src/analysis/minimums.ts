/**
 * The least evidence Plenary turns into a finding (issue 14, item 4). Below these minimums an estimate is
 * refused or marked as a small sample on every surface — CLI text and JSON, the API, the pages and the
 * stories — never printed as a plain figure. One place, so every surface draws the line at the same
 * number (docs/how-plenary-decides.md says why each).
 */

/**
 * Roll calls behind a per-member estimate: the agreement (coincidence, kappa) of two members, the
 * history `alongside` judges unusual company on, a member's ideal point in a session.
 *
 * Why 10: below it a single vote moves an agreement share by more than ten points (1 of 9 is 11%), and an
 * ideal point is the prior's more than the votes' — session ES-11 alone (2 contested roll calls in the
 * research record with the starter data) places Russia at +1.80 with a standard error of 1.59, and in the
 * dynamic model a session with so few votes mostly repeats the member's neighbouring sessions. Ten is
 * also the threshold issue 13 sets for the small-sample warning on coverage figures.
 */
export const MIN_ROLL_CALLS = 10;

/**
 * Members voting on both of two roll calls before their member-by-member pattern (Cohen's kappa) is
 * compared ("most similar voting pattern").
 *
 * Why 50: kappa's standard error is about √(pₒ(1−pₒ)/n) ÷ (1−pₑ); for a typical pair of Assembly votes
 * (agreement pₒ ≈ 0.8, chance agreement pₑ ≈ 0.55) that is 0.20 with 20 members, 0.13 with 50 — the
 * kappas of the most similar votes differ by a few hundredths, so with fewer members their order is noise.
 * The Security Council's 15 members never reach it: its votes are not ranked by pattern.
 */
export const MIN_SHARED_MEMBERS = 50;

/** Whether a figure built on `n` roll calls is below the minimum. */
export function smallSample(n: number, minimum = MIN_ROLL_CALLS): boolean {
  return n < minimum;
}

/** The words every surface uses for a marked estimate. */
export function smallSampleNote(n: number, what = "roll calls", minimum = MIN_ROLL_CALLS): string {
  return `small sample: ${n} ${what}, fewer than the ${minimum} Plenary requires for a finding`;
}
