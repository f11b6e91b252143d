/**
 * The JSON API: every page's data. Read-only endpoints are open to other origins (CORS), cached per
 * data version with an ETag and Cache-Control, and described by their route schemas, from which
 * @fastify/swagger makes the OpenAPI 3 document (`/api/openapi.json`, read at `/api/docs`).
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import swagger from "@fastify/swagger";
import etag from "@fastify/etag";
import { allMembers, resolveMember, type Member } from "../../core/members/index.js";
import { autocompleteMembers } from "../pageData/names.js";
import { decide, parseOutcomeInput } from "../../core/rules/index.js";
import { whatIfRollCall } from "../../data/decisions.js";
import { PlenaryError } from "../../core/errors.js";
import { homeView } from "../pageData/home.js";
import { filterVotes, readVoteFilters } from "../pageData/votesIndex.js";
import { blocList } from "../pageData/bloc.js";
import { councilView } from "../pageData/council.js";
import { normaliseParams, searchRollCalls } from "../search/search.js";
import type { CatalogEntry } from "../pageData/catalog.js";
import { apiDocsPage } from "../pages/apiDocs.js";
import { pageContext } from "../context.js";
import { sendCached, sendCachedJson } from "./respond.js";
import { sendHeavy } from "./heavy.js";
import { voteCsv, voteData } from "./voteData.js";
import {
  OUTCOME_BODY_LIMIT,
  SHARED_SCHEMAS,
  blocSchema,
  blocsSchema,
  compareSchema,
  councilSchema,
  coverageSchema,
  highlightsSchema,
  listVotesSchema,
  memberSchema,
  membersSchema,
  openapiSchema,
  outcomeSchema,
  searchSchema,
  voteSchema,
} from "./schemas.js";

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

/** A catalog entry as listed in JSON (no internal fields). */
export function summaryJson(e: CatalogEntry) {
  return {
    id: e.id,
    ref: e.ref,
    symbol: e.symbol,
    draftSymbol: e.draftSymbol,
    body: e.body,
    session: e.session,
    date: e.date,
    datePrecision: e.datePrecision,
    kind: e.kind,
    title: e.title,
    description: e.description,
    tally: e.tally,
    outcome: e.outcome,
    outcomeSource: e.outcomeSource,
    undecided: e.undecided,
    required: e.required,
    margin: e.margin,
    divisiveness: e.divisiveness,
    issues: e.issues,
    vetoedBy: e.vetoedBy,
  };
}

function memberJson(m: Member) {
  return { id: m.id, name: m.name, alpha2: m.alpha2, status: m.status, region: m.region };
}

function canonicalMember(code: string): Member {
  return resolveMember(code);
}

export const apiRoutes: FastifyPluginAsync = async (app) => {
  // Bodies are serialised with JSON.stringify: response schemas document, they never drop a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Plenary API",
        version: "1",
        description:
          "How the world votes at the United Nations: every General Assembly and Security Council roll call, members, alignments, blocs and the Council. Read-only endpoints allow any origin (CORS), send an ETag and Cache-Control, and answer errors as `{error, message, help, suggestions}`.",
        license: { name: "MIT" },
      },
      tags: [
        { name: "votes", description: "Roll calls, search and downloads" },
        { name: "members", description: "Members and how they align" },
        { name: "blocs", description: "Blocs and their cohesion" },
        { name: "council", description: "The Security Council" },
        { name: "rules", description: "The procedure engine" },
        { name: "meta", description: "This document" },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    // The vote route takes the rest of the path (symbols hold slashes): documented as {symbol}.
    transform: ({ schema, url }) => {
      if (!url.endsWith("/*") || !schema) return { schema, url };
      const params = (schema.params ?? {}) as { properties?: Record<string, unknown> };
      const { "*": rest, ...others } = params.properties ?? {};
      return {
        url: url.replace(/\/\*$/, "/{symbol}"),
        schema: {
          ...schema,
          params: {
            type: "object",
            required: ["symbol"],
            properties: { ...others, symbol: rest ?? { type: "string" } },
          },
        },
      };
    },
  });
  await app.register(etag);

  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method === "GET" || request.method === "HEAD") {
      reply.header("access-control-allow-origin", "*");
      reply.header("access-control-expose-headers", "ETag");
    }
    return payload;
  });
  // CORS preflight for the read-only endpoints.
  app.options("/*", { schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header("access-control-allow-origin", "*")
      .header("access-control-allow-methods", "GET, HEAD, OPTIONS")
      .header("access-control-allow-headers", "If-None-Match, Content-Type")
      .header("access-control-max-age", "86400")
      .send(),
  );

  app.get("/votes", { schema: listVotesSchema }, async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedJson(request, reply, snapshot, async () => {
      const q = request.query as Record<string, unknown>;
      // The same query as the /votes page (pageData/votesIndex.ts).
      const list = await filterVotes(app.store, snapshot, readVoteFilters(q));
      const limit = Number(q.limit ?? 50);
      const offset = Number(q.offset ?? 0);
      return {
        votes: list.slice(offset, offset + limit).map(summaryJson),
        meta: { pagination: { total: list.length, limit, offset } },
      };
    });
  });

  app.get<{ Querystring: { set?: string[]; format?: string } }>(
    "/votes/*",
    { schema: voteSchema },
    async (request, reply): Promise<FastifyReply | unknown> => {
      const path = symbolParam(request.params);
      const whatIfOf = splitAction(path, "whatif");
      if (whatIfOf !== null) return whatIfRollCall(app.store, whatIfOf, asArray(request.query.set));
      const snapshot = await app.site.snapshot();
      if (request.query.format === "csv") {
        return sendCached(request, reply, snapshot, `csv:${path}`, async () => ({
          body: voteCsv(await voteData(app, snapshot, path)),
          type: "text/csv; charset=utf-8",
        }));
      }
      return sendCachedJson(
        request,
        reply,
        snapshot,
        () => voteData(app, snapshot, path),
        `json:vote:${path}`,
      );
    },
  );

  app.get("/highlights", { schema: highlightsSchema }, async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedJson(request, reply, snapshot, () => {
      const view = homeView(snapshot.catalog);
      return {
        total: view.total,
        window: view.window,
        latestWindow: view.latestWindow,
        latest: view.latest.map(summaryJson),
        closest: view.closest.map(summaryJson),
        divisive: view.divisive.map(summaryJson),
      };
    });
  });

  app.get<{ Querystring: { body?: "GA" | "SC" } }>(
    "/coverage",
    { schema: coverageSchema },
    async (request, reply) => {
      const snapshot = await app.site.snapshot();
      return sendCachedJson(request, reply, snapshot, () => {
        const { coverage } = snapshot;
        const body = request.query.body;
        return {
          bodies: coverage.bodies.filter((b) => !body || b.body === body),
          years: coverage.years.filter((y) => !body || y.body === body),
          gaps: coverage.gaps.filter((g) => !body || g.body === body),
        };
      });
    },
  );

  app.get<{ Querystring: { q?: string; limit?: number; status?: string } }>(
    "/members",
    { schema: membersSchema },
    async (request, reply) => {
      const snapshot = await app.site.snapshot();
      return sendCachedJson(request, reply, snapshot, () => {
        const { q, status = "all" } = request.query;
        const wanted = (m: Member) => status === "all" || m.status === status;
        const members = q
          ? autocompleteMembers(q, 50)
              .filter(wanted)
              .slice(0, request.query.limit ?? 8)
          : allMembers()
              .filter(wanted)
              .slice()
              .sort((a, b) => a.name.localeCompare(b.name, "en"));
        return {
          members: members.map(memberJson),
          meta: { pagination: { total: members.length, limit: members.length, offset: 0 } },
        };
      });
    },
  );

  app.get<{ Params: { code: string } }>(
    "/members/:code",
    { schema: memberSchema },
    async (request, reply) => {
      const member = canonicalMember(request.params.code);
      return sendHeavy(request, reply, "member", [member.id], "json");
    },
  );

  app.get<{ Params: { a: string; b: string } }>(
    "/compare/:a/:b",
    { schema: compareSchema },
    async (request, reply) => {
      const a = canonicalMember(request.params.a);
      const b = canonicalMember(request.params.b);
      return sendHeavy(request, reply, "compare", [a.id, b.id], "json");
    },
  );

  app.get("/blocs", { schema: blocsSchema }, async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedJson(request, reply, snapshot, () => ({ blocs: blocList() }));
  });

  app.get<{ Params: { id: string } }>("/blocs/:id", { schema: blocSchema }, async (request, reply) =>
    sendHeavy(request, reply, "bloc", [request.params.id], "json"),
  );

  app.get("/council", { schema: councilSchema }, async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedJson(request, reply, snapshot, () =>
      councilView(app.store, snapshot, request.query as Record<string, unknown>),
    );
  });

  app.get("/search", { schema: searchSchema }, async (request, reply) => {
    const snapshot = await app.site.snapshot();
    const params = normaliseParams(request.query as Record<string, unknown>);
    return sendCachedJson(request, reply, snapshot, async () => {
      const results = await searchRollCalls(app.store, snapshot, params);
      return {
        query: results.params,
        member: results.member,
        results: results.hits.map((h) => ({
          ...summaryJson(h.entry),
          ...(results.member ? { memberVote: h.memberVote } : {}),
        })),
        facets: results.facets,
        meta: {
          pagination: {
            total: results.total,
            limit: params.perPage,
            offset: (params.page - 1) * params.perPage,
            page: params.page,
            pages: results.pages,
          },
        },
      };
    });
  });

  // Decides a hypothetical vote: the same input as `plenary outcome`.
  app.post(
    "/outcome",
    {
      schema: outcomeSchema,
      // Bounded by cost, not only by count: a body of 60,000 keys cost 200 ms of CPU to refuse.
      bodyLimit: OUTCOME_BODY_LIMIT,
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
    },
    async (request) => {
      const outcomeRequest = parseOutcomeInput(request.body);
      return decide(outcomeRequest.rollCall, outcomeRequest.context);
    },
  );

  app.get("/openapi.json", { schema: openapiSchema }, async (_request, reply) => {
    reply.header("cache-control", "public, max-age=300");
    return app.swagger();
  });

  app.get("/docs", { schema: { hide: true } }, async (request, reply) => {
    reply.header("cache-control", "public, max-age=300");
    return reply
      .type("text/html; charset=utf-8")
      .send(apiDocsPage(app.swagger() as unknown as OpenApiDocument, pageContext(request)));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(
      new PlenaryError("NOT_FOUND", `No API endpoint ${request.method} ${request.url}`, {
        help: "GET /api/openapi.json lists every endpoint; /api/docs describes them.",
      }).toJSON(),
    );
  });
};

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Record<string, unknown>;
  }[];
  requestBody?: unknown;
}
