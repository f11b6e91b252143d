/** An article's revisions: one for every save, never rewritten (a restore is a new revision). */
import type { Store } from "../data/store/index.js";
import { newsDb } from "./store/tables.js";
import type { ArticleInput, Db } from "./articleModel.js";

export async function addRevision(
  db: Db,
  articleId: number,
  number: number,
  input: ArticleInput,
  status: string,
  userId: number,
  note: string | null,
  at: string,
): Promise<void> {
  await db
    .insertInto("news_revisions")
    .values({
      article_id: articleId,
      number,
      headline: input.headline,
      standfirst: input.standfirst,
      body_md: input.bodyMd,
      section: input.section,
      tags: input.tags,
      status,
      user_id: userId,
      note,
      created_at: at,
    })
    .execute();
}

export interface Revision {
  number: number;
  headline: string;
  standfirst: string;
  bodyMd: string;
  section: string;
  tags: string;
  status: string;
  user: string;
  note: string | null;
  createdAt: string;
}

export async function listRevisions(store: Store, articleId: number): Promise<Revision[]> {
  const rows = await newsDb(store)
    .selectFrom("news_revisions")
    .innerJoin("news_users", "news_users.id", "news_revisions.user_id")
    .selectAll("news_revisions")
    .select("news_users.name as user_name")
    .where("article_id", "=", articleId)
    .orderBy("number", "desc")
    .execute();
  return rows.map((r) => ({
    number: r.number,
    headline: r.headline,
    standfirst: r.standfirst,
    bodyMd: r.body_md,
    section: r.section,
    tags: r.tags,
    status: r.status,
    user: r.user_name,
    note: r.note,
    createdAt: r.created_at,
  }));
}
