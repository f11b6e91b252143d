/**
 * The votes the record lists beyond the focus member's company: a complete record (the Council) said in
 * full; otherwise the other known votes worth naming — all of them when the record lists five or fewer,
 * else the permanent members', with those whose votes are missing.
 */
import { councilOn } from "../../core/council/index.js";
import type { MemberVote } from "../../core/vote.js";
import { byName, capitalise, listAnd, plural } from "./english.js";
import { memberVoteFact, membersWithVoteFact, permanentFact, sentence } from "./facts.js";
import type { TextItem } from "./gather.js";
import { nameAll, type Telling } from "./notes.js";
import type { Fact, Sentence } from "./types.js";
import { VERB } from "./words.js";

/** Everybody's vote, where the record is complete: in favour, against, abstaining, absent. */
export function councilVotesSentence(item: TextItem, telling: Telling): Sentence | null {
  if (!item.rc.complete) return null;
  const date = item.rc.date;
  const clauses: string[] = [];
  const facts: Fact[] = [];
  for (const vote of ["Y", "N", "A"] as MemberVote[]) {
    const ids = byName(
      [...item.votes].filter(([, v]) => v === vote).map(([id]) => id),
      date,
    );
    if (!ids.length) continue;
    facts.push(membersWithVoteFact(item, vote, [...ids].sort()));
    clauses.push(`${nameAll(telling, ids, date)} ${VERB[vote]}`);
  }
  const absent = [...item.votes].filter(([, v]) => v === "X").map(([id]) => id);
  if (absent.length) {
    facts.push(membersWithVoteFact(item, "X", absent));
    clauses.push(`${nameAll(telling, byName(absent, date), date)} did not vote`);
  }
  if (!clauses.length) return null;
  return sentence(`${capitalise(clauses.join("; "))}.`, facts);
}

/** Other known votes worth naming, leaving out the members ALREADY named. */
export function knownVotesSentence(item: TextItem, already: Set<string>, telling: Telling): Sentence | null {
  const date = item.rc.date;
  const permanent = councilOn(date).permanent;
  if (item.rc.complete) return null;
  const listed = [...item.votes].filter(([, v]) => v !== "X");
  const pool = listed.length <= 5 ? listed.map(([id]) => id) : permanent.filter((id) => item.votes.has(id));
  const rest = pool.filter((id) => !already.has(id));
  const facts: Fact[] = [];
  const clauses: string[] = [];
  for (const vote of ["N", "A", "Y"] as MemberVote[]) {
    const ids = byName(
      rest.filter((id) => item.votes.get(id) === vote),
      date,
    );
    if (!ids.length) continue;
    ids.forEach((id) => facts.push(memberVoteFact(item, id)));
    clauses.push(`${nameAll(telling, ids, date)} ${VERB[vote]}`);
  }
  const unknownPermanent = item.rc.body === "GA" ? permanent.filter((id) => !item.votes.has(id)) : [];
  let text = "";
  if (clauses.length) {
    // "other" only when a permanent member was named just before.
    const other = [...already].some((id) => permanent.includes(id)) ? "other " : "";
    const lead = listed.length > 5 ? `Among the ${other}permanent members of the Security Council, ` : "";
    // Lists a disputed tally contradicts are the record's lists, not established votes: said so.
    const source = item.tallyDispute ? "according to the record's lists, " : "";
    text = lead ? `${lead}${source}${listAnd(clauses)}` : `${capitalise(source)}${listAnd(clauses)}`;
  }
  if (unknownPermanent.length && listed.length > 5) {
    facts.push(permanentFact(date, permanent));
    const tail = `the ${plural(unknownPermanent.length, "vote")} of ${nameAll(telling, byName(unknownPermanent, date), date)} ${unknownPermanent.length === 1 ? "is" : "are"} not in the record`;
    text = text ? `${text}; ${tail}` : capitalise(tail);
  }
  if (!text) return null;
  return sentence(`${capitalise(text)}.`, facts);
}
