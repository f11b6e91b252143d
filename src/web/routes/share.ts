/**
 * What pages share (see share/paths.ts for the addresses): share cards (/cards/….png), embeds
 * (/embed/…) and each chart alone as SVG or its data as CSV (/charts/…). All are cached per data
 * version with an ETag like the pages; the heavy kinds are computed in the view worker like their pages.
 *
 * Headers: embeds may be framed by any site (`frame-ancestors *`, no X-Frame-Options) — only they; every
 * other response keeps `frame-ancestors 'none'`. Nothing here sets a cookie (these paths are not pages
 * for the session, consent and CSRF hooks: news/http.ts `isPagePath`). Cards, SVGs and CSVs may be used
 * by other sites (Cross-Origin-Resource-Policy: cross-origin, CORS); an SVG is served with a CSP that
 * allows nothing to load or run.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { PlenaryError } from "../../core/errors.js";
import { resolveMember } from "../../core/members/index.js";
import { listBlocs } from "../../analysis/blocs.js";
import { getArticleBySlug, isVisible, articlePath, type Article } from "../../news/articles.js";
import { normaliseTask, taskKey, type TaskKind } from "../pageData/heavyViews.js";
import type { Snapshot } from "../pageData/site.js";
import { mapInput } from "../pageData/vote.js";
import { PUBLIC_PAGE_CACHE } from "../pageCache.js";
import { sectionName, dateWords } from "../news/pages/common.js";
import { sendCached } from "./respond.js";
import { symbolParam } from "./api.js";
import { voteData } from "./voteData.js";
import type { ShareFormat } from "../share/outputs.js";

/** Cards, SVGs and CSVs: like the JSON, revalidated after a minute; shared caches keep them a minute. */
export const SHARE_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=600";

/** The CSP of an embed: the site's, but any site may frame it; no script at all. */
export const EMBED_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; form-action 'none'; frame-ancestors *; base-uri 'self'; object-src 'none'";

/** The CSP of an SVG document opened on its own: nothing loads, nothing runs. */
export const SVG_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

const outputs = () => import("../share/outputs.js");
const png = () => import("../share/png.js");

/** Renders in flight, by key: concurrent requests for one card wait for one rendering. */
const rendering = new Map<string, Promise<Buffer>>();

function renderOnce(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  let promise = rendering.get(key);
  if (!promise) {
    promise = render().finally(() => rendering.delete(key));
    rendering.set(key, promise);
  }
  return promise;
}

/** Headers of a file other sites may use (an image, a chart, data). */
function crossOrigin(reply: FastifyReply): void {
  reply.header("cross-origin-resource-policy", "cross-origin");
  reply.header("access-control-allow-origin", "*");
}

/** Strips `suffix` (".png") from a path's last part, or refuses it as not found. */
function withoutSuffix(value: string, suffix: string): string {
  if (!value.toLowerCase().endsWith(suffix)) {
    throw new PlenaryError("NOT_FOUND", `Nothing here: the address should end in ${suffix}.`);
  }
  return value.slice(0, -suffix.length);
}

function fileName(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-|-$/g, "") || "plenary";
}

function blocId(raw: string): string {
  const known = listBlocs().find((b) => b.id.toUpperCase() === raw.toUpperCase());
  if (!known) {
    throw new PlenaryError("NOT_FOUND", `No bloc "${raw}".`, {
      suggestions: listBlocs().map((b) => `/blocs/${b.id}`),
    });
  }
  return known.id;
}

export const shareRoutes: FastifyPluginAsync = async (app) => {
  // Embeds may be framed anywhere: helmet's X-Frame-Options and CSP are replaced on whatever an embed's
  // address answers (errors too), and on nothing else.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.url.startsWith("/embed/")) {
      reply.raw.removeHeader("x-frame-options");
      reply.removeHeader("x-frame-options");
      reply.header("content-security-policy", EMBED_CSP);
      reply.header("cross-origin-resource-policy", "cross-origin");
    }
    return payload;
  });

  /** Sends a heavy kind's shared form (computed in the view worker, cached per data version). */
  async function sendHeavyShare(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: TaskKind,
    ids: string[],
    format: ShareFormat,
    name: string,
  ): Promise<FastifyReply> {
    const snapshot = await app.site.snapshot();
    const task = normaliseTask(snapshot, kind, ids, (request.query ?? {}) as Record<string, unknown>, format);
    const key = `share:${taskKey(task)}`;
    const text = async () => {
      const result = await app.site.views.run(snapshot, task, request.ip);
      if (!("text" in result)) throw new Error("a share task answered without text");
      return result.text;
    };
    return sendShared(request, reply, snapshot, key, format, name, text);
  }

  app.get("/cards/votes/*", async (request, reply) => {
    const symbol = withoutSuffix(symbolParam(request.params), ".png");
    return sendVote(request, reply, symbol, "map", "card");
  });
  app.get<{ Params: { file: string } }>("/cards/members/:file", async (request, reply) => {
    const member = resolveMember(withoutSuffix(request.params.file, ".png"));
    return sendHeavyShare(request, reply, "member", [member.id], "card", member.id);
  });
  app.get<{ Params: { a: string; file: string } }>("/cards/compare/:a/:file", async (request, reply) => {
    const a = resolveMember(request.params.a);
    const b = resolveMember(withoutSuffix(request.params.file, ".png"));
    return sendHeavyShare(request, reply, "compare", [a.id, b.id], "card", `${a.id}-${b.id}`);
  });
  app.get<{ Params: { file: string } }>("/cards/blocs/:file", async (request, reply) => {
    const id = blocId(withoutSuffix(request.params.file, ".png"));
    return sendHeavyShare(request, reply, "bloc", [id], "card", id);
  });
  app.get<{ Params: { file: string } }>("/cards/articles/:file", async (request, reply) => {
    const slug = withoutSuffix(request.params.file, ".png");
    const article = await getArticleBySlug(app.store, slug);
    if (!article || !isVisible(article))
      throw new PlenaryError("NOT_FOUND", "No published article at this address.");
    return sendArticleCard(request, reply, article);
  });

  app.get("/embed/votes/*", async (request, reply) => {
    const path = symbolParam(request.params);
    const chart = /\/(map|tally)$/.exec(path);
    if (!chart) throw new PlenaryError("NOT_FOUND", "Embed a vote's map (…/map) or its tally bar (…/tally).");
    return sendVote(request, reply, path.slice(0, -chart[0].length), chart[1] as "map" | "tally", "embed");
  });
  app.get<{ Params: { code: string } }>("/embed/members/:code/partners", async (request, reply) => {
    const member = resolveMember(request.params.code);
    return sendHeavyShare(request, reply, "member", [member.id], "embed", member.id);
  });
  app.get<{ Params: { a: string; b: string } }>("/embed/compare/:a/:b/agreement", async (request, reply) => {
    const a = resolveMember(request.params.a);
    const b = resolveMember(request.params.b);
    return sendHeavyShare(request, reply, "compare", [a.id, b.id], "embed", `${a.id}-${b.id}`);
  });
  app.get<{ Params: { id: string } }>("/embed/blocs/:id/cohesion", async (request, reply) => {
    const id = blocId(request.params.id);
    return sendHeavyShare(request, reply, "bloc", [id], "embed", id);
  });

  app.get("/charts/votes/*", async (request, reply) => {
    const path = symbolParam(request.params);
    const chart = /\/(map|tally)\.svg$/.exec(path);
    if (!chart) throw new PlenaryError("NOT_FOUND", "A vote's charts are …/map.svg and …/tally.svg.");
    return sendVote(request, reply, path.slice(0, -chart[0].length), chart[1] as "map" | "tally", "svg");
  });
  const chartFile = (file: string, chart: string): "svg" | "csv" => {
    const match = new RegExp(`^${chart}\\.(svg|csv)$`).exec(file);
    if (!match) throw new PlenaryError("NOT_FOUND", `This chart is ${chart}.svg, its data ${chart}.csv.`);
    return match[1] as "svg" | "csv";
  };
  app.get<{ Params: { code: string; file: string } }>(
    "/charts/members/:code/:file",
    async (request, reply) => {
      const format = chartFile(request.params.file, "partners");
      const member = resolveMember(request.params.code);
      return sendHeavyShare(request, reply, "member", [member.id], format, `${member.id}-partners`);
    },
  );
  app.get<{ Params: { a: string; b: string; file: string } }>(
    "/charts/compare/:a/:b/:file",
    async (request, reply) => {
      const format = chartFile(request.params.file, "agreement");
      const a = resolveMember(request.params.a);
      const b = resolveMember(request.params.b);
      return sendHeavyShare(request, reply, "compare", [a.id, b.id], format, `${a.id}-${b.id}-agreement`);
    },
  );
  app.get<{ Params: { id: string; file: string } }>("/charts/blocs/:id/:file", async (request, reply) => {
    const format = chartFile(request.params.file, "cohesion");
    const id = blocId(request.params.id);
    return sendHeavyShare(request, reply, "bloc", [id], format, `${id}-cohesion`);
  });

  /** A vote's map or tally: as an embed, an SVG document or a card (computed here: a cached view and the map). */
  async function sendVote(
    request: FastifyRequest,
    reply: FastifyReply,
    symbol: string,
    chart: "map" | "tally",
    format: Exclude<ShareFormat, "csv">,
  ): Promise<FastifyReply> {
    const snapshot = await app.site.snapshot();
    const key = `share:${format}:votes:${chart}:${symbol}`;
    const text = async () => {
      const view = await voteData(app, snapshot, symbol);
      const { voteOutput } = await outputs();
      return voteOutput(view, mapInput(view), chart, format, `/votes/${view.ref}`);
    };
    return sendShared(request, reply, snapshot, key, format, `${symbol}-${chart}`, text);
  }

  async function sendArticleCard(
    request: FastifyRequest,
    reply: FastifyReply,
    article: Article,
  ): Promise<FastifyReply> {
    const snapshot = await app.site.snapshot();
    // An edited article is a new card: its time of update is in the key.
    const key = `share:card:articles:${article.slug}:${article.updatedAt}`;
    const text = async () => {
      const { articleCard, articleVote } = await outputs();
      const cited = (article.story?.votes ?? []).map((v) => v.ref).find((ref) => article.votes.includes(ref));
      const first = cited ?? [...article.votes].sort()[0];
      let vote = null;
      if (first) {
        try {
          const view = await voteData(app, snapshot, first);
          vote = articleVote(view, mapInput(view));
        } catch {
          vote = null; // a vote the record no longer holds: the card is text only
        }
      }
      const published = article.publishAt ?? article.updatedAt;
      return articleCard({
        headline: article.headline,
        standfirst: article.standfirst,
        kicker: `News · ${sectionName(article.section)} · ${dateWords(published)}`,
        permalink: decodeURIComponent(articlePath(article)),
        vote,
      });
    };
    return sendShared(request, reply, snapshot, key, "card", article.slug, text);
  }
};

/** Sends a shared form: the text as it is, or a card's SVG rendered to PNG; cached per data version. */
async function sendShared(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  key: string,
  format: ShareFormat,
  name: string,
  text: () => Promise<string>,
): Promise<FastifyReply> {
  if (format !== "embed") crossOrigin(reply);
  if (format === "card") {
    return sendCached(
      request,
      reply,
      snapshot,
      key,
      async () => {
        const body = await renderOnce(`${snapshot.version}:${key}`, async () =>
          (await png()).svgToPng(await text()),
        );
        return {
          body,
          type: "image/png",
          headers: { "content-disposition": `inline; filename="${fileName(name)}.png"` },
        };
      },
      { cache: snapshot.cards, cacheControl: SHARE_CACHE },
    );
  }
  const { SHARE_TYPES } = await outputs();
  const headers: Record<string, string> =
    format === "svg"
      ? {
          "content-security-policy": SVG_CSP,
          "content-disposition": `inline; filename="${fileName(name)}.svg"`,
        }
      : format === "csv"
        ? { "content-disposition": `attachment; filename="${fileName(name)}.csv"` }
        : {};
  return sendCached(
    request,
    reply,
    snapshot,
    key,
    async () => ({ body: await text(), type: SHARE_TYPES[format], headers }),
    { cacheControl: format === "embed" ? PUBLIC_PAGE_CACHE : SHARE_CACHE },
  );
}
