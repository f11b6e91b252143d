/**
 * The rules engine's one door to the members module: lookups by id, Assembly membership on a day, and
 * the names sentences use.
 */
import { getMember, isMemberOn, membersOn, nameOn, type Member } from "../members/index.js";

/** The member with this alpha-3 id, or null when Plenary knows none. */
export function lookupMember(id: string): Member | null {
  return getMember(id) ?? null;
}

/** Whether `member` belonged to the United Nations on `date`. */
export function memberOn(member: Member, date: string): boolean {
  return isMemberOn(member, date);
}

/** How many members the United Nations had on `date`. */
export function membershipOn(date: string): number {
  return membersOn(date).length;
}

/** The member's name on `date` for sentences ("United States", "Soviet Union"), or the id when unknown. */
export function memberName(id: string, date: string): string {
  const member = lookupMember(id);
  return member ? nameOn(member, date) : id;
}
