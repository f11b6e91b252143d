/** Careful English for generated stories: member names in running text, lists, numbers, dates, quotes. */
import { getMember, nameOn } from "../../core/members/index.js";

/** Names that take "the" in running text (news style: "the United States", but "Russia", "Sudan"). */
const WITH_ARTICLE = new Set([
  "United States",
  "United Kingdom",
  "United Arab Emirates",
  "Central African Republic",
  "Dominican Republic",
  "Czech Republic",
  "Netherlands",
  "Philippines",
  "Gambia",
  "Bahamas",
  "Comoros",
  "Maldives",
  "Seychelles",
  "Marshall Islands",
  "Solomon Islands",
  "Holy See",
  "Soviet Union",
]);

/** The name a member was listed under that day ("Russia", "United States", "North Korea"). */
export function memberName(id: string, date: string): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
}

/** A member's name inside a sentence: "the United States", "Russia". */
export function inSentence(id: string, date: string): string {
  const name = memberName(id, date);
  return WITH_ARTICLE.has(name) ? `the ${name}` : name;
}

export { possessive } from "../../core/english.js";

/** Members in running text, ordered as given. */
export function memberList(ids: readonly string[], date: string): string {
  return listAnd(ids.map((id) => inSentence(id, date)));
}

/** Members sorted by English name. */
export function byName(ids: readonly string[], date: string): string[] {
  return [...ids].sort((a, b) => memberName(a, date).localeCompare(memberName(b, date), "en"));
}

export function listAnd(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** First letter lower case unless the first word is an acronym or a name ("Motion by …" → "motion by …"). */
export function lowerFirst(text: string): string {
  const first = text.split(/\s/)[0] ?? "";
  if (first.length > 1 && first === first.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** Counts of things (not tallies) as words up to ten: "three European amendments". */
export function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

export { longDate, monthYear } from "../../core/dates.js";

/** Typographic quotes around a title. */
export function quoted(title: string): string {
  return `\u201c${title}\u201d`;
}

/** "by 93 votes to 18, with 65 abstentions" — figures always as digits, as the record gives them. */
export function tallyPhrase(yes: number, no: number, abstain: number | null): string {
  const main = `by ${yes} ${plural(yes, "vote")} to ${no}`;
  if (abstain === null) return main;
  if (abstain === 0) return `${main}, with no abstentions`;
  return `${main}, with ${abstain} ${plural(abstain, "abstention")}`;
}

/** Whole years between two ISO dates (b after a). */
export function yearsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split("-").map(Number) as [number, number, number];
  const [by, bm, bd] = b.split("-").map(Number) as [number, number, number];
  let years = by - ay;
  if (bm < am || (bm === am && bd < ad)) years--;
  return years;
}

/** Percent with no decimals: 0.2137 → "21%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
