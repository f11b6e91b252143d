/** The JSON API: every page's data, read-only endpoints open to other origins (CORS). */
import type { FastifyPluginAsync } from "fastify";
import { decide, parseOutcomeInput } from "../../core/rules/index.js";
import { whatIfRollCall } from "../../data/decisions.js";
import { viewRollCall } from "../../data/rollCallView.js";

/**
 * Symbols hold slashes: `/api/votes/A%2FRES%2FES-11%2F7` and `/api/votes/A/RES/ES-11/7` both work, so
 * the route takes the rest of the path.
 */
export function symbolParam(params: unknown): string {
  let raw = String((params as Record<string, string>)["*"] ?? "");
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // A malformed escape is read as typed: the lookup then reports it unknown.
  }
  return raw.replace(/\/+$/, "");
}

/** `…/whatif` at the end of a vote path asks for the what-if view of that vote. */
export function splitAction(path: string, action: string): string | null {
  const suffix = `/${action}`;
  return path.toLowerCase().endsWith(suffix) ? path.slice(0, -suffix.length) : null;
}

function asArray(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export const apiRoutes: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method === "GET") reply.header("access-control-allow-origin", "*");
    return payload;
  });

  app.get<{ Querystring: { set?: string | string[] } }>("/votes/*", async (request) => {
    const path = symbolParam(request.params);
    const whatIfOf = splitAction(path, "whatif");
    if (whatIfOf !== null) return whatIfRollCall(app.store, whatIfOf, asArray(request.query.set));
    return viewRollCall(app.store, path);
  });

  // Decides a hypothetical vote: the same input as `plenary outcome`.
  app.post("/outcome", { config: { rateLimit: { max: 120, timeWindow: "1 minute" } } }, async (request) => {
    const outcomeRequest = parseOutcomeInput(request.body);
    return decide(outcomeRequest.rollCall, outcomeRequest.context);
  });
};
