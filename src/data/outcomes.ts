/**
 * Every recorded outcome re-derived (issue 4): the rules are applied to each complete roll call whose
 * result the record gives — or implies: a General Assembly resolution symbol is only ever given to an
 * adopted text — and each disagreement is listed with what the rules saw. A disagreement is either a
 * data problem or a missing rule; the explanation says which it looks like.
 */
import type { Outcome } from "../core/rules/index.js";
import type { Body, RecordedOutcome } from "../core/rollCall.js";
import { recordOutcome, type UndecidedCode } from "./recordOutcome.js";
import { rollCallRef } from "./rollCallView.js";
import type { Store } from "./store/index.js";

export interface OutcomeDisagreement {
  id: number;
  ref: string;
  date: string;
  body: string;
  title: string;
  /** The result as recorded, or `adopted` implied by a resolution symbol. */
  recorded: RecordedOutcome;
  implied: boolean;
  derived: RecordedOutcome;
  yes: number;
  no: number;
  abstain: number;
  majority: Outcome["majority"];
  explanation: string;
}

export interface OutcomeCheck {
  /** Complete roll calls with a recorded or implied result, decided by the rules. */
  checked: number;
  agree: number;
  /** Complete roll calls the rules could not decide (inconsistent with their preconditions). */
  undecidable: number;
  /** Each of them, and why (recordOutcome.ts): in the research data, a vote dated before the voter's admission (the source's dates are approximate). */
  undecidableItems: { id: number; ref: string; date: string; code: UndecidedCode; reason: string }[];
  disagreements: OutcomeDisagreement[];
}

function explain(d: Omit<OutcomeDisagreement, "explanation">): string {
  if (d.body === "GA" && d.recorded === "adopted" && d.yes <= d.no) {
    return `The record counts ${d.yes} yes against ${d.no} no, yet the text was adopted: the roll call as recorded is not the vote that adopted it (a separate vote, or incomplete or misattributed rows in the source) — a data problem.`;
  }
  if (d.body === "GA" && d.recorded === "rejected" && d.yes > d.no) {
    return `${d.yes} yes against ${d.no} no is a simple majority; a rejection means a two-thirds majority applied (an important question) that the record does not flag — a missing fact, not a missing rule.`;
  }
  return `The rules give ${d.derived} where the record says ${d.recorded}: check the source.`;
}

export async function checkOutcomes(store: Store): Promise<OutcomeCheck> {
  // Complete recorded roll calls whose result the record gives, or implies (a GA resolution symbol).
  const rows = (await store.rollCallRows({ order: "id" }))
    .filter(
      (r) =>
        r.complete === 1 &&
        r.modality === "recorded" &&
        (r.recorded_outcome !== null || (r.kind === "resolution" && r.symbol !== null && r.body === "GA")),
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const votes = await store.memberVotesOf(rows.map((r) => r.id));
  const result: OutcomeCheck = {
    checked: 0,
    agree: 0,
    undecidable: 0,
    undecidableItems: [],
    disagreements: [],
  };
  for (const row of rows) {
    const recorded = (row.recorded_outcome as RecordedOutcome | null) ?? "adopted";
    const ref = rollCallRef({ id: row.id, symbol: row.symbol, draftSymbol: row.draft_symbol });
    // The same outcome and reason every surface shows (recordOutcome.ts), on the record's own outcome.
    const { decision, undecided } = recordOutcome({
      body: row.body as Body,
      date: row.date,
      procedural: row.procedural === 1,
      importantQuestion: row.important_question === null ? null : row.important_question === 1,
      modality: "recorded",
      complete: true,
      recordedOutcome: null,
      votes: new Map(votes.get(row.id) ?? []),
      officialTally: {
        yes: row.tally_yes,
        no: row.tally_no,
        abstain: row.tally_abstain,
        nonVoting: row.tally_non_voting,
      },
    });
    if (!decision) {
      result.undecidable++;
      result.undecidableItems.push({
        id: row.id,
        ref,
        date: row.date,
        code: undecided!.code,
        reason: undecided!.reason,
      });
      continue;
    }
    const outcome = decision;
    result.checked++;
    if (outcome.outcome === recorded) {
      result.agree++;
      continue;
    }
    const base = {
      id: row.id,
      ref,
      date: row.date,
      body: row.body,
      title: row.title,
      recorded,
      implied: row.recorded_outcome === null,
      derived: outcome.outcome,
      yes: outcome.yes,
      no: outcome.no,
      abstain: outcome.abstain ?? 0,
      majority: outcome.majority,
    };
    result.disagreements.push({ ...base, explanation: explain(base) });
  }
  return result;
}
