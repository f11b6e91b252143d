/**
 * The reader's routes: /news (front page), articles and their comments, sections, tags, authors, about,
 * the feeds (RSS, Atom, JSON Feed), /sitemap.xml, /privacy and the consent form's POST /consent.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import { getUserBySlug } from "../../../news/accounts.js";
import {
  articlePath,
  countPublished,
  getArticleBySlug,
  getSection,
  getTag,
  isVisible,
  listPublished,
  popularTags,
  relatedArticles,
  SECTIONS,
  type Article,
} from "../../../news/articles.js";
import { approvedComments, commentCounts, postComment, type CommentResult } from "../../../news/comments.js";
import { isStoreBusy } from "../../../data/store/errors.js";
import {
  CONSENT_COOKIE,
  READER_COOKIE,
  consentValue,
  cookieSpec,
  type Consent,
} from "../../../news/cookies.js";
import { PlenaryError } from "../../../core/errors.js";
import { pageContext } from "../../context.js";
import { atomFeed, jsonFeed, rssFeed, sitemap, type FeedSource } from "../feeds.js";
import { originOf } from "../../routes/respond.js";
import {
  BUSY_MESSAGE,
  BUSY_RETRY_SECONDS,
  clientIpHash,
  cookieOptions,
  csrfToken,
  pageNumber,
  safeReturn,
} from "../http.js";
import {
  aboutPage,
  articlePage,
  frontPage,
  listingPage,
  privacyPage,
  type ArticlePageData,
} from "../pages/reader.js";

const PER_PAGE = 10;

async function voteTitles(
  app: { store: import("../../../data/store/index.js").Store },
  article: Article,
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const v of article.story?.votes ?? []) titles.set(v.ref, v.title);
  const missing = article.votes.filter((ref) => !titles.has(ref));
  if (missing.length) {
    for (const [symbol, title] of await app.store.titlesBySymbol(missing)) titles.set(symbol, title);
  }
  return titles;
}

const html = "text/html; charset=utf-8";

export const readerRoutes: FastifyPluginAsync = async (app) => {
  articleRoutes(app);
  listingRoutes(app);
  feedRoutes(app);
  privacyRoutes(app);
};

/** The news front page, an article and its comment form. */
function articleRoutes(app: FastifyInstance): void {
  async function renderArticle_(
    request: FastifyRequest,
    article: Article,
    extra: Partial<ArticlePageData> = {},
  ): Promise<string> {
    const query = request.query as Record<string, string | undefined>;
    const [comments, related] = await Promise.all([
      approvedComments(app.store, article.id, pageNumber(query.cpage)),
      relatedArticles(app.store, article, 3),
    ]);
    const context = pageContext(request);
    const remembered = context.consent === "accepted" ? (request.cookies[READER_COOKIE] ?? "") : "";
    // The form filled in with the reader's own name: this copy of the page is theirs alone.
    if (remembered) context.personal = true;
    return articlePage(
      {
        article,
        comments,
        related,
        relatedCounts: await commentCounts(
          app.store,
          related.map((r) => r.id),
        ),
        voteTitles: await voteTitles(app, article),
        origin: originOf(request),
        notice: query.comment === "pending" || query.comment === "posted" ? query.comment : null,
        form: { name: remembered.slice(0, 80), email: "", body: "", errors: {} },
        ...extra,
      },
      context,
    );
  }

  app.get("/news", async (request, reply) => {
    const page = pageNumber((request.query as Record<string, unknown>).page);
    const [latest, total, picks, tags] = await Promise.all([
      listPublished(app.store, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      countPublished(app.store),
      listPublished(app.store, { picks: true, limit: 5 }),
      popularTags(app.store, 12),
    ]);
    const counts = await commentCounts(
      app.store,
      latest.map((a) => a.id),
    );
    return reply.type(html).send(
      frontPage(
        {
          latest,
          picks,
          counts,
          page,
          pages: Math.max(1, Math.ceil(total / PER_PAGE)),
          tags,
          origin: originOf(request),
        },
        pageContext(request),
      ),
    );
  });

  app.get<{ Params: { slug: string } }>("/news/articles/:slug", async (request, reply) => {
    const article = await getArticleBySlug(app.store, request.params.slug);
    if (!article || !isVisible(article))
      throw new PlenaryError("NOT_FOUND", "No published article at this address.");
    return reply.type(html).send(await renderArticle_(request, article));
  });

  app.post<{ Params: { slug: string }; Body: Record<string, string | undefined> }>(
    "/news/articles/:slug/comments",
    { preHandler: app.formProtection, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const article = await getArticleBySlug(app.store, request.params.slug);
      if (!article || !isVisible(article))
        throw new PlenaryError("NOT_FOUND", "No published article at this address.");
      const body = request.body ?? {};
      const form = {
        name: String(body.name ?? ""),
        email: String(body.email ?? ""),
        body: String(body.body ?? ""),
      };
      let result: CommentResult;
      try {
        result = await postComment(
          app.store,
          {
            articleId: article.id,
            ...form,
            honeypot: String(body.website ?? ""),
            ipHash: clientIpHash(app, request),
          },
          app.newsSecrets.commenterSecret,
        );
      } catch (error) {
        if (!isStoreBusy(error)) throw error;
        // An import holds the store: the comment is not saved; the form comes back as it was.
        reply.header("retry-after", String(BUSY_RETRY_SECONDS));
        request.pageContext.csrfToken = csrfToken(request, reply);
        return reply
          .code(503)
          .type(html)
          .send(
            await renderArticle_(request, article, { form: { ...form, errors: { form: BUSY_MESSAGE } } }),
          );
      }
      if (!result.ok) {
        const errors: Partial<Record<string, string>> =
          result.reason === "invalid"
            ? result.errors
            : {
                form: `You have posted several comments in a short time. Please wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
              };
        if (result.reason === "rate-limited") reply.header("retry-after", String(result.retryAfterSeconds));
        request.pageContext.csrfToken = csrfToken(request, reply);
        return reply
          .code(result.reason === "invalid" ? 400 : 429)
          .type(html)
          .send(await renderArticle_(request, article, { form: { ...form, errors } }));
      }
      // The optional cookie: remember the name only if the reader accepted optional cookies.
      if (pageContext(request).consent === "accepted") {
        reply.setCookie(
          READER_COOKIE,
          form.name.trim().slice(0, 80),
          cookieOptions(cookieSpec(READER_COOKIE)!.maxAgeSeconds),
        );
      }
      const notice = result.status === "approved" ? "posted" : "pending";
      const anchor = result.status === "approved" ? `#comment-${result.id}` : "#comments";
      return reply.redirect(`${articlePath(article)}?comment=${notice}${anchor}`, 303);
    },
  );
}

/** Lists of articles by section, tag and author; the about page. */
function listingRoutes(app: FastifyInstance): void {
  async function listing(
    request: FastifyRequest,
    kind: "section" | "tag" | "author",
    slug: string,
    title: string,
    intro: string,
    filter: { section?: string; tag?: string; authorId?: number },
    path: string,
  ): Promise<string> {
    const page = pageNumber((request.query as Record<string, unknown>).page);
    const [articles, total] = await Promise.all([
      listPublished(app.store, { ...filter, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      countPublished(app.store, filter),
    ]);
    return listingPage(
      {
        kind,
        slug,
        title,
        intro,
        articles,
        counts: await commentCounts(
          app.store,
          articles.map((a) => a.id),
        ),
        page,
        pages: Math.max(1, Math.ceil(total / PER_PAGE)),
        path,
        origin: originOf(request),
      },
      pageContext(request),
    );
  }

  app.get<{ Params: { slug: string } }>("/news/section/:slug", async (request, reply) => {
    const section = getSection(request.params.slug);
    if (!section)
      throw new PlenaryError("NOT_FOUND", `No section ${request.params.slug}.`, { suggestions: [] });
    const path = `/news/section/${section.slug}`;
    return reply
      .type(html)
      .send(
        await listing(
          request,
          "section",
          section.slug,
          section.name,
          section.description,
          { section: section.slug },
          path,
        ),
      );
  });

  app.get<{ Params: { slug: string } }>("/news/tag/:slug", async (request, reply) => {
    const tag = await getTag(app.store, request.params.slug);
    if (!tag) throw new PlenaryError("NOT_FOUND", `No topic ${request.params.slug}.`);
    const intro =
      tag.kind === "region" ? `Articles on votes concerning ${tag.name}.` : `Articles on ${tag.name}.`;
    return reply
      .type(html)
      .send(
        await listing(request, "tag", tag.slug, tag.name, intro, { tag: tag.slug }, `/news/tag/${tag.slug}`),
      );
  });

  app.get<{ Params: { slug: string } }>("/news/author/:slug", async (request, reply) => {
    const author = await getUserBySlug(app.store, request.params.slug);
    if (!author) throw new PlenaryError("NOT_FOUND", `No author ${request.params.slug}.`);
    const intro = author.bio ?? `Articles by ${author.name}.`;
    return reply
      .type(html)
      .send(
        await listing(
          request,
          "author",
          author.slug,
          author.name,
          intro,
          { authorId: author.id },
          `/news/author/${author.slug}`,
        ),
      );
  });

  app.get("/news/about", async (request, reply) => reply.type(html).send(aboutPage(pageContext(request))));
}

/** Feeds (RSS, Atom, JSON Feed) and the sitemap. */
function feedRoutes(app: FastifyInstance): void {
  async function feedSource(request: FastifyRequest, limit: number): Promise<FeedSource> {
    return { origin: originOf(request), articles: await listPublished(app.store, { limit }) };
  }

  app.get("/news/feed.xml", async (request, reply) =>
    reply.type("application/rss+xml; charset=utf-8").send(rssFeed(await feedSource(request, 30))),
  );
  app.get("/news/atom.xml", async (request, reply) =>
    reply.type("application/atom+xml; charset=utf-8").send(atomFeed(await feedSource(request, 30))),
  );
  app.get("/news/feed.json", async (request, reply) =>
    reply.type("application/feed+json; charset=utf-8").send(jsonFeed(await feedSource(request, 30))),
  );

  app.get("/sitemap.xml", async (request, reply) =>
    reply.type("application/xml; charset=utf-8").send(sitemap(await feedSource(request, 5000), SECTIONS)),
  );
}

/** The privacy page and the cookie choice. */
function privacyRoutes(app: FastifyInstance): void {
  app.get("/privacy", async (request, reply) => {
    const saved = (request.query as Record<string, string | undefined>).saved;
    return reply
      .type(html)
      .send(privacyPage(pageContext(request), saved === "accepted" || saved === "rejected" ? saved : null));
  });

  app.post<{ Body: Record<string, string | undefined> }>(
    "/consent",
    { preHandler: app.formProtection },
    async (request, reply) => {
      const choice = request.body?.choice;
      if (choice !== "accepted" && choice !== "rejected") {
        throw new PlenaryError("BAD_INPUT", "Choose Accept or Reject.", { field: "choice" });
      }
      const consent: Consent = choice;
      request.pageContext.consent = consent;
      reply.setCookie(
        CONSENT_COOKIE,
        consentValue(consent),
        cookieOptions(cookieSpec(CONSENT_COOKIE)!.maxAgeSeconds),
      );
      if (consent === "rejected") {
        // Withdrawing consent deletes the optional cookies already set.
        reply.clearCookie(READER_COOKIE, { path: "/" });
      }
      const back = safeReturn(request.body?.return, "/");
      const target = back.startsWith("/privacy") ? `/privacy?saved=${consent}#cookie-settings` : back;
      return reply.redirect(target, 303);
    },
  );
}
