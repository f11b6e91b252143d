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

/** Paths that are not pages: no session lookup, no CSRF token. */
export function isPagePath(url: string): boolean {
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

/** A same-site path to go back to after a form; anything else becomes the fallback. */
export function safeReturn(value: unknown, fallback = "/"): string {
  const path = typeof value === "string" ? value : "";
  return /^\/(?![/\\])[^\s\\]*$/.test(path) && path.length < 500 ? path : fallback;
}

export function pageNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
