/**
 * Articles: drafts (often generated from the record), review, publication (now or scheduled), editor's
 * picks, sections and tags, the votes and members an article cites, and a revision for every save.
 * (About 500 lines: the workflow's writes — create, save, review, publish, schedule — stay together so
 * the permission checks sit beside the writes they guard; reads are in published.ts, revisions in
 * revisions.ts.)
 *
 * Workflow: draft → review → published. Authors write and edit their own drafts and send them for
 * review; they cannot publish, unpublish, schedule or pick. Editors and admins can do everything. A
 * published article whose `publish_at` lies in the future is scheduled: readers see nothing of it (page,
 * lists, feeds, sitemap) until then.
 *
 * The article's shape and how it is read from its rows: articleModel.ts; what readers see (published
 * lists, tags, related articles): published.ts; the revision history: revisions.ts. Re-exported here.
 */
import type { Selectable } from "kysely";
import { PlenaryError } from "../core/errors.js";
import { getMember } from "../core/members/index.js";
import type { RecordReads, Store } from "../data/store/index.js";
import { newsDb, newsTransaction } from "./store/tables.js";
import { canPublish, slugify, type NewsUser } from "./accounts.js";
import type { NewsArticlesTable } from "./store/schema.js";
import { standfirstText, storyBodyMarkdown, type Story } from "./story/index.js";
import {
  loadArticles,
  type Article,
  type ArticleInput,
  type ArticleStatus,
  type Db,
  type Tag,
} from "./articleModel.js";
import { addRevision, listRevisions } from "./revisions.js";
import { bumpArticlesVersion } from "./articlesVersion.js";
import { articlesWritten } from "./voteStories.js";

export { listRevisions, type Revision } from "./revisions.js";

export type { Article, ArticleAuthor, ArticleInput, ArticleStatus, Tag } from "./articleModel.js";
export {
  countPublished,
  getTag,
  listPublished,
  popularTags,
  relatedArticles,
  storiesAboutVote,
  type PublishedFilter,
  type VoteStory,
} from "./published.js";

export interface Section {
  slug: string;
  name: string;
  description: string;
}

export const SECTIONS: readonly Section[] = [
  {
    slug: "general-assembly",
    name: "General Assembly",
    description: "Votes of the 193 members of the General Assembly.",
  },
  {
    slug: "security-council",
    name: "Security Council",
    description: "Votes of the fifteen members of the Security Council.",
  },
  { slug: "analysis", name: "Analysis", description: "Who votes with whom, and how that changes." },
];

export function getSection(slug: string): Section | undefined {
  return SECTIONS.find((s) => s.slug === slug);
}

/** Region tags: the UN regional groups, as readers name them. */
export const REGION_TAG_NAMES = [
  "Africa",
  "Asia-Pacific",
  "Eastern Europe",
  "Latin America and the Caribbean",
  "Western Europe and Others",
];

export const LIMITS = { headline: 200, standfirst: 600, body: 100_000, tags: 20 };

export function articlePath(article: Pick<Article, "slug">): string {
  return `/news/articles/${encodeURIComponent(article.slug)}`;
}

/** Published and due: what readers may see at `now` (instants compared, not strings). */
export function isVisible(article: Pick<Article, "status" | "publishAt">, now = new Date()): boolean {
  return article.status === "published" && article.publishAt !== null && isDue(article.publishAt, now);
}

/** Whether the instant `iso` has come by `now`; an unreadable date never has. */
export function isDue(iso: string, now = new Date()): boolean {
  const at = Date.parse(iso);
  return !Number.isNaN(at) && at <= now.getTime();
}

/** The latest publication time accepted: stored times keep the fixed-width `YYYY-…Z` form. */
const LATEST_PUBLISH_AT = Date.parse("9999-12-31T23:59:59.999Z");

function checkInput(input: ArticleInput): ArticleInput {
  const headline = input.headline.trim();
  const standfirst = input.standfirst.trim();
  if (!headline || headline.length > LIMITS.headline) {
    throw new PlenaryError("BAD_INPUT", `The headline needs 1 to ${LIMITS.headline} characters.`, {
      field: "headline",
    });
  }
  if (standfirst.length > LIMITS.standfirst) {
    throw new PlenaryError("BAD_INPUT", `The standfirst may have at most ${LIMITS.standfirst} characters.`, {
      field: "standfirst",
    });
  }
  if (input.bodyMd.length > LIMITS.body) {
    throw new PlenaryError("BAD_INPUT", `The body may have at most ${LIMITS.body} characters.`, {
      field: "body",
    });
  }
  if (!getSection(input.section)) {
    throw new PlenaryError("BAD_INPUT", `Unknown section ${JSON.stringify(input.section)}`, {
      field: "section",
      suggestions: SECTIONS.map((s) => s.slug),
    });
  }
  const tags = parseTags(input.tags);
  if (tags.length > LIMITS.tags)
    throw new PlenaryError("BAD_INPUT", `At most ${LIMITS.tags} tags.`, { field: "tags" });
  return {
    headline,
    standfirst,
    bodyMd: input.bodyMd.replace(/\r\n/g, "\n"),
    section: input.section,
    tags: tags.map((t) => t.name).join(", "),
  };
}

/** "Ukraine, Eastern Europe" → tags; a region name makes a region tag, anything else a topic. */
export function parseTags(text: string): Tag[] {
  const seen = new Map<string, Tag>();
  for (const raw of text.split(",")) {
    const name = raw.trim().replace(/\s+/g, " ").slice(0, 60);
    if (!name) continue;
    const slug = slugify(name, 60);
    if (!seen.has(slug))
      seen.set(slug, { slug, name, kind: REGION_TAG_NAMES.includes(name) ? "region" : "topic" });
  }
  return [...seen.values()];
}

async function setTags(db: Db, articleId: number, tags: Tag[]): Promise<void> {
  await db.deleteFrom("news_article_tags").where("article_id", "=", articleId).execute();
  for (const tag of tags) {
    await db
      .insertInto("news_tags")
      .values({ slug: tag.slug, name: tag.name, kind: tag.kind })
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
    await db.insertInto("news_article_tags").values({ article_id: articleId, tag_slug: tag.slug }).execute();
  }
}

/** Markdown links to vote pages in a body: `/votes/REF`. */
export function citedRefs(markdown: string): string[] {
  const refs = new Set<string>();
  for (const match of markdown.matchAll(/\]\(\/votes\/([^)\s]+)\)/g)) {
    try {
      refs.add(decodeURIComponent(match[1]!));
    } catch {
      // not a link Plenary wrote
    }
  }
  return [...refs];
}

async function setCitations(
  db: Db,
  record: RecordReads,
  articleId: number,
  refs: string[],
  members: string[] | null,
): Promise<void> {
  await db.deleteFrom("news_article_votes").where("article_id", "=", articleId).execute();
  for (const ref of refs) {
    const byId = /^rc-(\d+)$/.exec(ref);
    let rollCallId: number | null = byId ? Number(byId[1]) : null;
    if (rollCallId === null) {
      rollCallId = await record.rollCallIdBySymbol(ref);
    }
    await db
      .insertInto("news_article_votes")
      .values({ article_id: articleId, ref, roll_call_id: rollCallId })
      .execute();
  }
  if (members) {
    await db.deleteFrom("news_article_members").where("article_id", "=", articleId).execute();
    for (const member of new Set(members.filter((m) => getMember(m)))) {
      await db
        .insertInto("news_article_members")
        .values({ article_id: articleId, member_id: member })
        .execute();
    }
  }
}

/** A slug for `text` that no other article uses (`except`: the article being renamed). */
async function uniqueSlug(db: Db, text: string, except: number | null = null): Promise<string> {
  const base = slugify(text);
  let slug = base;
  for (let n = 2; ; n++) {
    const taken = await db
      .selectFrom("news_articles")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (!taken || taken.id === except) return slug;
    slug = `${base}-${n}`;
  }
}

export async function createArticle(
  store: Store,
  raw: ArticleInput,
  author: NewsUser,
  options: { story?: Story | null; now?: Date; note?: string } = {},
): Promise<Article> {
  const input = checkInput(raw);
  const at = (options.now ?? new Date()).toISOString();
  const id = await newsTransaction(store, async (db, record) => {
    const row = await db
      .insertInto("news_articles")
      .values({
        slug: await uniqueSlug(db, input.headline),
        status: "draft",
        headline: input.headline,
        standfirst: input.standfirst,
        body_md: input.bodyMd,
        section: input.section,
        author_id: author.id,
        created_at: at,
        updated_at: at,
        publish_at: null,
        published_at: null,
        editors_pick: 0,
        picked_at: null,
        revision: 1,
        story_json: options.story ? JSON.stringify(options.story) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setTags(db, row.id, parseTags(input.tags));
    const refs = options.story ? options.story.votes.map((v) => v.ref) : citedRefs(input.bodyMd);
    await setCitations(db, record, row.id, refs, options.story?.members ?? []);
    await addRevision(
      db,
      row.id,
      1,
      input,
      "draft",
      author.id,
      options.note ?? (options.story ? "Generated from the record" : "Created"),
      at,
    );
    await bumpArticlesVersion(db);
    return row.id;
  });
  articlesWritten(store);
  return (await getArticle(store, id))!;
}

/** A draft from a generated story: its headline, standfirst, body, section, tags, votes and members. */
export function createArticleFromStory(
  store: Store,
  story: Story,
  author: NewsUser,
  now = new Date(),
): Promise<Article> {
  return createArticle(
    store,
    {
      headline: story.headline.text,
      standfirst: standfirstText(story),
      bodyMd: storyBodyMarkdown(story),
      section: story.section,
      tags: story.tags.map((t) => t.name).join(", "),
    },
    author,
    { story, now },
  );
}

export async function getArticle(store: Store, id: number): Promise<Article | null> {
  const row = await newsDb(store)
    .selectFrom("news_articles")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? ((await loadArticles(newsDb(store), [row]))[0] ?? null) : null;
}

export async function getArticleBySlug(store: Store, slug: string): Promise<Article | null> {
  const row = await newsDb(store)
    .selectFrom("news_articles")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? ((await loadArticles(newsDb(store), [row]))[0] ?? null) : null;
}

export function canEdit(user: NewsUser, article: Article): boolean {
  if (canPublish(user)) return true;
  return user.role === "author" && article.author.id === user.id && article.status !== "published";
}

function forbid(message: string): PlenaryError {
  return new PlenaryError("FORBIDDEN", message, { help: "Ask an editor." });
}

/** Saves an edit as a new revision. `baseRevision`: the revision the editor started from (409 if stale). */
export async function updateArticle(
  store: Store,
  id: number,
  raw: ArticleInput,
  user: NewsUser,
  baseRevision: number,
  options: { now?: Date; note?: string } = {},
): Promise<Article> {
  const article = await getArticle(store, id);
  if (!article) throw new PlenaryError("NOT_FOUND", `No article ${id}.`);
  if (!canEdit(user, article)) throw forbid("You cannot edit this article.");
  if (article.revision !== baseRevision) {
    throw new PlenaryError(
      "CONFLICT",
      `The article was changed (revision ${article.revision}) since you opened revision ${baseRevision}.`,
      {
        help: "Open the article again and reapply your changes.",
      },
    );
  }
  const input = checkInput(raw);
  const at = (options.now ?? new Date()).toISOString();
  await newsTransaction(store, async (db, record) => {
    // Until first publication the address follows the headline; once published it never changes.
    const slug =
      article.publishedAt === null && input.headline !== article.headline
        ? await uniqueSlug(db, input.headline, id)
        : article.slug;
    const updated = await db
      .updateTable("news_articles")
      .set({
        slug,
        headline: input.headline,
        standfirst: input.standfirst,
        body_md: input.bodyMd,
        section: input.section,
        updated_at: at,
        revision: baseRevision + 1,
      })
      .where("id", "=", id)
      .where("revision", "=", baseRevision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new PlenaryError("CONFLICT", "The article was changed meanwhile.");
    await setTags(db, id, parseTags(input.tags));
    // The votes the story was drafted from stay cited; links an editor adds are cited too.
    const refs = [
      ...new Set([...(article.story?.votes.map((v) => v.ref) ?? []), ...citedRefs(input.bodyMd)]),
    ];
    await setCitations(db, record, id, refs, null);
    await addRevision(db, id, baseRevision + 1, input, article.status, user.id, options.note ?? null, at);
    await bumpArticlesVersion(db);
  });
  articlesWritten(store);
  return (await getArticle(store, id))!;
}

export type Transition = "submit" | "withdraw" | "publish" | "unpublish";

/**
 * Moves an article along the workflow. submit: draft → review (its author or an editor); withdraw:
 * review → draft; publish: draft|review → published, now or at `publishAt` (editors only); unpublish:
 * published → draft (editors only).
 */
export async function transition(
  store: Store,
  id: number,
  action: Transition,
  user: NewsUser,
  options: { publishAt?: string | null; now?: Date } = {},
): Promise<Article> {
  const article = await getArticle(store, id);
  if (!article) throw new PlenaryError("NOT_FOUND", `No article ${id}.`);
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const editor = canPublish(user);
  let status: ArticleStatus;
  const set: Partial<Selectable<NewsArticlesTable>> = { updated_at: at };
  switch (action) {
    case "submit":
    case "withdraw":
      if (!canEdit(user, article)) throw forbid("You cannot change this article.");
      if (action === "submit" && article.status !== "draft")
        throw new PlenaryError("CONFLICT", "Only a draft can be sent for review.");
      if (action === "withdraw" && article.status !== "review")
        throw new PlenaryError("CONFLICT", "The article is not in review.");
      status = action === "submit" ? "review" : "draft";
      break;
    case "publish": {
      if (!editor) throw forbid("Only an editor can publish.");
      let when = at;
      if (options.publishAt) {
        const parsed = Date.parse(options.publishAt);
        if (Number.isNaN(parsed))
          throw new PlenaryError("BAD_INPUT", `Not a date and time: ${JSON.stringify(options.publishAt)}`, {
            field: "publishAt",
          });
        // Times are stored as ISO text and compared as text in queries: a year past 9999 is written
        // "+275760-09-13…", which sorts before "2026-…" and would publish at once.
        if (parsed > LATEST_PUBLISH_AT)
          throw new PlenaryError("BAD_INPUT", `A publication time must be before the year 10000.`, {
            field: "publishAt",
            help: "Give a date and time such as 2027-03-01T09:30 (UTC).",
          });
        when = new Date(Math.max(parsed, now.getTime() - 60_000)).toISOString();
      }
      status = "published";
      set.publish_at = when;
      set.published_at = article.publishedAt ?? when;
      break;
    }
    case "unpublish":
      if (!editor) throw forbid("Only an editor can unpublish.");
      if (article.status !== "published") throw new PlenaryError("CONFLICT", "The article is not published.");
      status = "draft";
      set.publish_at = null;
      break;
    default:
      throw new PlenaryError("BAD_INPUT", `Unknown action ${JSON.stringify(action)}`);
  }
  set.status = status;
  await newsTransaction(store, async (db) => {
    await db.updateTable("news_articles").set(set).where("id", "=", id).execute();
    await db
      .updateTable("news_revisions")
      .set({ status })
      .where("article_id", "=", id)
      .where("number", "=", article.revision)
      .execute();
    await bumpArticlesVersion(db);
  });
  articlesWritten(store);
  return (await getArticle(store, id))!;
}

export async function setEditorsPick(
  store: Store,
  id: number,
  pick: boolean,
  user: NewsUser,
  now = new Date(),
): Promise<void> {
  if (!canPublish(user)) throw forbid("Only an editor can choose Editor's Picks.");
  await newsTransaction(store, async (db) => {
    await db
      .updateTable("news_articles")
      .set({ editors_pick: pick ? 1 : 0, picked_at: pick ? now.toISOString() : null })
      .where("id", "=", id)
      .execute();
    await bumpArticlesVersion(db);
  });
  articlesWritten(store);
}

// ---------------------------------------------------------------------------------------------------
// Lists

export interface ArticleFilter {
  status?: ArticleStatus;
  authorId?: number;
  limit?: number;
  offset?: number;
}

/** Every article for the newsroom (any status), latest change first. */
export async function listArticles(store: Store, filter: ArticleFilter = {}): Promise<Article[]> {
  let q = newsDb(store).selectFrom("news_articles").selectAll();
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.authorId !== undefined) q = q.where("author_id", "=", filter.authorId);
  const rows = await q
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return loadArticles(newsDb(store), rows);
}

// ---------------------------------------------------------------------------------------------------
// Revisions

/** Restores an old revision's text as a new revision (history is never rewritten). */
export async function restoreRevision(
  store: Store,
  articleId: number,
  number: number,
  user: NewsUser,
  now = new Date(),
): Promise<Article> {
  const article = await getArticle(store, articleId);
  if (!article) throw new PlenaryError("NOT_FOUND", `No article ${articleId}.`);
  const old = (await listRevisions(store, articleId)).find((r) => r.number === number);
  if (!old) throw new PlenaryError("NOT_FOUND", `No revision ${number} of article ${articleId}.`);
  return updateArticle(
    store,
    articleId,
    {
      headline: old.headline,
      standfirst: old.standfirst,
      bodyMd: old.bodyMd,
      section: old.section,
      tags: old.tags,
    },
    user,
    article.revision,
    { now, note: `Restored revision ${number}` },
  );
}
