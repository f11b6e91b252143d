/**
 * Caching headers for HTML pages, so that a CDN or an nginx cache in front of several instances can
 * serve the readers who are not signed in:
 *
 * - **public**: a reader who is not signed in, GET or HEAD, 200, no cookie set, nothing personal on the
 *   page → `Cache-Control: public, max-age=0, s-maxage=60, stale-while-revalidate=600`, an `ETag`
 *   (`"v<data version>-<hash of the bytes sent>"`; a matching If-None-Match gets 304) and
 *   `Vary: Cookie` (the cookie banner shows until the reader has chosen, so the page depends on the
 *   consent cookie) besides `Accept-Encoding` when compressed. Browsers revalidate every time
 *   (`max-age=0`): a reader who just chose sees the banner gone at once.
 * - **private**: a signed-in user, a page with a CSRF token, a page with something of the reader's own
 *   (the name a commenter is remembered by) and the newsroom → `private, no-store`, `Vary: Cookie`.
 * - anything else (an error page, the answer to a form post) → `no-store`.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** How long a shared cache may serve a page without asking (seconds). */
export const PAGE_SHARED_MAX_AGE = 60;
export const PUBLIC_PAGE_CACHE = `public, max-age=0, s-maxage=${PAGE_SHARED_MAX_AGE}, stale-while-revalidate=600`;
export const PRIVATE_PAGE_CACHE = "private, no-store";
export const UNCACHED_PAGE = "no-store";

export type PagePolicy = "public" | "private" | "uncached";

export function pagePolicy(request: FastifyRequest, reply: FastifyReply): PagePolicy {
  const context = request.pageContext;
  if (request.newsUser || context?.csrfToken || context?.personal || request.url.startsWith("/newsroom")) {
    return "private";
  }
  if (request.method !== "GET" && request.method !== "HEAD") return "uncached";
  if (reply.statusCode !== 200 || reply.hasHeader("set-cookie")) return "uncached";
  return "public";
}

/** Adds `token` to the response's Vary header unless it is there already. */
export function addVary(reply: FastifyReply, token: string): void {
  const current = reply.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.some((v) => v === "*" || v.toLowerCase() === token.toLowerCase())) return;
  reply.header("vary", [...list, token].join(", "));
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for it). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === "*" || tag.replace(/^W\//, "") === bare);
}

/**
 * Sets the caching headers of an HTML page; answers 304 (empty payload) when the reader's copy is
 * current. `version` is the store's data version (in the ETag to make it readable; the hash decides).
 */
export function applyPageCaching(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  version: number,
): unknown {
  const policy = pagePolicy(request, reply);
  if (policy === "uncached") {
    reply.header("cache-control", UNCACHED_PAGE);
    return payload;
  }
  addVary(reply, "Cookie");
  if (policy === "private") {
    reply.header("cache-control", PRIVATE_PAGE_CACHE);
    return payload;
  }
  reply.header("cache-control", PUBLIC_PAGE_CACHE);
  if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
  const hash = createHash("sha1").update(payload).digest("base64url").slice(0, 20);
  const etag = `"v${version}-${hash}"`;
  reply.header("etag", etag);
  if (etagMatches(request.headers["if-none-match"], etag)) {
    reply.code(304);
    reply.removeHeader("content-encoding");
    reply.removeHeader("content-length");
    return "";
  }
  return payload;
}
