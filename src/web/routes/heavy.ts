/**
 * Sending a heavy view (member, bloc, comparison): the request's parameters normalised into a task, the
 * answer looked up in the snapshot's caches under the task's key, and only on a miss computed by the view
 * pool — off the event loop for a large record, fairly between clients (see pageData/viewPool.ts).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { normaliseTask, taskKey, type TaskKind } from "../pageData/heavyViews.js";
import { sendCached, sendCachedPage } from "./respond.js";

export async function sendHeavy(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: TaskKind,
  ids: string[],
  format: "page" | "json",
): Promise<FastifyReply> {
  const { site } = request.server;
  const snapshot = await site.snapshot();
  const task = normaliseTask(snapshot, kind, ids, (request.query ?? {}) as Record<string, unknown>, format);
  // The ideal points change a member's answer when their estimate settles.
  const key = `heavy:${taskKey(task)}:${kind === "member" ? snapshot.idealStatus : ""}`;
  const run = () => site.views.run(snapshot, task, request.ip);
  if (format === "page") {
    return sendCachedPage(request, reply, snapshot, key, async () => {
      const result = await run();
      if (!("parts" in result)) throw new Error("a page task answered without a page");
      return result.parts;
    });
  }
  return sendCached(request, reply, snapshot, key, async () => {
    const result = await run();
    if (!("json" in result)) throw new Error("a JSON task answered without JSON");
    return { body: result.json, type: "application/json; charset=utf-8" };
  });
}
