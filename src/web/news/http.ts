/** Request helpers the news routes share: CSRF tokens bound to the session, cookie attributes, URLs. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ipKey, tokenHash, type NewsUser } from "../../news/accounts.js";

declare module "fastify" {
  interface FastifyRequest {
    newsUser: NewsUser | null;
    newsSessionToken: string | null;
  }
  interface FastifyInstance {
    newsSecrets: { ipSalt: string; commenterSecret: string };
    /** preHandler of every form post: a signed-in user's post must carry a valid CSRF token. */
    formProtection(request: FastifyRequest, reply: FastifyReply, done: () => void): void;
  }
}

/**
 * What a form post answers when an import holds the SQLite store's write lock: 503 with Retry-After and
 * the form as it was, so nothing typed is lost (the server's writes wait only briefly: see
 * `Store.limitWriteWait`).
 */
export const BUSY_RETRY_SECONDS = 5;
export const BUSY_MESSAGE =
  "The site is busy updating its record of votes. Nothing was saved: please send the form again in a few seconds.";

/**
 * Paths that are not pages: no session lookup, no CSRF token. `/api/docs` is a page (it has the banner).
 * Embeds, share cards and charts are not pages either: they never read or set a cookie (an embed lives in
 * another site's frame, where a cookie would be a third-party cookie).
 */
export function isPagePath(url: string): boolean {
  const path = url.split("?", 1)[0]!;
  if (path === "/api/docs") return true;
  return !(
    url.startsWith("/assets/") ||
    url.startsWith("/api/") ||
    url.startsWith("/embed/") ||
    url.startsWith("/cards/") ||
    url.startsWith("/charts/") ||
    url === "/healthz" ||
    /\.(xml|json|txt)(\?|$)/.test(url)
  );
}

/** Binds CSRF tokens to the session: the session id (hash of the token), or "anonymous". */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.newsSessionToken && request.newsUser ? tokenHash(request.newsSessionToken) : "anonymous";
}

/**
 * The CSRF token for a page's forms — only for a signed-in user. A reader who is not signed in gets no
 * token and so no `plenary_csrf` cookie: their forms (cookie choice, comment, sign-in) are protected by
 * the Origin check alone (`crossSiteReason`), and their pages can be cached publicly.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string | null {
  if (!request.newsUser) return null;
  return reply.generateCsrf({ userInfo: csrfUserInfo(request) });
}

/** Methods that change nothing: never checked for cross-site forgery. */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/**
 * Why a state-changing request is refused as cross-site, or null when it came from the site's own
 * pages. A browser sends `Sec-Fetch-Site` (which a page cannot forge); when it is there, only
 * `same-origin` passes. Otherwise the `Origin` header (or, failing that, the `Referer`) must name the
 * site: the public URL, or the host the request was sent to. A request with none of the three is refused
 * too — every browser in use sends `Origin` with a form post, so only a non-browser client omits it, and
 * it can send the header like any other.
 */
export function crossSiteReason(request: FastifyRequest): string | null {
  const fetchSite = request.headers["sec-fetch-site"];
  if (typeof fetchSite === "string") {
    return fetchSite === "same-origin"
      ? null
      : `the request came from another site (Sec-Fetch-Site: ${fetchSite})`;
  }
  const fromOrigin = headerOrigin(request.headers.origin);
  const origin = fromOrigin === undefined ? headerOrigin(request.headers.referer) : fromOrigin;
  if (origin === undefined) return "the request did not say where it came from (no Origin header)";
  if (origin === null) return "the request came from an opaque origin";
  const { url, forwardedHost } = request.server.publicOrigin;
  if (url && origin.origin === new URL(url).origin) return null;
  const host = forwardedHost ? request.host : (request.headers.host ?? request.host);
  if (origin.host === host.toLowerCase()) return null;
  return `the request came from another site (${origin.origin})`;
}

/** The URL of an Origin or Referer header; undefined when absent, null when opaque or unreadable. */
function headerOrigin(value: string | string[] | undefined): URL | null | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  if (value === "null") return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function clientIpHash(app: FastifyInstance, request: FastifyRequest): string {
  return ipKey(request.ip, app.newsSecrets.ipSalt);
}

/** Cookie attributes the site uses: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function cookieOptions(maxAgeSeconds: number | null) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: "auto" as const,
    ...(maxAgeSeconds === null ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * A same-site path to go back to after a form; anything else becomes the fallback. Characters outside
 * printable ASCII are percent-encoded: a `Location` header carries ASCII only (Node refuses other
 * characters, which turned a redirect to `/news/tag/中` into a 500, and sends Latin-1 raw).
 */
export function safeReturn(value: unknown, fallback = "/"): string {
  const path = typeof value === "string" ? value : "";
  if (!/^\/(?![/\\])[^\s\\]*$/.test(path) || path.length >= 500) return fallback;
  try {
    return path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return fallback; // a lone surrogate cannot be encoded
  }
}

export function pageNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
