/**
 * The newsroom on the web server: cookies, form bodies, CSRF protection, sessions and cookie consent for
 * every page, and the news and newsroom routes. Called once on the root instance (its hooks must see
 * every request, the site's own pages included — they show the banner and the signed-in user):
 *
 *   await registerNews(app);
 *
 * - Sessions: the `plenary_session` cookie (random token; the database keeps its hash), HttpOnly,
 *   SameSite=Lax, Secure when the request came over HTTPS.
 * - CSRF: @fastify/csrf-protection with its secret in the `plenary_csrf` cookie; each token is bound to
 *   the session (an HMAC over the session id with a key shared through the store), so a token made for
 *   one session is refused in another, and a form posted without a valid token gets 403.
 * - Consent: `plenary_consent` records Accept or Reject; an optional cookie is only ever sent after
 *   Accept — a response hook drops it otherwise, whatever a route tried to set.
 */
import type { FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import csrf from "@fastify/csrf-protection";
import { sessionUser } from "../../news/accounts.js";
import { CONSENT_COOKIE, CSRF_COOKIE, SESSION_COOKIE, cookieSpec, parseConsent } from "../../news/cookies.js";
import { sharedSecret } from "../../news/settings.js";
import { cookieOptions, csrfToken, csrfUserInfo, isPagePath } from "./http.js";
import { readerRoutes } from "./routes/reader.js";
import { newsroomRoutes } from "./routes/newsroom.js";

export async function registerNews(app: FastifyInstance): Promise<void> {
  const store = app.store;
  const [hmacKey, ipSalt, commenterSecret] = await Promise.all([
    sharedSecret(store, "csrf_hmac_key"),
    sharedSecret(store, "ip_salt"),
    sharedSecret(store, "commenter_secret"),
  ]);
  app.decorate("newsSecrets", { ipSalt, commenterSecret });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 262_144 });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookieOptions(null),
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey },
  });
  app.decorateRequest("newsUser", null);
  app.decorateRequest("newsSessionToken", null);

  // Who is signed in, and what the reader chose about cookies: for every page.
  app.addHook("onRequest", async (request) => {
    if (!isPagePath(request.url)) return;
    request.pageContext.consent = parseConsent(request.cookies[CONSENT_COOKIE]);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.newsSessionToken = token;
      const user = await sessionUser(store, token);
      if (user) {
        request.newsUser = user;
        request.pageContext.user = { id: user.id, name: user.name, role: user.role };
      }
    }
  });

  // A CSRF token for the forms of every page (the cookie banner is on all of them).
  app.addHook("preHandler", async (request, reply) => {
    if ((request.method === "GET" || request.method === "HEAD") && isPagePath(request.url)) {
      request.pageContext.csrfToken = csrfToken(request, reply);
    }
  });

  // Pages that carry a signed-in user or a form token are private to the browser that asked.
  // Optional cookies never leave without consent; cookies missing from the registry are logged.
  app.addHook("onSend", async (request, reply, payload) => {
    if (isPagePath(request.url) && String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      reply.header("cache-control", "private, no-cache");
      reply.header("vary", "Cookie");
    }
    const header = reply.getHeader("set-cookie");
    if (header === undefined) return payload;
    const cookies = Array.isArray(header) ? header.map(String) : [String(header)];
    const consent = request.pageContext?.consent ?? null;
    const kept = cookies.filter((line) => {
      const name = line.split("=")[0]!.trim();
      const spec = cookieSpec(name);
      if (!spec) {
        request.log.error({ cookie: name }, "a response sets a cookie missing from the cookie registry");
        return true;
      }
      const clearing = /;\s*max-age=0\b/i.test(line);
      return spec.category === "strictly-necessary" || clearing || consent === "accepted";
    });
    if (kept.length !== cookies.length) reply.header("set-cookie", kept);
    return payload;
  });

  await app.register(readerRoutes);
  await app.register(newsroomRoutes);
}
