/**
 * The lede of a text's paragraph: what the body did with it (adopted, vetoed, rejected or unknown), when
 * and by what tally — or why no tally is stated, which the editor's notes repeat.
 */
import { describeDispute } from "../../data/rollCallView.js";
import { dateNote } from "../../data/approximations.js";
import { capitalise, plural, quoted, tallyPhrase } from "./english.js";
import { decisionFact, linkTo, recordFact, sentence, undecidedFact } from "./facts.js";
import type { TextItem } from "./gather.js";
import { nameAll, type Telling } from "./notes.js";
import type { Fact, Sentence } from "./types.js";
import { bodyWord, isAmended, knownTally, onDate, shortSymbol } from "./words.js";

/** INDEX: the text's place in the story; BODY_INDEX: its place among the same body's texts. */
export function outcomeSentence(
  item: TextItem,
  index: number,
  bodyIndex: number,
  telling: Telling,
): Sentence {
  const rc = item.rc;
  const first = bodyIndex === 0;
  // The Council's sentences are passive ("… was adopted"): they start with where, not who.
  const place = first ? "At the Security Council, " : "Also at the Council, ";
  const subject = rc.body === "GA" ? (first ? "The General Assembly" : "The Assembly also") : "";
  const amended = isAmended(item);
  const tally = knownTally(item);
  const facts: Fact[] = [recordFact(item, ["symbol", "title", "date", "tally", "outcome"])];
  const symbol = shortSymbol(item);
  const titled = /^Resolution \d+/.test(rc.title) ? symbol : `${symbol}, ${quoted(rc.title)},`;
  const when = index === 0 ? ` ${onDate(item)}` : "";
  const how = tally ? ` ${tallyPhrase(tally.yes, tally.no, tally.abstain)}` : "";
  const unknown = missingTally(item, telling);
  let text: string;
  if (item.outcome === "adopted") {
    const what = rc.kind === "resolution" ? "resolution" : "the draft";
    text =
      rc.body === "GA"
        ? `${subject} adopted ${what} ${titled}${when}${amended ? ", as amended," : ""}${how}${unknown}.`
        : `${place}${what} ${titled} was adopted${when}${amended ? " as amended" : ""}${how}${unknown}.`;
  } else if (item.outcome === "vetoed") {
    const vetoers = item.decision?.vetoedBy ?? [];
    const by = vetoers.length ? `: ${nameAll(telling, vetoers, rc.date)} voted against it` : "";
    const support = tally ? `, although it received ${tally.yes} ${plural(tally.yes, "vote")} in favour` : "";
    text = `${place}the draft ${titled} was vetoed${when}${by}${support}${unknown}.`;
    if (vetoers.length) facts.push(decisionFact(item, item.decision!));
  } else if (item.outcome === "rejected") {
    text =
      rc.body === "GA"
        ? `${subject.replace(" also", "")} rejected the draft ${titled}${when}${how}${unknown}.`
        : `${place}the draft ${titled} failed${when}${how}${unknown}.`;
  } else {
    text = `${capitalise(bodyWord(rc.body, first))} voted on ${titled}${when}${how}; the outcome is unknown.`;
    if (item.undecided) {
      facts.push(undecidedFact(item, item.undecided));
      telling.notes.push(`The outcome of ${symbol} is unknown: ${item.undecided.reason}`);
    }
  }
  return sentence(capitalise(text.replace(/,\./, ".").replace(/,,/g, ",")), facts, [linkTo(item)]);
}

/** The clause said in place of a tally the record lacks or contradicts ("" when it has one), with its notes. */
function missingTally(item: TextItem, telling: Telling): string {
  const symbol = shortSymbol(item);
  const tally = knownTally(item);
  const disputed = item.tallyDispute;
  if (disputed) telling.notes.push(`${symbol}: ${describeDispute(disputed)} The story states no tally.`);
  else if (!tally) telling.notes.push(`The tally of ${symbol} is not in the record.`);
  const approximate = dateNote(item.rc.date, item.datePrecision);
  if (approximate) telling.notes.push(`${symbol}: ${approximate}`);
  if (tally) return "";
  return disputed
    ? `; the UN's record of the vote gives contradictory tallies (${disputed.claims.map((c) => `${c.from} ${c.value}`).join(", ")})`
    : "; the tally is not in the record";
}
