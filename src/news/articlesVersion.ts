/**
 * The articles' version: a number every write to an article moves (create, edit, restore, submit,
 * publish, schedule, unpublish, pick), in the same transaction as the write. What is kept in memory from
 * the articles (the stories each vote page lists, voteStories.ts) is kept per version: a server reads the
 * version from the store, so a change made through any instance sharing the database is seen by all.
 * Kept in news_settings under `articles_version`; moved by one atomic update (two instances writing at
 * once both move it).
 */
import type { Store } from "../data/store/index.js";
import type { Db } from "./articleModel.js";
import { newsDb } from "./store/tables.js";

const KEY = "articles_version";

/** Moves the version (call inside the transaction that writes the article). */
export async function bumpArticlesVersion(db: Db): Promise<void> {
  await db
    .insertInto("news_settings")
    .values({ key: KEY, value: "1" })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        value: eb.cast<string>(eb(eb.cast<number>("news_settings.value", "integer"), "+", 1), "text"),
      })),
    )
    .execute();
}

/** The current version (0 before the first write). */
export async function articlesVersion(store: Store): Promise<number> {
  const row = await newsDb(store)
    .selectFrom("news_settings")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirst();
  return Number(row?.value ?? "0");
}
