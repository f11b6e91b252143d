/**
 * An article as the newsroom and the readers see it, read from its rows: the article, its author, tags,
 * cited votes and named members (one query each, for any number of articles).
 */
import type { Selectable } from "kysely";
import type { Kysely } from "kysely";
import type { NewsDatabase } from "./store/schema.js";
import type { NewsArticlesTable } from "./store/schema.js";
import type { Story } from "./story/index.js";

export type ArticleStatus = "draft" | "review" | "published";

export interface Tag {
  slug: string;
  name: string;
  kind: "region" | "topic";
}

export interface ArticleAuthor {
  id: number;
  name: string;
  slug: string;
}

export interface Article {
  id: number;
  slug: string;
  status: ArticleStatus;
  headline: string;
  standfirst: string;
  bodyMd: string;
  section: string;
  author: ArticleAuthor;
  createdAt: string;
  updatedAt: string;
  publishAt: string | null;
  publishedAt: string | null;
  editorsPick: boolean;
  revision: number;
  tags: Tag[];
  /** Refs of the votes it cites (`/votes/REF`). */
  votes: string[];
  members: string[];
  story: Story | null;
}

export interface ArticleInput {
  headline: string;
  standfirst: string;
  bodyMd: string;
  section: string;
  /** Comma-separated tag names. */
  tags: string;
}

/** The newsroom's own tables (news/store/tables.ts), as newsDb(store) and newsTransaction hand them. */
export type Db = Kysely<NewsDatabase>;

export async function loadArticles(db: Db, rows: Selectable<NewsArticlesTable>[]): Promise<Article[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [authors, tags, votes, members] = await Promise.all([
    db
      .selectFrom("news_users")
      .select(["id", "name", "slug"])
      .where("id", "in", [...new Set(rows.map((r) => r.author_id))])
      .execute(),
    db
      .selectFrom("news_article_tags")
      .innerJoin("news_tags", "news_tags.slug", "news_article_tags.tag_slug")
      .select([
        "news_article_tags.article_id as article_id",
        "news_tags.slug as slug",
        "news_tags.name as name",
        "news_tags.kind as kind",
      ])
      .where("news_article_tags.article_id", "in", ids)
      .orderBy("news_tags.name")
      .execute(),
    db
      .selectFrom("news_article_votes")
      .select(["article_id", "ref"])
      .where("article_id", "in", ids)
      .execute(),
    db
      .selectFrom("news_article_members")
      .select(["article_id", "member_id"])
      .where("article_id", "in", ids)
      .execute(),
  ]);
  const authorById = new Map(authors.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status as ArticleStatus,
    headline: r.headline,
    standfirst: r.standfirst,
    bodyMd: r.body_md,
    section: r.section,
    author: authorById.get(r.author_id) ?? { id: r.author_id, name: "Unknown", slug: "" },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    editorsPick: r.editors_pick === 1,
    revision: r.revision,
    tags: tags
      .filter((t) => t.article_id === r.id)
      .map((t) => ({ slug: t.slug, name: t.name, kind: t.kind as Tag["kind"] })),
    votes: votes.filter((v) => v.article_id === r.id).map((v) => v.ref),
    members: members.filter((m) => m.article_id === r.id).map((m) => m.member_id),
    story: r.story_json ? (JSON.parse(r.story_json) as Story) : null,
  }));
}
