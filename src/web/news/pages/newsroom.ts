/** The newsroom's pages: sign-in, the desk, the editor with preview and revisions, moderation, users. */
import { html } from "../../html.js";
import type { PageContext } from "../../context.js";
import { canPublish, MAX_PASSWORD, type NewsUser } from "../../../news/accounts.js";
import {
  articlePath,
  isVisible,
  LIMITS,
  SECTIONS,
  type Article,
  type Revision,
} from "../../../news/articles.js";
import type { QueuedComment } from "../../../news/comments.js";
import { renderArticle, renderComment } from "../../../news/markdown.js";
import { dateTimeWords, hiddenCsrf, newsLayout, sectionName, timeTag } from "./common.js";
import { tableHead } from "../../pages/components.js";

function page(title: string, path: string, body: string, context: PageContext): string {
  return newsLayout({ title, path, body, description: "Plenary's newsroom." }, context);
}

function deskNav(context: PageContext, pending: number | null): string {
  const editor = context.user?.role === "editor" || context.user?.role === "admin";
  return html`<nav class="desk-nav" aria-label="Newsroom">
    <a href="/newsroom">Articles</a>
    <a href="/newsroom/new">New story from votes</a>
    !${editor ? html`<a href="/newsroom/comments">Comments!${pending ? html` <span class="count">${String(pending)}</span>` : ""}</a>` : ""}
    !${context.user?.role === "admin" ? html`<a href="/newsroom/users">Users</a>` : ""}
    <form method="post" action="/newsroom/logout" class="inline">
      !${hiddenCsrf(context)}
      <button type="submit" class="link-button">Sign out (${context.user?.name ?? ""})</button>
    </form>
  </nav>`;
}

export function loginPage(
  context: PageContext,
  options: { error?: string | null; email?: string; next?: string },
): string {
  const body = html`<section class="login">
    <h1>Sign in to the newsroom</h1>
    !${options.error ? html`<p class="form-error" role="alert">${options.error}</p>` : ""}
    <form method="post" action="/newsroom/login" class="stack">
      !${hiddenCsrf(context)}
      <input type="hidden" name="next" value="${options.next ?? "/newsroom"}" />
      <label for="email">E-mail</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="username"
        required
        value="${options.email ?? ""}"
      />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        maxlength="${String(MAX_PASSWORD)}"
        required
      />
      <button type="submit" class="button">Sign in</button>
    </form>
    <p class="note">
      Accounts are created by an administrator: <code>plenary user add EMAIL --name NAME --role editor</code>.
    </p>
  </section>`;
  return page("Sign in", "/newsroom/login", body, context);
}

export function statusLabel(article: Article, now = new Date()): string {
  if (article.status === "published") return isVisible(article, now) ? "published" : "scheduled";
  return article.status === "review" ? "in review" : "draft";
}

export function deskPage(
  articles: Article[],
  context: PageContext,
  pending: number | null,
  filter: string | null,
): string {
  const filters: [string | null, string][] = [
    [null, "All"],
    ["draft", "Drafts"],
    ["review", "In review"],
    ["published", "Published"],
  ];
  const body = html`<section class="desk">
    <h1>Newsroom</h1>
    !${deskNav(context, pending)}
    <nav class="filters" aria-label="Filter">
      !${filters.map(([value, label]) => html`<a href="/newsroom${value ? `?status=${value}` : ""}" !${filter === value ? 'aria-current="page"' : ""}>${label}</a>`)}
    </nav>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Articles">
      <table class="articles">
        !${tableHead(["Headline", "Status", "Author", "Section", "Updated"])}
        <tbody>
          !${articles.map(
            (a) =>
              html`<tr>
                <td>
                  <a href="/newsroom/articles/${String(a.id)}">${a.headline}</a
                  >!${a.editorsPick ? html` <span class="badge">Pick</span>` : ""}
                </td>
                <td>
                  <span class="status ${statusLabel(a).replace(" ", "-")}">${statusLabel(a)}</span
                  >!${a.status === "published" && a.publishAt ? html`<br /><span class="sub">${dateTimeWords(a.publishAt)}</span>` : ""}
                </td>
                <td>${a.author.name}</td>
                <td>${sectionName(a.section)}</td>
                <td>!${timeTag(a.updatedAt, true)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    !${articles.length ? "" : html`<p>No articles here yet. <a href="/newsroom/new">Draft a story from votes</a>.</p>`}
  </section>`;
  return page("Newsroom", "/newsroom", body, context);
}

export function newStoryPage(
  context: PageContext,
  options: { symbols?: string; focus?: string; error?: string | null; pending: number | null },
): string {
  const body = html`<section class="desk">
    <h1>New story from votes</h1>
    !${deskNav(context, options.pending)}
    <p>
      Plenary drafts the story from its record: headline, standfirst, tallies, who voted with whom, the
      amendments and their fate, the earlier vote on the same theme. You edit the draft before it goes to
      review.
    </p>
    !${options.error ? html`<p class="form-error" role="alert">${options.error}</p>` : ""}
    <form method="post" action="/newsroom/new" class="stack">
      !${hiddenCsrf(context)}
      <label for="symbols"
        >Votes
        <span class="hint">(symbols separated by spaces or commas: ES-11/7 ES-11/8 S/RES/2774)</span></label
      >
      <input id="symbols" name="symbols" type="text" required value="${options.symbols ?? ""}" />
      <label for="focus"
        >Follow a member
        <span class="hint">(optional: a name or code; by default Plenary chooses)</span></label
      >
      <input id="focus" name="focus" type="text" value="${options.focus ?? ""}" />
      <button type="submit" class="button">Draft the story</button>
    </form>
  </section>`;
  return page("New story", "/newsroom/new", body, context);
}

export interface EditorData {
  article: Article;
  user: NewsUser;
  revisions: Revision[];
  form: {
    headline: string;
    standfirst: string;
    bodyMd: string;
    section: string;
    tags: string;
    revision: number;
  };
  preview: boolean;
  message: string | null;
  error: string | null;
  pending: number | null;
}

export function editorPage(data: EditorData, context: PageContext): string {
  const a = data.article;
  const editor = canPublish(data.user);
  const f = data.form;
  const status = statusLabel(a);
  const canSubmit = a.status === "draft";
  const canWithdraw = a.status === "review";
  const body = html`<section class="desk editor">
    <h1>Edit article</h1>
    !${deskNav(context, data.pending)}
    <p class="meta">
      <span class="status ${status.replace(" ", "-")}">${status}</span> · revision ${String(a.revision)} · by
      ${a.author.name} ·
      !${isVisible(a) ? html`<a href="${articlePath(a)}">view on the site</a>` : html`<a href="/newsroom/articles/${String(a.id)}/preview">preview as readers will see it</a>`}
    </p>
    !${data.message ? html`<p class="notice" role="status">${data.message}</p>` : ""}
    !${data.error ? html`<p class="form-error" role="alert">${data.error}</p>` : ""}
    <form method="post" action="/newsroom/articles/${String(a.id)}" class="stack" id="article-form">
      !${hiddenCsrf(context)}
      <input type="hidden" name="revision" value="${String(f.revision)}" />
      <label for="headline">Headline</label>
      <input
        id="headline"
        name="headline"
        type="text"
        required
        maxlength="${String(LIMITS.headline)}"
        value="${f.headline}"
      />
      <label for="standfirst">Standfirst</label>
      <textarea id="standfirst" name="standfirst" rows="3" maxlength="${String(LIMITS.standfirst)}">
${f.standfirst}</textarea>
      <label for="body">Body <span class="hint">(Markdown)</span></label>
      <textarea id="body" name="body" rows="18" class="markdown">${f.bodyMd}</textarea>
      <label for="section">Section</label>
      <select id="section" name="section">
        !${SECTIONS.map((s) => html`<option value="${s.slug}" !${s.slug === f.section ? "selected" : ""}>${s.name}</option>`)}
      </select>
      <label for="tags"
        >Tags
        <span class="hint"
          >(comma-separated; region names such as “Eastern Europe” become region tags)</span
        ></label
      >
      <input id="tags" name="tags" type="text" value="${f.tags}" />
      <div class="actions">
        <button type="submit" name="action" value="preview" class="button secondary">Preview</button>
        <button type="submit" name="action" value="save" class="button">Save</button>
        !${canSubmit ? html`<button type="submit" name="action" value="submit" class="button">Save and send for review</button>` : ""}
      </div>
    </form>
    !${
      data.preview
        ? html`<section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview <span class="hint">(not saved)</span></h2>
            <article class="story">
              <h1>${f.headline}</h1>
              <p class="standfirst">${f.standfirst}</p>
              <div class="story-body">!${renderArticle(f.bodyMd)}</div>
            </article>
          </section>`
        : ""
    }
    <section class="workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">Workflow</h2>
      !${
        canWithdraw
          ? html`<form method="post" action="/newsroom/articles/${String(a.id)}/workflow" class="inline">
              !${hiddenCsrf(context)}
              <button type="submit" name="action" value="withdraw" class="button secondary">
                Back to draft
              </button>
            </form>`
          : ""
      }
      !${
        editor
          ? html`<form
                method="post"
                action="/newsroom/articles/${String(a.id)}/workflow"
                class="stack publish-form"
              >
                !${hiddenCsrf(context)}
                <label for="publish_at"
                  >Publish at <span class="hint">(UTC; empty: now; a future time schedules it)</span></label
                >
                <input
                  id="publish_at"
                  name="publish_at"
                  type="datetime-local"
                  value="${a.publishAt && a.publishAt > new Date().toISOString() ? a.publishAt.slice(0, 16) : ""}"
                />
                <div class="actions">
                  <button type="submit" name="action" value="publish" class="button">
                    ${a.status === "published" ? "Update publication time" : "Publish"}
                  </button>
                  !${a.status === "published" ? html`<button type="submit" name="action" value="unpublish" class="button secondary">Unpublish</button>` : ""}
                </div>
              </form>
              <form method="post" action="/newsroom/articles/${String(a.id)}/workflow" class="inline">
                !${hiddenCsrf(context)}
                <button
                  type="submit"
                  name="action"
                  value="${a.editorsPick ? "unpick" : "pick"}"
                  class="button secondary"
                >
                  ${a.editorsPick ? "Remove from Editor's Picks" : "Add to Editor's Picks"}
                </button>
              </form>`
          : html`<p class="note">An editor publishes the article once you send it for review.</p>`
      }
    </section>
    !${
      a.story
        ? html`<details class="facts">
            <summary>The facts behind the generated draft</summary>
            <ol>
              !${a.story.paragraphs
                .flatMap((p) => p.sentences)
                .map(
                  (s) =>
                    html`<li>
                      <p>${s.text}</p>
                      <ul>
                        !${s.facts.map((fact) => html`<li><code>${fact.query}</code></li>`)}
                      </ul>
                    </li>`,
                )}
            </ol>
          </details>`
        : ""
    }
    <section class="revisions" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revisions</h2>
      <ol reversed>
        !${data.revisions.map(
          (r) =>
            html`<li>
              <a href="/newsroom/articles/${String(a.id)}/revisions/${String(r.number)}"
                >Revision ${String(r.number)}</a
              >
              · ${r.user} · !${timeTag(r.createdAt, true)}!${r.note ? html` · ${r.note}` : ""}
            </li>`,
        )}
      </ol>
    </section>
  </section>`;
  return page(`Edit: ${a.headline}`, `/newsroom/articles/${a.id}`, body, context);
}

export function revisionPage(
  article: Article,
  revision: Revision,
  context: PageContext,
  canRestore: boolean,
): string {
  const body = html`<section class="desk">
    <p><a href="/newsroom/articles/${String(article.id)}">← Back to the article</a></p>
    <h1>Revision ${String(revision.number)} of “${article.headline}”</h1>
    <p class="meta">
      ${revision.user} · !${timeTag(revision.createdAt, true)} ·
      ${revision.status}!${revision.note ? html` · ${revision.note}` : ""}
    </p>
    <dl class="facts">
      <div>
        <dt>Headline</dt>
        <dd>${revision.headline}</dd>
      </div>
      <div>
        <dt>Section</dt>
        <dd>${sectionName(revision.section)}</dd>
      </div>
      <div>
        <dt>Tags</dt>
        <dd>${revision.tags || "none"}</dd>
      </div>
    </dl>
    <h2>Standfirst</h2>
    <p>${revision.standfirst}</p>
    <h2>Body (Markdown)</h2>
    <pre class="markdown-source">${revision.bodyMd}</pre>
    !${
      canRestore && revision.number !== article.revision
        ? html`<form
            method="post"
            action="/newsroom/articles/${String(article.id)}/revisions/${String(revision.number)}/restore"
          >
            !${hiddenCsrf(context)}
            <button type="submit" class="button">Restore this revision</button>
          </form>`
        : ""
    }
  </section>`;
  return page(
    `Revision ${revision.number}`,
    `/newsroom/articles/${article.id}/revisions/${revision.number}`,
    body,
    context,
  );
}

export function moderationPage(
  queue: QueuedComment[],
  status: string,
  context: PageContext,
  pending: number | null,
  message: string | null,
): string {
  const tabs: [string, string][] = [
    ["pending", "Waiting"],
    ["approved", "Approved"],
    ["rejected", "Rejected"],
    ["spam", "Spam"],
  ];
  const body = html`<section class="desk moderation">
    <h1>Comments</h1>
    !${deskNav(context, pending)}
    <nav class="filters" aria-label="Filter">
      !${tabs.map(([value, label]) => html`<a href="/newsroom/comments?status=${value}" !${status === value ? 'aria-current="page"' : ""}>${label}</a>`)}
    </nav>
    !${message ? html`<p class="notice" role="status">${message}</p>` : ""}
    !${queue.length ? "" : html`<p>No comments here.</p>`}
    <ol class="queue">
      !${queue.map(
        (c) =>
          html`<li class="queued" id="comment-${String(c.id)}">
            <p class="comment-meta">
              <strong>${c.name}</strong>!${c.hasEmail ? " (gave an e-mail)" : ""} ·
              !${timeTag(c.createdAt, true)} · on
              <a href="/news/articles/${c.articleSlug}">${c.articleHeadline}</a>
            </p>
            <div class="comment-body">!${renderComment(c.body)}</div>
            <form method="post" action="/newsroom/comments/${String(c.id)}" class="actions">
              !${hiddenCsrf(context)}
              <input type="hidden" name="status" value="${status}" />
              !${c.status !== "approved" ? html`<button type="submit" name="action" value="approve" class="button">Approve</button>` : ""}
              !${c.status !== "rejected" ? html`<button type="submit" name="action" value="reject" class="button secondary">Reject</button>` : ""}
              !${c.status !== "spam" ? html`<button type="submit" name="action" value="spam" class="button secondary">Spam</button>` : ""}
            </form>
          </li>`,
      )}
    </ol>
  </section>`;
  return page("Comments", "/newsroom/comments", body, context);
}

export function usersPage(users: NewsUser[], context: PageContext, pending: number | null): string {
  const body = html`<section class="desk">
    <h1>Users</h1>
    !${deskNav(context, pending)}
    <div class="table-wrap" tabindex="0" role="region" aria-label="Users">
      <table>
        !${tableHead(["Name", "E-mail", "Role", "Active"])}
        <tbody>
          !${users.map(
            (u) =>
              html`<tr>
                <td><a href="/news/author/${u.slug}">${u.name}</a></td>
                <td>${u.email}</td>
                <td>${u.role}</td>
                <td>${u.active ? "yes" : "no"}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="note">
      Add accounts from the command line:
      <code>plenary user add EMAIL --name NAME --role author|editor|admin</code>.
    </p>
  </section>`;
  return page("Users", "/newsroom/users", body, context);
}
