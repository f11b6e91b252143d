/**
 * Server-rendered pages: fast first paint, indexable, working without JavaScript. Filters, member
 * choices and periods are query-string parameters of plain GET forms. Page parts are cached per data
 * version (see respond.ts); any code or name for a member redirects to its canonical alpha-3 URL.
 */
import { gapsWithin } from "../../data/coverage.js";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import { allMembers, findMember, resolveMember, type Member } from "../../core/members/index.js";
import { LAST_COUNCIL_YEAR } from "../../core/council/index.js";
import { listBlocs } from "../../analysis/blocs.js";
import { homePage } from "../pages/home.js";
import { searchPage } from "../pages/search.js";
import { aboutDataPage } from "../pages/aboutData.js";
import { coverageSection } from "../pages/coverageSection.js";
import { memberHref, withQuery } from "../pages/components.js";
import { homeView } from "../pageData/home.js";
import { votesCast } from "../pageData/member.js";
import { blocList } from "../pageData/bloc.js";
import { councilView } from "../pageData/council.js";
import { normaliseParams, searchRollCalls } from "../search/search.js";
import { requestKey, sendCached, sendCachedPage } from "./respond.js";
import { sendHeavy } from "./heavy.js";
import { symbolParam } from "./api.js";
import { voteCsv, voteData, voteExtras } from "./voteData.js";
import { filterVotes, readVoteFilters, subjectChoices } from "../pageData/votesIndex.js";
import { votesIndexPage } from "../pages/votesIndex.js";

type Query = Record<string, string | undefined>;

/**
 * The pages that draw charts (Observable Plot in a linkedom document) or the world map: their modules
 * are most of the server's code by weight, so they load on first use instead of at start-up — and the
 * server loads them in the background as soon as it listens (`warmPages`), before most readers ask.
 */
const pageModules = {
  vote: () => import("../pages/vote.js"),
  member: () => import("../pages/member.js"),
  compare: () => import("../pages/compare.js"),
  blocs: () => import("../pages/blocs.js"),
  council: () => import("../pages/council.js"),
};

/** Loads every page module (called once the server listens). */
export async function warmPages(): Promise<void> {
  await Promise.all(Object.values(pageModules).map((load) => load()));
}

const SEARCH_KEYS = [
  "q",
  "body",
  "session",
  "from",
  "to",
  "outcome",
  "kind",
  "issue",
  "member",
  "vote",
  "sort",
  "page",
  "perPage",
];

/** Member suggestions as links to member pages (the error page links paths as they are). */
function memberError(error: unknown): never {
  if (isPlenaryError(error) && error.code === "UNKNOWN_MEMBER") {
    throw new PlenaryError("UNKNOWN_MEMBER", error.message, {
      suggestions: error.suggestions.map((name) => `/members/${encodeURIComponent(name)}`),
      help: error.help ?? "",
    });
  }
  throw error;
}

function resolveForPage(query: string): Member {
  try {
    return resolveMember(query);
  } catch (error) {
    memberError(error);
  }
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(301).header("cache-control", "public, max-age=3600").redirect(location, 301);
}

function queryOf(request: FastifyRequest): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null) out[key] = String(first);
  }
  return out;
}

export const pageRoutes: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", async (_request, reply, payload) => {
    if (!reply.hasHeader("content-type")) reply.type("text/html; charset=utf-8");
    return payload;
  });

  app.get("/", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedPage(request, reply, snapshot, "/", () => {
      const view = homeView(snapshot.catalog);
      // The home page's lists end where the record ends: say how long ago, and what is missing in them.
      const gaps = view.latestWindow
        ? gapsWithin(snapshot.coverage, { from: view.latestWindow.from }, ["since", "silent-period"])
        : [];
      return homePage(view, gaps);
    });
  });

  // The votes index: every roll call with filters (pageData/votesIndex.ts; the same query as /api/votes).
  app.get("/votes", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    const query = queryOf(request);
    const filters = readVoteFilters(query);
    const page = Number(query.page ?? 1);
    if (!Number.isInteger(page) || page < 1) {
      throw new PlenaryError("BAD_INPUT", `"${query.page}" is not a page number.`, { field: "page" });
    }
    return sendCachedPage(
      request,
      reply,
      snapshot,
      requestKey(request, ["body", "session", "year", "subject", "outcome", "from", "to", "kind", "page"]),
      async () => {
        const first = snapshot.catalog.entries.reduce<string | null>(
          (min, e) => (min === null || e.date < min ? e.date : min),
          null,
        );
        const last = snapshot.catalog.latestDate;
        return votesIndexPage({
          filters,
          matches: await filterVotes(app.store, snapshot, filters),
          page,
          sessions: snapshot.catalog.sessions,
          subjects: await subjectChoices(snapshot, app.store),
          years: first && last ? { first: Number(first.slice(0, 4)), last: Number(last.slice(0, 4)) } : null,
        });
      },
    );
  });

  // Votes: /votes/SYMBOL (slashes plain or encoded), /votes/SYMBOL.csv and .json for downloads.
  app.get("/votes/*", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    const path = symbolParam(request.params);
    const download = /\.(csv|json)$/i.exec(path);
    if (download) {
      const symbol = path.slice(0, -download[0].length);
      const format = download[1]!.toLowerCase();
      return sendCached(request, reply, snapshot, `download:${format}:${symbol}`, async () => {
        const view = await voteData(app, snapshot, symbol);
        const file = view.ref.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-|-$/g, "");
        return format === "csv"
          ? {
              body: voteCsv(view),
              type: "text/csv; charset=utf-8",
              headers: { "content-disposition": `attachment; filename="${file}.csv"` },
            }
          : { body: JSON.stringify(view), type: "application/json; charset=utf-8" };
      });
    }
    const query = queryOf(request);
    const view = await voteData(app, snapshot, path);
    // Articles are published between imports: the page is cached per the stories it lists too.
    const stories = await app.site.stories.citing({
      id: view.id,
      refs: [view.ref, view.symbol, view.draftSymbol, `rc-${view.id}`].filter((r): r is string => !!r),
    });
    const storyKey = stories.map((s) => `${s.id}@${s.updatedAt}`).join(",");
    return sendCachedPage(
      request,
      reply,
      snapshot,
      `${requestKey(request, ["region", "bloc", "alongside"])}#stories=${storyKey}`,
      async () => {
        const { votePage } = await pageModules.vote();
        const extras = voteExtras(snapshot, view, query);
        return votePage(view, { extras, alongsideQuery: query.alongside ?? null, stories });
      },
    );
  });

  app.get("/members", async (request, reply) => {
    const query = queryOf(request);
    if (query.q) return redirect(reply, memberHref(resolveForPage(query.q).id));
    const snapshot = await app.site.snapshot();
    return sendCachedPage(request, reply, snapshot, "/members", async () => {
      const { membersPage } = await pageModules.member();
      const counts = new Map(allMembers().map((m) => [m.id, votesCast(snapshot.matrix, m.id).all.total]));
      return membersPage(allMembers(), counts);
    });
  });

  app.get<{ Params: { code: string } }>("/members/:code", async (request, reply) => {
    const member = resolveForPage(request.params.code);
    const query = queryOf(request);
    if (request.params.code !== member.id) {
      return redirect(reply, withQuery(memberHref(member.id), query));
    }
    return sendHeavy(request, reply, "member", [member.id], "page");
  });

  app.get("/compare", async (request, reply) => {
    const query = queryOf(request);
    const { compareFormPage, compareHref } = await pageModules.compare();
    if (query.a && query.b) {
      const a = resolveForPage(query.a);
      const b = resolveForPage(query.b);
      return redirect(reply, compareHref(a.id, b.id, { body: query.body === "GA" ? undefined : query.body }));
    }
    const snapshot = await app.site.snapshot();
    return sendCachedPage(request, reply, snapshot, "/compare", () => compareFormPage());
  });

  app.get<{ Params: { a: string; b: string } }>("/compare/:a/:b", async (request, reply) => {
    const a = resolveForPage(request.params.a);
    const b = resolveForPage(request.params.b);
    const query = queryOf(request);
    const { compareHref } = await pageModules.compare();
    if (request.params.a !== a.id || request.params.b !== b.id)
      return redirect(reply, compareHref(a.id, b.id, query));
    return sendHeavy(request, reply, "compare", [a.id, b.id], "page");
  });

  app.get("/blocs", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    const { blocsPage } = await pageModules.blocs();
    return sendCachedPage(request, reply, snapshot, "/blocs", () => blocsPage(blocList()));
  });

  app.get<{ Params: { id: string } }>("/blocs/:id", async (request, reply) => {
    const known = listBlocs().find((b) => b.id.toUpperCase() === request.params.id.toUpperCase());
    if (!known) {
      throw new PlenaryError("NOT_FOUND", `No bloc "${request.params.id}".`, {
        suggestions: listBlocs().map((b) => `/blocs/${b.id}`),
      });
    }
    const query = queryOf(request);
    if (known.id !== request.params.id) return redirect(reply, withQuery(`/blocs/${known.id}`, query));
    return sendHeavy(request, reply, "bloc", [known.id], "page");
  });

  app.get("/council", async (request, reply) => {
    const query = queryOf(request);
    const snapshot = await app.site.snapshot();
    const thisYear = Math.min(new Date().getUTCFullYear(), LAST_COUNCIL_YEAR);
    const year = query.year === undefined || query.year === "" ? thisYear : Number(query.year);
    if (!Number.isInteger(year)) {
      throw new PlenaryError("BAD_INPUT", `"${query.year}" is not a year.`, { field: "year" });
    }
    const { councilPage } = await pageModules.council();
    return sendCachedPage(request, reply, snapshot, requestKey(request, ["year", "page"]), async () =>
      councilPage(await councilView(app.store, snapshot, query), year),
    );
  });

  app.get("/about/data", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    return sendCachedPage(request, reply, snapshot, "/about/data", () =>
      aboutDataPage(coverageSection(snapshot.coverage)),
    );
  });

  app.get("/search", async (request, reply) => {
    const snapshot = await app.site.snapshot();
    const params = normaliseParams(request.query as Record<string, unknown>);
    if (params.member) {
      // An unknown member shows the error page with links to close names.
      const found = findMember(params.member);
      if (!found) resolveForPage(params.member);
    }
    return sendCachedPage(request, reply, snapshot, requestKey(request, SEARCH_KEYS), async () =>
      searchPage(await searchRollCalls(app.store, snapshot, params), snapshot.catalog.sessions),
    );
  });
};
