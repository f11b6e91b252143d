/**
 * The writer's backend over Kysely: runs on every dialect, one query per step. The small writes (the
 * starter dataset, a few records) use it; the PostgreSQL bulk path extends it.
 */
import type { Kysely } from "kysely";
import type { MemberVote } from "../../core/vote.js";
import type { IssueTag } from "../records.js";
import type { Database } from "./schema.js";
import type { VoteConflict, RollCallRow, ExistingSource, ProvenanceRow } from "./writeRows.js";
import { conflictOfRow, type WriteBackend } from "./writeBackend.js";
import { bumpDataVersion } from "./dataVersion.js";

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const VOTE_BATCH = 2000;

export class KyselyWriteBackend implements WriteBackend {
  protected queue: { roll_call_id: number; member_id: string; vote: string }[] = [];
  protected written = 0;

  constructor(private readonly db: Kysely<Database>) {}

  protected get database(): Kysely<Database> {
    return this.db;
  }

  async provenanceOf(source: string): Promise<Map<string, ExistingSource>> {
    const rows = await this.db
      .selectFrom("provenance")
      .select(["source_key", "roll_call_id", "content_hash"])
      .where("source", "=", source)
      .execute();
    return new Map(
      rows.map((r) => [r.source_key, { rollCallId: r.roll_call_id, contentHash: r.content_hash }]),
    );
  }

  async insertRollCallWithIssues(row: RollCallRow, issues: IssueTag[]): Promise<number> {
    const id = await this.insertRollCall(row);
    await this.addIssues(id, issues);
    return id;
  }

  async insertRollCall(row: RollCallRow): Promise<number> {
    const inserted = await this.db
      .insertInto("roll_calls")
      .values({ ...row, vote_hash: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async updateRollCall(id: number, row: RollCallRow): Promise<void> {
    await this.db.updateTable("roll_calls").set(row).where("id", "=", id).execute();
  }

  async readRollCall(id: number): Promise<RollCallRow> {
    const {
      id: _id,
      vote_hash: _hash,
      ...row
    } = await this.db.selectFrom("roll_calls").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return row;
  }

  async addVotes(id: number, votes: Iterable<[string, MemberVote]>): Promise<void> {
    for (const [member, vote] of votes) {
      this.queue.push({ roll_call_id: id, member_id: member, vote });
      if (this.queue.length >= VOTE_BATCH) await this.writeQueue();
    }
  }

  protected async writeQueue(): Promise<void> {
    if (!this.queue.length) return;
    await this.db.insertInto("votes").values(this.queue).execute();
    this.written += this.queue.length;
    this.queue = [];
  }

  async flush(): Promise<number> {
    await this.writeQueue();
    const written = this.written;
    this.written = 0;
    return written;
  }

  async deleteVotes(id: number): Promise<void> {
    await this.db.deleteFrom("votes").where("roll_call_id", "=", id).execute();
  }

  async votesOf(id: number): Promise<Map<string, MemberVote>> {
    const rows = await this.db
      .selectFrom("votes")
      .select(["member_id", "vote"])
      .where("roll_call_id", "=", id)
      .execute();
    return new Map(rows.map((r) => [r.member_id, r.vote as MemberVote]));
  }

  async setVote(id: number, member: string, vote: MemberVote): Promise<void> {
    await this.db
      .updateTable("votes")
      .set({ vote })
      .where("roll_call_id", "=", id)
      .where("member_id", "=", member)
      .execute();
  }

  async otherSources(id: number, except: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("provenance")
      .select("source")
      .where("roll_call_id", "=", id)
      .where("source", "!=", except)
      .execute();
    return rows.map((r) => r.source);
  }

  async insertProvenance(row: ProvenanceRow): Promise<void> {
    await this.db.insertInto("provenance").values(row).execute();
  }

  async updateProvenance(row: ProvenanceRow): Promise<void> {
    await this.db
      .updateTable("provenance")
      .set({
        content_hash: row.content_hash,
        citation: row.citation,
        file: row.file,
        imported_at: row.imported_at,
        disputes: row.disputes,
      })
      .where("source", "=", row.source)
      .where("source_key", "=", row.source_key)
      .execute();
  }

  async replaceIssues(id: number, issues: IssueTag[]): Promise<void> {
    await this.db.deleteFrom("roll_call_issues").where("roll_call_id", "=", id).execute();
    await this.addIssues(id, issues);
  }

  async addIssues(id: number, issues: IssueTag[]): Promise<void> {
    if (!issues.length) return;
    await this.db
      .insertInto("roll_call_issues")
      .values(issues.map((issue) => ({ roll_call_id: id, code: issue.code, label: issue.label })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async sameDecisionCandidates(
    body: string,
    column: "symbol_key" | "draft_key",
    key: string,
    source: string,
  ): Promise<{ id: number; date: string }[]> {
    return this.db
      .selectFrom("roll_calls")
      .select(["id", "date"])
      .where("body", "=", body)
      .where(column, "=", key)
      .where("kind", "in", ["resolution", "draft"])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("provenance")
              .select("provenance.roll_call_id")
              .whereRef("provenance.roll_call_id", "=", "roll_calls.id")
              .where("provenance.source", "=", source),
          ),
        ),
      )
      .execute();
  }

  async conflictsKeptBy(id: number, source: string): Promise<VoteConflict[]> {
    const rows = await this.db
      .selectFrom("vote_conflicts")
      .selectAll()
      .where("roll_call_id", "=", id)
      .where("kept_source", "=", source)
      .execute();
    return rows.map(conflictOfRow);
  }

  async clearConflicts(id: number, source: string): Promise<void> {
    await this.db
      .deleteFrom("vote_conflicts")
      .where("roll_call_id", "=", id)
      .where((eb) => eb.or([eb("other_source", "=", source), eb("kept_source", "=", source)]))
      .execute();
  }

  async insertConflict(c: VoteConflict): Promise<void> {
    await this.db
      .insertInto("vote_conflicts")
      .values({
        roll_call_id: c.rollCallId,
        member_id: c.memberId,
        kept_source: c.keptSource,
        kept_vote: c.keptVote,
        other_source: c.otherSource,
        other_vote: c.otherVote,
      })
      .onConflict((oc) =>
        oc.columns(["roll_call_id", "member_id", "other_source"]).doUpdateSet({
          kept_source: c.keptSource,
          kept_vote: c.keptVote,
          other_vote: c.otherVote,
        }),
      )
      .execute();
  }

  async setParent(id: number, parentId: number): Promise<void> {
    await this.db.updateTable("roll_calls").set({ parent_id: parentId }).where("id", "=", id).execute();
  }

  bumpDataVersion(): Promise<void> {
    return bumpDataVersion(this.db);
  }
}
