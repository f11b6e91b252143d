/**
 * The estimator's passes, on one thread or two. Each pass — the roll calls' Newton steps, the members'
 * chains — is cut into chunks of about as many votes each; with two threads the main thread and a
 * worker thread take the chunks in turn over arrays in shared memory, and the main thread waits
 * (Atomics) until both are done.
 *
 * The results are the same bits either way: within a pass no chunk reads what another writes (a roll
 * call's step reads the ideal points, which only the chains' pass writes, and the other way round), and
 * each roll call's and each chain's step depends on nothing but the problem and the parameters.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { Estimator, estimatorState, type EstimatorState } from "./estimator.js";
import type { Problem } from "./problem.js";

export interface Passes {
  /** The main thread's estimator (its arrays are the ones both threads update). */
  readonly estimator: Estimator;
  readonly threads: 1 | 2;
  updateItems(): void;
  updateMembers(): void;
  /** Stops the worker thread, if any. */
  close(): void;
}

/**
 * Each pass's work in chunks of about 1/64 of the votes — roll calls [items[i], items[i + 1]) and
 * chains [chains[i], chains[i + 1]) — which the threads take in turn, each the next not yet taken, until
 * none is left: a thread that gets the cheaper chunks (fewer abstentions, fewer steps to check) takes
 * more of them, where two fixed halves left one thread waiting for the other (by up to 40 % of a pass
 * in the first rounds).
 */
export interface Chunks {
  items: Int32Array;
  chains: Int32Array;
}

const CHUNKS = 64;

export function chunksOf(p: Problem): Chunks {
  const total = p.itemStart[p.items]!;
  const size = Math.max(1, Math.ceil(total / CHUNKS));
  const items = [0];
  for (let k = 1; k < p.items; k++)
    if (p.itemStart[k]! - p.itemStart[items[items.length - 1]!]! >= size) items.push(k);
  items.push(p.items);
  const chainCount = p.chainStart.length - 1;
  const chains = [0];
  let votes = 0;
  for (let c = 0; c < chainCount; c++) {
    if (votes >= size) {
      chains.push(c);
      votes = 0;
    }
    for (let q = p.chainStart[c]!; q < p.chainStart[c + 1]!; q++)
      votes += p.mpStart[p.chainMp[q]! + 1]! - p.mpStart[p.chainMp[q]!]!;
  }
  chains.push(chainCount);
  return { items: Int32Array.from(items), chains: Int32Array.from(chains) };
}

/** The commands the worker obeys, and the slots of the control array. */
export const STOP = 0;
export const ITEMS = 1;
export const MEMBERS = 2;
export const SEQ = 0;
export const CMD = 1;
export const DONE = 2;
export const READY = 3;
export const FAILED = 4;
/** The next chunk of the pass under way, for whichever thread asks first. */
export const NEXT = 5;

/**
 * Runs chunks of `command` on `estimator` until none is left, taking each from control[NEXT]. The
 * results are the same bits whichever thread takes which chunk: a roll call's step reads only the
 * ideal points and its own parameters, a chain's only the roll calls' parameters and its own points.
 */
export function runChunks(estimator: Estimator, chunks: Chunks, command: number, control: Int32Array): void {
  const bounds = command === ITEMS ? chunks.items : chunks.chains;
  for (;;) {
    const i = Atomics.add(control, NEXT, 1);
    if (i + 1 >= bounds.length) return;
    if (command === ITEMS) estimator.updateItems(bounds[i]!, bounds[i + 1]!);
    else estimator.updateMembers(bounds[i]!, bounds[i + 1]!);
  }
}

/** The problem's arrays copied into shared memory (for the worker thread to read without copies). */
function shared(p: Problem): Problem {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p)) {
    if (ArrayBuffer.isView(value)) {
      const array = value as unknown as Int32Array;
      const Type = array.constructor as Int32ArrayConstructor;
      const copy = new Type(new SharedArrayBuffer(array.byteLength));
      copy.set(array);
      out[key] = copy;
    } else {
      out[key] = value;
    }
  }
  return out as unknown as Problem;
}

/** Votes from which a problem is worth a second thread. */
const TWO_THREADS_FROM = 200_000;

/** How many threads to use: two for a large problem on a machine with two cores or more. */
export function defaultThreads(p: Problem): 1 | 2 {
  return p.itemStart[p.items]! >= TWO_THREADS_FROM && availableParallelism() >= 2 ? 2 : 1;
}

/**
 * Before the problem is built: whether it may get two threads, from a bound on its votes (roll calls
 * times members) — to start the worker early (startWorker); defaultThreads decides.
 */
export function mayUseTwoThreads(voteBound: number): boolean {
  return voteBound >= TWO_THREADS_FROM && availableParallelism() >= 2;
}

/** A worker thread started ahead of its problem (startWorker), and the control array both threads share. */
export interface StartedWorker {
  worker: Worker;
  control: Int32Array;
}

/**
 * Starts the worker thread — compiled JavaScript, or TypeScript through tsx (tests, tsx scripts) —
 * before the problem is built, so that loading its modules overlaps the main thread's work; createPasses
 * sends it the problem. A module that fails to load marks the control array FAILED, so the main thread
 * stops waiting for it.
 */
export function startWorker(): StartedWorker {
  const control = new Int32Array(new SharedArrayBuffer(4 * 8));
  const typescript = import.meta.url.endsWith(".ts");
  const url = JSON.stringify(new URL(`./worker${typescript ? ".ts" : ".js"}`, import.meta.url).href);
  const boot = typescript ? `import("tsx/esm/api").then((tsx) => tsx.register())` : "Promise.resolve()";
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     ${boot}.then(() => import(${url})).catch(() => {
       Atomics.store(workerData.control, ${FAILED}, 1);
       Atomics.store(workerData.control, ${READY}, 1);
       Atomics.notify(workerData.control, ${READY});
     });`,
    { eval: true, workerData: { control } },
  );
  worker.unref();
  return { worker, control };
}

/**
 * The passes of `p`, on `threads` threads (falling back to one when a worker cannot start); `started`,
 * a worker from startWorker, is used for the second thread (and stopped when one thread is asked for).
 */
export function createPasses(
  p: Problem,
  threads: 1 | 2 = defaultThreads(p),
  started: StartedWorker | null = null,
): Passes {
  const chunks = chunksOf(p);
  if (threads === 1 && started) void started.worker.terminate();
  if (threads === 2) {
    const problem = shared(p);
    const state: EstimatorState = estimatorState(problem, (length) =>
      new Float64Array(new SharedArrayBuffer(8 * Math.max(1, length))).subarray(0, length),
    );
    let worker: Worker | null = started?.worker ?? null;
    let control: Int32Array;
    try {
      ({ worker, control } = started ?? startWorker());
      worker.postMessage({ problem, state, chunks });
      // The worker sets READY (or FAILED) once it holds the problem; the main thread may block here.
      const ready = Atomics.wait(control, READY, 0, 60_000);
      if (ready === "timed-out" || Atomics.load(control, FAILED) !== 0) throw new Error("no worker");
    } catch {
      void worker?.terminate();
      return createPasses(p, 1);
    }
    const estimator = new Estimator(problem, state);
    const w = worker;
    const run = (command: number) => {
      Atomics.store(control, CMD, command);
      Atomics.store(control, NEXT, 0);
      const seq = Atomics.add(control, SEQ, 1) + 1;
      Atomics.notify(control, SEQ);
      try {
        runChunks(estimator, chunks, command, control);
      } finally {
        // Even when this thread's share failed: the next pass must not reset NEXT under the worker.
        let done: number;
        while ((done = Atomics.load(control, DONE)) !== seq) {
          if (Atomics.load(control, FAILED) !== 0) break;
          Atomics.wait(control, DONE, done, 1000);
        }
      }
      // The worker may have failed and said so before this thread began to wait.
      if (Atomics.load(control, FAILED) !== 0) throw new Error("The ideal-point worker thread failed.");
    };
    return {
      estimator,
      threads: 2,
      updateItems: () => run(ITEMS),
      updateMembers: () => run(MEMBERS),
      close() {
        Atomics.store(control, CMD, STOP);
        Atomics.add(control, SEQ, 1);
        Atomics.notify(control, SEQ);
        void w.terminate();
      },
    };
  }
  const estimator = new Estimator(p);
  const control = new Int32Array(8);
  const both = (command: number) => {
    control[NEXT] = 0;
    runChunks(estimator, chunks, command, control);
  };
  return {
    estimator,
    threads: 1,
    updateItems: () => both(ITEMS),
    updateMembers: () => both(MEMBERS),
    close() {},
  };
}
