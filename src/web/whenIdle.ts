/**
 * Background work that yields to requests: the server's warm-ups (page modules, the Markdown renderer,
 * the common-password list) and the site's own background work (the ideal points) each run when no
 * request is in flight and none has come for `quietMs` — so the first readers after a start are not
 * kept waiting behind a module being compiled or a cache being decoded (issue 17, goal 3). Under
 * constant traffic a step runs anyway once it has waited `maxWaitMs`.
 *
 * One step at a time, in order; a step's failure is logged and the next one runs.
 */
import type { FastifyInstance } from "fastify";

export interface IdleOptions {
  quietMs?: number;
  maxWaitMs?: number;
}

export function idleSteps(
  app: FastifyInstance,
  steps: readonly (() => unknown)[],
  { quietMs = 100, maxWaitMs = 5000 }: IdleOptions = {},
): void {
  let inFlight = 0;
  let lastActivity = Date.now();
  let closed = false;
  app.addHook("onRequest", async () => {
    inFlight++;
    lastActivity = Date.now();
  });
  app.addHook("onResponse", async () => {
    inFlight--;
    lastActivity = Date.now();
  });
  app.addHook("onClose", async () => {
    closed = true;
  });
  const next = (index: number, waitingSince: number): void => {
    if (closed || index >= steps.length) return;
    const now = Date.now();
    const idle = inFlight === 0 && now - lastActivity >= quietMs;
    if (!idle && now - waitingSince < maxWaitMs) {
      setTimeout(() => next(index, waitingSince), quietMs).unref();
      return;
    }
    Promise.resolve()
      .then(steps[index])
      .catch((error: unknown) => app.log.warn({ err: error }, "a background step failed"))
      .finally(() => next(index + 1, Date.now()));
  };
  app.addHook("onReady", async () => {
    setTimeout(() => next(0, Date.now()), quietMs).unref();
  });
}
