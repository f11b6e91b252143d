/**
 * The procedure engine over stored roll calls: what-if on a recorded vote with changed votes.
 * (Hypothetical votes go straight to `decide` through `parseOutcomeInput`.)
 */
import { PlenaryError } from "../core/errors.js";
import { resolveMember } from "../core/members/index.js";
import { decide, redecide, whatIf, type Outcome, type WhatIf } from "../core/rules/index.js";
import { parseMemberVote, type MemberVote } from "../core/vote.js";
import { findRollCall, rollCallRef, rulesInput } from "./rollCallView.js";
import type { Store } from "./store/index.js";

export interface WhatIfView {
  ref: string;
  symbol: string | null;
  title: string;
  date: string;
  /** The decision on the record as it stands. */
  recorded: Outcome;
  /** The changes asked for, member id → vote (empty when none). */
  changes: Record<string, MemberVote>;
  /** The decision with the changes applied; equals `recorded` when there are none. */
  changed: Outcome;
  /** Whether the changes flip the result. */
  flipped: boolean;
  /** Minimal flips and pivotal members on the record as it stands. */
  whatIf: WhatIf;
}

/** Parses `USA=Y`, `Russia=abstain` … into member id → vote (members by any code or name that day). */
export function parseChanges(pairs: string[], date: string): Record<string, MemberVote> {
  const changes: Record<string, MemberVote> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    const vote = at > 0 ? parseMemberVote(pair.slice(at + 1)) : null;
    if (at <= 0 || !vote) {
      throw new PlenaryError("BAD_INPUT", `Cannot read the change ${JSON.stringify(pair)}`, {
        help: "Write changes as MEMBER=VOTE, e.g. --set USA=Y --set Russia=A (votes Y, N, A or X).",
      });
    }
    const member = resolveMember(pair.slice(0, at), { date });
    if (changes[member.id]) {
      throw new PlenaryError("DUPLICATE_MEMBER", `${member.name} is changed twice`, { field: pair });
    }
    changes[member.id] = vote;
  }
  return changes;
}

export async function whatIfRollCall(store: Store, input: string, pairs: string[] = []): Promise<WhatIfView> {
  const rollCall = await findRollCall(store, input);
  const description = rulesInput(rollCall);
  if (!description) {
    throw new PlenaryError(
      "BAD_INPUT",
      `${rollCall.symbol ?? rollCall.title}: the record has neither a tally nor every member's vote`,
      {
        help: "What-if needs a decided vote; this one's figures are unknown in Plenary's sources.",
      },
    );
  }
  const changes = parseChanges(pairs, rollCall.date);
  const recorded = decide(description);
  const changed = Object.keys(changes).length ? redecide(description, changes) : recorded;
  return {
    ref: rollCallRef(rollCall),
    symbol: rollCall.symbol,
    title: rollCall.title,
    date: rollCall.date,
    recorded,
    changes,
    changed,
    flipped: changed.outcome !== recorded.outcome,
    whatIf: whatIf(description),
  };
}
