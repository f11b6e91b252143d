/**
 * The vote matrix built from the store, and kept current: `MatrixService` loads it once at start-up
 * (`await service.load()`) and reloads it when another process's import moves the store's data version,
 * so a running server follows imports without a restart.
 *
 * This file is the analysis layer's one edge to the store: it reads plain rows and hands them to
 * `buildVoteMatrix`; everything else in src/analysis is pure.
 */
import { sql } from "kysely";
import type { Body, RollCallKind } from "../core/rollCall.js";
import type { Store } from "../data/store/index.js";
import { buildVoteMatrix, type MatrixInput, type MatrixRollCall, type VoteMatrix } from "./matrix.js";

/** Reads every roll call and vote into the matrix's columnar input. */
export async function loadMatrixInput(store: Store): Promise<MatrixInput> {
  const rows = await store.db
    .selectFrom("roll_calls")
    .select(["id", "body", "session", "date", "kind", "important_vote", "complete"])
    // A text adopted without a vote has no member votes: not a column of the matrix.
    .where("modality", "!=", "without-vote")
    .orderBy("date")
    .orderBy("sequence")
    .orderBy("id")
    .execute();
  const issues = await store.db.selectFrom("roll_call_issues").select(["roll_call_id", "code"]).execute();
  const issuesById = new Map<number, string[]>();
  for (const issue of issues) {
    const list = issuesById.get(issue.roll_call_id) ?? [];
    list.push(issue.code);
    issuesById.set(issue.roll_call_id, list);
  }
  const rollCalls: MatrixRollCall[] = rows.map((r) => ({
    id: r.id,
    body: r.body as Body,
    session: r.session,
    date: r.date,
    kind: r.kind as RollCallKind,
    importantVote: r.important_vote === 1,
    issues: issuesById.get(r.id) ?? [],
    complete: r.complete === 1,
  }));

  // One row per roll call with its votes packed as "USAY,RUSN,…": materialising 870k row objects costs
  // seconds in JavaScript; 6k strings split in place cost a fraction of that.
  const packed =
    store.dialect === "postgres"
      ? sql<string>`string_agg(member_id || vote, ',')`
      : sql<string>`group_concat(member_id || vote, ',')`;
  const groups = await store.db
    .selectFrom("votes")
    .select(["roll_call_id", packed.as("votes")])
    // The UN Digital Library lists every member of a text adopted without a vote as not voting: those
    // rows belong to no column either.
    .where("roll_call_id", "in", (q) =>
      q.selectFrom("roll_calls").select("id").where("modality", "!=", "without-vote"),
    )
    .groupBy("roll_call_id")
    .execute();
  // Entries repeat (about 200 members × 3 votes), so each distinct "USAY" is decoded once.
  const members: string[] = [];
  const memberIndex = new Map<string, number>();
  const decoded = new Map<string, [member: number, vote: number]>();
  const decode = (entry: string): [number, number] => {
    const memberId = entry.slice(0, -1);
    let index = memberIndex.get(memberId);
    if (index === undefined) {
      index = members.length;
      members.push(memberId);
      memberIndex.set(memberId, index);
    }
    const value: [number, number] = [index, entry.charCodeAt(entry.length - 1)];
    decoded.set(entry, value);
    return value;
  };
  const lists = groups.map((g) => g.votes.split(","));
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  const rollCallIds = new Int32Array(total);
  const memberIndexes = new Int32Array(total);
  const values = new Uint8Array(total);
  let k = 0;
  groups.forEach((group, g) => {
    for (const entry of lists[g]!) {
      const [member, vote] = decoded.get(entry) ?? decode(entry);
      rollCallIds[k] = group.roll_call_id;
      memberIndexes[k] = member;
      values[k] = vote;
      k++;
    }
  });
  return {
    rollCalls,
    members,
    voteRollCallIds: rollCallIds,
    voteMemberIndexes: memberIndexes,
    voteValues: values,
  };
}

export async function loadVoteMatrix(store: Store): Promise<VoteMatrix> {
  return buildVoteMatrix(await loadMatrixInput(store));
}

export class MatrixService {
  private matrix: VoteMatrix | null = null;
  private version = -1;
  private checkedAt = 0;
  private reloading: Promise<void> | null = null;

  /** @param recheckMs how often `current()` may ask the store whether its data changed. */
  constructor(
    private readonly store: Store,
    private readonly recheckMs = 2000,
  ) {}

  private stopListening: (() => Promise<void>) | null = null;

  /**
   * Follow other instances' imports as they commit (PostgreSQL LISTEN/NOTIFY): the next `current()`
   * then checks at once instead of waiting for the periodic check.
   */
  async listen(): Promise<void> {
    this.stopListening ??= await this.store.onDataChange((version) => {
      if (version !== this.version) this.checkedAt = 0;
    });
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
  }

  async load(): Promise<VoteMatrix> {
    const version = await this.store.dataVersion();
    this.matrix = await loadVoteMatrix(this.store);
    this.version = version;
    this.checkedAt = Date.now();
    return this.matrix;
  }

  /**
   * The current matrix. At most every `recheckMs` it checks the store's data version and, when an
   * import moved it, reloads before answering.
   */
  async current(): Promise<VoteMatrix> {
    if (!this.matrix) return this.load();
    if (Date.now() - this.checkedAt >= this.recheckMs) {
      this.checkedAt = Date.now();
      if ((await this.store.dataVersion()) !== this.version) {
        this.reloading ??= this.load().then(
          () => void (this.reloading = null),
          (error) => {
            this.reloading = null;
            throw error;
          },
        );
        await this.reloading;
      }
    }
    return this.matrix!;
  }

  get dataVersion(): number {
    return this.version;
  }
}
