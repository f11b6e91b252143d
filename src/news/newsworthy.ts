/**
 * newsworthy: recent roll calls ranked by how unusual they are. The score is a sum of points, each with
 * the fact behind it, so an editor sees why a vote ranks where it does:
 *
 * | component | points | when |
 * | --- | --- | --- |
 * | `veto` | 4 | the record (or the rules, on a complete record) says a permanent member vetoed it |
 * | `close` | 0–3 | the yes votes were near the number required: 3 × (1 − distance / scale), where the scale is 3 votes in the Council and a tenth of the members present and voting in the Assembly |
 * | `sponsor` | 3 | the member the record names as drafter abstained on or voted against its own text |
 * | `bloc` | 1 per member, at most 3 | a member voted against its bloc's plurality (see story/blocBreaks.ts) |
 * | `shift` | 0–3 | the share of yes among yes and no moved from the latest earlier vote on a linked text (the same rule as the stories': comparisonLinks.ts): 1 point per 5 percentage points |
 *
 * Votes whose tally and member votes are unknown can still score on `veto` and `sponsor` (the record
 * states those); nothing is guessed. Ties: newer first, then by store order.
 */
import { permanentMembersOn } from "../core/council/index.js";
import { PlenaryError } from "../core/errors.js";
import type { Store } from "../data/store/index.js";
import type { RollCallSummary } from "../data/rollCallView.js";
import { blocBreaks } from "./story/blocBreaks.js";
import { linkWords } from "./comparisonLinks.js";
import { earlierLinked, sponsorOf, voteItem, type VoteItem } from "./story/gather.js";

export interface ScoreComponent {
  name: "veto" | "close" | "sponsor" | "bloc" | "shift";
  points: number;
  detail: string;
}

/** A roll call as every list shows it (its summary's fields), with its tally and its score. */
export interface NewsworthyVote extends Pick<
  RollCallSummary,
  "id" | "ref" | "symbol" | "body" | "date" | "kind" | "title" | "outcome"
> {
  tally: VoteItem["tally"];
  score: number;
  components: ScoreComponent[];
}

export interface NewsworthyOptions {
  /** ISO date, inclusive; default: 90 days before the newest roll call in the store. */
  since?: string;
  /** How many to return (default 20). */
  limit?: number;
}

export interface NewsworthyResult {
  since: string;
  until: string | null;
  considered: number;
  votes: NewsworthyVote[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function daysBefore(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The score of one roll call, component by component. */
export async function scoreVote(store: Store, item: VoteItem): Promise<ScoreComponent[]> {
  const rc = item.rc;
  const out: ScoreComponent[] = [];
  const outcome = item.outcome;
  if (outcome === "vetoed") {
    const decided = item.decision?.vetoedBy ?? [];
    // The record says vetoed; its member list may name the permanent member that voted no.
    const by = decided.length
      ? decided
      : permanentMembersOn(rc.date).filter((id) => item.votes.get(id) === "N");
    out.push({
      name: "veto",
      points: 4,
      detail: by.length ? `vetoed by ${by.join(", ")}` : "vetoed (record)",
    });
  }
  const d = item.decision;
  if (d && d.reason !== "tie") {
    const scale = rc.body === "SC" ? 3 : Math.max(1, d.presentAndVoting / 10);
    const distance = Math.abs(d.yes - d.required);
    const points = 3 * Math.max(0, 1 - distance / scale);
    if (points > 0) {
      out.push({ name: "close", points: round(points), detail: `${d.yes} yes, ${d.required} required` });
    }
  }
  const sponsor = sponsorOf(rc.description, rc.date);
  if (sponsor) {
    const own = item.votes.get(sponsor.member);
    if (own === "A" || own === "N") {
      out.push({
        name: "sponsor",
        points: 3,
        detail: `${sponsor.member} ${own === "A" ? "abstained on" : "voted against"} its own text`,
      });
    }
  }
  const breaks = blocBreaks(item);
  const breakers = breaks.flatMap((b) => b.breakers.map((id) => `${id} (${b.bloc})`));
  if (breakers.length) {
    out.push({
      name: "bloc",
      points: Math.min(3, breakers.length),
      detail: `broke with their bloc: ${breakers.join(", ")}`,
    });
  }
  if (rc.kind === "resolution" || rc.kind === "draft") {
    const earlier = await earlierLinked(store, rc);
    const share = (t: VoteItem["tally"]) =>
      t.yes !== null && t.no !== null && t.yes + t.no > 0 ? t.yes / (t.yes + t.no) : null;
    const now = share(item.tally);
    const then = earlier ? share(earlier.tally) : null;
    if (earlier && now !== null && then !== null) {
      const points = Math.min(3, (Math.abs(now - then) * 100) / 5);
      if (points >= 0.5) {
        out.push({
          name: "shift",
          points: round(points),
          detail: `yes share ${(now * 100).toFixed(1)}% against ${(then * 100).toFixed(1)}% in ${earlier.ref} (${earlier.rc.date}; ${linkWords(earlier.link).clause})`,
        });
      }
    }
  }
  return out;
}

/** Recent roll calls, most newsworthy first. */
export async function newsworthy(store: Store, options: NewsworthyOptions = {}): Promise<NewsworthyResult> {
  if (options.since !== undefined && !ISO_DATE.test(options.since)) {
    throw new PlenaryError("BAD_INPUT", `Not a date: ${JSON.stringify(options.since)}`, {
      field: "since",
      help: "Give the date as YYYY-MM-DD, e.g. --since 2025-01-01.",
    });
  }
  const until = await store.newestDate();
  const since = options.since ?? (until ? daysBefore(until, 90) : "0000-01-01");
  const ids = await store.rollCallIdsSince(since, 5000);
  const votes: NewsworthyVote[] = [];
  for (const id of ids) {
    const rc = await store.get(id);
    if (!rc) continue;
    const item = voteItem(rc);
    const components = await scoreVote(store, item);
    votes.push({
      id: rc.id,
      ref: item.ref,
      symbol: rc.symbol,
      body: rc.body,
      date: rc.date,
      kind: rc.kind,
      title: rc.title,
      outcome: item.outcome,
      tally: item.tally,
      score: round(components.reduce((sum, c) => sum + c.points, 0)),
      components,
    });
  }
  votes.sort((a, b) => b.score - a.score || b.date.localeCompare(a.date) || b.id - a.id);
  return { since, until, considered: votes.length, votes: votes.slice(0, options.limit ?? 20) };
}
