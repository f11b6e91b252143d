/**
 * The member the story follows: the one the reader names (--focus), else the highest score — its own
 * draft abstained on or voted against 3, a veto 3, a vote against an adopted Assembly text 2, drafting
 * an adopted text 1, a permanent seat 1 — plus what makes a vote news rather than routine: a vote that
 * changed since the linked earlier text (comparisonLinks.ts: yes to no or back 3, to or from an
 * abstention 1) and, where the store holds its history, unusual company (up to 2: the share of its
 * co-voters in its lowest quarter of past agreement, `alongside`). Ties go to the English name.
 */
import { alongside } from "../../analysis/alongside.js";
import { councilOn } from "../../core/council/index.js";
import { resolveMember } from "../../core/members/index.js";
import { memberName } from "./english.js";
import type { TextItem } from "./gather.js";
import type { MatrixFor } from "./history.js";
import type { FocusChoice } from "./types.js";
import { shortSymbol, VERB, verbOn } from "./words.js";

type Scores = Map<string, { score: number; reasons: string[] }>;
type Add = (id: string, points: number, reason: string) => void;

export async function chooseFocus(
  items: readonly TextItem[],
  given: string | undefined,
  matrixFor: MatrixFor,
): Promise<FocusChoice | null> {
  const date = items[0]!.rc.date;
  if (given) {
    const member = resolveMember(given, { date });
    return { member: member.id, name: memberName(member.id, date), how: "given", score: 0, reasons: [] };
  }
  const scores: Scores = new Map();
  const add: Add = (id, points, reason) => {
    const entry = scores.get(id) ?? { score: 0, reasons: [] };
    entry.score += points;
    entry.reasons.push(`${reason} (+${points})`);
    scores.set(id, entry);
  };
  for (const item of items) scoreDecision(item, add);
  for (const item of items) scoreChange(item, add);
  const permanent = new Set(councilOn(date).permanent);
  for (const id of [...scores.keys()]) if (permanent.has(id)) add(id, 1, "a permanent member of the Council");
  await scoreUnusualCompany(items, scores, add, matrixFor);
  return best(scores, date);
}

/** Points for what the member did to the text: its own draft, a vote against, a veto. */
function scoreDecision(item: TextItem, add: Add): void {
  const outcome = item.outcome;
  const ref = shortSymbol(item);
  if (item.sponsor) {
    const own = item.votes.get(item.sponsor.member);
    if (own === "A" || own === "N") add(item.sponsor.member, 3, `${VERB[own]} on its own draft ${ref}`);
    if (outcome === "adopted") add(item.sponsor.member, 1, `drafted ${ref}, adopted`);
  }
  if (outcome === "adopted" && item.rc.body === "GA") {
    for (const [id, vote] of item.votes) {
      if (vote === "N" && id !== item.sponsor?.member) add(id, 2, `voted against ${ref}, adopted`);
    }
  }
  if (outcome === "vetoed") {
    for (const id of item.decision?.vetoedBy ?? []) add(id, 3, `vetoed ${ref}`);
  }
}

/** Points for a vote that changed since the linked earlier text. */
function scoreChange(item: TextItem, add: Add): void {
  const earlier = item.earlier;
  if (!earlier) return;
  for (const [id, now] of item.votes) {
    const then = earlier.votes.get(id);
    if (!then || then === "X" || now === "X" || then === now) continue;
    const points = (then === "Y" && now === "N") || (then === "N" && now === "Y") ? 3 : 1;
    add(id, points, `${verbOn(then, shortSymbol(earlier))}, then ${verbOn(now, shortSymbol(item))}`);
  }
}

/** Focus points for unusual company, for the members already scored (history needed: alongside). */
async function scoreUnusualCompany(
  items: readonly TextItem[],
  scores: Scores,
  add: Add,
  matrixFor: MatrixFor,
): Promise<void> {
  for (const item of items) {
    for (const id of [...scores.keys()].sort()) {
      const vote = item.votes.get(id);
      if (!vote || vote === "X") continue;
      const matrix = await matrixFor(item.rc.body, id, item.rc.date);
      if (!matrix || matrix.columnOf(item.rc.id) < 0 || matrix.indexOfMember(id) < 0) continue;
      const result = alongside(matrix, item.rc.id, id);
      if (result.history.threshold === null || !result.members.length) continue;
      const share = result.notable.length / result.members.length;
      const points = Math.round(2 * share * 100) / 100;
      if (points > 0)
        add(
          id,
          points,
          `unusual company on ${shortSymbol(item)}: ${result.notable.length} of ${result.members.length} co-voters in its lowest quarter of past agreement`,
        );
    }
  }
}

/** The highest score above 1; ties go to the English name. */
function best(scores: Scores, date: string): FocusChoice | null {
  const ranked = [...scores.entries()]
    .filter(([, e]) => e.score > 1)
    .sort((a, b) => b[1].score - a[1].score || memberName(a[0], date).localeCompare(memberName(b[0], date)));
  const top = ranked[0];
  if (!top) return null;
  return {
    member: top[0],
    name: memberName(top[0], date),
    how: "score",
    // Said to the editor: two decimals, not the float sum's 13.040000000000001.
    score: Math.round(top[1].score * 100) / 100,
    reasons: top[1].reasons,
  };
}
