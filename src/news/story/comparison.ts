/** The latest earlier vote on a linked text, saying the link (comparisonLinks.ts), and how the tally moved. */
import { linkWords } from "../comparisonLinks.js";
import { capitalise, countWord, listAnd, quoted, tallyPhrase, yearsBetween } from "./english.js";
import { linkFact, linkTo, recordFact, sentence } from "./facts.js";
import type { TextItem } from "./gather.js";
import type { Sentence } from "./types.js";
import { knownTally, onDate, shortSymbol } from "./words.js";

export function comparisonSentence(item: TextItem): Sentence | null {
  const earlier = item.earlier;
  if (!earlier) return null;
  const now = knownTally(item);
  const then = knownTally(earlier);
  if (!now || !then) return null;
  const years = yearsBetween(earlier.rc.date, item.rc.date);
  const lead =
    years >= 1
      ? `${capitalise(years === 1 ? "a year" : `${countWord(years)} years`)} earlier, ${onDate(earlier)}`
      : capitalise(onDate(earlier));
  const where = item.rc.body === "GA" ? "the Assembly" : "the Council";
  const verb =
    earlier.outcome === "rejected"
      ? "rejected"
      : earlier.outcome === "vetoed"
        ? "saw vetoed"
        : earlier.outcome === "adopted"
          ? "adopted"
          : "voted on";
  const changes: string[] = [];
  const diff = (a: number, b: number, what: string) => {
    if (a === b) return;
    changes.push(`${Math.abs(a - b)} ${a > b ? "more" : "fewer"} ${what}`);
  };
  diff(now.yes, then.yes, "voted in favour");
  diff(now.no, then.no, "against");
  if (now.abstain !== null && then.abstain !== null) diff(now.abstain, then.abstain, "abstained");
  const change = changes.length ? `: this time ${listAnd(changes)}` : ": the same tally";
  const text = `${lead}, ${where} ${verb} ${shortSymbol(earlier)}, ${quoted(earlier.rc.title)}, ${linkWords(earlier.link).clause}, ${tallyPhrase(then.yes, then.no, then.abstain)}${change}.`;
  return sentence(
    text,
    [
      recordFact(earlier, ["symbol", "title", "date", "tally", "outcome"]),
      recordFact(item, ["tally"]),
      linkFact(item, earlier),
    ],
    [linkTo(earlier)],
  );
}
