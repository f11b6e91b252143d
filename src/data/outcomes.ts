/**
 * Every recorded outcome re-derived (issue 4): the rules are applied to each complete roll call whose
 * result the record gives — or implies: a General Assembly resolution symbol is only ever given to an
 * adopted text — and each disagreement is listed with what the rules saw. A disagreement is either a
 * data problem or a missing rule; the explanation says which it looks like.
 */
import { decide, type Outcome } from "../core/rules/index.js";
import type { MemberVote } from "../core/vote.js";
import type { RecordedOutcome } from "../core/rollCall.js";
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
  /** Each of them, and why: in the research data, a vote dated before the voter's admission (the source's dates are approximate). */
  undecidableItems: { id: number; ref: string; date: string; reason: string }[];
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
  const rows = await store.db
    .selectFrom("roll_calls")
    .select([
      "id",
      "body",
      "date",
      "symbol",
      "draft_symbol",
      "title",
      "kind",
      "procedural",
      "important_question",
      "recorded_outcome",
      "tally_yes",
      "tally_no",
      "tally_abstain",
      "tally_non_voting",
    ])
    .where("complete", "=", 1)
    .where("modality", "=", "recorded")
    .where((eb) =>
      eb.or([
        eb("recorded_outcome", "is not", null),
        eb.and([eb("kind", "=", "resolution"), eb("symbol", "is not", null), eb("body", "=", "GA")]),
      ]),
    )
    .orderBy("date")
    .orderBy("id")
    .execute();
  const votes = new Map<number, [string, MemberVote][]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    for (const v of await store.db
      .selectFrom("votes")
      .select(["roll_call_id", "member_id", "vote"])
      .where("roll_call_id", "in", chunk)
      // A fixed order: an undecidable roll call names its first non-member, the same on both stores.
      .orderBy("roll_call_id")
      .orderBy("member_id")
      .execute()) {
      const list = votes.get(v.roll_call_id) ?? [];
      list.push([v.member_id, v.vote as MemberVote]);
      votes.set(v.roll_call_id, list);
    }
  }
  const result: OutcomeCheck = {
    checked: 0,
    agree: 0,
    undecidable: 0,
    undecidableItems: [],
    disagreements: [],
  };
  for (const row of rows) {
    const recorded = (row.recorded_outcome as RecordedOutcome | null) ?? "adopted";
    let outcome: Outcome;
    try {
      outcome = decide({
        body: row.body as "GA" | "SC",
        date: row.date,
        procedural: row.procedural === 1,
        importantQuestion: row.important_question === null ? null : row.important_question === 1,
        votes: votes.get(row.id) ?? [],
        officialTally:
          row.tally_yes === null
            ? null
            : {
                yes: row.tally_yes,
                no: row.tally_no,
                abstain: row.tally_abstain,
                nonVoting: row.tally_non_voting,
              },
      });
    } catch (error) {
      result.undecidable++;
      result.undecidableItems.push({
        id: row.id,
        ref: rollCallRef({ id: row.id, symbol: row.symbol, draftSymbol: row.draft_symbol }),
        date: row.date,
        reason: (error as Error).message,
      });
      continue;
    }
    result.checked++;
    if (outcome.outcome === recorded) {
      result.agree++;
      continue;
    }
    const base = {
      id: row.id,
      ref: rollCallRef({ id: row.id, symbol: row.symbol, draftSymbol: row.draft_symbol }),
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
