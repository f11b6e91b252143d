/**
 * What readers see: published articles that are due (a scheduled one stays hidden until its time), by
 * section, tag, author or editor's pick; the tags in use; related articles.
 */
import type { Store } from "../data/store/index.js";
import { newsDb } from "./store/tables.js";
import { loadArticles, type Article, type Tag } from "./articleModel.js";

export interface PublishedFilter {
  section?: string;
  tag?: string;
  authorId?: number;
  picks?: boolean;
  limit?: number;
  offset?: number;
}

function publishedQuery(store: Store, filter: PublishedFilter, now: Date) {
  let q = newsDb(store)
    .selectFrom("news_articles")
    .where("status", "=", "published")
    .where("publish_at", "<=", now.toISOString());
  if (filter.section) q = q.where("section", "=", filter.section);
  if (filter.authorId !== undefined) q = q.where("author_id", "=", filter.authorId);
  if (filter.picks) q = q.where("editors_pick", "=", 1);
  if (filter.tag) {
    const tag = filter.tag;
    q = q.where("id", "in", (eb) =>
      eb.selectFrom("news_article_tags").select("article_id").where("tag_slug", "=", tag),
    );
  }
  return q;
}

/** What readers see, newest first (scheduled articles excluded until due). */
export async function listPublished(
  store: Store,
  filter: PublishedFilter = {},
  now = new Date(),
): Promise<Article[]> {
  const q = publishedQuery(store, filter, now).selectAll();
  const ordered = filter.picks ? q.orderBy("picked_at", "desc") : q;
  const rows = await ordered
    .orderBy("publish_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 20)
    .offset(filter.offset ?? 0)
    .execute();
  return loadArticles(newsDb(store), rows);
}

export async function countPublished(
  store: Store,
  filter: PublishedFilter = {},
  now = new Date(),
): Promise<number> {
  const row = await publishedQuery(store, filter, now)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A tag readers may see: one with at least one published, due article. A tag used only by drafts or
 * scheduled articles is unknown to readers (its name would tell what is being written).
 */
export async function getTag(store: Store, slug: string, now = new Date()): Promise<Tag | null> {
  const row = await newsDb(store)
    .selectFrom("news_tags")
    .selectAll()
    .where("slug", "=", slug)
    .where((eb) =>
      eb.exists(
        publishedQuery(store, {}, now)
          .select("id")
          .where(
            "id",
            "in",
            eb.selectFrom("news_article_tags").select("article_id").where("tag_slug", "=", slug),
          ),
      ),
    )
    .executeTakeFirst();
  return row ? { slug: row.slug, name: row.name, kind: row.kind as Tag["kind"] } : null;
}

/** Tags with published articles, most used first. */
export async function popularTags(
  store: Store,
  limit = 20,
  now = new Date(),
): Promise<(Tag & { count: number })[]> {
  const rows = await newsDb(store)
    .selectFrom("news_article_tags")
    .innerJoin("news_tags", "news_tags.slug", "news_article_tags.tag_slug")
    .innerJoin("news_articles", "news_articles.id", "news_article_tags.article_id")
    .select(["news_tags.slug as slug", "news_tags.name as name", "news_tags.kind as kind"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("news_articles.status", "=", "published")
    .where("news_articles.publish_at", "<=", now.toISOString())
    .groupBy(["news_tags.slug", "news_tags.name", "news_tags.kind"])
    .orderBy("n", "desc")
    .orderBy("news_tags.name")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, kind: r.kind as Tag["kind"], count: Number(r.n) }));
}

/**
 * "You may also like": published articles sharing the most with this one — 3 points per vote both
 * cite, 2 per shared tag, 1 per member both name — then the newest. Articles sharing nothing are not
 * offered.
 */
export async function relatedArticles(
  store: Store,
  article: Article,
  limit = 3,
  now = new Date(),
): Promise<Article[]> {
  const scores = new Map<number, number>();
  const add = (rows: { article_id: number }[], points: number) => {
    for (const r of rows)
      if (r.article_id !== article.id) scores.set(r.article_id, (scores.get(r.article_id) ?? 0) + points);
  };
  if (article.votes.length) {
    add(
      await newsDb(store)
        .selectFrom("news_article_votes")
        .select("article_id")
        .where("ref", "in", article.votes)
        .execute(),
      3,
    );
  }
  if (article.tags.length) {
    add(
      await newsDb(store)
        .selectFrom("news_article_tags")
        .select("article_id")
        .where(
          "tag_slug",
          "in",
          article.tags.map((t) => t.slug),
        )
        .execute(),
      2,
    );
  }
  if (article.members.length) {
    add(
      await newsDb(store)
        .selectFrom("news_article_members")
        .select("article_id")
        .where("member_id", "in", article.members)
        .execute(),
      1,
    );
  }
  if (!scores.size) return [];
  const candidates = await listPublishedByIds(store, [...scores.keys()], now);
  return candidates
    .sort(
      (a, b) =>
        scores.get(b.id)! - scores.get(a.id)! ||
        (b.publishAt ?? "").localeCompare(a.publishAt ?? "") ||
        b.id - a.id,
    )
    .slice(0, limit);
}

async function listPublishedByIds(store: Store, ids: number[], now: Date): Promise<Article[]> {
  const rows = await newsDb(store)
    .selectFrom("news_articles")
    .selectAll()
    .where("id", "in", ids)
    .where("status", "=", "published")
    .where("publish_at", "<=", now.toISOString())
    .execute();
  return loadArticles(newsDb(store), rows);
}

/** A published article as a vote page lists it. */
export interface VoteStory {
  id: number;
  slug: string;
  headline: string;
  standfirst: string;
  /** When readers first saw it (ISO). */
  publishedAt: string;
  /** Its last edit (ISO): a vote page lists it as it now reads. */
  updatedAt: string;
}

/** A published article's row as a vote page lists it (storiesAboutVote, voteStories.ts). */
export function voteStoryOf(r: {
  id: number;
  slug: string;
  headline: string;
  standfirst: string;
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
}): VoteStory {
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    standfirst: r.standfirst,
    publishedAt: r.published_at ?? r.publish_at!,
    updatedAt: r.updated_at,
  };
}

/**
 * The published, due articles that cite a roll call — by its id (a citation the newsroom resolved) or
 * by one of the refs it is cited by (its symbol, draft symbol, `rc-ID`) — newest first.
 */
export async function storiesAboutVote(
  store: Store,
  vote: { id: number; refs: readonly string[] },
  limit = 20,
  now = new Date(),
): Promise<VoteStory[]> {
  const refs = [...new Set(vote.refs)];
  const rows = await publishedQuery(store, {}, now)
    .select(["id", "slug", "headline", "standfirst", "publish_at", "published_at", "updated_at"])
    .where("id", "in", (eb) =>
      eb
        .selectFrom("news_article_votes")
        .select("article_id")
        .where((w) =>
          refs.length
            ? w.or([w("roll_call_id", "=", vote.id), w("ref", "in", refs)])
            : w("roll_call_id", "=", vote.id),
        ),
    )
    .orderBy("publish_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(voteStoryOf);
}
