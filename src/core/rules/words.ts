/** Small helpers for the sentences the engine writes. */
import { memberName } from "./memberLookup.js";

const WITH_ARTICLE =
  /^(United |Soviet Union|Russian Federation|Republic of|Democratic |Netherlands|Philippines|Gambia|Bahamas|Central African|Czech Republic|Dominican Republic|Comoros|Marshall Islands|Solomon Islands|Maldives|Seychelles|Holy See|Union of|Byelorussian|Ukrainian Soviet|Federal Republic|German Democratic|Lao |Syrian|Islamic Republic|Kingdom of|Sudan$|Niger$)/;

/** A member's name as a sentence uses it: "the United States", "China". */
export function nameInSentence(id: string, date: string): string {
  const name = memberName(id, date);
  return WITH_ARTICLE.test(name) ? `the ${name}` : name;
}

/** "China's", "the United States'" (one helper for the CLI, the pages and the stories: core/english.ts). */
export { possessive } from "../english.js";

/** "France", "France and the United Kingdom", "China, France and the United Kingdom". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export function names(ids: readonly string[], date: string): string {
  return listWords(ids.map((id) => nameInSentence(id, date)));
}

/** "1 vote", "2 votes". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** 0.8378… → "83.8%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Capitalises the first letter: sentences may start with "the United States". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
