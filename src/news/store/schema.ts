/**
 * The newsroom's tables as Kysely sees them (beside the store's `Database`; see ./tables.ts). Same conventions as the
 * rest of the store: booleans are 0/1 integers, dates and times ISO text (`toISOString()`), so SQLite and
 * PostgreSQL read back the same plain values. Kept in step with ./migrations.ts.
 */
import type { Generated } from "kysely";

/** Newsroom accounts: authors, editors, admins. */
export interface NewsUsersTable {
  id: Generated<number>;
  /** Lower case; unique. */
  email: string;
  name: string;
  /** For the author page URL (`/news/author/SLUG`); unique. */
  slug: string;
  /** `author` | `editor` | `admin`. */
  role: string;
  /** argon2id PHC string. */
  password_hash: string;
  bio: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Signed-in sessions. The id is the SHA-256 of the random token the cookie carries, never the token. */
export interface NewsSessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  /** Absolute end of the session. */
  expires_at: string;
  last_seen_at: string;
}

/** Failed sign-ins, by key (`email:…`, `ip:…`): the login rate limit, shared by every app instance. */
export interface NewsLoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

/** Newsroom settings and secrets that every app instance must share (the CSRF HMAC key, the IP salt). */
export interface NewsSettingsTable {
  key: string;
  value: string;
}

export interface NewsArticlesTable {
  id: Generated<number>;
  slug: string;
  /** `draft` | `review` | `published`. */
  status: string;
  headline: string;
  standfirst: string;
  body_md: string;
  section: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  /** When a published article becomes visible; in the future: scheduled. */
  publish_at: string | null;
  /** First publication time (the date readers see). */
  published_at: string | null;
  editors_pick: number;
  picked_at: string | null;
  /** Number of the current revision. */
  revision: number;
  /** The generated story (JSON: sentences and their facts) the draft started from, or null. */
  story_json: string | null;
}

export interface NewsRevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  headline: string;
  standfirst: string;
  body_md: string;
  section: string;
  /** Tag names, comma-separated, as the editor typed them. */
  tags: string;
  status: string;
  user_id: number;
  note: string | null;
  created_at: string;
}

/** Regions and topics. */
export interface NewsTagsTable {
  slug: string;
  name: string;
  /** `region` | `topic`. */
  kind: string;
}

export interface NewsArticleTagsTable {
  article_id: number;
  tag_slug: string;
}

/** The roll calls an article cites (ref: the symbol or `rc-ID`, what /votes/REF takes). */
export interface NewsArticleVotesTable {
  article_id: number;
  ref: string;
  roll_call_id: number | null;
}

/** The members an article names (alpha-3). */
export interface NewsArticleMembersTable {
  article_id: number;
  member_id: string;
}

export interface NewsCommentsTable {
  id: Generated<number>;
  article_id: number;
  name: string;
  /** Never shown; only used to recognise a returning commenter. */
  email: string | null;
  body: string;
  /** `pending` | `approved` | `rejected` | `spam`. */
  status: string;
  /** Salted hash of the client IP (rate limits); the IP itself is not stored. */
  ip_hash: string;
  /** Salted hash of name and e-mail: a returning commenter with an approved comment skips the queue. */
  commenter_key: string | null;
  created_at: string;
  moderated_at: string | null;
  moderated_by: number | null;
}

export interface NewsDatabase {
  news_users: NewsUsersTable;
  news_sessions: NewsSessionsTable;
  news_login_failures: NewsLoginFailuresTable;
  news_settings: NewsSettingsTable;
  news_articles: NewsArticlesTable;
  news_revisions: NewsRevisionsTable;
  news_tags: NewsTagsTable;
  news_article_tags: NewsArticleTagsTable;
  news_article_votes: NewsArticleVotesTable;
  news_article_members: NewsArticleMembersTable;
  news_comments: NewsCommentsTable;
}
