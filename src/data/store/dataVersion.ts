/**
 * The data version: a number every import that changed something moves, so readers (the vote matrix,
 * the analysis cache, the site) know to reload.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Incremented by every import that changed something: the vote matrix reloads when it moves. */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "data_version")
    .executeTakeFirst();
  const next = String(Number(row?.value ?? "0") + 1);
  await db
    .insertInto("meta")
    .values({ key: "data_version", value: next })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: next }))
    .execute();
}

export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "data_version")
    .executeTakeFirst();
  return Number(row?.value ?? "0");
}
