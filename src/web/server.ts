/**
 * The web server: Fastify with the site's pages and the JSON API over the same library functions as
 * the CLI. Plugins keep clear boundaries: security headers, compression and rate limits here; each
 * route file registers one area (pages, API).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import helmet from "@fastify/helmet";
import compress from "@fastify/compress";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import { isPlenaryError, PlenaryError, type PlenaryErrorCode } from "../core/errors.js";
import type { Store } from "../data/store/index.js";
import { isStoreBusy, storeFailure } from "../data/store/errors.js";
import type { WriteWaitLimit } from "../data/store/writeWait.js";
import { apiRoutes } from "./routes/api.js";
import { pageRoutes, warmPages } from "./routes/pages.js";
import { feedRoutes } from "./routes/feeds.js";
import { shareRoutes } from "./routes/share.js";
import { loadMarkdown } from "../news/markdown.js";
import { loadCommonPasswords } from "../news/passwords.js";
import { lazySchemaController, loadSchemaCompilers } from "./lazySchemas.js";
import { idleSteps } from "./whenIdle.js";
import { SiteService, type SiteOptions } from "./pageData/site.js";
import { registerNews } from "./news/plugin.js";
import { SharedRateLimits } from "./rateLimits/sharedStore.js";
import { rateLimitTables } from "./rateLimits/tables.js";
import { errorPage } from "./pages/error.js";
import { emptyPageContext, pageContext, type PageContext } from "./context.js";

export interface ServerOptions {
  store: Store;
  logger?: boolean;
  // `plenary serve` passes these from the environment (src/config.ts); the server never reads it.
  /**
   * Which proxies may name the client (X-Forwarded-For); default loopback only. When given (and not
   * false), X-Forwarded-Host is believed from them too (PLENARY_TRUST_PROXY).
   */
  trustProxy?: boolean | string | string[];
  /** Requests per minute per client IP (default 600; PLENARY_RATE_LIMIT). */
  rateLimit?: number;
  /** The public origin for absolute URLs (default none: the request's Host; PLENARY_PUBLIC_URL). */
  publicUrl?: string | null;
  /** Production (NODE_ENV=production): refuses to start without a public URL. */
  production?: boolean;
  /** PostgreSQL: how often the instances' request counters are shared (ms; default 1000). */
  rateLimitSyncMs?: number;
  /** The site's data service; by default one is made over `store` and started here. */
  site?: SiteService;
  /** Options for the default site service. */
  siteOptions?: SiteOptions;
  /**
   * SQLite: how long a request's write waits for another process's write lock (ms, default 50), and how
   * long writes do not wait at all after one found the store busy (default 1000). See writeWait.ts.
   */
  writeWait?: Partial<WriteWaitLimit>;
}

/** A request's write waits this long at most for an import's lock; then 503 "try again". */
export const REQUEST_WRITE_WAIT: WriteWaitLimit = { waitMs: 50, coolOffMs: 1000 };
/** Retry-After for a write refused because the store is busy (imports take seconds). */
const BUSY_RETRY_AFTER_SECONDS = 5;

export const PUBLIC_DIR = fileURLToPath(new URL("../../public", import.meta.url));

const STATUS_BY_CODE: Partial<Record<PlenaryErrorCode, number>> = {
  UNKNOWN_MEMBER: 404,
  UNKNOWN_ROLL_CALL: 404,
  // Several roll calls fit: "Multiple Choices", with the candidates in `suggestions`.
  AMBIGUOUS_ROLL_CALL: 300,
  NOT_FOUND: 404,
  BAD_INPUT: 400,
  BAD_SYMBOL: 400,
  NOT_A_COUNCIL_MEMBER: 400,
  DUPLICATE_MEMBER: 400,
  FORBIDDEN: 403,
  CONFLICT: 409,
  STORE_BUSY: 503,
  RATE_LIMITED: 429,
};

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
    /** Where absolute URLs point (see originOf). */
    publicOrigin: { url: string | null; forwardedHost: boolean };
  }
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const publicUrl = options.publicUrl ?? null;
  // Production needs a public URL: absolute URLs must never follow a request's headers there.
  if (options.production && !publicUrl) {
    throw new PlenaryError("BAD_INPUT", "NODE_ENV is production but PLENARY_PUBLIC_URL is not set.", {
      field: "PLENARY_PUBLIC_URL",
      help: "Set the site's public address (PLENARY_PUBLIC_URL=https://plenary.example.org): feeds, the sitemap and share metadata are written with it.",
    });
  }
  const app = Fastify({
    logger: options.logger ?? false,
    // Only a reverse proxy on this machine may say who the client is (X-Forwarded-For); anyone else
    // could claim any address and slip past the rate limits. PLENARY_TRUST_PROXY widens it (an address
    // list, or "true" behind a load balancer that strips the header).
    trustProxy: options.trustProxy ?? "loopback",
    bodyLimit: 1_048_576,
    // Route schemas compile on each route's first request, not all at start-up (lazySchemas.ts).
    schemaController: lazySchemaController,
  });
  // A client may half-close its connection once it has sent its request (HTTP/1.0 style); Node's server
  // then aborts a response still being written — a compressed stream — and the client gets nothing.
  // Half-open, the server finishes the response and closes after it (tested by hostile.test.ts).
  (app.server as typeof app.server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  app.decorate("store", options.store);
  // Absolute URLs: the public URL, else the request's Host — a forwarded host only from named proxies.
  app.decorate("publicOrigin", {
    url: publicUrl,
    forwardedHost: options.trustProxy !== undefined && options.trustProxy !== false,
  });
  // Requests' writes wait briefly for an import's lock, then fail fast: never a frozen event loop.
  const restoreWriteWait = options.store.limitWriteWait({ ...REQUEST_WRITE_WAIT, ...options.writeWait });
  app.addHook("onClose", async () => restoreWriteWait());
  // The vote matrix and catalog load before the server listens (services start explicitly).
  const site =
    options.site ?? new SiteService(options.store, { deferBackground: true, ...options.siteOptions });
  if (!options.site) await site.start();
  app.decorate("site", site);
  if (!options.site) app.addHook("onClose", async () => site.close());
  app.decorateRequest("pageContext", null as unknown as PageContext);
  // Every request starts with an empty page context; session, consent and CSRF plugins fill it in.
  app.addHook("onRequest", async (request) => {
    request.pageContext = emptyPageContext(request.url);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, { global: true, threshold: 1024 });
  // On PostgreSQL the instances share their counters (a client cannot multiply its limit by the number
  // of instances behind the load balancer); on SQLite, one process, Fastify's in-memory store.
  const shared =
    options.store.dialect === "postgres"
      ? new SharedRateLimits(options.store.tables(rateLimitTables), {
          syncMs: options.rateLimitSyncMs,
          onSyncError: (error) => app.log.warn({ err: error }, "rate-limit counters not shared this time"),
        })
      : null;
  if (shared) {
    shared.start();
    app.addHook("onClose", async () => shared.stop());
  }
  await app.register(rateLimit, {
    max: options.rateLimit ?? 600,
    timeWindow: "1 minute",
    ...(shared ? { store: shared.storeClass() as never } : {}),
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: "/assets/", maxAge: "1h" });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply
        .code(404)
        .send({ error: "NOT_FOUND", message: `No API endpoint ${request.method} ${request.url}` });
    }
    return reply
      .code(404)
      .type("text/html; charset=utf-8")
      .send(errorPage(404, "Page not found", `Nothing lives at ${request.url}.`, [], pageContext(request)));
  });

  app.setErrorHandler((caught, request, reply) => {
    const error = caught as Error & { statusCode?: number };
    const plenary = isPlenaryError(error) ? error : isStoreBusy(error) ? storeFailure(error) : null;
    const status = plenary ? (STATUS_BY_CODE[plenary.code] ?? 500) : (error.statusCode ?? 500);
    if (plenary?.code === "STORE_BUSY") reply.header("retry-after", String(BUSY_RETRY_AFTER_SECONDS));
    else if (plenary?.code === "RATE_LIMITED") reply.header("retry-after", "1");
    else if (status >= 500) request.log.error(error);
    if (request.url.startsWith("/api/") || request.url === "/healthz") {
      const body = plenary
        ? plenary.toJSON()
        : {
            error: status === 429 ? "RATE_LIMITED" : status < 500 ? "BAD_INPUT" : "INTERNAL",
            message: status < 500 ? error.message : "Internal error",
          };
      return reply.code(status).send(body);
    }
    const message = plenary?.message ?? (status < 500 ? error.message : "Something went wrong on our side.");
    return reply
      .code(status)
      .type("text/html; charset=utf-8")
      .send(
        errorPage(
          status,
          status === 404 ? "Not found" : "Error",
          message,
          plenary?.suggestions ?? [],
          pageContext(request),
        ),
      );
  });
  // Routes come after the handlers so that their plugins inherit them.
  app.get("/healthz", async () => ({ status: "ok", store: options.store.dialect }));
  await registerNews(app); // sessions, CSRF, cookie consent for every page; /news, /newsroom, /privacy
  await app.register(apiRoutes, { prefix: "/api" });
  await app.register(pageRoutes);
  await app.register(feedRoutes); // watch feeds: /members/:code/feed.xml, /compare/…, /blocs/…, /council/vetoes/…
  await app.register(shareRoutes); // share cards, embeds, charts as SVG and CSV
  // Once ready (then listening), load in the background what start-up left for later — the schema
  // compilers, the chart and map pages, the Markdown renderer, the list of common passwords — then let the site's own background work
  // (the ideal points) begin: each step when the server is idle (whenIdle.ts). A request that needs one
  // of the modules meanwhile loads just that one.
  idleSteps(app, [
    loadSchemaCompilers,
    warmPages,
    loadMarkdown,
    loadCommonPasswords,
    () => site.startBackground(),
  ]);
  return app;
}

export function assetPath(name: string): string {
  return path.join(PUBLIC_DIR, name);
}
