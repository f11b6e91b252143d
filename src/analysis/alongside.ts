/**
 * `alongside`: who voted as MEMBER did on one roll call, the unusual company first.
 *
 * History: MEMBER's agreement with every other member over the roll calls of the same body strictly
 * before the roll call's date: the preceding `years` years (default RECENT_YEARS, ten — a reporter's
 * "unusual" means unusual lately: defaults.ts), or the whole record before it (`years: null`).
 *
 * Notable: a co-voter is notable when its historical agreement with MEMBER is unusually low — at or
 * below the `quantile` (default 0.25, the lowest quarter) of MEMBER's agreement with all the members it
 * shared at least `minBoth` (default 10) roll calls with in that history. At most `maxNotable` (default
 * 6), lowest agreement first. Co-voters with too little shared history are never notable (their
 * `agreementBefore` is null). So a story can say "alongside Russia, Israel, North Korea … and 11 other
 * states": `notable` names the company MEMBER rarely keeps, `others` counts the rest.
 */
import type { MemberVote } from "../core/vote.js";
import type { VoteMatrix } from "./matrix.js";
import { alignRows } from "./measures.js";
import { maskWhere } from "./selection.js";
import { MIN_ROLL_CALLS } from "./minimums.js";
import { RECENT_YEARS } from "./defaults.js";

export interface AlongsideOptions {
  /** Years of history before the roll call (default RECENT_YEARS); null: the whole record before it. */
  years?: number | null;
  /** Notable at or below this quantile of MEMBER's historical agreements (default 0.25). */
  quantile?: number;
  /** At most this many notable members (default 6). */
  maxNotable?: number;
  /** Least shared roll calls in the history for a pairing to be judged (default MIN_ROLL_CALLS, minimums.ts). */
  minBoth?: number;
}

export interface AlongsideMember {
  id: string;
  /** Agreement with MEMBER over the history; null when they shared fewer than minBoth roll calls. */
  agreementBefore: number | null;
  /** Roll calls both voted on in the history. */
  both: number;
  notable: boolean;
}

export interface Alongside {
  rollCallId: number;
  member: string;
  date: string;
  /** MEMBER's vote; X when it did not vote (then `members` is empty). */
  vote: MemberVote;
  history: {
    /** First date of the history window (null: the start of the record). */
    from: string | null;
    /** The window in years (null: the whole record before the vote). */
    years: number | null;
    /** Last date before the roll call (exclusive bound). */
    before: string;
    rollCalls: number;
    /** The agreement at or below which a co-voter is notable; null without enough history. */
    threshold: number | null;
  };
  /** Members who cast the same vote: notable first (lowest agreement first), then the rest. */
  members: AlongsideMember[];
  /** Ids of the notable members, in order. */
  notable: string[];
  /** How many co-voters are not notable. */
  others: number;
  note?: string;
}

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  return `${String(y).padStart(4, "0")}${date.slice(4)}`;
}

/** The q-quantile (lower empirical) of sorted values. */
function quantileOf(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))));
  return sorted[i]!;
}

export function alongside(
  matrix: VoteMatrix,
  rollCallId: number,
  member: string,
  options: AlongsideOptions = {},
): Alongside {
  const c = matrix.requireColumn(rollCallId);
  const m = matrix.requireMember(member);
  const rc = matrix.rollCalls[c]!;
  const quantile = options.quantile ?? 0.25;
  const maxNotable = options.maxNotable ?? 6;
  const minBoth = options.minBoth ?? MIN_ROLL_CALLS;
  const years = options.years === undefined ? RECENT_YEARS : options.years;
  const from = years === null ? null : shiftYears(rc.date, years);
  const history = maskWhere(
    matrix,
    (r) => r.body === rc.body && r.date < rc.date && (from === null || r.date >= from),
  );
  const vote = matrix.voteAt(m, c);
  const base: Omit<Alongside, "members" | "notable" | "others" | "history"> = {
    rollCallId,
    member,
    date: rc.date,
    vote,
  };
  const historyInfo = {
    from,
    years,
    before: rc.date,
    rollCalls: history.count,
    threshold: null as number | null,
  };
  if (vote === "X") {
    return {
      ...base,
      history: historyInfo,
      members: [],
      notable: [],
      others: 0,
      note: `${member} did not vote on roll call ${rollCallId}`,
    };
  }
  // MEMBER's historical agreement with everybody.
  const agreement = new Map<number, { agreement: number | null; both: number }>();
  const judged: number[] = [];
  for (let b = 0; b < matrix.members.length; b++) {
    if (b === m) continue;
    const r = alignRows(matrix, m, b, history);
    const value = r.both >= minBoth ? r.agreement : null;
    agreement.set(b, { agreement: value, both: r.both });
    if (value !== null) judged.push(value);
  }
  judged.sort((x, y) => x - y);
  const threshold = judged.length === 0 ? null : quantileOf(judged, quantile);
  historyInfo.threshold = threshold;
  const company: AlongsideMember[] = [];
  for (let b = 0; b < matrix.members.length; b++) {
    if (b === m || matrix.voteAt(b, c) !== vote) continue;
    const h = agreement.get(b)!;
    company.push({ id: matrix.members[b]!, agreementBefore: h.agreement, both: h.both, notable: false });
  }
  const byAgreement = (x: AlongsideMember, y: AlongsideMember): number => {
    if (x.agreementBefore === null && y.agreementBefore === null) return x.id < y.id ? -1 : 1;
    if (x.agreementBefore === null) return 1;
    if (y.agreementBefore === null) return -1;
    return x.agreementBefore - y.agreementBefore || (x.id < y.id ? -1 : 1);
  };
  company.sort(byAgreement);
  let notableCount = 0;
  if (threshold !== null) {
    for (const entry of company) {
      if (notableCount >= maxNotable) break;
      if (entry.agreementBefore !== null && entry.agreementBefore <= threshold) {
        entry.notable = true;
        notableCount++;
      }
    }
  }
  const notable = company.filter((e) => e.notable);
  const rest = company.filter((e) => !e.notable);
  const result: Alongside = {
    ...base,
    history: historyInfo,
    members: [...notable, ...rest],
    notable: notable.map((e) => e.id),
    others: rest.length,
  };
  if (threshold === null) {
    result.note = `not enough history before ${rc.date} to judge ${member}'s usual company`;
  }
  return result;
}
