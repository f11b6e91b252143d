/**
 * Markdown for the newsroom. Articles: CommonMark (markdown-it, raw HTML off) whose output is then
 * sanitised with sanitize-html to a short list of tags and attributes — two independent guards. Comments:
 * a smaller subset (emphasis, code, links, line breaks; no headings, images, tables or raw HTML), links
 * marked `nofollow ugc`. Links may only be http(s), mailto or site-relative.
 */
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type SanitizeHtml from "sanitize-html";

/**
 * The two libraries load on first use (both are CommonJS, so synchronously, behind the same functions):
 * the web server does not spend a fifth of a second of its start-up on them, and loads them in the
 * background once it listens (`loadMarkdown`).
 */
const require = createRequire(import.meta.url);
type Markdown = ReturnType<typeof MarkdownIt>;
let libraries: { article: Markdown; comment: Markdown; sanitizeHtml: typeof SanitizeHtml } | null = null;

export function loadMarkdown(): NonNullable<typeof libraries> {
  if (libraries) return libraries;
  const Markdown = require("markdown-it") as typeof MarkdownIt;
  return (libraries = {
    article: new Markdown("default", { html: false, linkify: true, typographer: false }),
    comment: new Markdown("zero", { html: false, linkify: true, breaks: true }).enable([
      "emphasis",
      "backticks",
      "link",
      "linkify",
      "newline",
      "paragraph",
      "escape",
      "entity",
    ]),
    sanitizeHtml: require("sanitize-html") as typeof SanitizeHtml,
  });
}

const SCHEMES = ["http", "https", "mailto"];

const ARTICLE_POLICY: SanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "code",
    "pre",
    "a",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"] },
  allowedSchemes: SCHEMES,
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
};

const COMMENT_POLICY: SanitizeHtml.IOptions = {
  allowedTags: ["p", "em", "strong", "code", "a", "br"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { href: attribs.href ?? "", rel: "nofollow ugc noopener noreferrer" },
    }),
  },
};

/** An article's Markdown as safe HTML. */
export function renderArticle(markdown: string): string {
  const { article, sanitizeHtml } = loadMarkdown();
  return sanitizeHtml(article.render(markdown), ARTICLE_POLICY);
}

/** A reader's comment as safe HTML (the Markdown subset). */
export function renderComment(markdown: string): string {
  const { comment, sanitizeHtml } = loadMarkdown();
  return sanitizeHtml(comment.render(markdown), COMMENT_POLICY);
}

/** Links a comment would carry (Markdown links and bare URLs). */
export function countLinks(markdown: string): number {
  return (loadMarkdown().comment.render(markdown).match(/<a\s/g) ?? []).length;
}

/** Markdown-escapes text so it renders as itself. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|~])/g, "\\$1");
}

/** Plain text of Markdown (for descriptions and feeds): tags stripped from the rendered HTML. */
export function plainText(markdown: string): string {
  const { article, sanitizeHtml } = loadMarkdown();
  return sanitizeHtml(article.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
