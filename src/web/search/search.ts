/**
 * Search over roll calls: full text (symbols, titles, agendas, subjects) through the store's index
 * (FTS5 on SQLite, tsvector on PostgreSQL — see src/data/store/search), then filters, facet counts, sorting and
 * paging over the in-memory catalog of the current data version. A member-vote filter ("USA voted N")
 * reads the vote matrix. Each facet counts the results of every other filter, so a reader sees how many
 * results choosing that value would give.
 */
import { PlenaryError } from "../../core/errors.js";
import { getMember, nameOn, resolveMember } from "../../core/members/index.js";
import type { Body, RecordedOutcome, RollCallKind } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import { queryTerms, type Store } from "../../data/store/index.js";
import type { CatalogEntry } from "../pageData/catalog.js";
import type { Snapshot } from "../pageData/site.js";

export type SearchSort = "relevance" | "newest" | "oldest" | "closest" | "divisive";
export const SEARCH_SORTS: readonly SearchSort[] = ["relevance", "newest", "oldest", "closest", "divisive"];
export const OUTCOMES = ["adopted", "rejected", "vetoed", "unknown"] as const;
export type OutcomeFilter = (typeof OUTCOMES)[number];
export const KINDS: readonly RollCallKind[] = ["resolution", "draft", "amendment", "paragraph", "motion"];

export interface SearchParams {
  q?: string;
  body?: Body;
  session?: string;
  /** ISO dates (or years), inclusive. */
  from?: string;
  to?: string;
  outcome?: OutcomeFilter;
  kind?: RollCallKind;
  issue?: string;
  /** Any code or name; resolved to an alpha-3 id. */
  member?: string;
  /** With `member`: only roll calls where the member cast this vote. */
  vote?: Exclude<MemberVote, "X">;
  sort?: SearchSort;
  page?: number;
  perPage?: number;
}

export interface SearchHit {
  entry: CatalogEntry;
  /** The member's vote when a member is chosen (X: did not vote or not known). */
  memberVote: MemberVote | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResults {
  params: SearchParams & { sort: SearchSort; page: number; perPage: number };
  /** The resolved member, when one was given. */
  member: { id: string; name: string } | null;
  total: number;
  pages: number;
  hits: SearchHit[];
  facets: {
    body: FacetValue[];
    outcome: FacetValue[];
    kind: FacetValue[];
    decade: FacetValue[];
    session: FacetValue[];
    issue: FacetValue[];
    vote: FacetValue[];
  };
  /** Words the text query matched on, for highlighting. */
  terms: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function badInput(field: string, message: string, help: string): PlenaryError {
  return new PlenaryError("BAD_INPUT", message, { field, help });
}

/** Checks and normalises search parameters (BAD_INPUT on a malformed one). */
export function normaliseParams(raw: Record<string, unknown>): SearchResults["params"] {
  const text = (key: string): string | undefined => {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first === null) return undefined;
    const s = String(first).trim();
    return s === "" ? undefined : s.slice(0, 200);
  };
  const params: SearchResults["params"] = { sort: "newest", page: 1, perPage: 50 };
  const q = text("q");
  if (q) params.q = q;
  const body = text("body")?.toUpperCase();
  if (body) {
    if (body !== "GA" && body !== "SC") throw badInput("body", `Unknown body "${body}".`, "Use GA or SC.");
    params.body = body;
  }
  const session = text("session");
  if (session) params.session = session.toUpperCase();
  for (const key of ["from", "to"] as const) {
    const value = text(key);
    if (!value) continue;
    const date = /^\d{4}$/.test(value) ? (key === "from" ? `${value}-01-01` : `${value}-12-31`) : value;
    if (!ISO_DATE.test(date))
      throw badInput(key, `"${value}" is not a date.`, "Write dates as YYYY-MM-DD or a year.");
    params[key] = date;
  }
  const outcome = text("outcome")?.toLowerCase();
  if (outcome) {
    if (!(OUTCOMES as readonly string[]).includes(outcome)) {
      throw badInput("outcome", `Unknown outcome "${outcome}".`, `Use one of ${OUTCOMES.join(", ")}.`);
    }
    params.outcome = outcome as OutcomeFilter;
  }
  const kind = text("kind")?.toLowerCase();
  if (kind) {
    if (!(KINDS as readonly string[]).includes(kind)) {
      throw badInput("kind", `Unknown kind "${kind}".`, `Use one of ${KINDS.join(", ")}.`);
    }
    params.kind = kind as RollCallKind;
  }
  const issue = text("issue")?.toLowerCase();
  if (issue) params.issue = issue;
  const member = text("member");
  if (member) params.member = member;
  const vote = text("vote")?.toUpperCase();
  if (vote) {
    if (vote !== "Y" && vote !== "N" && vote !== "A") {
      throw badInput("vote", `Unknown vote "${vote}".`, "Use Y (in favour), N (against) or A (abstaining).");
    }
    params.vote = vote;
  }
  const sort = text("sort")?.toLowerCase();
  if (sort) {
    if (!(SEARCH_SORTS as readonly string[]).includes(sort)) {
      throw badInput("sort", `Unknown sort "${sort}".`, `Use one of ${SEARCH_SORTS.join(", ")}.`);
    }
    params.sort = sort as SearchSort;
  } else if (params.q) {
    params.sort = "relevance";
  }
  const page = Number(text("page") ?? "1");
  params.page = Number.isInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1;
  const perPage = Number(text("perPage") ?? "50");
  params.perPage = Number.isInteger(perPage) && perPage >= 1 ? Math.min(perPage, 200) : 50;
  return params;
}

type FacetKey = "body" | "outcome" | "kind" | "decade" | "session" | "issue" | "vote";

const OUTCOME_LABELS: Record<string, string> = {
  adopted: "Adopted",
  rejected: "Rejected",
  vetoed: "Vetoed",
  unknown: "Not known",
};
const VOTE_FACET_LABELS: Record<string, string> = { Y: "In favour", N: "Against", A: "Abstaining" };

/** Runs a search on the snapshot's catalog (and the store's text index when there is a query). */
export async function searchRollCalls(
  store: Store,
  snapshot: Snapshot,
  params: SearchResults["params"],
): Promise<SearchResults> {
  const matches = params.q ? await store.textMatches(params.q) : null;
  const memberInfo = params.member ? resolveMember(params.member) : null;
  const member = memberInfo ? { id: memberInfo.id, name: memberInfo.name } : null;
  if (params.vote && !member) {
    throw badInput(
      "vote",
      "A vote filter needs a member.",
      "Add member=USA (any code or name) to filter by its vote.",
    );
  }
  const matrix = snapshot.matrix;
  const row = member ? matrix.indexOfMember(member.id) : -1;
  const voteOf = (entry: CatalogEntry): MemberVote => {
    if (row < 0) return "X";
    const c = matrix.columnOf(entry.id);
    return c < 0 ? "X" : matrix.voteAt(row, c);
  };
  const from = params.from;
  const to = params.to;
  const tests: Record<FacetKey | "text" | "dates", (e: CatalogEntry) => boolean> = {
    text: (e) => !matches || matches.has(e.id),
    dates: (e) => (!from || e.date >= from) && (!to || e.date <= to),
    body: (e) => !params.body || e.body === params.body,
    outcome: (e) => !params.outcome || (e.outcome ?? "unknown") === params.outcome,
    kind: (e) => !params.kind || e.kind === params.kind,
    decade: () => true,
    session: (e) => !params.session || e.session === params.session,
    issue: (e) => !params.issue || e.issues.includes(params.issue),
    vote: (e) => !params.vote || voteOf(e) === params.vote,
  };
  const keys = Object.keys(tests) as (keyof typeof tests)[];
  const counts: Record<FacetKey, Map<string, number>> = {
    body: new Map(),
    outcome: new Map(),
    kind: new Map(),
    decade: new Map(),
    session: new Map(),
    issue: new Map(),
    vote: new Map(),
  };
  const bump = (facet: FacetKey, value: string) =>
    counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1);
  const kept: CatalogEntry[] = [];
  for (const e of snapshot.catalog.entries) {
    // Which filters fail: a result counts in a facet when every other filter passes.
    let failed: string | null = null;
    let failures = 0;
    for (const key of keys) {
      if (!tests[key](e)) {
        failures++;
        failed = key;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    const countFor = (facet: FacetKey) => failures === 0 || failed === facet;
    if (countFor("body")) bump("body", e.body);
    if (countFor("outcome")) bump("outcome", e.outcome ?? "unknown");
    if (countFor("kind")) bump("kind", e.kind);
    if (countFor("decade")) bump("decade", `${e.date.slice(0, 3)}0s`);
    if (countFor("session") && e.session) bump("session", e.session);
    if (countFor("issue")) for (const i of e.issues) bump("issue", i);
    if (member && countFor("vote")) {
      const v = voteOf(e);
      if (v !== "X") bump("vote", v);
    }
    if (failures === 0) kept.push(e);
  }
  sortEntries(kept, params.sort, matches);
  const total = kept.length;
  const pages = Math.max(1, Math.ceil(total / params.perPage));
  const start = (params.page - 1) * params.perPage;
  const hits = kept.slice(start, start + params.perPage).map((entry) => ({
    entry,
    memberVote: member ? voteOf(entry) : null,
  }));
  const facet = (
    key: FacetKey,
    label: (v: string) => string,
    order?: (a: FacetValue, b: FacetValue) => number,
  ) =>
    [...counts[key].entries()]
      .map(([value, count]) => ({ value, label: label(value), count }))
      .sort(order ?? ((a, b) => b.count - a.count || a.value.localeCompare(b.value)));
  return {
    params,
    member: member ? { id: member.id, name: memberName(member.id) } : null,
    total,
    pages,
    hits,
    facets: {
      body: facet("body", (v) => (v === "GA" ? "General Assembly" : "Security Council")),
      outcome: facet("outcome", (v) => OUTCOME_LABELS[v] ?? v),
      kind: facet("kind", (v) => v),
      decade: facet(
        "decade",
        (v) => v,
        (a, b) => b.value.localeCompare(a.value),
      ),
      session: facet("session", (v) => v).slice(0, 30),
      issue: facet("issue", (v) => v),
      vote: facet("vote", (v) => VOTE_FACET_LABELS[v] ?? v),
    },
    terms: params.q ? queryTerms(params.q).flat() : [],
  };
}

function memberName(id: string): string {
  const m = getMember(id);
  return m ? nameOn(m, "2100-01-01") : id;
}

function sortEntries(entries: CatalogEntry[], sort: SearchSort, matches: Map<number, number> | null): void {
  const newest = (a: CatalogEntry, b: CatalogEntry) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : b.sequence - a.sequence || b.id - a.id;
  const nullLast = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
  switch (sort) {
    case "relevance":
      if (matches) {
        entries.sort((a, b) => matches.get(a.id)! - matches.get(b.id)!);
        return;
      }
      entries.sort(newest);
      return;
    case "newest":
      entries.sort(newest);
      return;
    case "oldest":
      entries.sort((a, b) => newest(b, a));
      return;
    case "closest":
      entries.sort(
        (a, b) =>
          nullLast(a.margin === null ? null : Math.abs(a.margin)) -
            nullLast(b.margin === null ? null : Math.abs(b.margin)) || newest(a, b),
      );
      return;
    case "divisive":
      entries.sort((a, b) => (b.divisiveness ?? -1) - (a.divisiveness ?? -1) || newest(a, b));
      return;
  }
}

/** Outcome labels for pages. */
export function outcomeLabel(outcome: RecordedOutcome | "unknown" | null): string {
  return OUTCOME_LABELS[outcome ?? "unknown"] ?? String(outcome);
}
