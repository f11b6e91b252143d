/**
 * The newsroom on the web server: cookies, form bodies, CSRF protection, sessions and cookie consent for
 * every page, and the news and newsroom routes. Called once on the root instance (its hooks must see
 * every request, the site's own pages included — they show the banner and the signed-in user):
 *
 *   await registerNews(app);
 *
 * - Sessions: the `plenary_session` cookie (random token; the database keeps its hash), HttpOnly,
 *   SameSite=Lax, Secure when the request came over HTTPS.
 * - Forged requests: every state-changing request (POST …, not the read-only JSON API) must come from the
 *   site's own pages — `Sec-Fetch-Site: same-origin`, else an `Origin` (or `Referer`) naming the site —
 *   or it gets 403; the cookies are SameSite=Lax. A signed-in user's forms also carry a CSRF token
 *   (@fastify/csrf-protection, its secret in the `plenary_csrf` cookie, bound to the session by an HMAC
 *   with a key shared through the store), checked by `app.formProtection`. Readers who are not signed in
 *   get no token and no cookie, so their pages can be cached publicly (src/web/pageCache.ts).
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
import type { FastifyReply, FastifyRequest } from "fastify";
import { PlenaryError } from "../../core/errors.js";
import { applyPageCaching } from "../pageCache.js";
import { cookieOptions, crossSiteReason, csrfToken, csrfUserInfo, isPagePath, isSafeMethod } from "./http.js";
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
  // The token check of a form: for a signed-in user only (the Origin check below covers everyone).
  app.decorate(
    "formProtection",
    function formProtection(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
      if (!request.newsUser) return done();
      app.csrfProtection(request, reply, done);
    },
  );
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

  // Forged requests: a state-changing request from another site is refused before anything is read.
  app.addHook("onRequest", async (request) => {
    if (isSafeMethod(request.method) || request.url.startsWith("/api/")) return;
    const reason = crossSiteReason(request);
    if (reason) {
      throw new PlenaryError("FORBIDDEN", `This form was refused: ${reason}.`, {
        help: "Send the form again from the site's own page.",
      });
    }
  });

  // A CSRF token for the forms of a signed-in user's pages (the cookie banner is on all of them).
  app.addHook("preHandler", async (request, reply) => {
    if ((request.method === "GET" || request.method === "HEAD") && isPagePath(request.url)) {
      request.pageContext.csrfToken = csrfToken(request, reply);
    }
  });

  // Optional cookies never leave without consent; cookies missing from the registry are logged.
  // Then the page's caching: public for readers who are not signed in, private for users (pageCache.ts).
  app.addHook("onSend", async (request, reply, payload) => {
    keepConsentedCookies(request, reply);
    if (isPagePath(request.url) && String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      return applyPageCaching(request, reply, payload, app.site.matrices.dataVersion);
    }
    return payload;
  });

  function keepConsentedCookies(request: FastifyRequest, reply: FastifyReply): void {
    const header = reply.getHeader("set-cookie");
    if (header === undefined) return;
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
    if (kept.length === 0) reply.removeHeader("set-cookie");
    else if (kept.length !== cookies.length) reply.header("set-cookie", kept);
  }

  await app.register(readerRoutes);
  await app.register(newsroomRoutes);
}
