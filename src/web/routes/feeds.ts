/**
 * The watch feeds (feeds/watchFeeds.ts) as Atom (`…/feed.xml`) and JSON Feed (`…/feed.json`):
 *
 *   /members/:code/feed.xml   a member's new votes
 *   /compare/:a/:b/feed.xml   a pair's votes against their recent pattern
 *   /blocs/:id/feed.xml       a bloc's splits
 *   /council/vetoes/feed.xml  the Security Council's vetoes
 *
 * Each is computed once per data version (an import or `plenary sync` that changed the record moves it),
 * sent with an ETag and a Last-Modified (the feed's `updated`); If-None-Match or If-Modified-Since gets
 * 304. Any code or name of a member redirects to its alpha-3 URL, as the pages do.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { PlenaryError, isPlenaryError } from "../../core/errors.js";
import { resolveMember, type Member } from "../../core/members/index.js";
import { listBlocs } from "../../analysis/blocs.js";
import {
  blocFeed,
  compareFeed,
  memberFeed,
  vetoFeed,
  withTimes,
  type FeedDraft,
  type WatchFeed,
} from "../feeds/watchFeeds.js";
import { watchAtom, watchJson } from "../feeds/formats.js";
import type { Snapshot } from "../pageData/site.js";
import { originOf, sendCached } from "./respond.js";

const FORMATS = {
  xml: { type: "application/atom+xml; charset=utf-8", render: watchAtom },
  json: { type: "application/feed+json; charset=utf-8", render: watchJson },
} as const;

type Format = keyof typeof FORMATS;

function member(code: string): Member {
  try {
    return resolveMember(code);
  } catch (error) {
    if (isPlenaryError(error) && error.code === "UNKNOWN_MEMBER") {
      throw new PlenaryError("UNKNOWN_MEMBER", error.message, {
        suggestions: error.suggestions.map((name) => `/members/${encodeURIComponent(name)}`),
        help: error.help ?? "",
      });
    }
    throw error;
  }
}

async function sendFeed(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  format: Format,
  draft: (snapshot: Snapshot) => FeedDraft,
): Promise<FastifyReply> {
  const snapshot = await app.site.snapshot();
  const origin = originOf(request);
  const path = request.url.split("?", 1)[0]!;
  return sendCached(request, reply, snapshot, `feed:${origin}${path}`, async () => {
    const made = draft(snapshot);
    const feed = await snapshot.memo<WatchFeed>(`watch:${made.feedPath}`, () => withTimes(app.store, made));
    return {
      body: FORMATS[format].render(feed, origin),
      type: FORMATS[format].type,
      headers: { "last-modified": new Date(feed.updated).toUTCString() },
    };
  });
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(301).header("cache-control", "public, max-age=3600").redirect(location, 301);
}

export const feedRoutes: FastifyPluginAsync = async (app) => {
  for (const format of Object.keys(FORMATS) as Format[]) {
    app.get<{ Params: { code: string } }>(`/members/:code/feed.${format}`, async (request, reply) => {
      const m = member(request.params.code);
      if (m.id !== request.params.code) return redirect(reply, `/members/${m.id}/feed.${format}`);
      return sendFeed(app, request, reply, format, (snapshot) => memberFeed(snapshot, m.id));
    });

    app.get<{ Params: { a: string; b: string } }>(`/compare/:a/:b/feed.${format}`, async (request, reply) => {
      const a = member(request.params.a);
      const b = member(request.params.b);
      if (a.id !== request.params.a || b.id !== request.params.b)
        return redirect(reply, `/compare/${a.id}/${b.id}/feed.${format}`);
      return sendFeed(app, request, reply, format, (snapshot) => compareFeed(snapshot, a.id, b.id));
    });

    app.get<{ Params: { id: string } }>(`/blocs/:id/feed.${format}`, async (request, reply) => {
      const known = listBlocs().find((b) => b.id.toUpperCase() === request.params.id.toUpperCase());
      if (!known) {
        throw new PlenaryError("NOT_FOUND", `No bloc "${request.params.id}".`, {
          suggestions: listBlocs().map((b) => `/blocs/${b.id}/feed.${format}`),
        });
      }
      if (known.id !== request.params.id) return redirect(reply, `/blocs/${known.id}/feed.${format}`);
      return sendFeed(app, request, reply, format, (snapshot) => blocFeed(snapshot, known.id));
    });

    app.get(`/council/vetoes/feed.${format}`, async (request, reply) =>
      sendFeed(app, request, reply, format, (snapshot) => vetoFeed(snapshot)),
    );
  }
};
