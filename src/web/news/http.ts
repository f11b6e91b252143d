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

/** Paths that are not pages: no session lookup, no CSRF token. `/api/docs` is a page (it has the banner). */
export function isPagePath(url: string): boolean {
  const path = url.split("?", 1)[0]!;
  if (path === "/api/docs") return true;
  return !(
    url.startsWith("/assets/") ||
    url.startsWith("/api/") ||
    url === "/healthz" ||
    /\.(xml|json|txt)(\?|$)/.test(url)
  );
}

/** Binds CSRF tokens to the session: the session id (hash of the token), or "anonymous". */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.newsSessionToken && request.newsUser ? tokenHash(request.newsSessionToken) : "anonymous";
}

export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: csrfUserInfo(request) });
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
