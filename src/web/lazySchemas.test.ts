import Fastify, { type FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { lazySchemaController } from "./lazySchemas.js";

/** The same routes on a server with Fastify's default compilers and on one with the lazy ones. */
function server(lazy: boolean): FastifyInstance {
  const app = Fastify(lazy ? { schemaController: lazySchemaController } : {});
  app.get(
    "/items/:id",
    {
      schema: {
        params: { type: "object", properties: { id: { type: "integer", minimum: 1 } }, required: ["id"] },
        querystring: {
          type: "object",
          properties: {
            page: { type: "integer", default: 1 },
            tags: { type: "array", items: { type: "string" } },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: { id: { type: "integer" }, page: { type: "integer" }, tags: { type: "array" } },
          },
        },
      },
    },
    async (request) => ({ ...(request.params as object), ...(request.query as object), secret: "dropped" }),
  );
  app.post(
    "/echo",
    { schema: { body: { type: "object", properties: { n: { type: "number" } }, required: ["n"] } } },
    async (request) => request.body,
  );
  return app;
}

const REQUESTS = [
  { url: "/items/7" },
  { url: "/items/7?page=3&tags=a" },
  { url: "/items/0" },
  { url: "/items/x" },
  { url: "/items/7?page=abc" },
  { url: "/items/7?other=1" },
  { method: "POST" as const, url: "/echo", payload: { n: 2 } },
  { method: "POST" as const, url: "/echo", payload: { m: 2 } },
  { method: "POST" as const, url: "/echo", payload: { n: "two" } },
];

describe("route schemas compiled on first use", () => {
  it("answer every request exactly as Fastify's default compilers do (coercion, defaults, errors, serialisation)", async () => {
    const [eager, lazy] = [server(false), server(true)];
    for (const request of [...REQUESTS, ...REQUESTS]) {
      const [a, b] = await Promise.all([eager.inject(request), lazy.inject(request)]);
      expect(b.statusCode, request.url).toBe(a.statusCode);
      expect(b.body, request.url).toBe(a.body);
    }
    const ok = await lazy.inject({ url: "/items/7?page=3&tags=a" });
    expect(ok.json()).toEqual({ id: 7, page: 3, tags: ["a"] });
    expect((await lazy.inject({ url: "/items/0" })).statusCode).toBe(400);
    await Promise.all([eager.close(), lazy.close()]);
  });
});
