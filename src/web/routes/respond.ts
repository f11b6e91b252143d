/**
 * Sending what the site caches per data version.
 *
 * - Pages: the page parts (title, body …) are memoised per data version and URL; the layout is added per
 *   request, because it carries the reader's own context (sign-in, cookie choice, a CSRF token).
 * - JSON: the serialised body is kept with an ETag (`"v<data version>-<hash>"`) and its gzip and brotli
 *   forms, made once on first demand; a matching If-None-Match gets 304 (@fastify/etag honours the ETag
 *   set here and hashes nothing).
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { layout } from "../pages/layout.js";
import { deflatePiece, gzipJoin, type DeflatedPiece } from "./gzip.js";
import { SHARE_MARK, shareBar } from "../pages/shareBar.js";
import { shareHead, type PageParts } from "../pages/components.js";
import { pageContext } from "../context.js";
import { watchFeedLinks } from "../feeds/links.js";
import { bodyBytes, type CachedBody, type Lru, type Snapshot } from "../pageData/site.js";

/** Cache-Control for data that changes only when the record is re-imported. */
export const PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=600";

/**
 * The request's path and query string for cache keys: parameters sorted, and with `allowed` only those
 * the page reads (so made-up parameters cannot fill the cache with copies).
 */
export function requestKey(request: FastifyRequest, allowed?: readonly string[]): string {
  const [path, query = ""] = request.url.split("?", 2) as [string, string?];
  const params = new URLSearchParams(query);
  if (allowed) for (const key of [...params.keys()]) if (!allowed.includes(key)) params.delete(key);
  params.sort();
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The public origin for absolute URLs (feeds, sitemap, share metadata): PLENARY_PUBLIC_URL when set;
 * else the request's own Host header — X-Forwarded-Host only when the proxies were named (trustProxy),
 * so a client cannot make the site write links to a host of its choosing.
 */
export function originOf(request: FastifyRequest): string {
  const { url, forwardedHost } = request.server.publicOrigin;
  if (url) return url;
  const host = forwardedHost ? request.host : (request.headers.host ?? request.host);
  return `${request.protocol}://${host}`;
}

/** Where the page body goes in the layout: the layout is rendered around it, then split here. */
const BODY_MARK = "<!--plenary:page-body-->";

/**
 * Page parts with the body already encoded: it is sent as bytes, never re-encoded per request. A body
 * with a share bar (SHARE_MARK) is kept as the two pieces around it: the bar's iframe snippets name the
 * request's origin, so the bar is made per request and put between them.
 */
interface EncodedParts {
  parts: PageParts;
  body: Buffer;
  /** The body after SHARE_MARK (empty when the page has no bar). */
  rest: Buffer;
  /** The pieces deflated once, on the first request that accepts gzip. */
  deflated?: DeflatedPiece;
  deflatedRest?: DeflatedPiece;
  /**
   * The share bar made for the last origin asked (nearly always the only one: the public URL or the
   * site's host), with its deflated form once a request accepted gzip. Kept with the parts, so made once
   * per data version rather than per request; a request from another origin replaces it.
   */
  bar?: { origin: string; plain: Buffer; deflated?: DeflatedPiece };
}

/** The page's share bar for `origin`, made on the first request from it. */
function barFor(encoded: EncodedParts, origin: string): NonNullable<EncodedParts["bar"]> | null {
  const share = encoded.parts.share;
  if (!share || !encoded.rest.length) return null;
  if (encoded.bar?.origin !== origin) {
    encoded.bar = { origin, plain: Buffer.from(shareBar(origin, share)) };
  }
  return encoded.bar;
}

function encodeParts(full: PageParts): EncodedParts {
  // Template indentation is dropped (the cached bodies have no <pre> or <textarea>).
  const body = full.body.replace(/\n\s+/g, "\n");
  // The body is kept as bytes only: the parts keep the rest (title, path …), not a second copy.
  const parts = { ...full, body: "" };
  const at = full.share ? body.indexOf(SHARE_MARK) : -1;
  return at < 0
    ? { parts, body: Buffer.from(body), rest: Buffer.alloc(0) }
    : {
        parts,
        body: Buffer.from(body.slice(0, at)),
        rest: Buffer.from(body.slice(at + SHARE_MARK.length)),
      };
}

/** The bytes encoded page parts hold (for the pages cache's byte bound). */
function partsBytes(encoded: EncodedParts): number {
  return (
    encoded.body.length +
    encoded.rest.length +
    (encoded.deflated?.deflated.length ?? 0) +
    (encoded.deflatedRest?.deflated.length ?? 0) +
    (encoded.bar ? encoded.bar.plain.length + (encoded.bar.deflated?.deflated.length ?? 0) : 0)
  );
}

/**
 * Renders page parts in the layout for this request and sends them. The body (up to ~100 KB for a
 * vote page) is encoded once; only the layout around it (reader's context, CSRF token) and the share bar
 * are made per request, and the response is the byte ranges joined.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: PageParts | EncodedParts,
): FastifyReply {
  const encoded =
    "body" in parts && Buffer.isBuffer(parts.body)
      ? (parts as EncodedParts)
      : encodeParts(parts as PageParts);
  const page = encoded.parts;
  const origin = originOf(request);
  const shell = layout(
    {
      title: page.title,
      ...(page.description ? { description: page.description } : {}),
      path: page.path,
      body: BODY_MARK,
      head: shareHead(origin, page.path, page.ogType, page.image) + watchFeedLinks(page.path),
    },
    pageContext(request),
  );
  reply.type("text/html; charset=utf-8");
  const at = shell.indexOf(BODY_MARK);
  const before = Buffer.from(shell.slice(0, at));
  const after = Buffer.from(shell.slice(at + BODY_MARK.length));
  const bar = barFor(encoded, origin);
  if (acceptsGzip(request)) {
    // Compressed here, with the body's deflate made once: the compression plugin leaves it as it is.
    encoded.deflated ??= deflatePiece(encoded.body);
    reply.header("content-encoding", "gzip");
    reply.header("vary", "Accept-Encoding");
    if (!bar) return reply.send(gzipJoin([before, encoded.deflated, after]));
    encoded.deflatedRest ??= deflatePiece(encoded.rest);
    bar.deflated ??= deflatePiece(bar.plain);
    return reply.send(gzipJoin([before, encoded.deflated, bar.deflated, encoded.deflatedRest, after]));
  }
  return reply.send(
    Buffer.concat(
      bar ? [before, encoded.body, bar.plain, encoded.rest, after] : [before, encoded.body, after],
    ),
  );
}

function acceptsGzip(request: FastifyRequest): boolean {
  if (request.headers["x-no-compression"] !== undefined) return false;
  return /\bgzip\b(?!;q=0(\.0*)?\b)/.test(String(request.headers["accept-encoding"] ?? ""));
}

/** Page parts memoised in the snapshot under `key` (with the body encoded), then sent in the layout. */
export async function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  key: string,
  render: () => PageParts | Promise<PageParts>,
): Promise<FastifyReply> {
  const encoded = await snapshot.page<EncodedParts>(key, async () => encodeParts(await render()));
  const sent = sendPage(request, reply, encoded);
  // Weighed once made, and again when a deflated form was added.
  snapshot.pages.weigh(key, partsBytes(encoded));
  return sent;
}

function negotiate(request: FastifyRequest): "br" | "gzip" | null {
  if (request.headers["x-no-compression"] !== undefined) return null;
  const accept = String(request.headers["accept-encoding"] ?? "");
  if (/\bbr\b(?!;q=0(\.0*)?\b)/.test(accept)) return "br";
  if (/\bgzip\b(?!;q=0(\.0*)?\b)/.test(accept)) return "gzip";
  return null;
}

function encode(entry: CachedBody, encoding: "br" | "gzip"): Buffer {
  let encoded = entry.encoded.get(encoding);
  if (!encoded) {
    encoded =
      encoding === "br"
        ? brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } })
        : gzipSync(entry.body, { level: 6 });
    entry.encoded.set(encoding, encoded);
  }
  return encoded;
}

export function cachedBody(
  version: number,
  body: string | Buffer,
  type: string,
  headers?: Record<string, string>,
): CachedBody {
  const buffer = typeof body === "string" ? Buffer.from(body) : body;
  const hash = createHash("sha1").update(buffer).digest("base64url").slice(0, 16);
  return {
    body: buffer,
    etag: `"v${version}-${hash}"`,
    type,
    encoded: new Map(),
    ...(headers ? { headers } : {}),
  };
}

export interface SendCachedOptions {
  /** Where the body is kept (default the snapshot's responses). */
  cache?: Lru<string, CachedBody>;
  /** Cache-Control (default PUBLIC_CACHE). */
  cacheControl?: string;
}

/** Sends a cached body (made by `make` on first demand) with its ETag, compression and caching headers. */
export async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  key: string,
  make: () => Promise<{ body: string | Buffer; type: string; headers?: Record<string, string> }>,
  options: SendCachedOptions = {},
): Promise<FastifyReply> {
  const cache = options.cache ?? snapshot.responses;
  let entry = cache.get(key);
  if (!entry) {
    const made = await make();
    entry = cachedBody(snapshot.version, made.body, made.type, made.headers);
    cache.set(key, entry, bodyBytes(entry));
  }
  reply.header("etag", entry.etag);
  reply.header("cache-control", options.cacheControl ?? PUBLIC_CACHE);
  reply.header("vary", "Accept-Encoding");
  for (const [name, value] of Object.entries(entry.headers ?? {})) reply.header(name, value);
  reply.type(entry.type);
  const ifNoneMatch = request.headers["if-none-match"];
  if (
    ifNoneMatch &&
    ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === entry.etag || tag === `W/${entry.etag}`)
  ) {
    return reply.code(304).send();
  }
  // Last-Modified (feeds): an If-Modified-Since at or after it gets 304 too, when no ETag was sent.
  const lastModified = entry.headers?.["last-modified"];
  const ifModifiedSince = request.headers["if-modified-since"];
  if (
    !ifNoneMatch &&
    lastModified &&
    ifModifiedSince &&
    Date.parse(ifModifiedSince) >= Date.parse(lastModified)
  ) {
    return reply.code(304).send();
  }
  // A PNG is compressed already.
  const encoding = entry.body.length >= 1024 && entry.type !== "image/png" ? negotiate(request) : null;
  if (encoding) {
    reply.header("content-encoding", encoding);
    const encoded = encode(entry, encoding);
    cache.weigh(key, bodyBytes(entry));
    return reply.send(encoded);
  }
  return reply.send(entry.body);
}

/** JSON, serialised once per data version and URL. */
export function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  compute: () => unknown | Promise<unknown>,
  key = `json:${requestKey(request)}`,
): Promise<FastifyReply> {
  return sendCached(request, reply, snapshot, key, async () => ({
    body: JSON.stringify(await compute()),
    type: "application/json; charset=utf-8",
  }));
}
