/**
 * Writing roll calls: the one path every importer (and the starter dataset) stores through.
 *
 * Each record arrives as one source tells it. The writer decides, per record:
 * - unchanged: the source already gave exactly this (same content hash) — nothing is written;
 * - updated: the source gave this roll call before, differently — it is rewritten;
 * - merged: another source holds the same decision (same body and resolution symbol) — one roll call
 *   with two provenances; where they disagree on a member's vote the more trusted source wins
 *   (SOURCE_PRIORITY: the official UN record first) and the disagreement is kept in vote_conflicts;
 * - added: new.
 * The caller owns the transaction: an import is all or nothing.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { symbolKey } from "../../core/symbols.js";
import type { MemberVote } from "../../core/vote.js";
import { sourcePriority, type RollCallRecord } from "../records.js";
import type { Database, RollCallsTable } from "./schema.js";

export interface WriteReport {
  added: number;
  updated: number;
  unchanged: number;
  merged: number;
  votesWritten: number;
  conflicts: number;
  /** Store ids of the roll calls the records became, in record order. */
  ids: number[];
}

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const VOTE_BATCH = 2000;

export function contentHash(record: RollCallRecord): string {
  const hash = createHash("sha1");
  const { votes, file: _file, ...meta } = record;
  hash.update(JSON.stringify(meta));
  for (const [member, vote] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(member + vote);
  return hash.digest("hex");
}

function rollCallRow(record: RollCallRecord, now: string): Omit<RollCallsTable, "id" | "vote_hash"> {
  return {
    body: record.body,
    session: record.session,
    date: record.date,
    symbol: record.symbol,
    symbol_key: record.symbol ? symbolKey(record.symbol) : null,
    draft_symbol: record.draftSymbol,
    draft_key: record.draftSymbol ? symbolKey(record.draftSymbol) : null,
    parent_id: null,
    kind: record.kind,
    title: record.title,
    description: record.description,
    meeting: record.meeting,
    procedural: record.procedural ? 1 : 0,
    important_question: record.importantQuestion === null ? null : record.importantQuestion ? 1 : 0,
    important_vote: record.importantVote ? 1 : 0,
    modality: record.modality,
    tally_yes: record.officialTally.yes,
    tally_no: record.officialTally.no,
    tally_abstain: record.officialTally.abstain,
    tally_non_voting: record.officialTally.nonVoting,
    recorded_outcome: record.recordedOutcome,
    complete: record.complete ? 1 : 0,
    sequence: record.sequence,
    updated_at: now,
  };
}

async function insertVotes(
  db: Kysely<Database>,
  rollCallId: number,
  votes: Iterable<[string, MemberVote]>,
): Promise<number> {
  let batch: { roll_call_id: number; member_id: string; vote: string }[] = [];
  let written = 0;
  for (const [member, vote] of votes) {
    batch.push({ roll_call_id: rollCallId, member_id: member, vote });
    if (batch.length === VOTE_BATCH) {
      await db.insertInto("votes").values(batch).execute();
      written += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await db.insertInto("votes").values(batch).execute();
    written += batch.length;
  }
  return written;
}

/** Votes of many roll calls in one stream of batches: the bulk path for large imports. */
class VoteBatcher {
  private rows: { roll_call_id: number; member_id: string; vote: string }[] = [];
  written = 0;
  constructor(private readonly db: Kysely<Database>) {}
  async add(rollCallId: number, votes: Map<string, MemberVote>): Promise<void> {
    for (const [member, vote] of votes) {
      this.rows.push({ roll_call_id: rollCallId, member_id: member, vote });
      if (this.rows.length === VOTE_BATCH) await this.flush();
    }
  }
  async flush(): Promise<void> {
    if (!this.rows.length) return;
    await this.db.insertInto("votes").values(this.rows).execute();
    this.written += this.rows.length;
    this.rows = [];
  }
}

interface ExistingSource {
  rollCallId: number;
  contentHash: string;
}

async function existingProvenance(
  db: Kysely<Database>,
  source: string,
): Promise<Map<string, ExistingSource>> {
  const rows = await db
    .selectFrom("provenance")
    .select(["source_key", "roll_call_id", "content_hash"])
    .where("source", "=", source)
    .execute();
  return new Map(rows.map((r) => [r.source_key, { rollCallId: r.roll_call_id, contentHash: r.content_hash }]));
}

/** Another source's roll call for the same decision: same body, same resolution symbol, a whole text. */
async function findSameDecision(db: Kysely<Database>, record: RollCallRecord): Promise<number | null> {
  if (!record.symbol || (record.kind !== "resolution" && record.kind !== "draft")) return null;
  const candidates = await db
    .selectFrom("roll_calls")
    .select(["id", "date"])
    .where("body", "=", record.body)
    .where("symbol_key", "=", symbolKey(record.symbol))
    .where("kind", "in", ["resolution", "draft"])
    .execute();
  if (!candidates.length) return null;
  // Sources date a meeting differently now and then (the research data approximates): prefer the same
  // day, else the nearest.
  const day = (d: string) => Date.parse(d) / 86_400_000;
  candidates.sort((a, b) => Math.abs(day(a.date) - day(record.date)) - Math.abs(day(b.date) - day(record.date)));
  const best = candidates[0]!;
  return Math.abs(day(best.date) - day(record.date)) <= 31 ? best.id : null;
}

async function highestSourcePriority(db: Kysely<Database>, rollCallId: number, except: string): Promise<number> {
  const rows = await db
    .selectFrom("provenance")
    .select("source")
    .where("roll_call_id", "=", rollCallId)
    .where("source", "!=", except)
    .execute();
  return Math.max(-1, ...rows.map((r) => sourcePriority(r.source)));
}

/**
 * Merges a source's votes into a roll call another source already holds. The more trusted source's
 * vote stands; each disagreement is recorded. Returns [votes written, conflicts].
 */
async function mergeVotes(
  db: Kysely<Database>,
  rollCallId: number,
  record: RollCallRecord,
  otherPriority: number,
): Promise<[number, number]> {
  const existingRows = await db
    .selectFrom("votes")
    .select(["member_id", "vote"])
    .where("roll_call_id", "=", rollCallId)
    .execute();
  const existing = new Map(existingRows.map((r) => [r.member_id, r.vote]));
  const otherSources = await db
    .selectFrom("provenance")
    .select("source")
    .where("roll_call_id", "=", rollCallId)
    .where("source", "!=", record.source)
    .execute();
  const otherSource = otherSources.map((r) => r.source).sort()[0] ?? "unknown";
  const incomingWins = sourcePriority(record.source) > otherPriority;
  const fresh: [string, MemberVote][] = [];
  let conflicts = 0;
  await db
    .deleteFrom("vote_conflicts")
    .where("roll_call_id", "=", rollCallId)
    .where((eb) => eb.or([eb("other_source", "=", record.source), eb("kept_source", "=", record.source)]))
    .execute();
  for (const [member, vote] of record.votes) {
    const current = existing.get(member);
    if (current === undefined) {
      fresh.push([member, vote]);
    } else if (current !== vote) {
      conflicts++;
      await db
        .insertInto("vote_conflicts")
        .values({
          roll_call_id: rollCallId,
          member_id: member,
          kept_source: incomingWins ? record.source : otherSource,
          kept_vote: incomingWins ? vote : current,
          other_source: incomingWins ? otherSource : record.source,
          other_vote: incomingWins ? current : vote,
        })
        .execute();
      if (incomingWins) {
        await db
          .updateTable("votes")
          .set({ vote })
          .where("roll_call_id", "=", rollCallId)
          .where("member_id", "=", member)
          .execute();
      }
    }
  }
  const written = await insertVotes(db, rollCallId, fresh);
  return [written, conflicts];
}

export async function writeRollCalls(
  db: Kysely<Database>,
  records: RollCallRecord[],
  options: { now?: string } = {},
): Promise<WriteReport> {
  const now = options.now ?? new Date().toISOString();
  const report: WriteReport = { added: 0, updated: 0, unchanged: 0, merged: 0, votesWritten: 0, conflicts: 0, ids: [] };
  const provenanceBySource = new Map<string, Map<string, ExistingSource>>();
  const idBySourceKey = new Map<string, number>();
  const batcher = new VoteBatcher(db);

  for (const record of records) {
    let known = provenanceBySource.get(record.source);
    if (!known) {
      known = await existingProvenance(db, record.source);
      provenanceBySource.set(record.source, known);
    }
    const hash = contentHash(record);
    const previous = known.get(record.sourceKey);
    let id: number;
    if (previous && previous.contentHash === hash) {
      report.unchanged++;
      id = previous.rollCallId;
    } else if (previous) {
      id = previous.rollCallId;
      const otherPriority = await highestSourcePriority(db, id, record.source);
      if (otherPriority < 0 || sourcePriority(record.source) >= otherPriority) {
        await db.updateTable("roll_calls").set(rollCallRow(record, now)).where("id", "=", id).execute();
      }
      if (otherPriority < 0) {
        await db.deleteFrom("votes").where("roll_call_id", "=", id).execute();
        report.votesWritten += await insertVotes(db, id, record.votes);
      } else {
        const [written, conflicts] = await mergeVotes(db, id, record, otherPriority);
        report.votesWritten += written;
        report.conflicts += conflicts;
      }
      await db
        .updateTable("provenance")
        .set({ content_hash: hash, citation: record.citation, file: record.file, imported_at: now })
        .where("source", "=", record.source)
        .where("source_key", "=", record.sourceKey)
        .execute();
      report.updated++;
    } else {
      const same = await findSameDecision(db, record);
      if (same !== null) {
        id = same;
        const otherPriority = await highestSourcePriority(db, id, record.source);
        if (sourcePriority(record.source) > otherPriority) {
          await db.updateTable("roll_calls").set(rollCallRow(record, now)).where("id", "=", id).execute();
        }
        const [written, conflicts] = await mergeVotes(db, id, record, otherPriority);
        report.votesWritten += written;
        report.conflicts += conflicts;
        report.merged++;
      } else {
        const inserted = await db
          .insertInto("roll_calls")
          .values({ ...rollCallRow(record, now), vote_hash: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        id = inserted.id;
        await batcher.add(id, record.votes);
        report.added++;
      }
      await db
        .insertInto("provenance")
        .values({
          roll_call_id: id,
          source: record.source,
          source_key: record.sourceKey,
          citation: record.citation,
          file: record.file,
          content_hash: hash,
          imported_at: now,
        })
        .execute();
      known.set(record.sourceKey, { rollCallId: id, contentHash: hash });
    }
    if (previous?.contentHash !== hash) {
      await db.deleteFrom("roll_call_issues").where("roll_call_id", "=", id).execute();
      if (record.issues.length) {
        await db
          .insertInto("roll_call_issues")
          .values(record.issues.map((issue) => ({ roll_call_id: id, code: issue.code, label: issue.label })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    idBySourceKey.set(`${record.source}\u0000${record.sourceKey}`, id);
    report.ids.push(id);
  }
  await batcher.flush();
  report.votesWritten += batcher.written;

  // Parents are linked once every record of the import has an id (a parent may come after its child).
  for (const [index, record] of records.entries()) {
    if (!record.parentSourceKey) continue;
    const parentId =
      idBySourceKey.get(`${record.source}\u0000${record.parentSourceKey}`) ??
      provenanceBySource.get(record.source)?.get(record.parentSourceKey)?.rollCallId;
    if (parentId !== undefined) {
      await db.updateTable("roll_calls").set({ parent_id: parentId }).where("id", "=", report.ids[index]!).execute();
    }
  }
  if (report.added || report.updated || report.merged) await bumpDataVersion(db);
  return report;
}

/** Incremented by every import that changed something: the vote matrix reloads when it moves. */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "data_version").executeTakeFirst();
  const next = String(Number(row?.value ?? "0") + 1);
  await db
    .insertInto("meta")
    .values({ key: "data_version", value: next })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: next }))
    .execute();
}

export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "data_version").executeTakeFirst();
  return Number(row?.value ?? "0");
}
