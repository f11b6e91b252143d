/**
 * The newsroom: sign-in and sign-out, the desk, drafting a story from votes, editing with preview,
 * the workflow (review, publish now or later, unpublish, Editor's Picks), revisions, comment moderation
 * and the list of users. Every page needs a signed-in account; every form carries a CSRF token.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { isPlenaryError, PlenaryError } from "../../../core/errors.js";
import {
  canPublish,
  createSession,
  deleteSession,
  listUsers,
  login,
  MAX_PASSWORD,
  type LoginResult,
  type NewsUser,
} from "../../../news/accounts.js";
import { isStoreBusy } from "../../../data/store/errors.js";
import {
  canEdit,
  createArticleFromStory,
  getArticle,
  isDue,
  listArticles,
  listRevisions,
  restoreRevision,
  setEditorsPick,
  transition,
  updateArticle,
  type Article,
  type ArticleStatus,
} from "../../../news/articles.js";
import {
  MODERATION_ACTIONS,
  isModerationAction,
  moderate,
  moderationQueue,
  pendingCount,
  type CommentStatus,
} from "../../../news/comments.js";
import { SESSION_COOKIE } from "../../../news/cookies.js";
import { draftStory } from "../../../news/story/index.js";
import { pageContext } from "../../context.js";
import { originOf } from "../../routes/respond.js";
import {
  BUSY_MESSAGE,
  BUSY_RETRY_SECONDS,
  clientIpHash,
  cookieOptions,
  csrfToken,
  safeReturn,
} from "../http.js";
import {
  deskPage,
  editorPage,
  loginPage,
  moderationPage,
  newStoryPage,
  revisionPage,
  usersPage,
  type EditorData,
} from "../pages/newsroom.js";
import { approvedComments, commentCounts } from "../../../news/comments.js";
import { articlePage } from "../pages/reader.js";

const HTML = "text/html; charset=utf-8";

type Body = Record<string, string | undefined>;

function requireUser(request: FastifyRequest): NewsUser {
  if (!request.newsUser) throw new PlenaryError("FORBIDDEN", "Sign in to the newsroom first.");
  return request.newsUser;
}

function requireEditor(request: FastifyRequest): NewsUser {
  const user = requireUser(request);
  if (!canPublish(user)) throw new PlenaryError("FORBIDDEN", "Only editors can do this.");
  return user;
}

function idParam(params: unknown): number {
  const id = Number((params as { id?: string }).id);
  if (!Number.isInteger(id) || id < 1) throw new PlenaryError("NOT_FOUND", "Nothing with that id.");
  return id;
}

/** How many articles wait for review, for an editor's desk (null for an author). */
function pendingFor(app: FastifyInstance): (user: NewsUser | null) => Promise<number | null> {
  return async (user) => (canPublish(user) ? pendingCount(app.store) : null);
}

export const newsroomRoutes: FastifyPluginAsync = async (app) => {
  // Pages need a signed-in user: readers are sent to the sign-in form, form posts are refused.
  app.addHook("preHandler", async (request, reply) => {
    const path = request.url.split("?")[0]!;
    if (!path.startsWith("/newsroom") || path === "/newsroom/login") return;
    if (request.newsUser) return;
    if (request.method === "GET" || request.method === "HEAD") {
      return reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    throw new PlenaryError("FORBIDDEN", "Sign in to the newsroom first.");
  });
  signInRoutes(app);
  deskRoutes(app);
  editorRoutes(app);
  moderationRoutes(app);
};

/** Sign-in and sign-out. */
function signInRoutes(app: FastifyInstance): void {
  app.get("/newsroom/login", async (request, reply) => {
    const next = safeReturn((request.query as Body).next, "/newsroom");
    if (request.newsUser) return reply.redirect(next, 303);
    return reply.type(HTML).send(loginPage(pageContext(request), { next }));
  });

  app.post<{ Body: Body }>(
    "/newsroom/login",
    { preHandler: app.formProtection, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const email = String(request.body?.email ?? "").slice(0, 254);
      // Not cut to the limit: a longer password is wrong as typed (cutting it could make it right).
      const password = String(request.body?.password ?? "").slice(0, MAX_PASSWORD + 1);
      const next = safeReturn(request.body?.next, "/newsroom");
      const again = (status: number, error: string) => {
        request.pageContext.csrfToken = csrfToken(request, reply);
        return reply
          .code(status)
          .type(HTML)
          .send(loginPage(pageContext(request), { error, email, next }));
      };
      let result: LoginResult;
      try {
        result = await login(app.store, { email, password, ipHash: clientIpHash(app, request) });
      } catch (error) {
        if (!isStoreBusy(error)) throw error;
        // An import holds the store: nothing was checked or counted; the reader tries again shortly.
        reply.header("retry-after", String(BUSY_RETRY_SECONDS));
        return again(503, BUSY_MESSAGE);
      }
      if (!result.ok) {
        if (result.reason === "throttled") reply.header("retry-after", String(result.retryAfterSeconds));
        return result.reason === "throttled"
          ? again(
              429,
              `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
            )
          : again(401, "Wrong e-mail or password.");
      }
      // Session fixation: whatever session id came with the request is dropped; a new one is issued.
      const old = request.cookies[SESSION_COOKIE];
      if (old) await deleteSession(app.store, old);
      const session = await createSession(app.store, result.user.id);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(null));
      return reply.redirect(next, 303);
    },
  );

  app.post("/newsroom/logout", { preHandler: app.formProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.store, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/news", 303);
  });
}

/** The desk: the list of articles, and a new one. */
function deskRoutes(app: FastifyInstance): void {
  const pending = pendingFor(app);

  app.get("/newsroom", async (request, reply) => {
    const user = requireUser(request);
    const status = (request.query as Body).status;
    const filter: ArticleStatus | undefined =
      status === "draft" || status === "review" || status === "published" ? status : undefined;
    // Authors see their own articles; editors see everybody's.
    const articles = await listArticles(app.store, {
      status: filter,
      authorId: canPublish(user) ? undefined : user.id,
    });
    return reply
      .type(HTML)
      .send(deskPage(articles, pageContext(request), await pending(user), filter ?? null));
  });

  app.get("/newsroom/new", async (request, reply) => {
    const user = requireUser(request);
    const query = request.query as Body;
    return reply
      .type(HTML)
      .send(
        newStoryPage(pageContext(request), { symbols: query.symbols ?? "", pending: await pending(user) }),
      );
  });

  app.post<{ Body: Body }>("/newsroom/new", { preHandler: app.formProtection }, async (request, reply) => {
    const user = requireUser(request);
    const symbols = String(request.body?.symbols ?? "")
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 20);
    const focus = String(request.body?.focus ?? "").trim();
    try {
      // The site's vote matrix (loaded at start-up, current with imports) gives the story its history.
      const history = await app.site.matrices.current();
      const story = await draftStory(app.store, symbols, { history, ...(focus ? { focus } : {}) });
      const article = await createArticleFromStory(app.store, story, user);
      return reply.redirect(`/newsroom/articles/${article.id}?message=drafted`, 303);
    } catch (error) {
      if (!isPlenaryError(error) || !error.isUserError) throw error;
      request.pageContext.csrfToken = csrfToken(request, reply);
      const hint = error.suggestions.length ? ` Did you mean: ${error.suggestions.join(", ")}?` : "";
      return reply
        .code(400)
        .type(HTML)
        .send(
          newStoryPage(pageContext(request), {
            symbols: symbols.join(" "),
            focus,
            error: `${error.message}.${hint}`.replace("..", "."),
            pending: await pending(user),
          }),
        );
    }
  });
}

/** The editor: an article's form, its saves and transitions, preview and revisions. */
function editorRoutes(app: FastifyInstance): void {
  const pending = pendingFor(app);

  const MESSAGES: Record<string, string> = {
    drafted:
      "Draft created from the record. Check every sentence against its facts below before sending it for review.",
    saved: "Saved as a new revision.",
    submit: "Sent for review.",
    withdraw: "Back to draft.",
    publish: "Published.",
    scheduled: "Scheduled: readers will see it from the publication time.",
    unpublish: "Unpublished: readers no longer see it.",
    pick: "Added to Editor's Picks.",
    unpick: "Removed from Editor's Picks.",
    restored: "Revision restored as a new revision.",
  };

  async function editor(
    request: FastifyRequest,
    article: Article,
    extra: Partial<EditorData> = {},
  ): Promise<string> {
    const user = requireUser(request);
    const message = (request.query as Body).message;
    return editorPage(
      {
        article,
        user,
        revisions: await listRevisions(app.store, article.id),
        form: {
          headline: article.headline,
          standfirst: article.standfirst,
          bodyMd: article.bodyMd,
          section: article.section,
          tags: article.tags.map((t) => t.name).join(", "),
          revision: article.revision,
        },
        preview: false,
        message: message ? (MESSAGES[message] ?? null) : null,
        error: null,
        pending: await pending(user),
        ...extra,
      },
      pageContext(request),
    );
  }

  async function editable(request: FastifyRequest): Promise<{ user: NewsUser; article: Article }> {
    const user = requireUser(request);
    const article = await getArticle(app.store, idParam(request.params));
    if (!article) throw new PlenaryError("NOT_FOUND", "No such article.");
    if (!canEdit(user, article) && !(article.author.id === user.id))
      throw new PlenaryError("FORBIDDEN", "You cannot open this article.");
    return { user, article };
  }

  app.get("/newsroom/articles/:id", async (request, reply) => {
    const { article } = await editable(request);
    return reply.type(HTML).send(await editor(request, article));
  });

  app.post<{ Body: Body }>(
    "/newsroom/articles/:id",
    { preHandler: app.formProtection },
    async (request, reply) => {
      const { user, article } = await editable(request);
      const body = request.body ?? {};
      const form = {
        headline: String(body.headline ?? ""),
        standfirst: String(body.standfirst ?? ""),
        bodyMd: String(body.body ?? ""),
        section: String(body.section ?? article.section),
        tags: String(body.tags ?? ""),
        revision: Number(body.revision),
      };
      const action = body.action ?? "save";
      const again = async (status: number, extra: Partial<EditorData>) => {
        request.pageContext.csrfToken = csrfToken(request, reply);
        return reply
          .code(status)
          .type(HTML)
          .send(await editor(request, article, { form, ...extra }));
      };
      if (action === "preview") return again(200, { preview: true });
      try {
        await updateArticle(app.store, article.id, form, user, form.revision);
        if (action === "submit") await transition(app.store, article.id, "submit", user);
        return reply.redirect(
          `/newsroom/articles/${article.id}?message=${action === "submit" ? "submit" : "saved"}`,
          303,
        );
      } catch (error) {
        if (!isPlenaryError(error)) throw error;
        if (error.code === "FORBIDDEN") throw error;
        return again(error.code === "CONFLICT" ? 409 : 400, { error: error.message, preview: false });
      }
    },
  );

  app.post<{ Body: Body }>(
    "/newsroom/articles/:id/workflow",
    { preHandler: app.formProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = idParam(request.params);
      const action = request.body?.action ?? "";
      let message = action;
      if (action === "pick" || action === "unpick") {
        await setEditorsPick(app.store, id, action === "pick", user);
      } else if (
        action === "submit" ||
        action === "withdraw" ||
        action === "publish" ||
        action === "unpublish"
      ) {
        const at = request.body?.publish_at?.trim();
        // datetime-local gives "2025-03-01T09:30": read as UTC, as the form says.
        const publishAt = !at
          ? null
          : /T\d\d:\d\d$/.test(at)
            ? `${at}:00Z`
            : /T\d\d:\d\d:\d\d$/.test(at)
              ? `${at}Z`
              : at;
        const updated = await transition(app.store, id, action, user, { publishAt });
        if (action === "publish" && updated.publishAt && !isDue(updated.publishAt)) message = "scheduled";
      } else {
        throw new PlenaryError("BAD_INPUT", `Unknown action ${JSON.stringify(action)}`);
      }
      return reply.redirect(`/newsroom/articles/${id}?message=${message}`, 303);
    },
  );

  app.get("/newsroom/articles/:id/preview", async (request, reply) => {
    const { article } = await editable(request);
    const comments = await approvedComments(app.store, article.id);
    return reply.type(HTML).send(
      articlePage(
        {
          article,
          comments,
          related: [],
          relatedCounts: await commentCounts(app.store, []),
          voteTitles: new Map((article.story?.votes ?? []).map((v) => [v.ref, v.title])),
          origin: originOf(request),
          notice: null,
          form: { name: "", email: "", body: "", errors: {} },
          preview: "Preview: readers cannot see this article yet.",
        },
        pageContext(request),
      ),
    );
  });

  app.get<{ Params: { id: string; n: string } }>(
    "/newsroom/articles/:id/revisions/:n",
    async (request, reply) => {
      const { user, article } = await editable(request);
      const revision = (await listRevisions(app.store, article.id)).find(
        (r) => r.number === Number(request.params.n),
      );
      if (!revision) throw new PlenaryError("NOT_FOUND", "No such revision.");
      return reply
        .type(HTML)
        .send(revisionPage(article, revision, pageContext(request), canEdit(user, article)));
    },
  );

  app.post<{ Params: { id: string; n: string } }>(
    "/newsroom/articles/:id/revisions/:n/restore",
    { preHandler: app.formProtection },
    async (request, reply) => {
      const { user, article } = await editable(request);
      await restoreRevision(app.store, article.id, Number(request.params.n), user);
      return reply.redirect(`/newsroom/articles/${article.id}?message=restored`, 303);
    },
  );
}

/** Moderation of comments, and the list of users (admins). */
function moderationRoutes(app: FastifyInstance): void {
  const pending = pendingFor(app);

  const STATUSES: CommentStatus[] = ["pending", "approved", "rejected", "spam"];

  app.get("/newsroom/comments", async (request, reply) => {
    const user = requireEditor(request);
    const query = request.query as Body;
    const status = STATUSES.includes(query.status as CommentStatus)
      ? (query.status as CommentStatus)
      : "pending";
    const queue = await moderationQueue(app.store, status);
    const message = isModerationAction(query.done) ? `Comment ${MODERATION_ACTIONS[query.done]}.` : null;
    return reply
      .type(HTML)
      .send(moderationPage(queue, status, pageContext(request), await pending(user), message));
  });

  app.post<{ Body: Body }>(
    "/newsroom/comments/:id",
    { preHandler: app.formProtection },
    async (request, reply) => {
      const user = requireEditor(request);
      const id = idParam(request.params);
      const action = String(request.body?.action ?? "");
      if (!isModerationAction(action))
        throw new PlenaryError("BAD_INPUT", `Unknown action ${JSON.stringify(action)}`);
      await moderate(app.store, id, action, user);
      const status = STATUSES.includes(request.body?.status as CommentStatus)
        ? request.body!.status
        : "pending";
      return reply.redirect(`/newsroom/comments?status=${status}&done=${action}`, 303);
    },
  );

  app.get("/newsroom/users", async (request, reply: FastifyReply) => {
    const user = requireUser(request);
    if (user.role !== "admin") throw new PlenaryError("FORBIDDEN", "Only admins see the list of users.");
    return reply
      .type(HTML)
      .send(usersPage(await listUsers(app.store), pageContext(request), await pending(user)));
  });
}
