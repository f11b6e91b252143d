/**
 * What the vote page adds to the roll call view: members by vote filtered by region or bloc, the map's
 * input, "voted alongside" a member, and related votes — the same session and issue, and the votes
 * whose member-by-member pattern is most alike (Cohen's kappa between the two roll calls' votes over the
 * members that voted Y, N or A on both — at least 60% of those voting on this one, and at least
 * MIN_SHARED_MEMBERS).
 */
import { alongside as alongsideOf, type Alongside } from "../../analysis/alongside.js";
import { blocMembersOn, listBlocs } from "../../analysis/blocs.js";
import type { VoteMatrix } from "../../analysis/matrix.js";
import { PlenaryError } from "../../core/errors.js";
import { getMember, nameOn, REGIONS, resolveMember, type Region } from "../../core/members/index.js";
import type { MemberVote } from "../../core/vote.js";
import { electorate, type MemberVoteView, type RollCallView } from "../../data/rollCallView.js";
import type { MapInput } from "../map/worldMap.js";
import { MIN_SHARED_MEMBERS } from "../../analysis/minimums.js";
import type { Catalog, CatalogEntry } from "./catalog.js";

export interface VoteFilters {
  region: Region | null;
  bloc: string | null;
}

export interface VoteGroup {
  vote: MemberVote;
  members: MemberVoteView[];
  /** Members with this vote before filtering. */
  total: number;
}

export interface AlongsideView {
  member: { id: string; name: string };
  result: Alongside;
  names: Map<string, string>;
}

export interface SimilarVote {
  entry: CatalogEntry;
  kappa: number;
  agreement: number;
  both: number;
}

export interface VoteExtras {
  filters: VoteFilters;
  groups: VoteGroup[];
  map: MapInput;
  alongside: AlongsideView | null;
  sameSession: CatalogEntry[];
  similar: SimilarVote[];
  /** Why `similar` is empty because the record holds too few votes (minimums.ts); null otherwise. */
  similarNote: string | null;
}

const ORDER: MemberVote[] = ["Y", "N", "A", "X"];

/** Reads ?region= and ?bloc= (unknown values are BAD_INPUT). */
export function readFilters(query: Record<string, unknown>): VoteFilters {
  const region = typeof query.region === "string" && query.region ? query.region : null;
  const bloc = typeof query.bloc === "string" && query.bloc ? query.bloc.toUpperCase() : null;
  if (region && !(REGIONS as readonly string[]).includes(region)) {
    throw new PlenaryError("BAD_INPUT", `Unknown region "${region}".`, {
      field: "region",
      help: `Regions are the UN regional groups: ${REGIONS.join(", ")}.`,
    });
  }
  if (bloc && !listBlocs().some((b) => b.id === bloc)) {
    throw new PlenaryError("BAD_INPUT", `Unknown bloc "${bloc}".`, {
      field: "bloc",
      help: `Known blocs: ${listBlocs()
        .map((b) => b.id)
        .join(", ")}.`,
    });
  }
  return { region: region as Region | null, bloc };
}

export function groupMembers(view: RollCallView, filters: VoteFilters): VoteGroup[] {
  const inBloc = filters.bloc ? new Set(blocMembersOn(filters.bloc, view.date)) : null;
  const keep = (m: MemberVoteView) =>
    (!filters.region || getMember(m.member)?.region === filters.region) && (!inBloc || inBloc.has(m.member));
  return ORDER.map((vote) => {
    const all = view.votes.filter((v) => v.vote === vote);
    return { vote, members: all.filter(keep), total: all.length };
  }).filter((g) => g.total > 0);
}

export function mapInput(view: RollCallView): MapInput {
  let voters: string[];
  try {
    voters = electorate(view.body, view.date);
  } catch {
    voters = view.votes.map((v) => v.member);
  }
  return {
    body: view.body,
    date: view.date,
    electorate: voters,
    votes: new Map(view.votes.map((v) => [v.member, v.vote])),
  };
}

export function alongsideView(matrix: VoteMatrix, view: RollCallView, query: string): AlongsideView {
  const member = resolveMember(query, { date: view.date });
  if (matrix.indexOfMember(member.id) < 0 || matrix.columnOf(view.id) < 0) {
    throw new PlenaryError("BAD_INPUT", `${member.name} has no recorded vote on this roll call.`, {
      field: "alongside",
      help: "Choose a member that voted on it.",
    });
  }
  const result = alongsideOf(matrix, view.id, member.id);
  const names = new Map<string, string>();
  for (const m of result.members) {
    const known = getMember(m.id);
    names.set(m.id, known ? nameOn(known, view.date) : m.id);
  }
  return { member: { id: member.id, name: nameOn(member, view.date) }, result, names };
}

/** Roll calls of the same session sharing an issue (or, without issues, the same session), nearest in date. */
export function sameSession(catalog: Catalog, id: number, limit = 8): CatalogEntry[] {
  const self = catalog.get(id);
  if (!self || self.session === null) return [];
  const family = new Set([self.id, self.parentId ?? -1, ...catalog.children(self.id).map((c) => c.id)]);
  const candidates = catalog.entries.filter(
    (e) =>
      e.session === self.session &&
      e.body === self.body &&
      !family.has(e.id) &&
      e.parentId !== self.id &&
      (self.issues.length === 0 || e.issues.some((i) => self.issues.includes(i))),
  );
  const distance = (e: CatalogEntry) => Math.abs(Date.parse(e.date) - Date.parse(self.date));
  return candidates.sort((a, b) => distance(a) - distance(b) || b.id - a.id).slice(0, limit);
}

/** Members that voted Y, N or A on a roll call, as the matrix holds them. */
function castVotes(matrix: VoteMatrix, id: number): number {
  const c = matrix.columnOf(id);
  if (c < 0) return 0;
  let n = 0;
  for (let m = 0; m < matrix.members.length; m++) if (matrix.voteAt(m, c) !== "X") n++;
  return n;
}

/**
 * Why no vote is ranked by its voting pattern: too few members' votes known (minimums.ts), in words; null
 * when the ranking is made.
 */
export function similarRefusal(matrix: VoteMatrix, id: number): string | null {
  const cast = castVotes(matrix, id);
  if (cast >= MIN_SHARED_MEMBERS) return null;
  return `Not ranked: ${cast} members' votes are known, and a voting pattern is compared over at least ${MIN_SHARED_MEMBERS} members voting on both.`;
}

/**
 * Votes with the most similar member-by-member pattern in the same body: Cohen's kappa over the members
 * that voted Y, N or A on both (at least MIN_SHARED_MEMBERS, minimums.ts; so never in the Council).
 */
export function similarVotes(matrix: VoteMatrix, catalog: Catalog, id: number, limit = 8): SimilarVote[] {
  const c = matrix.columnOf(id);
  const self = catalog.get(id);
  if (c < 0 || !self) return [];
  const minBoth = MIN_SHARED_MEMBERS;
  const n = matrix.members.length;
  const own = new Int8Array(n);
  const rows: number[] = [];
  for (let m = 0; m < n; m++) {
    const v = matrix.voteAt(m, c);
    own[m] = v === "Y" ? 1 : v === "N" ? 2 : v === "A" ? 3 : 0;
    if (own[m]) rows.push(m);
  }
  if (rows.length < minBoth) return [];
  // Compared over most of the same members: a 1946 vote of 50 members says little about a 2019 one.
  const overlap = Math.max(minBoth, Math.ceil(rows.length * 0.6));
  const family = new Set([id, self.parentId ?? -1, ...catalog.children(id).map((e) => e.id)]);
  const scored: SimilarVote[] = [];
  const rollCalls = matrix.rollCalls;
  for (let k = 0; k < rollCalls.length; k++) {
    const rc = rollCalls[k]!;
    if (k === c || rc.body !== self.body || family.has(rc.id)) continue;
    let both = 0;
    let same = 0;
    const a = [0, 0, 0, 0];
    const b = [0, 0, 0, 0];
    for (const m of rows) {
      const v = matrix.voteAt(m, k);
      const code = v === "Y" ? 1 : v === "N" ? 2 : v === "A" ? 3 : 0;
      if (!code) continue;
      both++;
      a[own[m]!]!++;
      b[code]!++;
      if (code === own[m]) same++;
    }
    if (both < overlap) continue;
    const expected = (a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!) / (both * both);
    if (expected >= 1) continue;
    const agreement = same / both;
    const kappa = (agreement - expected) / (1 - expected);
    const entry = catalog.get(rc.id);
    if (entry && entry.parentId !== id) scored.push({ entry, kappa, agreement, both });
  }
  return scored
    .sort((x, y) => y.kappa - x.kappa || (x.entry.date < y.entry.date ? 1 : -1))
    .filter((s) => s.kappa > 0)
    .slice(0, limit);
}
