/** The JSON API: every page's data, read-only endpoints open to other origins (CORS). */
import type { FastifyPluginAsync } from "fastify";
import { viewRollCall } from "../../data/rollCallView.js";

/**
 * Symbols hold slashes: `/api/votes/A%2FRES%2FES-11%2F7` and `/api/votes/A/RES/ES-11/7` both work, so
 * the route takes the rest of the path.
 */
export function symbolParam(params: unknown): string {
  return decodeURIComponent(String((params as Record<string, string>)["*"] ?? "")).replace(/\/+$/, "");
}

export const apiRoutes: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method === "GET") reply.header("access-control-allow-origin", "*");
    return payload;
  });

  app.get("/votes/*", async (request) => viewRollCall(app.store, symbolParam(request.params)));
};
