/** The reader's pages: the news front page, an article with its comments, lists, about, privacy. */
import { html } from "../../html.js";
import type { PageContext } from "../../context.js";
import { articlePath, isVisible, SECTIONS, type Article, type Tag } from "../../../news/articles.js";
import { cardPath } from "../../share/paths.js";
import { COMMENT_LIMITS, type Comment, type CommentPage } from "../../../news/comments.js";
import {
  CATEGORY_NAMES,
  COOKIES,
  CONSENT_COOKIE,
  POLICY_UPDATED,
  type Consent,
} from "../../../news/cookies.js";
import { cutAtWord } from "../../../core/titles.js";
import { plainText, renderArticle, renderComment } from "../../../news/markdown.js";
import {
  articleCard,
  byline,
  commentsLabel,
  dateTimeWords,
  hiddenCsrf,
  newsLayout,
  pagination,
  sectionName,
  sectionNav,
  shareMeta,
  timeTag,
} from "./common.js";
import { consentButtons } from "./consent.js";
import { tableHead } from "../../pages/components.js";

export interface FrontPage {
  latest: Article[];
  picks: Article[];
  counts: Map<number, number>;
  page: number;
  pages: number;
  tags: (Tag & { count: number })[];
  /** The public origin, for absolute URLs in share metadata. */
  origin: string;
}

export function frontPage(data: FrontPage, context: PageContext): string {
  const body = html`<section class="news-front">
    <h1>News</h1>
    <p class="intro">
      Stories written from the record of United Nations votes: every figure in them links to the vote it comes
      from.
    </p>
    !${sectionNav(null)}
    <div class="front-grid">
      <section class="latest" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest Articles</h2>
        !${
          data.latest.length
            ? data.latest.map((a) => articleCard(a, data.counts.get(a.id) ?? 0))
            : html`<p>No articles yet.</p>`
        }
        !${pagination(data.page, data.pages, (n) => (n === 1 ? "/news" : `/news?page=${n}`))}
      </section>
      <aside class="picks" aria-labelledby="picks-heading">
        <h2 id="picks-heading">Editor's Picks</h2>
        !${
          data.picks.length
            ? html`<ol class="pick-list">
                !${data.picks.map(
                  (a) =>
                    html`<li>
                      <a href="${articlePath(a)}">${a.headline}</a>
                      <span class="meta">!${timeTag(a.publishAt ?? a.updatedAt)}</span>
                    </li>`,
                )}
              </ol>`
            : html`<p class="note">The editors have not picked any article yet.</p>`
        }
        !${
          data.tags.length
            ? html`<h2>Topics and regions</h2>
                <ul class="tag-list">
                  !${data.tags.map((t) => html`<li><a href="/news/tag/${t.slug}">${t.name}</a></li>`)}
                </ul>`
            : ""
        }
        <h2>Follow</h2>
        <ul class="feed-list">
          <li><a href="/news/feed.xml">RSS</a></li>
          <li><a href="/news/atom.xml">Atom</a></li>
          <li><a href="/news/feed.json">JSON Feed</a></li>
        </ul>
      </aside>
    </div>
  </section>`;
  return newsLayout(
    {
      title: "News",
      description: "Stories written from the record of United Nations votes.",
      path: "/news",
      body,
      head: shareMeta({
        origin: data.origin,
        path: "/news",
        title: "Plenary News",
        description: "Stories written from the record of United Nations votes.",
        type: "website",
      }),
    },
    context,
  );
}

export interface ArticlePageData {
  article: Article;
  comments: CommentPage;
  related: Article[];
  relatedCounts: Map<number, number>;
  /** Titles of the cited votes, by ref. */
  voteTitles: Map<string, string>;
  /** The public origin, for absolute URLs in share metadata. */
  origin: string;
  /** Notice after posting: `pending` (held), `posted` (shown). */
  notice: string | null;
  form: { name: string; email: string; body: string; errors: Partial<Record<string, string>> };
  /** Shown to signed-in staff looking at an unpublished article. */
  preview?: string | null;
}

/** The cited votes in the story's own order (texts, their amendments, the earlier vote), then any others. */
function citedOrder(article: Article): string[] {
  const order = (article.story?.votes ?? []).map((v) => v.ref).filter((ref) => article.votes.includes(ref));
  return [...order, ...article.votes.filter((ref) => !order.includes(ref)).sort()];
}

function commentItem(c: Comment): string {
  return html`<li class="comment" id="comment-${String(c.id)}">
    <p class="comment-meta"><strong>${c.name}</strong> · !${timeTag(c.createdAt, true)}</p>
    <div class="comment-body">!${renderComment(c.body)}</div>
  </li>`;
}

export function commentForm(article: Article, data: ArticlePageData["form"], context: PageContext): string {
  const error = (field: string) =>
    data.errors[field]
      ? html`<span class="field-error" id="${field}-error">${data.errors[field]}</span>`
      : "";
  const described = (field: string) =>
    data.errors[field] ? html`aria-invalid="true" aria-describedby="${field}-error"` : "";
  return html`<form
    method="post"
    action="${articlePath(article)}/comments#comment-form"
    class="comment-form"
    id="comment-form"
    novalidate
  >
    !${hiddenCsrf(context)}
    !${data.errors.form ? html`<p class="form-error" role="alert">${data.errors.form}</p>` : ""}
    <label for="comment-name">Name <span class="hint">(shown with your comment)</span></label>
    <input
      id="comment-name"
      name="name"
      type="text"
      required
      maxlength="${String(COMMENT_LIMITS.name)}"
      autocomplete="name"
      value="${data.name}"
      !${described("name")}
    />
    !${error("name")}
    <label for="comment-email">E-mail <span class="hint">(optional, never shown)</span></label>
    <input
      id="comment-email"
      name="email"
      type="email"
      maxlength="${String(COMMENT_LIMITS.email)}"
      autocomplete="email"
      value="${data.email}"
      !${described("email")}
    />
    !${error("email")}
    <label for="comment-body">Comment</label>
    <textarea
      id="comment-body"
      name="body"
      rows="6"
      required
      maxlength="${String(COMMENT_LIMITS.body)}"
      !${described("body")}
    >
${data.body}</textarea>
    !${error("body")}
    <p class="hint">
      Plain text: *asterisks* for emphasis, backticks for code, at most ${String(COMMENT_LIMITS.links)} links.
      A first comment waits for an editor's approval.
    </p>
    <div class="hp" aria-hidden="true">
      <label for="comment-website">Leave this field empty</label>
      <input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
    </div>
    <button type="submit" class="button">Post comment</button>
  </form>`;
}

export function articlePage(data: ArticlePageData, context: PageContext): string {
  const a = data.article;
  const count = data.comments.total;
  const published = a.publishAt ?? a.updatedAt;
  const notice =
    data.notice === "pending"
      ? html`<p class="notice" role="status">
          Thank you. Your comment is waiting for moderation and will appear once an editor approves it.
        </p>`
      : data.notice === "posted"
        ? html`<p class="notice" role="status">Thank you. Your comment is published.</p>`
        : "";
  const body = html`<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
      !${data.preview ? html`<p class="preview-flag" role="note">${data.preview}</p>` : ""}
      <p class="kicker"><a href="/news/section/${a.section}">${sectionName(a.section)}</a></p>
      <h1 itemprop="headline">${a.headline}</h1>
      !${a.standfirst ? html`<p class="standfirst" itemprop="description">${a.standfirst}</p>` : ""}
      <p class="meta byline">
        !${byline(a)} ·
        !${timeTag(published)}!${a.updatedAt > published ? html` · updated !${timeTag(a.updatedAt)}` : ""} ·
        <a href="#comments">${commentsLabel(count)}</a>
      </p>
      <div class="story-body" itemprop="articleBody">!${renderArticle(a.bodyMd)}</div>
      !${
        a.votes.length
          ? html`<aside class="cited" aria-labelledby="cited-heading">
              <h2 id="cited-heading">The votes in this story</h2>
              <ul>
                !${citedOrder(a).map((ref) => {
                  const title = data.voteTitles.get(ref);
                  // Roll calls without a symbol (amendments, motions) are named by their title.
                  return /^rc-\d+$/.test(ref) && title
                    ? html`<li><a href="/votes/${encodeURIComponent(ref)}">${title}</a></li>`
                    : html`<li>
                        <a href="/votes/${encodeURIComponent(ref)}">${ref}</a
                        >!${title ? html` — ${title}` : ""}
                      </li>`;
                })}
              </ul>
            </aside>`
          : ""
      }
      !${
        a.tags.length
          ? html`<p class="tags">
              Filed under:
              !${a.tags.map((t) => html`<a class="tag" href="/news/tag/${t.slug}">${t.name}</a> `)}
            </p>`
          : ""
      }
    </article>
    !${
      data.related.length
        ? html`<section class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">You may also like</h2>
            <div class="card-row">
              !${data.related.map((r) => articleCard(r, data.relatedCounts.get(r.id) ?? 0, { standfirst: false }))}
            </div>
          </section>`
        : ""
    }
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">${commentsLabel(count)}</h2>
      !${notice}
      !${
        data.comments.comments.length
          ? html`<ol class="comment-list">
              !${data.comments.comments.map(commentItem)}
            </ol>`
          : ""
      }
      !${pagination(data.comments.page, data.comments.pages, (n) => `${articlePath(a)}?cpage=${n}#comments`, "Comment pages")}
      <h2 id="leave-comment">Leave a Comment</h2>
      !${commentForm(a, data.form, context)}
    </section>`;
  const description = a.standfirst || cutAtWord(plainText(a.bodyMd), 200);
  return newsLayout(
    {
      title: a.headline,
      description,
      path: articlePath(a),
      body,
      head: shareMeta({
        origin: data.origin,
        path: articlePath(a),
        title: a.headline,
        description,
        type: "article",
        publishedTime: a.publishAt,
        modifiedTime: a.updatedAt,
        author: a.author.name,
        section: sectionName(a.section),
        tags: a.tags.map((t) => t.name),
        // Only a published article has a card: a preview's would be refused.
        ...(isVisible(a) ? { image: { path: cardPath("articles", [a.slug]), alt: a.headline } } : {}),
      }),
    },
    context,
  );
}

export interface ListingPage {
  kind: "section" | "tag" | "author";
  slug: string;
  title: string;
  intro: string;
  articles: Article[];
  counts: Map<number, number>;
  page: number;
  pages: number;
  path: string;
  /** The public origin, for absolute URLs in share metadata. */
  origin: string;
}

export function listingPage(data: ListingPage, context: PageContext): string {
  const body = html`<section class="news-list">
    <p class="kicker">${data.kind === "section" ? "Section" : data.kind === "tag" ? "Topic" : "Author"}</p>
    <h1>${data.title}</h1>
    <p class="intro">${data.intro}</p>
    !${sectionNav(data.kind === "section" ? data.slug : null)}
    !${data.articles.length ? data.articles.map((a) => articleCard(a, data.counts.get(a.id) ?? 0)) : html`<p>No published articles yet.</p>`}
    !${pagination(data.page, data.pages, (n) => (n === 1 ? data.path : `${data.path}?page=${n}`))}
  </section>`;
  return newsLayout(
    {
      title: data.title,
      description: data.intro,
      path: data.path,
      body,
      head: shareMeta({
        origin: data.origin,
        path: data.path,
        title: data.title,
        description: data.intro,
        type: "website",
      }),
    },
    context,
  );
}

export function aboutPage(context: PageContext): string {
  const body = html`<section class="prose">
    <h1>About Plenary News</h1>
    <p>
      Plenary News reports how members of the United Nations vote in the General Assembly and the Security
      Council. Its stories start as drafts that Plenary writes from its own record: each sentence is made from
      facts the record can show — a tally, an outcome, a member's vote, a rule of procedure — and the draft
      lists, for every sentence, the query that reproduces those facts. Editors then check, edit and publish
      them under their own byline.
    </p>
    <h2>What the stories will not do</h2>
    <ul>
      <li>Guess a figure the record does not hold: an unknown tally is reported as unknown.</li>
      <li>
        Fill in votes the record does not name: when only some members' votes are known, the story says so.
      </li>
      <li>Put words in anybody's mouth: drafts contain no quotations.</li>
    </ul>
    <h2>Sections</h2>
    <ul>
      !${SECTIONS.map((s) => html`<li><a href="/news/section/${s.slug}">${s.name}</a> — ${s.description}</li>`)}
    </ul>
    <h2>Comments</h2>
    <p>
      Readers may comment with a name; an e-mail address is optional and never shown. First comments are read
      by an editor before they appear. Links are limited and marked as user content; anything that looks like
      advertising is removed.
    </p>
    <h2>Corrections</h2>
    <p>
      Every edit to a published article is kept in its revision history. If a figure is wrong, the vote page
      it links to shows where it came from.
    </p>
  </section>`;
  return newsLayout(
    { title: "About", description: "How Plenary News writes its stories.", path: "/news/about", body },
    context,
  );
}

export function privacyPage(context: PageContext, saved: Consent | null): string {
  const choice = context.consent;
  const body = html`<section class="prose privacy">
    <h1>Privacy &amp; Cookies Policy</h1>
    <p class="meta">Last updated !${timeTag(POLICY_UPDATED)}.</p>
    !${saved ? html`<p class="notice" role="status">Your choice is saved: optional cookies ${saved === "accepted" ? "accepted" : "rejected"}.</p>` : ""}
    <h2>Cookies this site sets</h2>
    <p>
      This list is generated from the site's own cookie registry: the server sets no cookie that is not in it.
      Before you choose, and after you reject, only the strictly necessary cookies are set.
    </p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Cookies this site sets">
      <table class="cookies">
        !${tableHead(["Name", "Purpose", "Category", "Lifetime", "Set"])}
        <tbody>
          !${COOKIES.map(
            (c) =>
              html`<tr>
                <td><code>${c.name}</code></td>
                <td>${c.purpose}</td>
                <td>${CATEGORY_NAMES[c.category]}</td>
                <td>${c.lifetime}</td>
                <td>${c.setWhen}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p>
      All cookies are first-party, sent only to this site, and unreadable by scripts (HttpOnly). There is no
      tracking, advertising or analytics cookie, and no third-party content.
    </p>
    <h2 id="cookie-settings">Cookie settings</h2>
    <p>
      Your current choice:
      <strong
        >${choice === "accepted" ? "optional cookies accepted" : choice === "rejected" ? "optional cookies rejected" : "not made yet (only strictly necessary cookies are set)"}</strong
      >. The choice is kept in the <code>${CONSENT_COOKIE}</code> cookie; rejecting deletes the optional
      cookie.
    </p>
    <div class="consent-actions">!${consentButtons(context, "/privacy")}</div>
    <h2>What comments keep</h2>
    <p>
      A comment stores the name you give (shown), the e-mail address if you give one (never shown; used only
      to recognise a returning commenter), the text, the time, and a salted hash of your IP address for rate
      limits — the address itself is not stored.
    </p>
    <h2>Newsroom accounts</h2>
    <p>Editors and authors sign in with an e-mail address and a password stored as an argon2id hash.</p>
  </section>`;
  return newsLayout(
    {
      title: "Privacy & Cookies Policy",
      description: "The cookies this site sets and why.",
      path: "/privacy",
      body,
    },
    context,
  );
}

export { dateTimeWords };
