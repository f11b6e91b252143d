/**
 * The watch feeds: what changed in the record for one query, as a list of entries (the formats are
 * formats.ts, the routes routes/feeds.ts). Computed from a snapshot (vote matrix and catalog) and the
 * store's import times, once per data version:
 *
 * - a member's newest votes;
 * - a pair's turns: roll calls where they split or joined against their recent pattern (analysis/watch.ts);
 * - a bloc's splits: roll calls where its voting members were not unanimous (analysis/blocs.ts);
 * - the Security Council's vetoes.
 *
 * Each entry is a roll call: `published` is its date, `updated` the time the import that last wrote it
 * ran (`roll_calls.updated_at`), never before the vote's day. Newest first, at most FEED_LIMIT.
 */
import { getMember, nameOn } from "../../core/members/index.js";
import { BODY_NAMES } from "../../core/rollCall.js";
import { VOTE_LABELS } from "../../core/vote.js";
import { blocSplits, getBloc } from "../../analysis/blocs.js";
import { latestVotes, pairTurns, PAIR_TURN_DEFAULTS } from "../../analysis/watch.js";
import type { Store } from "../../data/store/index.js";
import type { CatalogEntry } from "../pageData/catalog.js";
import type { Snapshot } from "../pageData/site.js";
import { tallyText } from "../pages/lists.js";

export const FEED_LIMIT = 50;

export interface WatchEntry {
  rollCallId: number;
  ref: string;
  title: string;
  summary: string;
  /** The vote's date (ISO date). */
  date: string;
  /** ISO date-time. */
  published: string;
  updated: string;
}

export interface WatchFeed {
  title: string;
  subtitle: string;
  /** The page the feed watches (its HTML alternate). */
  pagePath: string;
  /** The feed's path without its extension (`/members/USA/feed`). */
  feedPath: string;
  /** The newest entry's `updated` (1970-01-01 when there is no entry). */
  updated: string;
  entries: WatchEntry[];
}

type Draft = Omit<WatchEntry, "published" | "updated">;

/** A feed before its times are read from the store. */
export type FeedDraft = Omit<WatchFeed, "updated" | "entries"> & { drafts: Draft[] };

function nameOf(id: string, date: string): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
}

/** "Adopted, 120–9–40 (yes–no–abstain)": the outcome and tally of a roll call. */
function resultText(e: CatalogEntry): string {
  const outcome = e.outcome ? e.outcome[0]!.toUpperCase() + e.outcome.slice(1) : "Outcome not known";
  const tally = tallyText(e.tally);
  return tally === "not known"
    ? `${outcome}; the tally is not known.`
    : `${outcome}, ${tally} (yes–no–abstain).`;
}

function where(e: CatalogEntry): string {
  return `${BODY_NAMES[e.body]}${e.session ? `, session ${e.session}` : ""}, ${e.date}`;
}

function heading(e: CatalogEntry): string {
  return e.symbol ? `${e.symbol} (${e.title})` : e.title;
}

/** A member's newest votes. */
export function memberFeed(snapshot: Snapshot, memberId: string): FeedDraft {
  const name = getMember(memberId)?.name ?? memberId;
  const drafts: Draft[] = [];
  for (const { rollCallId, vote } of latestVotes(snapshot.matrix, memberId, FEED_LIMIT)) {
    const e = snapshot.catalog.get(rollCallId);
    if (!e) continue;
    drafts.push({
      rollCallId,
      ref: e.ref,
      date: e.date,
      title: `${nameOf(memberId, e.date)}: ${VOTE_LABELS[vote].toLowerCase()} — ${heading(e)}`,
      summary: `${where(e)}: ${nameOf(memberId, e.date)} voted ${VOTE_LABELS[vote].toLowerCase()} on ${heading(e)}. ${resultText(e)}`,
    });
  }
  return {
    title: `${name}: new votes · Plenary`,
    subtitle: `The newest recorded votes of ${name} in the United Nations General Assembly and Security Council.`,
    pagePath: `/members/${memberId}`,
    feedPath: `/members/${memberId}/feed`,
    drafts,
  };
}

/** A pair's votes against their recent pattern (see analysis/watch.ts for the definition). */
export function compareFeed(snapshot: Snapshot, a: string, b: string): FeedDraft {
  const nameA = getMember(a)?.name ?? a;
  const nameB = getMember(b)?.name ?? b;
  const drafts: Draft[] = [];
  for (const turn of pairTurns(snapshot.matrix, a, b, { limit: FEED_LIMIT })) {
    const e = snapshot.catalog.get(turn.rollCallId);
    if (!e) continue;
    const na = nameOf(a, e.date);
    const nb = nameOf(b, e.date);
    const share = Math.round(turn.recentAgreement * 100);
    drafts.push({
      rollCallId: turn.rollCallId,
      ref: e.ref,
      date: e.date,
      title: `${na} and ${nb} ${turn.kind === "split" ? "split" : "voted alike"} — ${heading(e)}`,
      summary:
        `${where(e)}: ${na} voted ${VOTE_LABELS[turn.a].toLowerCase()}, ${nb} ${VOTE_LABELS[turn.b].toLowerCase()}, on ${heading(e)}. ` +
        `Over their previous ${turn.window} votes together in the ${BODY_NAMES[turn.body]} they voted alike ${turn.identical} times (${share}%). ${resultText(e)}`,
    });
  }
  return {
    title: `${nameA} and ${nameB}: votes against their pattern · Plenary`,
    subtitle:
      `Roll calls where ${nameA} and ${nameB} split although they had voted alike on at least ${PAIR_TURN_DEFAULTS.high * 100}% ` +
      `of their previous ${PAIR_TURN_DEFAULTS.window} votes together in that body, or voted alike although they had on at most ${PAIR_TURN_DEFAULTS.low * 100}%.`,
    pagePath: `/compare/${a}/${b}`,
    feedPath: `/compare/${a}/${b}/feed`,
    drafts,
  };
}

const CAST_WORDS = { Y: "yes", N: "no", A: "abstained" } as const;

/** A bloc's newest splits. */
export function blocFeed(snapshot: Snapshot, blocId: string): FeedDraft {
  const bloc = getBloc(blocId);
  const drafts: Draft[] = [];
  for (const split of blocSplits(snapshot.matrix, bloc, {}, FEED_LIMIT)) {
    const e = snapshot.catalog.get(split.rollCallId);
    if (!e) continue;
    const shown = split.minority.slice(0, 12).map((m) => `${nameOf(m.id, e.date)} (${CAST_WORDS[m.vote]})`);
    const more = split.minority.length - shown.length;
    const minority = split.plurality
      ? `Against the bloc's plurality (${CAST_WORDS[split.plurality]}): ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`
      : `No single vote led.`;
    drafts.push({
      rollCallId: split.rollCallId,
      ref: e.ref,
      date: e.date,
      title: `${bloc.id} split ${split.yes}–${split.no}–${split.abstain} — ${heading(e)}`,
      summary:
        `${where(e)}: the ${bloc.name} members voted ${split.yes} yes, ${split.no} no, ${split.abstain} abstaining ` +
        `(Agreement Index ${split.agreementIndex.toFixed(2)}) on ${heading(e)}. ${minority} ${resultText(e)}`,
    });
  }
  return {
    title: `${bloc.name}: splits · Plenary`,
    subtitle: `Roll calls where the members of ${bloc.name} (members on the day) did not all vote alike.`,
    pagePath: `/blocs/${bloc.id}`,
    feedPath: `/blocs/${bloc.id}/feed`,
    drafts,
  };
}

/** The Security Council's vetoes, newest first. */
export function vetoFeed(snapshot: Snapshot): FeedDraft {
  const drafts: Draft[] = [];
  for (const e of snapshot.catalog.newestFirst) {
    if (e.body !== "SC" || e.outcome !== "vetoed") continue;
    const by = e.vetoedBy.map((id) => nameOf(id, e.date));
    const who = by.length ? by.join(" and ") : "a permanent member (not named in the record)";
    drafts.push({
      rollCallId: e.id,
      ref: e.ref,
      date: e.date,
      title: `Vetoed by ${who} — ${heading(e)}`,
      summary: `${where(e)}: ${heading(e)} was vetoed by ${who}. ${resultText(e)}`,
    });
    if (drafts.length >= FEED_LIMIT) break;
  }
  return {
    title: "Security Council vetoes · Plenary",
    subtitle: "Drafts the Security Council did not adopt because a permanent member voted against.",
    pagePath: "/council",
    feedPath: "/council/vetoes/feed",
    drafts,
  };
}

/** The vote's day at midnight UTC (a date known to the month: its first day). */
function dayStart(date: string): string {
  return `${date.length === 7 ? `${date}-01` : date.slice(0, 10)}T00:00:00.000Z`;
}

/** The feed with each entry's times: the vote's day, and when an import last wrote the roll call. */
export async function withTimes(store: Store, feed: FeedDraft): Promise<WatchFeed> {
  const times = await store.updatedAt(feed.drafts.map((d) => d.rollCallId));
  const seen = new Set<string>();
  const entries: WatchEntry[] = [];
  for (const d of feed.drafts) {
    // The permalink is the entry's id: one entry per vote page.
    if (seen.has(d.ref)) continue;
    seen.add(d.ref);
    const published = dayStart(d.date);
    const imported = times.get(d.rollCallId);
    const updated = imported && imported > published ? new Date(imported).toISOString() : published;
    entries.push({ ...d, published, updated });
  }
  const newest = entries.reduce<string | null>(
    (max, e) => (max === null || e.updated > max ? e.updated : max),
    null,
  );
  return {
    title: feed.title,
    subtitle: feed.subtitle,
    pagePath: feed.pagePath,
    feedPath: feed.feedPath,
    entries,
    updated: newest ?? new Date(0).toISOString(),
  };
}
