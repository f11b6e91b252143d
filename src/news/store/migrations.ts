/**
 * The newsroom's migrations, run with the store's own (registered through ./tables.ts). Named
 * `0100_news_…` so they run after the record's tables. Kysely's schema builder only: the same code runs
 * on SQLite and PostgreSQL (auto-increment ids are `serial` on PostgreSQL, `integer` primary keys on
 * SQLite).
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../../data/store/index.js";

export function newsMigrations(dialect: Dialect): Record<string, Migration> {
  const idType = dialect === "postgres" ? "serial" : "integer";
  return {
    "0100_news_accounts": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("news_users")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("email", "text", (c) => c.notNull().unique())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("slug", "text", (c) => c.notNull().unique())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("password_hash", "text", (c) => c.notNull())
          .addColumn("bio", "text")
          .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("news_sessions")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("user_id", "integer", (c) => c.notNull().references("news_users.id").onDelete("cascade"))
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("expires_at", "text", (c) => c.notNull())
          .addColumn("last_seen_at", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("news_sessions_user").on("news_sessions").column("user_id").execute();
        await db.schema
          .createTable("news_login_failures")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("key", "text", (c) => c.notNull())
          .addColumn("at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("news_login_failures_key")
          .on("news_login_failures")
          .columns(["key", "at"])
          .execute();
        await db.schema
          .createTable("news_settings")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ["news_settings", "news_login_failures", "news_sessions", "news_users"]) {
          await db.schema.dropTable(table).execute();
        }
      },
    },
    "0101_news_articles": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("news_articles")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("slug", "text", (c) => c.notNull().unique())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("headline", "text", (c) => c.notNull())
          .addColumn("standfirst", "text", (c) => c.notNull())
          .addColumn("body_md", "text", (c) => c.notNull())
          .addColumn("section", "text", (c) => c.notNull())
          .addColumn("author_id", "integer", (c) => c.notNull().references("news_users.id"))
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .addColumn("publish_at", "text")
          .addColumn("published_at", "text")
          .addColumn("editors_pick", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("picked_at", "text")
          .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
          .addColumn("story_json", "text")
          .execute();
        await db.schema
          .createIndex("news_articles_status_publish")
          .on("news_articles")
          .columns(["status", "publish_at"])
          .execute();
        await db.schema.createIndex("news_articles_author").on("news_articles").column("author_id").execute();
        await db.schema
          .createTable("news_revisions")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("article_id", "integer", (c) =>
            c.notNull().references("news_articles.id").onDelete("cascade"),
          )
          .addColumn("number", "integer", (c) => c.notNull())
          .addColumn("headline", "text", (c) => c.notNull())
          .addColumn("standfirst", "text", (c) => c.notNull())
          .addColumn("body_md", "text", (c) => c.notNull())
          .addColumn("section", "text", (c) => c.notNull())
          .addColumn("tags", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("user_id", "integer", (c) => c.notNull().references("news_users.id"))
          .addColumn("note", "text")
          .addColumn("created_at", "text", (c) => c.notNull())
          .addUniqueConstraint("news_revisions_article_number", ["article_id", "number"])
          .execute();
        await db.schema
          .createTable("news_tags")
          .addColumn("slug", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("news_article_tags")
          .addColumn("article_id", "integer", (c) =>
            c.notNull().references("news_articles.id").onDelete("cascade"),
          )
          .addColumn("tag_slug", "text", (c) => c.notNull().references("news_tags.slug"))
          .addPrimaryKeyConstraint("news_article_tags_pk", ["article_id", "tag_slug"])
          .execute();
        await db.schema
          .createIndex("news_article_tags_tag")
          .on("news_article_tags")
          .column("tag_slug")
          .execute();
        await db.schema
          .createTable("news_article_votes")
          .addColumn("article_id", "integer", (c) =>
            c.notNull().references("news_articles.id").onDelete("cascade"),
          )
          .addColumn("ref", "text", (c) => c.notNull())
          .addColumn("roll_call_id", "integer")
          .addPrimaryKeyConstraint("news_article_votes_pk", ["article_id", "ref"])
          .execute();
        await db.schema
          .createIndex("news_article_votes_ref")
          .on("news_article_votes")
          .column("ref")
          .execute();
        await db.schema
          .createTable("news_article_members")
          .addColumn("article_id", "integer", (c) =>
            c.notNull().references("news_articles.id").onDelete("cascade"),
          )
          .addColumn("member_id", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("news_article_members_pk", ["article_id", "member_id"])
          .execute();
        await db.schema
          .createIndex("news_article_members_member")
          .on("news_article_members")
          .column("member_id")
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of [
          "news_article_members",
          "news_article_votes",
          "news_article_tags",
          "news_tags",
          "news_revisions",
          "news_articles",
        ]) {
          await db.schema.dropTable(table).execute();
        }
      },
    },
    "0102_news_comments": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("news_comments")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("article_id", "integer", (c) =>
            c.notNull().references("news_articles.id").onDelete("cascade"),
          )
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("email", "text")
          .addColumn("body", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("ip_hash", "text", (c) => c.notNull())
          .addColumn("commenter_key", "text")
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("moderated_at", "text")
          .addColumn("moderated_by", "integer", (c) => c.references("news_users.id").onDelete("set null"))
          .execute();
        await db.schema
          .createIndex("news_comments_article")
          .on("news_comments")
          .columns(["article_id", "status", "created_at"])
          .execute();
        await db.schema
          .createIndex("news_comments_status")
          .on("news_comments")
          .columns(["status", "created_at"])
          .execute();
        await db.schema
          .createIndex("news_comments_ip")
          .on("news_comments")
          .columns(["ip_hash", "created_at"])
          .execute();
        await db.schema
          .createIndex("news_comments_commenter")
          .on("news_comments")
          .columns(["commenter_key", "status"])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("news_comments").execute();
      },
    },
  };
}
