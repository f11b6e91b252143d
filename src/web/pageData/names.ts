/** Member names for pages and JSON: the name a member had on a date, or today's. */
import {
  allMembers,
  getMember,
  nameOn,
  resolveMember,
  suggestMembers,
  type Member,
} from "../../core/members/index.js";
import type { Alignment } from "../../analysis/measures.js";

export const TODAY = "2100-01-01";

export function nameOf(id: string, date: string = TODAY): string {
  const member = getMember(id);
  if (!member) return id;
  try {
    return nameOn(member, date);
  } catch {
    return member.name;
  }
}

export interface MemberRef {
  id: string;
  name: string;
}

export function memberRef(id: string, date?: string): MemberRef {
  return { id, name: nameOf(id, date) };
}

/** Resolves a list of member queries (codes or names; comma-separated or repeated), skipping duplicates. */
export function resolveMembers(values: unknown, limit = 8): Member[] {
  const list = (Array.isArray(values) ? values : values === undefined || values === null ? [] : [values])
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const out: Member[] = [];
  for (const query of list) {
    const member = resolveMember(query);
    if (!out.some((m) => m.id === member.id)) out.push(member);
    if (out.length >= limit) break;
  }
  return out;
}

/** An alignment with the other member's name (JSON-friendly). */
export interface PartnerView {
  member: MemberRef;
  both: number;
  agreement: number | null;
  coincidence: number | null;
  kappa: number | null;
}

export function partnerView(alignment: Alignment): PartnerView {
  return {
    member: memberRef(alignment.b),
    both: alignment.both,
    agreement: alignment.agreement,
    coincidence: alignment.coincidence,
    kappa: alignment.kappa,
  };
}

function foldForPrefix(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Suggestions while typing a member: codes and names (any period's, and aliases) that start with what
 * was typed, then names with a word that does, current members first; then the resolver's close
 * matches (typos). Unlike name resolution, a partial word is never expanded ("st" stays "st").
 */
export function autocompleteMembers(query: string, limit = 8): Member[] {
  const q = foldForPrefix(query);
  if (!q) return [];
  const scored = new Map<Member, number>();
  const rank = (m: Member) => (m.status === "member" ? 0 : m.status === "former" ? 0.5 : 0.8);
  for (const member of allMembers()) {
    let best = Number.POSITIVE_INFINITY;
    const codes = [member.id, member.alpha2 ?? "", ...member.codes.map((c) => c.code)].map(foldForPrefix);
    if (codes.includes(q)) best = 0;
    for (const name of [member.name, member.officialName, ...member.names.map((n) => n.name)]) {
      const folded = foldForPrefix(name);
      if (folded.startsWith(q)) best = Math.min(best, 1 + folded.length / 1000);
      else if (folded.split(" ").some((w) => w.startsWith(q)) || folded.includes(` ${q}`)) {
        best = Math.min(best, 2 + folded.length / 1000);
      }
    }
    if (best < Number.POSITIVE_INFINITY) scored.set(member, best + rank(member));
  }
  const found = [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].name.localeCompare(b[0].name, "en"))
    .map(([m]) => m);
  for (const m of suggestMembers(query, limit)) if (!found.includes(m)) found.push(m);
  return found.slice(0, limit);
}
