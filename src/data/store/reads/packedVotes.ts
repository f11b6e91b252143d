/**
 * Every roll call's votes as one string: "USAY,RUSN,…" (the member id, then the vote's letter). What the
 * vote matrix is built from: materialising 870k row objects costs seconds in JavaScript; 6k strings
 * split in place cost a fraction of that.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connection.js";
import type { Database } from "../schema.js";

export interface PackedVotes {
  roll_call_id: number;
  votes: string;
}

/** One row per roll call that has votes, its votes packed (in no particular order). */
export async function packedVotes(db: Kysely<Database>, dialect: Dialect): Promise<PackedVotes[]> {
  const packed =
    dialect === "postgres"
      ? sql<string>`string_agg(member_id || vote, ',')`
      : sql<string>`group_concat(member_id || vote, ',')`;
  return db
    .selectFrom("votes")
    .select(["roll_call_id", packed.as("votes")])
    .groupBy("roll_call_id")
    .execute();
}
