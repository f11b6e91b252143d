/** Members who voted one way in the Assembly and another in the Council on the same day's texts. */
import type { MemberVote } from "../../core/vote.js";
import { byName, capitalise } from "./english.js";
import { linkTo, memberVoteFact, sentence } from "./facts.js";
import type { TextItem } from "./gather.js";
import { nameAll, type Telling } from "./notes.js";
import type { Fact, Sentence } from "./types.js";
import { isText, shortSymbol, VERB, verbOn } from "./words.js";

export function contrastSentences(items: readonly TextItem[], telling: Telling): Sentence[] {
  const ga = items.filter((i) => i.rc.body === "GA" && isText(i));
  const sc = items.filter((i) => i.rc.body === "SC" && isText(i));
  if (!ga.length || !sc.length) return [];
  const gaItem = [...ga].sort((a, b) => b.votes.size - a.votes.size)[0]!;
  const scItem = sc[0]!;
  const date = scItem.rc.date;
  const groups = new Map<string, string[]>();
  for (const [id, scVote] of scItem.votes) {
    const gaVote = gaItem.votes.get(id);
    if (!gaVote || gaVote === "X" || scVote === "X" || gaVote === scVote) continue;
    const key = `${gaVote}${scVote}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  if (!groups.size) return [];
  const clauses: string[] = [];
  const facts: Fact[] = [];
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [index, [key, ids]] of ordered.entries()) {
    const gaVote = key[0] as MemberVote;
    const scVote = key[1] as MemberVote;
    const who = nameAll(telling, byName(ids, date), date);
    clauses.push(
      index === 0
        ? `${who} ${verbOn(gaVote, shortSymbol(gaItem))} in the Assembly but ${verbOn(scVote, shortSymbol(scItem))} in the Council`
        : `${who} ${VERB[gaVote]} in the Assembly and ${VERB[scVote]} in the Council`,
    );
    for (const id of ids) facts.push(memberVoteFact(gaItem, id), memberVoteFact(scItem, id));
  }
  return [sentence(`${capitalise(clauses.join("; "))}.`, facts, [linkTo(gaItem), linkTo(scItem)])];
}
