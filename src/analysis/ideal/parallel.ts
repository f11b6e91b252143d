/**
 * The estimator's passes, on one thread or two. Each pass — the roll calls' Newton steps, the members'
 * chains — is split into two fixed blocks of about as many
 * votes each; with two threads the main thread runs the first block and a worker thread the second,
 * over arrays in shared memory, and the main thread waits (Atomics) until both are done.
 *
 * The results are the same bits either way: within a pass no block reads what the other writes (a roll
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

/** Where the two blocks meet: an item index and a chain index splitting the votes about in half. */
export interface Split {
  item: number;
  chain: number;
}

function splitOf(p: Problem): Split {
  const total = p.itemStart[p.items]!;
  let item = 0;
  while (item < p.items && p.itemStart[item]! < total / 2) item++;
  const chains = p.chainStart.length - 1;
  let chain = 0;
  let votes = 0;
  while (chain < chains && votes < total / 2) {
    for (let q = p.chainStart[chain]!; q < p.chainStart[chain + 1]!; q++)
      votes += p.mpStart[p.chainMp[q]! + 1]! - p.mpStart[p.chainMp[q]!]!;
    chain++;
  }
  return { item, chain };
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

/** Runs block `block` (0 or 1) of `command` on `estimator`. */
export function runBlock(
  estimator: Estimator,
  p: Problem,
  split: Split,
  command: number,
  block: 0 | 1,
): void {
  const items = block === 0 ? [0, split.item] : [split.item, p.items];
  const chains = block === 0 ? [0, split.chain] : [split.chain, p.chainStart.length - 1];
  if (command === ITEMS) estimator.updateItems(items[0], items[1]);
  else if (command === MEMBERS) estimator.updateMembers(chains[0], chains[1]);
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
  const split = splitOf(p);
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
      worker.postMessage({ problem, state, split });
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
      const seq = Atomics.add(control, SEQ, 1) + 1;
      Atomics.notify(control, SEQ);
      runBlock(estimator, problem, split, command, 0);
      let done: number;
      while ((done = Atomics.load(control, DONE)) !== seq) {
        if (Atomics.load(control, FAILED) !== 0) throw new Error("The ideal-point worker thread failed.");
        Atomics.wait(control, DONE, done, 1000);
      }
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
  const both = (command: number) => {
    runBlock(estimator, p, split, command, 0);
    runBlock(estimator, p, split, command, 1);
  };
  return {
    estimator,
    threads: 1,
    updateItems: () => both(ITEMS),
    updateMembers: () => both(MEMBERS),
    close() {},
  };
}
