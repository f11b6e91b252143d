/**
 * The table the instances' request counters meet in (see ./sharedStore.ts): one row per client key,
 * window and instance, holding that instance's count; rows expire with their window.
 */
import type { Kysely, Migration } from "kysely";

export function rateLimitMigrations(): Record<string, Migration> {
  return {
    "0300_rate_limit_counts": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("rate_limit_counts")
          .addColumn("key", "text", (c) => c.notNull())
          .addColumn("window_start", "bigint", (c) => c.notNull())
          .addColumn("instance", "text", (c) => c.notNull())
          .addColumn("count", "integer", (c) => c.notNull())
          .addColumn("expires_at", "bigint", (c) => c.notNull())
          .addPrimaryKeyConstraint("rate_limit_counts_pk", ["key", "window_start", "instance"])
          .execute();
        await db.schema
          .createIndex("rate_limit_counts_expires")
          .on("rate_limit_counts")
          .column("expires_at")
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("rate_limit_counts").execute();
      },
    },
  };
}
