/**
 * Secrets every app instance shares, kept in the store (news_settings) so that several servers behind
 * one database agree: the CSRF HMAC key and the salt for hashing client IPs. Created at random on first
 * use; a race between two instances is settled by the primary key (the first row wins, both read it).
 */
import { randomBytes } from "node:crypto";
import type { Store } from "../data/store/index.js";
import { newsDb } from "./store/tables.js";

export async function sharedSecret(store: Store, key: string): Promise<string> {
  const existing = await newsDb(store)
    .selectFrom("news_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  if (existing) return existing.value;
  await newsDb(store)
    .insertInto("news_settings")
    .values({ key, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await newsDb(store)
    .selectFrom("news_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  return row.value;
}
