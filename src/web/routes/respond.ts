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
import { deflatePiece, gzipAround, type DeflatedPiece } from "./gzip.js";
import { shareHead, type PageParts } from "../pages/components.js";
import { pageContext } from "../context.js";
import { watchFeedLinks } from "../feeds/links.js";
import type { CachedBody, Snapshot } from "../pageData/site.js";

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

/** Page parts with the body already encoded: it is sent as bytes, never re-encoded per request. */
interface EncodedParts {
  parts: PageParts;
  body: Buffer;
  /** The body deflated once, on the first request that accepts gzip. */
  deflated?: DeflatedPiece;
}

/**
 * Renders page parts in the layout for this request and sends them. The body (up to ~100 KB for a
 * vote page) is encoded once; only the layout around it (reader's context, CSRF token) is made per
 * request, and the response is the three byte ranges joined.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: PageParts | EncodedParts,
): FastifyReply {
  const encoded = "body" in parts && Buffer.isBuffer(parts.body) ? (parts as EncodedParts) : null;
  const page = encoded ? encoded.parts : (parts as PageParts);
  const shell = layout(
    {
      title: page.title,
      ...(page.description ? { description: page.description } : {}),
      path: page.path,
      body: encoded ? BODY_MARK : page.body,
      head: shareHead(originOf(request), page.path, page.ogType) + watchFeedLinks(page.path),
    },
    pageContext(request),
  );
  reply.type("text/html; charset=utf-8");
  const at = encoded ? shell.indexOf(BODY_MARK) : -1;
  if (!encoded || at < 0) return reply.send(shell);
  const before = Buffer.from(shell.slice(0, at));
  const after = Buffer.from(shell.slice(at + BODY_MARK.length));
  if (acceptsGzip(request)) {
    // Compressed here, with the body's deflate made once: the compression plugin leaves it as it is.
    encoded.deflated ??= deflatePiece(encoded.body);
    reply.header("content-encoding", "gzip");
    reply.header("vary", "Accept-Encoding");
    return reply.send(gzipAround(before, encoded.deflated, after));
  }
  return reply.send(Buffer.concat([before, encoded.body, after]));
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
  const encoded = await snapshot.page<EncodedParts>(key, async () => {
    const parts = await render();
    // Template indentation is dropped (the cached bodies have no <pre> or <textarea>).
    return { parts, body: Buffer.from(parts.body.replace(/\n\s+/g, "\n")) };
  });
  return sendPage(request, reply, encoded);
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

/** Sends a cached body (made by `make` on first demand) with its ETag, compression and caching headers. */
export async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: Snapshot,
  key: string,
  make: () => Promise<{ body: string | Buffer; type: string; headers?: Record<string, string> }>,
): Promise<FastifyReply> {
  let entry = snapshot.responses.get(key);
  if (!entry) {
    const made = await make();
    entry = cachedBody(snapshot.version, made.body, made.type, made.headers);
    snapshot.responses.set(key, entry);
  }
  reply.header("etag", entry.etag);
  reply.header("cache-control", PUBLIC_CACHE);
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
  const encoding = entry.body.length >= 1024 ? negotiate(request) : null;
  if (encoding) {
    reply.header("content-encoding", encoding);
    return reply.send(encode(entry, encoding));
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
