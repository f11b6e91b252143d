/**
 * Heavy views off the event loop, shared fairly (issue 15: one client asking for uncached member, bloc
 * and comparison pages at 46% of its request allowance raised every other client's p90 from 42 ms to
 * 1.6 s — each page is 40–270 ms of synchronous CPU: statistics and server-drawn charts).
 *
 * For a large record (as for ideal points) the tasks run in one child process, which holds a copy of the
 * current snapshot: the server's event loop only normalises the request, looks in the cache and sends
 * bytes, so light requests never wait behind a heavy one. The child takes one task at a time; waiting
 * tasks are queued per client and taken round-robin, so a client with many uncached requests waits for
 * its own, not others; a client may have at most `perClient` tasks waiting or running, beyond which it is
 * told to slow down (429, Retry-After). A small record's tasks run inline (fast, and no process to start).
 */
import type { ChildProcess } from "node:child_process";
import { setPriority } from "node:os";
import type { IdealPointsResult } from "../../analysis/idealPoints.js";
import { PlenaryError, type PlenaryErrorCode, type PlenaryErrorOptions } from "../../core/errors.js";
import type { Coverage } from "../../data/coverage.js";
import type { CatalogEntry } from "./catalog.js";
import { forkSibling } from "./forkChild.js";
import { runTask, type TaskResult, type ViewTask } from "./heavyViews.js";
import { matrixParts, type MatrixParts } from "./idealPointsJob.js";
import type { IdealStatus, Snapshot } from "./site.js";

export type WorkerMessage =
  | {
      type: "snapshot";
      version: number;
      matrix: MatrixParts;
      entries: CatalogEntry[];
      coverage: Coverage;
      idealPoints: IdealPointsResult | null;
      idealStatus: IdealStatus;
    }
  | { type: "task"; id: number; version: number; task: ViewTask };

interface WorkerAnswer {
  id: number;
  result?: TaskResult;
  error?: { code: PlenaryErrorCode; message: string; options: PlenaryErrorOptions };
}

interface Queued {
  snapshot: Snapshot;
  task: ViewTask;
  client: string;
  resolve: (result: TaskResult) => void;
  reject: (error: unknown) => void;
}

export interface ViewPoolOptions {
  /** `worker` (a child process), `inline`, or `auto` (default): the worker for a large record. */
  mode?: "auto" | "worker" | "inline";
  /** Tasks one client may have waiting or running (default 4). */
  perClient?: number;
}

/** Votes above which a record counts as large (the same threshold as the ideal points'). */
const LARGE = 60_000;

export class ViewPool {
  private child: ChildProcess | null = null;
  /** What the child holds: the snapshot object and its ideal points (status and result) when it was sent. */
  private sent: { snapshot: Snapshot; status: IdealStatus; points: IdealPointsResult | null } | null = null;
  private readonly queues = new Map<string, Queued[]>();
  private readonly running = new Map<number, Queued>();
  private readonly perClientCount = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ViewPoolOptions = {}) {}

  /** Computes `task` on `snapshot` for `client` (its address): in the worker for a large record. */
  run(snapshot: Snapshot, task: ViewTask, client: string): Promise<TaskResult> {
    const mode = this.options.mode ?? "auto";
    if (mode === "inline" || (mode === "auto" && snapshot.matrix.voteCount < LARGE)) {
      return Promise.resolve().then(() => runTask(snapshot, task));
    }
    const limit = this.options.perClient ?? 4;
    const count = this.perClientCount.get(client) ?? 0;
    if (count >= limit) {
      return Promise.reject(
        new PlenaryError("RATE_LIMITED", "Too many pages being computed for you at once.", {
          help: "Wait for the pages you asked for, then try again.",
        }),
      );
    }
    this.perClientCount.set(client, count + 1);
    return new Promise<TaskResult>((resolve, reject) => {
      const queue = this.queues.get(client) ?? [];
      queue.push({ snapshot, task, client, resolve, reject });
      this.queues.set(client, queue);
      this.dispatch();
    });
  }

  /** Sends the next task, round-robin over the clients, when the child is idle. */
  private dispatch(): void {
    if (this.running.size > 0 || this.closed) return;
    const [client, queue] = this.queues.entries().next().value ?? [];
    if (!client || !queue) return;
    const item = queue.shift()!;
    // Round-robin: the client goes to the back of the line.
    this.queues.delete(client);
    if (queue.length) this.queues.set(client, queue);
    const child = this.ensureChild();
    this.sendSnapshot(child, item.snapshot);
    const id = this.nextId++;
    this.running.set(id, item);
    child.send({ type: "task", id, version: item.snapshot.version, task: item.task } satisfies WorkerMessage);
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = forkSibling(import.meta.url, "viewWorker");
    // Heavy views yield the CPU to the event loop that answers everyone else.
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // Not permitted here: the worker runs at the server's priority.
    }
    child.on("message", (answer: WorkerAnswer) => this.answer(answer));
    child.on("exit", () => {
      if (this.child !== child) return;
      // A crash fails what it was doing; the next task starts a new child.
      this.child = null;
      this.sent = null;
      for (const [id, item] of this.running) {
        this.running.delete(id);
        this.settle(item, () => item.reject(new PlenaryError("INTERNAL", "The view worker stopped.")));
      }
      this.dispatch();
    });
    this.child = child;
    return child;
  }

  private sendSnapshot(child: ChildProcess, snapshot: Snapshot): void {
    // The points change while the status stays ready: their bootstrap replaces them when it is done.
    if (
      this.sent?.snapshot === snapshot &&
      this.sent.status === snapshot.idealStatus &&
      this.sent.points === snapshot.idealPoints
    )
      return;
    child.send({
      type: "snapshot",
      version: snapshot.version,
      matrix: matrixParts(snapshot.matrix),
      entries: [...snapshot.catalog.entries],
      coverage: snapshot.coverage,
      idealPoints: snapshot.idealPoints,
      idealStatus: snapshot.idealStatus,
    } satisfies WorkerMessage);
    this.sent = { snapshot, status: snapshot.idealStatus, points: snapshot.idealPoints };
  }

  private answer(answer: WorkerAnswer): void {
    const item = this.running.get(answer.id);
    if (!item) return;
    this.running.delete(answer.id);
    this.settle(item, () => {
      if (answer.result) item.resolve(answer.result);
      else {
        const error = answer.error!;
        item.reject(new PlenaryError(error.code, error.message, error.options));
      }
    });
    this.dispatch();
  }

  private settle(item: Queued, done: () => void): void {
    const count = (this.perClientCount.get(item.client) ?? 1) - 1;
    if (count > 0) this.perClientCount.set(item.client, count);
    else this.perClientCount.delete(item.client);
    done();
  }

  close(): void {
    this.closed = true;
    const child = this.child;
    this.child = null;
    child?.kill();
    const stopped = new PlenaryError("INTERNAL", "The server is shutting down.");
    for (const item of this.running.values()) item.reject(stopped);
    for (const queue of this.queues.values()) for (const item of queue) item.reject(stopped);
    this.running.clear();
    this.queues.clear();
    this.perClientCount.clear();
  }
}
