/**
 * The data behind each embeddable chart as CSV (a vote's members' votes are /votes/:symbol.csv, in
 * routes/voteData.ts): one header row, then one row per bar or per year; shares as decimals (0–1) with
 * full precision, an empty field where there is nothing to divide.
 */
import type { BlocView } from "../pageData/bloc.js";
import type { CompareView } from "../pageData/compare.js";
import type { MemberPage } from "../pageData/member.js";

type Cell = string | number | boolean | null;

function field(value: Cell): string {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

/** A member's partners: closest, then most opposed, over the page's period. */
export function partnersCsv(page: MemberPage): string {
  const { body, from, to } = page.period;
  const rows = (group: string, list: MemberPage["partners"]["closest"]) =>
    list.map((p, i) => [
      group,
      i + 1,
      p.member.id,
      p.member.name,
      p.agreement,
      p.coincidence,
      p.kappa,
      p.both,
      body,
      from,
      to,
    ]);
  return csv(
    [
      "group",
      "rank",
      "member",
      "name",
      "agreement",
      "coincidence",
      "kappa",
      "roll_calls",
      "body",
      "from",
      "to",
    ],
    [...rows("closest", page.partners.closest), ...rows("opposed", page.partners.opposed)],
  );
}

/** Two members' agreement by year (every year, small samples marked). */
export function agreementCsv(view: CompareView): string {
  return csv(
    [
      "year",
      "roll_calls",
      "identical",
      "opposite",
      "agreement",
      "coincidence",
      "kappa",
      "small_sample",
      "body",
    ],
    view.years.map((y) => [
      y.year,
      y.both,
      y.identical,
      y.opposite,
      y.agreement,
      y.coincidence,
      y.kappa,
      y.smallSample,
      view.body,
    ]),
  );
}

/** A bloc's cohesion by year. */
export function cohesionCsv(view: BlocView): string {
  return csv(
    ["year", "roll_calls", "members", "agreement_index", "majority_share", "unanimous", "body"],
    view.years.map((y) => [
      y.year,
      y.rollCalls,
      y.members,
      y.agreementIndex,
      y.majorityShare,
      y.unanimous,
      view.body,
    ]),
  );
}
