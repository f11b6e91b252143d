/**
 * Roll calls as stored rows (every column but the vote digest, the one list in writeRows.ts), with
 * their votes, issues and source keys by id: what the export, the catalog, the vote matrix and the
 * outcome check read the whole record through. Rows stay rows: each reader maps them to its own shape.
 */
import type { Kysely, Selectable } from "kysely";
import type { Body } from "../../../core/rollCall.js";
import type { MemberVote } from "../../../core/vote.js";
import type { Database, RollCallsTable } from "../schema.js";
import { ROLL_CALL_COLUMNS } from "../writeRows.js";

/** A roll call's stored row: every column but `vote_hash`. */
export type StoredRollCallRow = Omit<Selectable<RollCallsTable>, "vote_hash">;
/** A column of a roll call's row (one of ROLL_CALL_COLUMNS). */
export type RollCallColumn = (typeof ROLL_CALL_COLUMNS)[number];

export interface RollCallRowFilter<C extends RollCallColumn = RollCallColumn> {
  /** Only these columns (and the id): a reader of the whole record that needs a few reads far less. */
  columns?: readonly C[];
  body?: Body;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** `record` (the default): date, then the order of the day (sequence), then id; `id`: by id. */
  order?: "record" | "id";
}

/** Roll calls per query of their votes or issues. */
const CHUNK = 2000;

/** Every roll call of the filter (all of them by default), as stored rows (of the filter's columns). */
export async function rollCallRows<C extends RollCallColumn = RollCallColumn>(
  db: Kysely<Database>,
  filter: RollCallRowFilter<C> = {},
): Promise<Pick<StoredRollCallRow, "id" | C>[]> {
  let query = db.selectFrom("roll_calls").select(["id", ...(filter.columns ?? ROLL_CALL_COLUMNS)]);
  if (filter.body) query = query.where("body", "=", filter.body);
  if (filter.from) query = query.where("date", ">=", filter.from);
  if (filter.to) query = query.where("date", "<=", filter.to);
  if ((filter.order ?? "record") === "record") query = query.orderBy("date").orderBy("sequence");
  return query.orderBy("id").execute();
}

/** Appends `value` to the list of `key`. */
function push<V>(map: Map<number, V[]>, key: number, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The rows `read` gives for `ids`, a chunk of ids at a time, as lists of `value` by roll call id. */
async function byRollCall<R extends { roll_call_id: number }, V>(
  ids: readonly number[],
  read: (chunk: readonly number[]) => Promise<R[]>,
  value: (row: R) => V,
): Promise<Map<number, V[]>> {
  const out = new Map<number, V[]>();
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const row of await read(ids.slice(i, i + CHUNK))) push(out, row.roll_call_id, value(row));
  return out;
}

/**
 * The known votes of `ids`, by roll call id, each list in member order (a fixed order: an undecidable
 * roll call names its first non-member, the same on both stores). Ids without votes are left out.
 */
export function memberVotesOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, [member: string, vote: MemberVote][]>> {
  return byRollCall(
    ids,
    (chunk) =>
      db
        .selectFrom("votes")
        .select(["roll_call_id", "member_id", "vote"])
        .where("roll_call_id", "in", chunk)
        .orderBy("roll_call_id")
        .orderBy("member_id")
        .execute(),
    (v): [string, MemberVote] => [v.member_id, v.vote as MemberVote],
  );
}

/** The issues (code and label) of `ids`, by roll call id, each list in code order. */
export function issueLabelsOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, { code: string; label: string | null }[]>> {
  return byRollCall(
    ids,
    (chunk) =>
      db
        .selectFrom("roll_call_issues")
        .select(["roll_call_id", "code", "label"])
        .where("roll_call_id", "in", chunk)
        .orderBy("roll_call_id")
        .orderBy("code")
        .execute(),
    (x) => ({ code: x.code, label: x.label }),
  );
}

/**
 * Every roll call's issue codes, by roll call id (`ids`: only those), in the order stored. The vote
 * matrix and the catalog both build this map at start-up.
 */
export async function issuesByRollCall(
  db: Kysely<Database>,
  ids?: readonly number[],
): Promise<Map<number, string[]>> {
  let query = db.selectFrom("roll_call_issues").select(["roll_call_id", "code"]);
  if (ids) query = query.where("roll_call_id", "in", ids);
  const out = new Map<number, string[]>();
  for (const issue of await query.execute()) push(out, issue.roll_call_id, issue.code);
  return out;
}

/** Each roll call's own key and citation in `source` (its provenance), by store id. */
export async function sourceKeys(
  db: Kysely<Database>,
  source: string,
): Promise<Map<number, { key: string; citation: string | null }>> {
  const rows = await db
    .selectFrom("provenance")
    .select(["roll_call_id", "source_key", "citation"])
    .where("source", "=", source)
    .execute();
  return new Map(rows.map((p) => [p.roll_call_id, { key: p.source_key, citation: p.citation }]));
}
