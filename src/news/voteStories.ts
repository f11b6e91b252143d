/**
 * The stories each vote page lists, kept in memory: every published article (scheduled ones too) with
 * the votes it cites, read once per articles' version (articlesVersion.ts) and looked up per request by
 * the vote's id and refs. Any write to an article, through any instance sharing the store, moves the
 * version: a server reads it at most every second or so, and at once after a write of its own, and then
 * the articles again if it has moved. Scheduled
 * articles are kept with their time and left out until it has come, so one coming due needs no write.
 * Same answer as `storiesAboutVote` (published.ts), which asks the store each time.
 */
import type { Store } from "../data/store/index.js";
import { articlesVersion } from "./articlesVersion.js";
import { voteStoryOf, type VoteStory } from "./published.js";
import { newsDb } from "./store/tables.js";

interface KeptStory {
  story: VoteStory;
  /** When readers may see it (ISO; later than now: scheduled). */
  publishAt: string;
}

interface StoriesIndex {
  byRollCall: Map<number, KeptStory[]>;
  byRef: Map<string, KeptStory[]>;
}

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
      story = { story: voteStoryOf(r), publishAt: r.publish_at! };
      stories.set(r.id, story);
    }
    if (r.roll_call_id !== null) add(index.byRollCall, r.roll_call_id, story);
    add(index.byRef, r.ref, story);
  }
  return index;
}

/** Writes to articles through this process, per store: the next lookup reads the version at once. */
const localWrites = new WeakMap<Store, number>();

/**
 * Tells the lookups of this process that an article of `store` was written (call after the write has
 * committed): the next one reads the version at once instead of waiting for its periodic check.
 */
export function articlesWritten(store: Store): void {
  localWrites.set(store, (localWrites.get(store) ?? 0) + 1);
}

/**
 * The stories of each vote for a server: the index of the store's current articles' version. The
 * version is read at most every `recheckMs` (as the data version is: site.ts), and at once after a write
 * through this process; another instance's write is seen within `recheckMs`.
 */
export class VoteStories {
  private version = -1;
  private index: Promise<StoriesIndex> | null = null;
  private checkedAt = 0;
  private writesSeen = -1;
  /** The check under way (the lookups meanwhile wait for it), for the writes known when it began. */
  private checking: { writes: number; done: Promise<StoriesIndex> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly recheckMs = 1000,
  ) {}

  private current(): Promise<StoriesIndex> {
    const writes = localWrites.get(this.store) ?? 0;
    if (this.index && writes === this.writesSeen && Date.now() - this.checkedAt < this.recheckMs)
      return this.index;
    if (this.checking?.writes !== writes) {
      // After the check under way, if any: it may have read the version before the latest write.
      const before = this.checking?.done.catch(() => undefined) ?? Promise.resolve();
      const done = before.then(() => this.check(writes));
      const checking = { writes, done };
      this.checking = checking;
      const settle = () => {
        if (this.checking === checking) this.checking = null;
      };
      done.then(settle, settle);
    }
    return this.checking!.done;
  }

  private async check(writes: number): Promise<StoriesIndex> {
    const startedAt = Date.now();
    const version = await articlesVersion(this.store);
    if (!this.index || version !== this.version) {
      // The version is read before the articles: a write committed in between makes the index newer
      // than its version says, and it is read again at the next check — never older.
      const index = loadIndex(this.store);
      this.version = version;
      this.index = index;
      index.catch(() => {
        if (this.index === index) this.index = null;
      });
    }
    const index = this.index;
    this.checkedAt = startedAt;
    this.writesSeen = writes;
    return index;
  }

  /**
   * The published, due articles that cite a roll call — by its id (a citation the newsroom resolved) or by
   * one of the refs it is cited by (its symbol, draft symbol, `rc-ID`) — newest first.
   */
  async citing(
    vote: { id: number; refs: readonly string[] },
    limit = 20,
    now = new Date(),
  ): Promise<VoteStory[]> {
    const index = await this.current();
    const due = now.toISOString();
    const found = new Set<KeptStory>(index.byRollCall.get(vote.id));
    for (const ref of vote.refs) for (const story of index.byRef.get(ref) ?? []) found.add(story);
    return [...found]
      .filter((s) => s.publishAt <= due)
      .sort((a, b) =>
        a.publishAt === b.publishAt ? b.story.id - a.story.id : a.publishAt < b.publishAt ? 1 : -1,
      )
      .slice(0, limit)
      .map((kept) => kept.story);
  }
}
