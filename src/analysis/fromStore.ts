/**
 * The vote matrix built from the store, and kept current: `MatrixService` loads it once at start-up
 * (`await service.load()`) and reloads it when another process's import moves the store's data version,
 * so a running server follows imports without a restart.
 *
 * This file is the analysis layer's one edge to the store: it reads plain rows and hands them to
 * `buildVoteMatrix`; everything else in src/analysis is pure.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import type { Store } from "../data/store/index.js";
import { buildVoteMatrix, type MatrixInput, type MatrixRollCall, type VoteMatrix } from "./matrix.js";

/** Reads every roll call and vote into the matrix's columnar input. */
export async function loadMatrixInput(store: Store): Promise<MatrixInput> {
  const rows = await store.db
    .selectFrom("roll_calls")
    .select(["id", "body", "session", "date", "kind", "important_vote", "complete"])
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

  const query = store.db.selectFrom("votes").select(["roll_call_id", "member_id", "vote"]).compile();
  const members: string[] = [];
  const memberIndex = new Map<string, number>();
  const rollCallIds: number[] = [];
  const memberIndexes: number[] = [];
  let values = "";
  const add = (rollCallId: number, memberId: string, vote: string) => {
    let index = memberIndex.get(memberId);
    if (index === undefined) {
      index = members.length;
      members.push(memberId);
      memberIndex.set(memberId, index);
    }
    rollCallIds.push(rollCallId);
    memberIndexes.push(index);
    values += vote;
  };
  if (store.sqlite) {
    // 870k rows: iterate raw arrays from the SQLite handle rather than building an object per row.
    // The SQL is Kysely's own compilation of the query above, so it is written once.
    const statement = store.sqlite.prepare(query.sql).raw(true);
    for (const [rollCallId, memberId, vote] of statement.iterate(...query.parameters) as Iterable<
      [number, string, string]
    >) {
      add(rollCallId, memberId, vote);
    }
  } else {
    for (const row of (await store.db.executeQuery(query)).rows)
      add(row.roll_call_id, row.member_id, row.vote);
  }
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
