/**
 * UN member states across 1945–2026: one canonical identity per member (ISO 3166-1 alpha-3 id, or a
 * documented pseudo-code) with its names and codes over time, membership periods and successions, and a
 * resolver from anything a source writes (alpha-2, alpha-3, official, common or historical names) to it.
 *
 * The data lives in `members.json` (see its `conventions` and `sources`). Pure: no I/O; the lookup index
 * is built once at module load and resolutions are cached per distinct input.
 */
import data from "./members.json" with { type: "json" };
import { editDistance } from "../editDistance.js";
import { PlenaryError } from "../errors.js";

export type Region =
  | "African"
  | "Asia-Pacific"
  | "Eastern European"
  | "Latin American and Caribbean"
  | "Western European and Others";

export const REGIONS: readonly Region[] = [
  "African",
  "Asia-Pacific",
  "Eastern European",
  "Latin American and Caribbean",
  "Western European and Others",
];

/** `member` today; `former` ended (merged, dissolved, seat passed on); `observer` known but never voting. */
export type MemberStatus = "member" | "former" | "observer";

/**
 * `official`: a formal name; `short`: the name the member was listed under in that period (what
 * {@link nameOn} returns); `alias`: any other common form accepted when resolving.
 */
export type NameKind = "official" | "short" | "alias";

/** A name with the period it was used: `from` included, `to` excluded; absent bounds are open. */
export interface MemberName {
  name: string;
  kind: NameKind;
  from?: string;
  to?: string;
  note?: string;
}

/** A further code (ISO 3166 former codes, source codes) and the period it designates this member. */
export interface MemberCode {
  code: string;
  from?: string;
  to?: string;
  note?: string;
  /**
   * The source whose convention the code is, where that source files the member under another code
   * than its id (`undl`: the UN Digital Library writes the China seat `CHN` before 1971, when it was the
   * Republic of China's, and the Soviet Union `SUN`). Exports to that source write the code back.
   */
  source?: string;
  /** The name that source writes with the code, when it is none of the member's names of the period. */
  name?: string;
}

/** A period of membership: `from` is the first day as a Member, `to` the first day no longer one. */
export interface MembershipPeriod {
  from: string;
  to?: string;
}

export interface Member {
  /** ISO 3166-1 alpha-3 (current or withdrawn), or a documented pseudo-code (`ZAN`). */
  id: string;
  /** ISO 3166-1 alpha-2, null when the state never had one. */
  alpha2: string | null;
  /** Common English name today (or, for a former member, its usual name). */
  name: string;
  officialName: string;
  names: readonly MemberName[];
  codes: readonly MemberCode[];
  /** Empty for observers. */
  membership: readonly MembershipPeriod[];
  successors: readonly string[];
  predecessors: readonly string[];
  status: MemberStatus;
  /** UN regional group; null for an observer outside the groups (the Holy See). */
  region: Region | null;
  regionNote?: string;
  observerSince?: string;
  notes?: string;
}

export interface MemberSource {
  title: string;
  publisher: string;
  url?: string;
  symbol?: string;
}

export interface ResolveOptions {
  /**
   * ISO date: picks the member a date-dependent code or name meant that day (`YU`, `CS`, `China`, and
   * `CHN`, which the UN Digital Library writes for the Republic of China's seat before 1971-10-25).
   */
  date?: string;
}

// ---------------------------------------------------------------------------------------------------
// Loading and validating the data

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME_KINDS: readonly string[] = ["official", "short", "alias"];
const STATUSES: readonly string[] = ["member", "former", "observer"];

function dataError(message: string): PlenaryError {
  return new PlenaryError("INTERNAL", `members.json: ${message}`, {
    help: "Fix src/core/members/members.json.",
  });
}

function checkPeriod(where: string, from: string | undefined, to: string | undefined): void {
  if (from !== undefined && !ISO_DATE.test(from)) throw dataError(`${where}: bad date "${from}"`);
  if (to !== undefined && !ISO_DATE.test(to)) throw dataError(`${where}: bad date "${to}"`);
  if (from !== undefined && to !== undefined && to <= from)
    throw dataError(`${where}: ends before it starts`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

interface RawMember {
  id: string;
  alpha2: string | null;
  name: string;
  officialName: string;
  names: { name: string; kind: string; from?: string; to?: string; note?: string }[];
  codes?: MemberCode[];
  membership: MembershipPeriod[];
  successors: string[];
  predecessors: string[];
  status: string;
  region: string | null;
  regionNote?: string;
  observerSince?: string;
  notes?: string;
}

function loadMembers(raw: readonly RawMember[]): Member[] {
  const ids = new Set<string>();
  const members = raw.map((r): Member => {
    const where = r.id;
    if (!/^[A-Z]{3}$/.test(r.id)) throw dataError(`bad id "${r.id}"`);
    if (ids.has(r.id)) throw dataError(`duplicate id ${r.id}`);
    ids.add(r.id);
    if (r.alpha2 !== null && !/^[A-Z]{2}$/.test(r.alpha2)) throw dataError(`${where}: bad alpha2`);
    if (!STATUSES.includes(r.status)) throw dataError(`${where}: bad status "${r.status}"`);
    if (r.region !== null && !(REGIONS as readonly string[]).includes(r.region)) {
      throw dataError(`${where}: bad region "${r.region}"`);
    }
    for (const n of r.names) {
      if (!NAME_KINDS.includes(n.kind)) throw dataError(`${where}: bad name kind "${n.kind}"`);
      checkPeriod(`${where} name ${n.name}`, n.from, n.to);
    }
    for (const c of r.codes ?? []) {
      checkPeriod(`${where} code ${c.code}`, c.from, c.to);
      if (c.name !== undefined && c.source === undefined)
        throw dataError(`${where} code ${c.code}: a name needs a source`);
    }
    let previousEnd: string | undefined = "";
    for (const p of r.membership) {
      checkPeriod(`${where} membership`, p.from, p.to);
      if (previousEnd === undefined || p.from < previousEnd) throw dataError(`${where}: overlapping periods`);
      previousEnd = p.to;
    }
    if ((r.status === "observer") !== (r.membership.length === 0)) {
      throw dataError(`${where}: observers, and only they, have no membership`);
    }
    const last = r.membership[r.membership.length - 1];
    if (r.status === "former" && last?.to === undefined)
      throw dataError(`${where}: a former member needs an end`);
    if (r.status === "member" && last?.to !== undefined)
      throw dataError(`${where}: a member cannot have ended`);
    return {
      id: r.id,
      alpha2: r.alpha2,
      name: r.name,
      officialName: r.officialName,
      names: r.names as MemberName[],
      codes: r.codes ?? [],
      membership: r.membership,
      successors: r.successors,
      predecessors: r.predecessors,
      status: r.status as MemberStatus,
      region: r.region as Region | null,
      ...(r.regionNote !== undefined ? { regionNote: r.regionNote } : {}),
      ...(r.observerSince !== undefined ? { observerSince: r.observerSince } : {}),
      ...(r.notes !== undefined ? { notes: r.notes } : {}),
    };
  });
  for (const m of members) {
    for (const other of [...m.successors, ...m.predecessors]) {
      if (!ids.has(other)) throw dataError(`${m.id}: unknown successor or predecessor ${other}`);
    }
  }
  return deepFreeze(members);
}

const MEMBERS: readonly Member[] = Object.freeze(loadMembers(data.members as RawMember[]));
const BY_ID = new Map<string, Member>(MEMBERS.map((m) => [m.id, m]));

/** Where the member data comes from. */
export const MEMBER_SOURCES: readonly MemberSource[] = deepFreeze(data.sources as MemberSource[]);

// ---------------------------------------------------------------------------------------------------
// Dates

function checkDate(date: string, field = "date"): string {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(date)) {
    throw new PlenaryError("BAD_INPUT", `Not an ISO date: "${String(date)}".`, {
      field,
      help: "Write dates as YYYY-MM-DD, e.g. 1971-10-25.",
    });
  }
  return date.slice(0, 10);
}

function within(date: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || from <= date) && (to === undefined || date < to);
}

// ---------------------------------------------------------------------------------------------------
// Folding and the index

/**
 * Folds a name or code for matching: case, accents, apostrophes and punctuation are dropped, `&` is `and`,
 * `St.` is `Saint`, the word `the` is ignored. `CÔTE D’IVOIRE` and `Côte d'Ivoire` fold alike.
 */
export function foldName(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ");
  const out: string[] = [];
  for (const word of words) {
    if (word === "" || word === "the") continue;
    out.push(word === "st" ? "saint" : word);
  }
  return out.join(" ");
}

/**
 * One way a key designates a member. `weight` orders candidates when a key is shared: 0 the member's own
 * id, alpha-2, name or official name; 1 another current name; 2 a current alias or further code; 3 a
 * name or code no longer used.
 */
interface Candidate {
  member: Member;
  from: string | undefined;
  to: string | undefined;
  weight: number;
}

/** What a folded key resolves to: one member, or several told apart by date. */
interface Entry {
  /** The member when the key is unambiguous, else the default (lowest weight) when no date is given. */
  member: Member;
  /** Present only for ambiguous keys. */
  candidates?: Candidate[];
}

function span(member: Member): { from: string | undefined; to: string | undefined } {
  const first = member.membership[0];
  const last = member.membership[member.membership.length - 1];
  return { from: first?.from, to: last?.to };
}

function buildIndex(): { exact: Map<string, Entry>; compact: Map<string, Entry>; keys: [string, Member][] } {
  const byKey = new Map<string, Candidate[]>();
  const add = (text: string, candidate: Candidate): void => {
    const key = foldName(text);
    if (key === "") return;
    const list = byKey.get(key);
    if (list) list.push(candidate);
    else byKey.set(key, [candidate]);
  };
  for (const member of MEMBERS) {
    const whole = span(member);
    const own = { member, ...whole, weight: 0 };
    add(member.id, own);
    if (member.alpha2) add(member.alpha2, own);
    add(member.name, own);
    add(member.officialName, own);
    for (const n of member.names) {
      const ended = n.to !== undefined;
      const weight = ended ? 3 : n.kind === "alias" ? 2 : 1;
      add(n.name, { member, from: n.from ?? whole.from, to: n.to ?? whole.to, weight });
    }
    for (const c of member.codes) {
      add(c.code, { member, from: c.from ?? whole.from, to: c.to ?? whole.to, weight: c.to ? 3 : 2 });
    }
  }
  const toEntry = (list: Candidate[]): Entry => {
    const sorted = [...list].sort((a, b) => a.weight - b.weight);
    const best = sorted[0] as Candidate;
    const distinct = new Set(sorted.map((c) => c.member));
    return distinct.size === 1 ? { member: best.member } : { member: best.member, candidates: sorted };
  };
  const exact = new Map<string, Entry>();
  const compactLists = new Map<string, Candidate[]>();
  const keys: [string, Member][] = [];
  for (const [key, list] of byKey) {
    exact.set(key, toEntry(list));
    const compactKey = key.replace(/ /g, "");
    compactLists.set(compactKey, [...(compactLists.get(compactKey) ?? []), ...list]);
    for (const m of new Set(list.map((c) => c.member))) keys.push([key, m]);
  }
  const compact = new Map<string, Entry>();
  for (const [key, list] of compactLists) compact.set(key, toEntry(list));
  return { exact, compact, keys };
}

// Built on the first lookup by name, not when the module loads: the folded names of every member take
// tens of milliseconds, and many starts (a server's, `plenary vote`) look members up by code only.
let index: ReturnType<typeof buildIndex> | null = null;
const nameIndex = (): ReturnType<typeof buildIndex> => (index ??= buildIndex());

function lookupKey(text: string): Entry | undefined {
  const key = foldName(text);
  if (key === "") return undefined;
  const { exact, compact } = nameIndex();
  return exact.get(key) ?? compact.get(key.replace(/ /g, ""));
}

/** Finds the entry for raw input, trying the forms sources write: `X (Y)`, `Korea, Republic of`. */
function lookup(raw: string): Entry | null {
  const direct = lookupKey(raw);
  if (direct) return direct;
  if (raw.includes("(")) {
    const outside = raw.replace(/\([^)]*\)?/g, " ");
    const found = lookupKey(outside);
    if (found) return found;
  }
  const comma = raw.indexOf(",");
  if (comma > 0) {
    const inverted = `${raw.slice(comma + 1)} ${raw.slice(0, comma)}`;
    const found = lookupKey(inverted);
    if (found) return found;
  }
  return null;
}

const CACHE_LIMIT = 50_000;
const cache = new Map<string, Entry | null>();

function cachedLookup(raw: string): Entry | null {
  let entry = cache.get(raw);
  if (entry === undefined) {
    entry = lookup(raw);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(raw, entry);
  }
  return entry;
}

function pick(entry: Entry, date: string | undefined): Member {
  if (!entry.candidates || date === undefined) return entry.member;
  const day = checkDate(date);
  // Candidates are sorted by weight: the first whose period holds the day wins.
  for (const c of entry.candidates) if (within(day, c.from, c.to)) return c.member;
  return entry.member;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** Every member, former member and observer, in the data's order. */
export function allMembers(): readonly Member[] {
  return MEMBERS;
}

/** The member with this id (alpha-3 or pseudo-code, exact, case-insensitive). */
export function getMember(id: string): Member | undefined {
  return BY_ID.get(id.toUpperCase());
}

/** Like {@link resolveMember}, but null instead of an error. */
export function findMember(query: string, options: ResolveOptions = {}): Member | null {
  const entry = cachedLookup(query);
  return entry ? pick(entry, options.date) : null;
}

/**
 * Whether what `query` designates depends on the date: a code or name that changed hands (`YU`, `China`,
 * `CHN`). Lets a reader check a code against a name once, unless either changes meaning over time.
 */
export function dependsOnDate(query: string): boolean {
  return cachedLookup(query)?.candidates !== undefined;
}

/**
 * The member a code or name designates: alpha-2, alpha-3, official, common or historical name, in any
 * case, with or without accents and punctuation. Codes and names that changed hands (`YU`, `CS`,
 * `China`, `Yugoslavia`) follow `options.date`; without a date they mean the state that first used them.
 * Throws PlenaryError `UNKNOWN_MEMBER` with the closest matches as `suggestions`.
 */
export function resolveMember(query: string, options: ResolveOptions = {}): Member {
  const found = findMember(query, options);
  if (found) return found;
  const suggestions = suggestMembers(query).map((m) => m.name);
  throw new PlenaryError("UNKNOWN_MEMBER", `No UN member state is known as "${query}".`, {
    suggestions,
    help: suggestions.length
      ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}? Use an ISO code (USA, US) or a name.`
      : "Use an ISO 3166 code (USA, US) or a member's name; `plenary members` lists them.",
  });
}

/**
 * Members whose codes or names best match `query`, for autocomplete and error hints: exact matches,
 * then names starting with the query (shortest first), then names with a word starting with it, then
 * names within a small edit distance. Current members come before former ones and observers on ties.
 */
export function suggestMembers(query: string, limit = 5): Member[] {
  const q = foldName(query);
  if (q === "" || limit <= 0) return [];
  const qCompact = q.replace(/ /g, "");
  const maxDistance = Math.max(1, Math.min(4, Math.floor(qCompact.length / 3)));
  const best = new Map<Member, number>();
  for (const [key, member] of nameIndex().keys) {
    const compactKey = key.replace(/ /g, "");
    let score: number;
    if (key === q || compactKey === qCompact) score = 0;
    else if (key.startsWith(q) || compactKey.startsWith(qCompact)) score = 1 + key.length / 1000;
    else if (key.split(" ").some((w) => w.startsWith(q))) score = 2 + key.length / 1000;
    else {
      // Compare against the key and its beginning of the query's length (typos in a prefix).
      const d = Math.min(
        editDistance(qCompact, compactKey, maxDistance),
        editDistance(qCompact, compactKey.slice(0, qCompact.length), maxDistance) + 0.5,
      );
      if (d > maxDistance || qCompact.length < 3) continue;
      score = 3 + d;
    }
    const previous = best.get(member);
    if (previous === undefined || score < previous) best.set(member, score);
  }
  const rank = (m: Member): number => (m.status === "member" ? 0 : m.status === "former" ? 1 : 2);
  return [...best.entries()]
    .sort((a, b) => a[1] - b[1] || rank(a[0]) - rank(b[0]) || a[0].name.localeCompare(b[0].name))
    .slice(0, limit)
    .map(([m]) => m);
}

/** Whether `member` was a Member of the United Nations on `date` (observers never are). */
export function isMemberOn(member: Member, date: string): boolean {
  const day = checkDate(date);
  return member.membership.some((p) => within(day, p.from, p.to));
}

/** The Members of the United Nations (voting members of the General Assembly) on `date`. */
export function membersOn(date: string): Member[] {
  const day = checkDate(date);
  return MEMBERS.filter((m) => m.membership.some((p) => within(day, p.from, p.to)));
}

/**
 * The code (with the name written beside it, if any) under which `source` files `member` on `date`, where
 * the source's convention differs from Plenary's id (see {@link MemberCode.source}); null where the source
 * writes the id. The UN Digital Library: `SUN` for the Soviet Union, `CHN` for the China seat before 1971.
 */
export function sourceCodeOn(member: Member, source: string, date: string): MemberCode | null {
  const day = checkDate(date);
  return member.codes.find((c) => c.source === source && within(day, c.from, c.to)) ?? null;
}

/** The name the member was listed under on `date` (its `short` name then), else its name today. */
export function nameOn(member: Member, date: string): string {
  const day = checkDate(date);
  for (const n of member.names) if (n.kind === "short" && within(day, n.from, n.to)) return n.name;
  return member.name;
}
