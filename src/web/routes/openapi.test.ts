/**
 * The OpenAPI document is generated from the route schemas: it must be a valid OpenAPI 3.1 document —
 * every API route in it with parameters and responses, every reference resolving, every schema a valid
 * JSON Schema (2020-12, compiled with Ajv) — and the answers must match their documented shapes.
 */
import type { FastifyInstance } from "fastify";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suiteStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const temp = suiteStore();
let app: FastifyInstance;
let base: string;
let doc: Document;

beforeAll(async () => {
  app = await buildServer({ store: temp.store, siteOptions: { idealPoints: "off" } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const response = await fetch(`${base}/api/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as Document;
});
afterAll(async () => {
  await app.close();
});

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === "object") {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every API endpoint and no page route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Plenary API");
    for (const path of [
      "/api/votes",
      "/api/votes/{symbol}",
      "/api/highlights",
      "/api/members",
      "/api/members/{code}",
      "/api/compare/{a}/{b}",
      "/api/blocs",
      "/api/blocs/{id}",
      "/api/council",
      "/api/search",
      "/api/outcome",
      "/api/openapi.json",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    for (const path of Object.keys(doc.paths)) {
      expect(path.startsWith("/api/"), path).toBe(true);
      expect(path).not.toContain("*");
      expect(path).not.toBe("/api/docs");
    }
  });

  it("describes every operation: summary, parameters with schemas, path parameters required, responses", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${path}`;
        expect(op.summary, label).toBeTruthy();
        expect(op.responses["200"]?.description, label).toBeTruthy();
        expect(op.responses["200"]?.content?.["application/json"]?.schema, label).toBeDefined();
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const name of inPath) {
          const param = op.parameters?.find((p) => p.in === "path" && p.name === name);
          expect(param?.required, `${label} {${name}}`).toBe(true);
        }
        for (const p of op.parameters ?? []) {
          expect(["query", "path", "header", "cookie"], label).toContain(p.in);
          expect(p.schema, `${label} ${p.name}`).toBeDefined();
        }
      }
    }
  });

  it("has only references that resolve, and schemas that compile as JSON Schema 2020-12", () => {
    walk(doc, (node) => {
      if (typeof node.$ref === "string") {
        const match = /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
        expect(match, node.$ref).not.toBeNull();
        expect(doc.components.schemas[match![1]!], node.$ref).toBeDefined();
      }
    });
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
    const compile = (schema: unknown) =>
      ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"openapi#/components')));
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        for (const response of Object.values(op.responses)) {
          const schema = response.content?.["application/json"]?.schema;
          if (schema) expect(() => compile(schema), path).not.toThrow();
        }
      }
    }
  });

  it("answers match their documented 200 schemas", async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
    const validatorFor = (path: string) => {
      const schema = doc.paths[path]!.get!.responses["200"]!.content!["application/json"]!.schema;
      return ajv.compile(
        JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"openapi#/components')),
      );
    };
    for (const [path, url] of [
      ["/api/votes", "/api/votes?limit=3"],
      ["/api/votes/{symbol}", "/api/votes/ES-11%2F7"],
      ["/api/highlights", "/api/highlights"],
      ["/api/members", "/api/members?q=fra"],
      ["/api/members/{code}", "/api/members/FRA"],
      ["/api/compare/{a}/{b}", "/api/compare/USA/RUS"],
      ["/api/blocs", "/api/blocs"],
      ["/api/blocs/{id}", "/api/blocs/EU"],
      ["/api/council", "/api/council"],
      ["/api/search", "/api/search?q=peace"],
    ] as const) {
      const validate = validatorFor(path);
      const body = await (await fetch(base + url)).json();
      expect(validate(body), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("is described for people at /api/docs, with a curl example per endpoint", async () => {
    const html = await (await fetch(`${base}/api/docs`)).text();
    expect(html).toContain("GET /api/compare/{a}/{b}");
    expect(html).toContain("curl -s &#39;http://127.0.0.1:3000/api/compare/US/RU&#39;");
    expect(html).not.toMatch(/\sstyle=/);
  });
});
