/**
 * What a story keeps besides its sentences: the members it names (Story.members) and the notes for the
 * editor (Story.notes, in the order they were written). Every paragraph names members through here.
 */
import { inSentence, memberList } from "./english.js";
import type { FocusChoice } from "./types.js";

export interface Telling {
  readonly members: Set<string>;
  readonly notes: string[];
}

export function newTelling(): Telling {
  return { members: new Set(), notes: [] };
}

/** A member's name in a sentence, recorded as named. */
export function nameOne(telling: Telling, id: string, date: string): string {
  telling.members.add(id);
  return inSentence(id, date);
}

/** A list of members' names in a sentence, each recorded as named. */
export function nameAll(telling: Telling, ids: readonly string[], date: string): string {
  ids.forEach((id) => telling.members.add(id));
  return memberList(ids, date);
}

/** The choice of focus, said to the editor: the reader named it, or the score and its reasons. */
export function focusNote(focus: FocusChoice, date: string): string {
  const who = inSentence(focus.member, date);
  if (focus.how === "given") return `The story follows ${who}, as asked (--focus).`;
  return `The story follows ${who}, chosen by score (${focus.score}: ${focus.reasons.join("; ")}); name another member with --focus.`;
}
