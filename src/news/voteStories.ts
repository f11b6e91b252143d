/**
 * The stories each vote page lists, kept in memory: every published article (scheduled ones too) with
 * the votes it cites, read once per articles' version (articlesVersion.ts) and looked up per request by
 * the vote's id and refs. A request reads only the version (one row); any write to an article, through
 * any instance sharing the store, moves it and the next request reads the articles again. Scheduled
 * articles are kept with their time and left out until it has come, so one coming due needs no write.
 * Same answer as `storiesAboutVote` (published.ts), which asks the store each time.
 */
import type { Store } from "../data/store/index.js";
import { articlesVersion } from "./articlesVersion.js";
import type { VoteStory } from "./published.js";
import { newsDb } from "./store/tables.js";

interface KeptStory extends VoteStory {
  /** When readers may see it (ISO; later than now: scheduled). */
  publishAt: string;
}

interface StoriesIndex {
  byRollCall: Map<number, KeptStory[]>;
  byRef: Map<string, KeptStory[]>;
}

interface Kept {
  version: number;
  index: Promise<StoriesIndex>;
}

const kept = new WeakMap<Store, Kept>();

function add<K>(map: Map<K, KeptStory[]>, key: K, story: KeptStory): void {
  const list = map.get(key);
  if (!list) map.set(key, [story]);
  else if (!list.includes(story)) list.push(story);
}

async function loadIndex(store: Store): Promise<StoriesIndex> {
  const rows = await newsDb(store)
    .selectFrom("news_article_votes")
    .innerJoin("news_articles", "news_articles.id", "news_article_votes.article_id")
    .select([
      "news_articles.id as id",
      "news_articles.slug as slug",
      "news_articles.headline as headline",
      "news_articles.standfirst as standfirst",
      "news_articles.publish_at as publish_at",
      "news_articles.published_at as published_at",
      "news_articles.updated_at as updated_at",
      "news_article_votes.ref as ref",
      "news_article_votes.roll_call_id as roll_call_id",
    ])
    .where("news_articles.status", "=", "published")
    .where("news_articles.publish_at", "is not", null)
    .execute();
  const stories = new Map<number, KeptStory>();
  const index: StoriesIndex = { byRollCall: new Map(), byRef: new Map() };
  for (const r of rows) {
    let story = stories.get(r.id);
    if (!story) {
      story = {
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        standfirst: r.standfirst,
        publishedAt: r.published_at ?? r.publish_at!,
        updatedAt: r.updated_at,
        publishAt: r.publish_at!,
      };
      stories.set(r.id, story);
    }
    if (r.roll_call_id !== null) add(index.byRollCall, r.roll_call_id, story);
    add(index.byRef, r.ref, story);
  }
  return index;
}

/** The index of the store's current articles' version (read again when the version has moved). */
async function currentIndex(store: Store): Promise<StoriesIndex> {
  const version = await articlesVersion(store);
  const current = kept.get(store);
  if (current && current.version === version) return current.index;
  // The version is read before the articles: a write committed in between makes the index newer than
  // its version says, and the next request reads it again — never older.
  const index = loadIndex(store);
  const entry = { version, index };
  kept.set(store, entry);
  index.catch(() => {
    if (kept.get(store) === entry) kept.delete(store);
  });
  return index;
}

/**
 * The published, due articles that cite a roll call — by its id (a citation the newsroom resolved) or by
 * one of the refs it is cited by (its symbol, draft symbol, `rc-ID`) — newest first.
 */
export async function storiesCitingVote(
  store: Store,
  vote: { id: number; refs: readonly string[] },
  limit = 20,
  now = new Date(),
): Promise<VoteStory[]> {
  const index = await currentIndex(store);
  const due = now.toISOString();
  const found = new Set<KeptStory>(index.byRollCall.get(vote.id));
  for (const ref of vote.refs) for (const story of index.byRef.get(ref) ?? []) found.add(story);
  return [...found]
    .filter((s) => s.publishAt <= due)
    .sort((a, b) => (a.publishAt === b.publishAt ? b.id - a.id : a.publishAt < b.publishAt ? 1 : -1))
    .slice(0, limit)
    .map(({ id, slug, headline, standfirst, publishedAt, updatedAt }) => ({
      id,
      slug,
      headline,
      standfirst,
      publishedAt,
      updatedAt,
    }));
}
