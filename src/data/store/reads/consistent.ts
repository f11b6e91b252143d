/**
 * The reads of the whole record that must all see one data version (`Store.readConsistently`): the vote
 * matrix and the catalog are built from them at start-up.
 */
import type { Kysely } from "kysely";
import type { Dialect } from "../connection.js";
import type { Database } from "../schema.js";
import { sourcesByRollCall } from "../read.js";
import { packedVotes, type PackedVotes } from "./packedVotes.js";
import {
  issuesByRollCall,
  rollCallRows,
  type RollCallColumn,
  type RollCallRowFilter,
  type StoredRollCallRow,
} from "./rollCallRows.js";

export interface ConsistentReads {
  /** See rollCallRows.ts. */
  rollCallRows<C extends RollCallColumn = RollCallColumn>(
    filter?: RollCallRowFilter<C>,
  ): Promise<Pick<StoredRollCallRow, "id" | C>[]>;
  /** Every roll call's issue codes, by roll call id. */
  issuesByRollCall(): Promise<Map<number, string[]>>;
  /** Every roll call's sources, by roll call id. */
  sourcesByRollCall(): Promise<Map<number, string[]>>;
  /** See packedVotes.ts. */
  packedVotes(): Promise<PackedVotes[]>;
}

/** `ConsistentReads` over `db` (one read transaction). */
export function consistentReads(db: Kysely<Database>, dialect: Dialect): ConsistentReads {
  return {
    rollCallRows: (filter) => rollCallRows(db, filter),
    issuesByRollCall: () => issuesByRollCall(db),
    sourcesByRollCall: () => sourcesByRollCall(db),
    packedVotes: () => packedVotes(db, dialect),
  };
}
