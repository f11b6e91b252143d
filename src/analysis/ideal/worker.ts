/**
 * The second thread of the estimator's passes (parallel.ts): it takes chunks of each pass it is told
 * to, beside the main thread, on the arrays they share, and says when none is left.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Estimator, type EstimatorState } from "./estimator.js";
import { CMD, DONE, FAILED, READY, SEQ, STOP, runChunks, type Chunks } from "./parallel.js";
import type { Problem } from "./problem.js";

// Started before the problem exists (parallel.ts: startWorker), so that loading this module overlaps
// the main thread's work; the problem and the shared arrays come as a message.
const { control } = workerData as { control: Int32Array };
parentPort!.once("message", (message: unknown) => {
  const { problem, state, chunks } = message as {
    problem: Problem;
    state: EstimatorState;
    chunks: Chunks;
  };
  const estimator = new Estimator(problem, state);
  Atomics.store(control, READY, 1);
  Atomics.notify(control, READY);
  serve(estimator, chunks);
});

function serve(estimator: Estimator, chunks: Chunks): void {
  let seen = 0;
  for (;;) {
    let seq: number;
    while ((seq = Atomics.load(control, SEQ)) === seen) Atomics.wait(control, SEQ, seen);
    seen = seq;
    const command = Atomics.load(control, CMD);
    if (command === STOP) break;
    try {
      runChunks(estimator, chunks, command, control);
    } catch {
      Atomics.store(control, FAILED, 1);
    }
    Atomics.store(control, DONE, seen);
    Atomics.notify(control, DONE);
  }
}
