/** A bloc member voting alone against its bloc (see blocBreaks.ts for when a bloc is judged). */
import { byName, capitalise, countWord } from "./english.js";
import { blocFact, memberVoteFact, sentence } from "./facts.js";
import { blocBreaks } from "./blocBreaks.js";
import type { TextItem } from "./gather.js";
import { nameAll, nameOne, type Telling } from "./notes.js";
import type { Sentence } from "./types.js";
import { VERB } from "./words.js";

const BLOC_WORDS: Record<string, string> = { EU: "European Union", AU: "African Union" };

export function blocSentences(item: TextItem, telling: Telling): Sentence[] {
  const date = item.rc.date;
  const out: Sentence[] = [];
  for (const b of blocBreaks(item)) {
    if (b.breakers.length !== 1) continue;
    const breaker = b.breakers[0]!;
    const where = item.rc.body === "SC" ? "on the Council" : "in the Assembly";
    const blocName = BLOC_WORDS[b.bloc] ?? b.bloc;
    const rest = byName(b.majority, date);
    // A complete record has just listed everybody's vote: the others need not be named again.
    const others = rest.length === 1 ? "the other" : `the other ${countWord(rest.length)}`;
    const named = item.rc.complete ? others : `${others}, ${nameAll(telling, rest, date)},`;
    const text = `${capitalise(nameOne(telling, breaker, date))} was the only ${blocName} member ${where} that ${VERB[item.votes.get(breaker)!]}; ${named} ${VERB[b.plurality]}.`;
    out.push(
      sentence(text, [blocFact(b.bloc, date, b.members), ...b.known.map((id) => memberVoteFact(item, id))]),
    );
  }
  return out;
}
