/**
 * Members breaking with their bloc on one roll call (blocs from src/analysis/blocs.json, members as of
 * the vote's date). Judged only where the record gives the votes of at least three of the bloc's voting
 * members and of at least 80% of them, and the bloc has a strict plurality vote; a break is a Y, N or A
 * vote other than that plurality, by at most a third of the bloc's known voters (more is a split, not a
 * break). Broad groupings (G77, NAM) and the P5 are left out: their members breaking ranks is not news.
 */
import { blocMembersOn, listBlocs } from "../../analysis/blocs.js";
import type { MemberVote } from "../../core/vote.js";
import { electorate } from "../../data/rollCallView.js";
import type { VoteItem } from "./gather.js";

const LEFT_OUT = new Set(["G77", "NAM", "P5"]);

export interface BlocBreak {
  bloc: string;
  /** The bloc's members entitled to vote that day. */
  members: string[];
  /** Members whose vote is known. */
  known: string[];
  plurality: MemberVote;
  /** Members who voted with the plurality. */
  majority: string[];
  breakers: string[];
}

export function blocBreaks(item: VoteItem): BlocBreak[] {
  const date = item.rc.date;
  const voters = new Set(electorate(item.rc.body, date));
  const out: BlocBreak[] = [];
  for (const bloc of listBlocs()) {
    if (LEFT_OUT.has(bloc.id)) continue;
    const members = blocMembersOn(bloc.id, date).filter((id) => voters.has(id));
    const known = members.filter((id) => {
      const v = item.votes.get(id);
      return v === "Y" || v === "N" || v === "A";
    });
    if (known.length < 3 || known.length < members.length * 0.8) continue;
    const byVote = new Map<MemberVote, string[]>();
    for (const id of known) {
      const v = item.votes.get(id)!;
      byVote.set(v, [...(byVote.get(v) ?? []), id]);
    }
    const [top, second] = [...byVote.entries()].sort((a, b) => b[1].length - a[1].length);
    if (!top || (second && second[1].length === top[1].length)) continue;
    const breakers = known.filter((id) => item.votes.get(id) !== top[0]);
    if (!breakers.length || breakers.length > known.length / 3) continue;
    out.push({ bloc: bloc.id, members, known, plurality: top[0], majority: top[1], breakers });
  }
  return out;
}
