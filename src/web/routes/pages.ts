/** Server-rendered pages: fast first paint, indexable, working without JavaScript. */
import type { FastifyPluginAsync } from "fastify";
import { summarise, viewRollCall } from "../../data/rollCallView.js";
import { homePage } from "../pages/home.js";
import { votePage } from "../pages/vote.js";
import { symbolParam } from "./api.js";
import { pageContext } from "../context.js";

export const pageRoutes: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", async (_request, reply, payload) => {
    if (!reply.hasHeader("content-type")) reply.type("text/html; charset=utf-8");
    return payload;
  });

  app.get("/", async (request, reply) => {
    const [latest, total] = await Promise.all([app.store.list({ limit: 30 }), app.store.count()]);
    return reply
      .type("text/html; charset=utf-8")
      .send(homePage(latest.map(summarise), total, pageContext(request)));
  });

  app.get("/votes/*", async (request, reply) => {
    const view = await viewRollCall(app.store, symbolParam(request.params));
    return reply.type("text/html; charset=utf-8").send(votePage(view, pageContext(request)));
  });
};
