/**
 * The vote matrix from the store, and kept current: `MatrixService` loads it once at start-up
 * (`await service.load()`) and reloads it when another process's import moves the store's data version,
 * so a running server follows imports without a restart.
 *
 * Loading reads the matrix's snapshot from the store's analysis cache when it is of the current data
 * version (one read of ≈1.5 MB for the research record, checked whole: see snapshot.ts); otherwise it
 * builds the matrix from the rows, on one consistent view of the data, and stores its snapshot for the
 * next process. Imports refresh it at their end (`refreshAnalysisCache`), so it is rarely built twice.
 *
 * This file is the analysis layer's one edge to the store: it reads plain rows and hands them to
 * `buildVoteMatrix`; everything else in src/analysis is pure.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import type { ConsistentReads, Store } from "../data/store/index.js";
import { buildVoteMatrix, type MatrixInput, type MatrixRollCall, type VoteMatrix } from "./matrix.js";
import { readDerived, writeDerived } from "./derived.js";
import { decodeMatrix, encodeMatrix, MATRIX } from "./matrixSnapshot.js";

/** Reads every roll call and vote into the matrix's columnar input (on one consistent view of the store). */
export async function loadMatrixInput(reads: ConsistentReads): Promise<MatrixInput> {
  // A text adopted without a vote has no member votes: not a column of the matrix. Only the columns
  // the matrix keeps: the whole rows (titles, texts) take ten times as long to read.
  const columns = ["body", "session", "date", "kind", "important_vote", "complete", "modality"] as const;
  const rows = (await reads.rollCallRows({ columns })).filter((r) => r.modality !== "without-vote");
  const issuesById = await reads.issuesByRollCall();
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

  // One row per roll call with its votes packed as "USAY,RUSN,…" (see the store's packedVotes.ts).
  // Only the columns' votes: a source may list the members of a text adopted without a vote (their
  // votes stored, none cast), and that roll call is no column.
  const matrixColumns = new Set(rows.map((r) => r.id));
  const groups = (await reads.packedVotes()).filter((g) => matrixColumns.has(g.roll_call_id));
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

/** A matrix with the data version it is of, and where it came from. */
export interface LoadedMatrix {
  matrix: VoteMatrix;
  dataVersion: number;
  /** `snapshot`: read from the analysis cache; `store`: built from the rows (and its snapshot stored). */
  source: "snapshot" | "store";
  /** Why the snapshot was not used, when it was not (missing, stale, damaged …). */
  snapshotProblem?: string;
}

/** Builds the matrix from the rows, all read from one data version, which it returns. */
export async function buildMatrixFromStore(
  store: Store,
): Promise<{ matrix: VoteMatrix; dataVersion: number }> {
  return store.readConsistently(async (reads, dataVersion) => ({
    matrix: buildVoteMatrix(await loadMatrixInput(reads)),
    dataVersion,
  }));
}

/**
 * The matrix of the store's current data: its snapshot when that is whole and of the current data
 * version, else built from the rows (and the snapshot stored, when the store can take it).
 */
export async function loadMatrix(store: Store): Promise<LoadedMatrix> {
  const version = await store.dataVersion();
  const stored = await readDerived(store, MATRIX, version);
  const decoded = stored.content ? decodeMatrix(stored.content) : { problem: stored.problem };
  if (decoded.matrix) return { matrix: decoded.matrix, dataVersion: version, source: "snapshot" };
  const built = await buildMatrixFromStore(store);
  const { json, arrays } = encodeMatrix(built.matrix);
  await writeDerived(store, MATRIX, built.dataVersion, json, arrays);
  return { ...built, source: "store", snapshotProblem: decoded.problem };
}

export async function loadVoteMatrix(store: Store): Promise<VoteMatrix> {
  return (await loadMatrix(store)).matrix;
}

/**
 * The end of an import: store the snapshot of the new data, so the next command or server start reads
 * it instead of building the matrix. Cheap when another process has stored it already.
 */
export async function refreshAnalysisCache(store: Store): Promise<LoadedMatrix> {
  return loadMatrix(store);
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
    const loaded = await loadMatrix(this.store);
    this.matrix = loaded.matrix;
    this.version = loaded.dataVersion;
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
