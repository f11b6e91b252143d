/** A member state as users see it (CLI `member --json`, API, member pages). */
import { resolveMember, type Member } from "../core/members/index.js";

export interface MemberView {
  id: string;
  alpha2: string | null;
  name: string;
  officialName: string;
  status: Member["status"];
  region: Member["region"];
  membership: { from: string; to: string | null }[];
  names: { name: string; kind: string; from: string | null; to: string | null }[];
  predecessors: string[];
  successors: string[];
  notes: string | null;
}

export function memberView(member: Member): MemberView {
  return {
    id: member.id,
    alpha2: member.alpha2,
    name: member.name,
    officialName: member.officialName,
    status: member.status,
    region: member.region,
    membership: member.membership.map((p) => ({ from: p.from, to: p.to ?? null })),
    names: member.names.map((n) => ({ name: n.name, kind: n.kind, from: n.from ?? null, to: n.to ?? null })),
    predecessors: [...member.predecessors],
    successors: [...member.successors],
    notes: member.notes ?? null,
  };
}

/** Resolves any code or name (UNKNOWN_MEMBER with suggestions otherwise) and describes the member. */
export function describeMember(query: string, date?: string): MemberView {
  return memberView(resolveMember(query, date ? { date } : {}));
}
