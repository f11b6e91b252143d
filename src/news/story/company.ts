/**
 * Who voted as the focus member did: named by how rarely it votes with them (with history, `alongside`)
 * or, without history, the permanent members first and then by name; and, with history, how rarely it
 * had voted with the notable ones before.
 */
import { alongside, type Alongside } from "../../analysis/alongside.js";
import { councilOn } from "../../core/council/index.js";
import { byName, capitalise, inSentence, listAnd, longDate, percent, plural } from "./english.js";
import {
  alongsideFact,
  descriptionFact,
  memberVoteFact,
  membersWithVoteFact,
  permanentFact,
  sentence,
} from "./facts.js";
import type { TextItem } from "./gather.js";
import type { MatrixFor } from "./history.js";
import { nameOne, type Telling } from "./notes.js";
import type { Fact, FocusChoice, Sentence } from "./types.js";
import { isAmended, VERB, verbOn } from "./words.js";

export interface Company {
  named: string[];
  others: number;
  order: "history" | "fallback";
  facts: Fact[];
  alongside: Alongside | null;
}

/** The members who voted as FOCUS did, at least two of them; MAX_NAMED of them named. */
export async function company(
  item: TextItem,
  focus: string,
  maxNamed: number,
  matrixFor: MatrixFor,
): Promise<Company | null> {
  const vote = item.votes.get(focus);
  if (!vote || vote === "X") return null;
  const date = item.rc.date;
  const known = [...item.votes].filter(([id, v]) => v === vote && id !== focus).map(([id]) => id);
  if (known.length < 2) return null;
  const key = vote === "Y" ? "yes" : vote === "N" ? "no" : "abstain";
  const official = item.tally[key];
  const total = official === null ? known.length : official - 1;
  const facts: Fact[] = [
    memberVoteFact(item, focus),
    membersWithVoteFact(item, vote, [focus, ...known].sort()),
  ];
  const matrix = await matrixFor(item.rc.body, focus, date);
  if (matrix && matrix.columnOf(item.rc.id) >= 0 && matrix.indexOfMember(focus) >= 0) {
    const result = alongside(matrix, item.rc.id, focus, { maxNotable: maxNamed });
    if (result.history.threshold !== null) {
      facts.push(alongsideFact(item, result, maxNamed));
      return {
        named: result.notable,
        others: total - result.notable.length,
        order: "history",
        facts,
        alongside: result,
      };
    }
  }
  const permanent = new Set(councilOn(date).permanent);
  const ordered = [
    ...byName(
      known.filter((id) => permanent.has(id)),
      date,
    ),
    ...byName(
      known.filter((id) => !permanent.has(id)),
      date,
    ),
  ];
  const named = ordered.slice(0, maxNamed);
  facts.push(permanentFact(date, [...permanent]));
  return { named, others: total - named.length, order: "fallback", facts, alongside: null };
}

/** "France voted against its own draft, alongside …": the focus member's vote and its company. */
export function companySentence(
  item: TextItem,
  focus: FocusChoice,
  found: Company | null,
  telling: Telling,
): Sentence | null {
  const vote = item.votes.get(focus.member);
  if (!vote || vote === "X") return null;
  const date = item.rc.date;
  const own = item.sponsor?.member === focus.member;
  const subject = capitalise(nameOne(telling, focus.member, date));
  const verb = own ? verbOn(vote, `its own draft${isAmended(item) ? ", as amended" : ""}`) : VERB[vote];
  if (!found) {
    return sentence(`${subject} ${verb}.`, [
      memberVoteFact(item, focus.member),
      ...(own ? [descriptionFact(item, { sponsor: focus.member })] : []),
    ]);
  }
  const list = [...found.named.map((id) => nameOne(telling, id, date))];
  if (found.others > 0) list.push(`${found.others} other ${plural(found.others, "state")}`);
  const join = vote === "N" ? ", alongside " : vote === "A" ? ", as did " : ", with ";
  if (found.order === "fallback") {
    telling.notes.push(
      `No voting history of ${inSentence(focus.member, date)} before ${date} in the store: co-voters are named with the permanent members of the Security Council first, then alphabetically (not by notability).`,
    );
  }
  return sentence(`${subject} ${verb}${list.length ? join + listAnd(list) : ""}.`, found.facts);
}

/** With history: how rarely the focus member had voted with the notable members of its company. */
export function departureSentence(
  item: TextItem,
  found: Company | null,
  focus: FocusChoice | null,
  telling: Telling,
): Sentence | null {
  if (!found?.alongside || !focus) return null;
  const date = item.rc.date;
  const rows = found.alongside.members.filter((m) => m.notable && m.agreementBefore !== null).slice(0, 3);
  if (!rows.length) return null;
  const body = item.rc.body === "GA" ? "Assembly" : "Council";
  const since = found.alongside.history.from ? ` since ${longDate(found.alongside.history.from)}` : "";
  const parts = rows.map((m, i) =>
    i === 0
      ? `as ${nameOne(telling, m.id, date)} on ${percent(m.agreementBefore!)} of the ${body} roll calls both had taken part in${since}`
      : `as ${nameOne(telling, m.id, date)} on ${percent(m.agreementBefore!)}`,
  );
  const text = `Before this vote, ${nameOne(telling, focus.member, date)} had voted the same way ${listAnd(parts)}.`;
  return sentence(text, [alongsideFact(item, found.alongside, rows.length)]);
}
