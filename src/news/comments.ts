/**
 * Readers' comments and their moderation.
 *
 * - A comment has a name (1–80 characters), an optional e-mail (never shown, never in any page or feed)
 *   and a body of 2–2,000 characters in a Markdown subset (see markdown.ts) with at most 2 links.
 * - A honeypot field, hidden from people, must stay empty: a filled one files the comment as spam
 *   without telling the sender.
 * - Rate limits per client IP (salted hash, the address is not kept): 3 comments per 10 minutes and 20
 *   per day. Counted in the database, so every app instance applies the same limit.
 * - First-time commenters are held for moderation. A commenter is recognised by name and e-mail
 *   together (a keyed hash of both): once an editor has approved one of their comments, the next ones
 *   appear at once. Without an e-mail every comment waits for moderation.
 * - Editors approve, reject or mark as spam; only approved comments are shown and counted.
 */
import { createHmac } from "node:crypto";
import { PlenaryError } from "../core/errors.js";
import type { Store } from "../data/store/index.js";
import { newsDb } from "./store/tables.js";
import { canPublish, EMAIL, type NewsUser } from "./accounts.js";
import { countLinks } from "./markdown.js";
import { cleanName, cleanText } from "./text.js";

export type CommentStatus = "pending" | "approved" | "rejected" | "spam";
export const MODERATION_ACTIONS = { approve: "approved", reject: "rejected", spam: "spam" } as const;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

/** Only the table's own keys are actions: `toString` or `__proto__` are inherited, not actions. */
export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === "string" && Object.hasOwn(MODERATION_ACTIONS, value);
}

export const COMMENT_LIMITS = {
  name: 80,
  email: 254,
  minBody: 2,
  body: 2000,
  links: 2,
  perTenMinutes: 3,
  perDay: 20,
  perPage: 20,
};

export interface CommentInput {
  articleId: number;
  name: string;
  email?: string;
  body: string;
  /** The honeypot field's value: empty from a person. */
  honeypot?: string;
  ipHash: string;
}

export type CommentResult =
  | { ok: true; id: number; status: CommentStatus }
  | { ok: false; reason: "invalid"; errors: Partial<Record<"name" | "email" | "body", string>> }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export interface Comment {
  id: number;
  articleId: number;
  name: string;
  body: string;
  status: CommentStatus;
  createdAt: string;
}

export function validateComment(input: Pick<CommentInput, "name" | "email" | "body">): {
  name: string;
  email: string | null;
  body: string;
  errors: Partial<Record<"name" | "email" | "body", string>>;
} {
  const errors: Partial<Record<"name" | "email" | "body", string>> = {};
  const name = cleanName(input.name);
  const email = (input.email ?? "").trim().toLowerCase();
  const body = cleanText(input.body.replace(/\r\n/g, "\n")).trim();
  if (!name) errors.name = "Give a name to show with your comment.";
  else if (name.length > COMMENT_LIMITS.name)
    errors.name = `Names have at most ${COMMENT_LIMITS.name} characters.`;
  if (email && (!EMAIL.test(email) || email.length > COMMENT_LIMITS.email))
    errors.email = "That is not an e-mail address.";
  if (body.length < COMMENT_LIMITS.minBody) errors.body = "Write a comment.";
  else if (body.length > COMMENT_LIMITS.body)
    errors.body = `Comments have at most ${COMMENT_LIMITS.body} characters (this one has ${body.length}).`;
  else if (countLinks(body) > COMMENT_LIMITS.links)
    errors.body = `At most ${COMMENT_LIMITS.links} links per comment.`;
  return { name, email: email || null, body, errors };
}

export function commenterKey(name: string, email: string | null, secret: string): string | null {
  if (!email) return null;
  return createHmac("sha256", secret).update(`${name.toLowerCase()}\n${email}`).digest("hex").slice(0, 40);
}

async function countSince(
  store: Store,
  ipHash: string,
  since: string,
): Promise<{ n: number; oldest: string | null }> {
  const row = await newsDb(store)
    .selectFrom("news_comments")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("ip_hash", "=", ipHash)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

export async function postComment(
  store: Store,
  input: CommentInput,
  secret: string,
  now = new Date(),
): Promise<CommentResult> {
  const { name, email, body, errors } = validateComment(input);
  if (Object.keys(errors).length) return { ok: false, reason: "invalid", errors };
  for (const [minutes, max] of [
    [10, COMMENT_LIMITS.perTenMinutes],
    [24 * 60, COMMENT_LIMITS.perDay],
  ] as const) {
    const since = new Date(now.getTime() - minutes * 60_000).toISOString();
    const { n, oldest } = await countSince(store, input.ipHash, since);
    if (n >= max) {
      const retry = oldest ? Math.ceil((Date.parse(oldest) + minutes * 60_000 - now.getTime()) / 1000) : 60;
      return { ok: false, reason: "rate-limited", retryAfterSeconds: Math.max(1, retry) };
    }
  }
  const key = commenterKey(name, email, secret);
  let status: CommentStatus = "pending";
  if (input.honeypot) status = "spam";
  else if (key) {
    const known = await newsDb(store)
      .selectFrom("news_comments")
      .select("id")
      .where("commenter_key", "=", key)
      .where("status", "=", "approved")
      .limit(1)
      .executeTakeFirst();
    if (known) status = "approved";
  }
  const row = await newsDb(store)
    .insertInto("news_comments")
    .values({
      article_id: input.articleId,
      name,
      email,
      body,
      status,
      ip_hash: input.ipHash,
      commenter_key: key,
      created_at: now.toISOString(),
      moderated_at: null,
      moderated_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id, status };
}

/** A comment as its row holds it. */
function commentOf(row: {
  id: number;
  article_id: number;
  name: string;
  body: string;
  status: string;
  created_at: string;
}): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    name: row.name,
    body: row.body,
    status: row.status as CommentStatus,
    createdAt: row.created_at,
  };
}

export interface CommentPage {
  comments: Comment[];
  total: number;
  page: number;
  pages: number;
}

/** Approved comments of an article, oldest first, a page at a time. */
export async function approvedComments(store: Store, articleId: number, page = 1): Promise<CommentPage> {
  const total = (await commentCounts(store, [articleId])).get(articleId) ?? 0;
  const pages = Math.max(1, Math.ceil(total / COMMENT_LIMITS.perPage));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await newsDb(store)
    .selectFrom("news_comments")
    .select(["id", "article_id", "name", "body", "status", "created_at"])
    .where("article_id", "=", articleId)
    .where("status", "=", "approved")
    .orderBy("created_at")
    .orderBy("id")
    .limit(COMMENT_LIMITS.perPage)
    .offset((current - 1) * COMMENT_LIMITS.perPage)
    .execute();
  return {
    comments: rows.map(commentOf),
    total,
    page: current,
    pages,
  };
}

/** Approved comments per article. */
export async function commentCounts(store: Store, articleIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!articleIds.length) return counts;
  const rows = await newsDb(store)
    .selectFrom("news_comments")
    .select("article_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("article_id", "in", articleIds)
    .where("status", "=", "approved")
    .groupBy("article_id")
    .execute();
  for (const r of rows) counts.set(r.article_id, Number(r.n));
  return counts;
}

export interface QueuedComment extends Comment {
  articleHeadline: string;
  articleSlug: string;
  /** Whether an e-mail was given (the address itself stays out of pages). */
  hasEmail: boolean;
}

/** The moderation queue (pending by default), oldest first. */
export async function moderationQueue(
  store: Store,
  status: CommentStatus = "pending",
  limit = 50,
): Promise<QueuedComment[]> {
  const rows = await newsDb(store)
    .selectFrom("news_comments")
    .innerJoin("news_articles", "news_articles.id", "news_comments.article_id")
    .select([
      "news_comments.id as id",
      "news_comments.article_id as article_id",
      "news_comments.name as name",
      "news_comments.body as body",
      "news_comments.status as status",
      "news_comments.created_at as created_at",
      "news_comments.email as email",
      "news_articles.headline as headline",
      "news_articles.slug as slug",
    ])
    .where("news_comments.status", "=", status)
    .orderBy("news_comments.created_at", status === "pending" ? "asc" : "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...commentOf(r),
    articleHeadline: r.headline,
    articleSlug: r.slug,
    hasEmail: r.email !== null,
  }));
}

export async function pendingCount(store: Store): Promise<number> {
  const row = await newsDb(store)
    .selectFrom("news_comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function moderate(
  store: Store,
  id: number,
  action: ModerationAction,
  user: NewsUser,
  now = new Date(),
): Promise<void> {
  if (!canPublish(user)) throw new PlenaryError("FORBIDDEN", "Only editors moderate comments.");
  if (!isModerationAction(action))
    throw new PlenaryError("BAD_INPUT", `Unknown moderation action ${JSON.stringify(action)}`);
  const status = MODERATION_ACTIONS[action];
  const result = await newsDb(store)
    .updateTable("news_comments")
    .set({ status, moderated_at: now.toISOString(), moderated_by: user.id })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new PlenaryError("NOT_FOUND", `No comment ${id}.`);
}
