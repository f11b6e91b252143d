/**
 * The writer: decides, record by record, whether a roll call is added, updated, merged with another
 * source's or unchanged (see ./write.ts for the rules), and has a backend store it.
 */
import type { Kysely } from "kysely";
import { symbolKey } from "../../core/symbols.js";
import type { MemberVote } from "../../core/vote.js";
import { sourcePriority, type RollCallRecord } from "../records.js";
import type { Database } from "./schema.js";
import {
  contentHash,
  rollCallRow,
  mergeRows,
  rowChanges,
  type WriteReport,
  type WriteOutcome,
  type VoteConflict,
  type VoteCorrection,
  type FieldChange,
  type WriteResult,
  type WriteOptions,
  type ExistingSource,
  type ProvenanceRow,
} from "./writeRows.js";
import type { WriteBackend } from "./writeBackend.js";
import { KyselyWriteBackend } from "./kyselyWrite.js";
import { PostgresWriteBackend } from "./postgresWrite.js";
import { SqliteWriteBackend } from "./sqliteWrite.js";

const DAY_MS = 86_400_000;
const byMember = (a: VoteCorrection, b: VoteCorrection) =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
/** How far apart two sources may date the same decision (the research data approximates days). */
const SAME_DECISION_DAYS = 31;
/** Above this many changed votes an update rewrites the roll call's votes instead of setting each. */
const SET_VOTE_LIMIT = 16;

export class RollCallWriter {
  readonly report: WriteReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    votesWritten: 0,
    conflicts: 0,
    corrections: 0,
    ids: [],
  };
  private readonly provenanceBySource = new Map<string, Map<string, ExistingSource>>();
  private readonly idBySourceKey = new Map<string, number>();
  private readonly pendingParents: { id: number; source: string; parentSourceKey: string }[] = [];
  private readonly now: string;

  constructor(
    private readonly backend: WriteBackend,
    options: { now?: string } = {},
  ) {
    this.now = options.now ?? new Date().toISOString();
  }

  /** A writer on `db` (the caller's transaction), with the SQLite bulk path when `options.sqlite` is given. */
  static create(db: Kysely<Database>, options: WriteOptions = {}): RollCallWriter {
    const backend = options.sqlite
      ? new SqliteWriteBackend(options.sqlite)
      : options.postgres
        ? new PostgresWriteBackend(db, options.postgres)
        : new KyselyWriteBackend(db);
    return new RollCallWriter(backend, { now: options.now });
  }

  private async known(source: string): Promise<Map<string, ExistingSource>> {
    let known = this.provenanceBySource.get(source);
    if (!known) {
      known = await this.backend.provenanceOf(source);
      this.provenanceBySource.set(source, known);
    }
    return known;
  }

  /** Another source's roll call for the same decision, or null. */
  private async findSameDecision(record: RollCallRecord): Promise<number | null> {
    if (record.kind !== "resolution" && record.kind !== "draft") return null;
    let candidates: { id: number; date: string }[];
    if (record.symbol) {
      candidates = await this.backend.sameDecisionCandidates(
        record.body,
        "symbol_key",
        symbolKey(record.symbol),
        record.source,
      );
    } else if (record.draftSymbol) {
      candidates = await this.backend.sameDecisionCandidates(
        record.body,
        "draft_key",
        symbolKey(record.draftSymbol),
        record.source,
      );
    } else {
      return null;
    }
    if (!candidates.length) return null;
    // Sources date a meeting differently now and then (the research data approximates): prefer the same
    // day, else the nearest.
    const target = Date.parse(record.date);
    let best: { id: number; distance: number } | null = null;
    for (const c of candidates) {
      const distance = Math.abs(Date.parse(c.date) - target) / DAY_MS;
      if (!best || distance < best.distance) best = { id: c.id, distance };
    }
    return best && best.distance <= SAME_DECISION_DAYS ? best.id : null;
  }

  /**
   * Merges a source's votes into a roll call other sources hold. The more trusted source's vote stands;
   * each disagreement is recorded. `updating`: the source gave this roll call before, and won — the stored
   * votes are its own earlier ones; another source's vote is known where it disagreed (the conflict rows
   * about to be replaced): a source that corrects itself into agreement leaves no conflict, one that
   * corrects itself away from another's known vote makes one, and a member it no longer lists gets the
   * other source's vote back. Where another source agreed with the earlier vote nothing says so (the
   * store keeps one vote per member, not one per source): no disagreement is made up for it. A less
   * trusted source's update meets the stored votes as the trusted source's, as on a first merge.
   */
  private async mergeVotes(
    id: number,
    record: RollCallRecord,
    otherSources: string[],
    updating = false,
  ): Promise<{ conflicts: VoteConflict[]; corrections: VoteCorrection[] }> {
    this.report.votesWritten += await this.backend.flush();
    const existing = await this.backend.votesOf(id);
    const otherPriority = Math.max(-1, ...otherSources.map(sourcePriority));
    const ranked = [...otherSources].sort(
      (a, b) => sourcePriority(b) - sourcePriority(a) || a.localeCompare(b),
    );
    const otherSource = ranked[0] ?? "unknown";
    const incomingWins = sourcePriority(record.source) > otherPriority;
    // member → source → that source's vote, where it differed from this source's earlier one.
    const earlier = new Map<string, Map<string, MemberVote>>();
    if (updating && incomingWins) {
      for (const c of await this.backend.conflictsKeptBy(id, record.source)) {
        const bySource = earlier.get(c.memberId) ?? new Map<string, MemberVote>();
        bySource.set(c.otherSource, c.otherVote);
        earlier.set(c.memberId, bySource);
      }
    }
    const fresh: [string, MemberVote][] = [];
    const conflicts: VoteConflict[] = [];
    const corrections: VoteCorrection[] = [];
    await this.backend.clearConflicts(id, record.source);
    for (const [member, vote] of record.votes) {
      const current = existing.get(member);
      if (current === undefined) {
        fresh.push([member, vote]);
        corrections.push({ rollCallId: id, memberId: member, before: null, after: vote });
        continue;
      }
      let conflict: VoteConflict | null = null;
      if (incomingWins) {
        // One conflict per member: with the most trusted other source that disagrees. On a first merge the
        // stored votes are the other sources'; on an update they are this source's own earlier ones, and
        // another source's vote is known only where it disagreed (a conflict row) — none is made up.
        const known = earlier.get(member);
        for (const source of ranked) {
          const theirs = updating ? known?.get(source) : current;
          if (theirs === undefined || theirs === vote) continue;
          conflict = {
            rollCallId: id,
            memberId: member,
            keptSource: record.source,
            keptVote: vote,
            otherSource: source,
            otherVote: theirs,
          };
          break;
        }
      } else if (current !== vote) {
        conflict = {
          rollCallId: id,
          memberId: member,
          keptSource: otherSource,
          keptVote: current,
          otherSource: record.source,
          otherVote: vote,
        };
      }
      if (conflict) {
        conflicts.push(conflict);
        await this.backend.insertConflict(conflict);
      }
      if (incomingWins && current !== vote) {
        await this.backend.setVote(id, member, vote);
        this.report.votesWritten++;
        corrections.push({ rollCallId: id, memberId: member, before: current, after: vote });
      }
    }
    // A member this source no longer lists, on which another source disagreed: that source's vote now.
    for (const [member, bySource] of earlier) {
      if (record.votes.has(member)) continue;
      const theirs = bySource.get(ranked.find((source) => bySource.has(source)) ?? "")!;
      if (existing.get(member) === theirs) continue;
      await this.backend.setVote(id, member, theirs);
      this.report.votesWritten++;
      corrections.push({
        rollCallId: id,
        memberId: member,
        before: existing.get(member) ?? null,
        after: theirs,
      });
    }
    await this.backend.addVotes(id, fresh);
    this.report.conflicts += conflicts.length;
    return { conflicts, corrections: corrections.sort(byMember) };
  }

  /**
   * Replaces the votes of a roll call only its own source holds with the source's newer version, and
   * says which stored votes changed. A few changed votes are set one by one (a correction touches one or
   * two rows, not the roll call's 193); a vote taken away or many changed rewrite the roll call's votes.
   */
  private async replaceVotes(id: number, record: RollCallRecord): Promise<VoteCorrection[]> {
    this.report.votesWritten += await this.backend.flush();
    const stored = await this.backend.votesOf(id);
    const corrections: VoteCorrection[] = [];
    const fresh: [string, MemberVote][] = [];
    const changed: [string, MemberVote][] = [];
    for (const [member, vote] of record.votes) {
      const before = stored.get(member);
      if (before === vote) continue;
      (before === undefined ? fresh : changed).push([member, vote]);
      corrections.push({ rollCallId: id, memberId: member, before: before ?? null, after: vote });
    }
    let removed = false;
    for (const [member, vote] of stored) {
      if (record.votes.has(member)) continue;
      removed = true;
      corrections.push({ rollCallId: id, memberId: member, before: vote, after: null });
    }
    if (removed || changed.length > SET_VOTE_LIMIT) {
      await this.backend.deleteVotes(id);
      await this.backend.addVotes(id, record.votes);
    } else {
      for (const [member, vote] of changed) await this.backend.setVote(id, member, vote);
      this.report.votesWritten += changed.length;
      await this.backend.addVotes(id, fresh);
    }
    return corrections.sort(byMember);
  }

  /** Stores the row of a roll call shared with other sources: the more trusted source's values first. */
  private async mergeRow(id: number, record: RollCallRecord, otherSources: string[]): Promise<FieldChange[]> {
    const existing = await this.backend.readRollCall(id);
    const incoming = rollCallRow(record, this.now);
    incoming.parent_id = existing.parent_id;
    const otherPriority = Math.max(-1, ...otherSources.map(sourcePriority));
    const merged =
      sourcePriority(record.source) > otherPriority
        ? mergeRows(incoming, existing)
        : mergeRows({ ...existing, updated_at: this.now }, incoming);
    const changes = rowChanges(existing, merged);
    if (changes.length) await this.backend.updateRollCall(id, merged);
    return changes;
  }

  /** Writes one record; see the module comment for what happens. */
  async write(record: RollCallRecord): Promise<WriteResult> {
    const known = await this.known(record.source);
    const hash = contentHash(record);
    const previous = known.get(record.sourceKey);
    const provenance: ProvenanceRow = {
      roll_call_id: 0,
      source: record.source,
      source_key: record.sourceKey,
      citation: record.citation,
      file: record.file,
      content_hash: hash,
      imported_at: this.now,
      disputes: record.disputes.length ? JSON.stringify(record.disputes) : null,
    };
    let id: number;
    let outcome: WriteOutcome;
    let conflicts: VoteConflict[] = [];
    let corrections: VoteCorrection[] = [];
    let fields: FieldChange[] = [];
    if (previous && previous.contentHash === hash) {
      outcome = "unchanged";
      id = previous.rollCallId;
    } else if (previous) {
      outcome = "updated";
      id = previous.rollCallId;
      const others = await this.backend.otherSources(id, record.source);
      if (!others.length) {
        const before = await this.backend.readRollCall(id);
        const row = rollCallRow(record, this.now);
        row.parent_id = before.parent_id;
        fields = rowChanges(before, row);
        await this.backend.updateRollCall(id, row);
        corrections = await this.replaceVotes(id, record);
        await this.backend.replaceIssues(id, record.issues);
      } else {
        fields = await this.mergeRow(id, record, others);
        ({ conflicts, corrections } = await this.mergeVotes(id, record, others, true));
        await this.backend.addIssues(id, record.issues);
      }
      this.report.corrections += corrections.length;
      provenance.roll_call_id = id;
      await this.backend.updateProvenance(provenance);
      known.set(record.sourceKey, { rollCallId: id, contentHash: hash });
    } else {
      const same = await this.findSameDecision(record);
      if (same !== null) {
        outcome = "merged";
        id = same;
        const others = await this.backend.otherSources(id, record.source);
        await this.mergeRow(id, record, others);
        ({ conflicts } = await this.mergeVotes(id, record, others));
        await this.backend.addIssues(id, record.issues);
      } else {
        outcome = "added";
        id = await this.backend.insertRollCallWithIssues(rollCallRow(record, this.now), record.issues);
        await this.backend.addVotes(id, record.votes);
      }
      provenance.roll_call_id = id;
      await this.backend.insertProvenance(provenance);
      known.set(record.sourceKey, { rollCallId: id, contentHash: hash });
    }
    this.report[outcome]++;
    if (outcome !== "unchanged" && record.parentSourceKey) {
      this.pendingParents.push({ id, source: record.source, parentSourceKey: record.parentSourceKey });
    }
    this.idBySourceKey.set(`${record.source}\u0000${record.sourceKey}`, id);
    this.report.ids.push(id);
    return { outcome, id, conflicts, corrections, fields };
  }

  /** Writes what is queued, links parents (a parent may come after its child) and bumps the data version. */
  async finish(): Promise<WriteReport> {
    this.report.votesWritten += await this.backend.flush();
    for (const { id, source, parentSourceKey } of this.pendingParents) {
      const parentId =
        this.idBySourceKey.get(`${source}\u0000${parentSourceKey}`) ??
        this.provenanceBySource.get(source)?.get(parentSourceKey)?.rollCallId;
      if (parentId !== undefined && parentId !== id) await this.backend.setParent(id, parentId);
    }
    this.pendingParents.length = 0;
    const { added, updated, merged } = this.report;
    if (added || updated || merged) await this.backend.bumpDataVersion();
    await this.backend.finish?.();
    return this.report;
  }
}

/** Writes a batch of records (the caller owns the transaction). */
export async function writeRollCalls(
  db: Kysely<Database>,
  records: RollCallRecord[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  const writer = RollCallWriter.create(db, options);
  for (const record of records) await writer.write(record);
  return writer.finish();
}
