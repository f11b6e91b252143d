/** The drafter the record names, after the lede: "The draft, S/2025/123, was tabled by …". */
import { descriptionFact, recordFact, sentence } from "./facts.js";
import type { TextItem } from "./gather.js";
import { nameOne, type Telling } from "./notes.js";
import type { Sentence } from "./types.js";

export function sponsorSentence(item: TextItem, telling: Telling): Sentence | null {
  if (!item.sponsor) return null;
  const draft = item.rc.draftSymbol ? `The draft, ${item.rc.draftSymbol},` : "The draft";
  return sentence(`${draft} was tabled by ${nameOne(telling, item.sponsor.member, item.rc.date)}.`, [
    descriptionFact(item, { sponsor: item.sponsor.member, phrase: item.sponsor.phrase }),
    recordFact(item, ["draftSymbol"]),
  ]);
}
