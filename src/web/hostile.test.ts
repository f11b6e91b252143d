/**
 * Hostile input against every endpoint (issue 9): each documented API route and parameter — read from
 * the OpenAPI document, so a new route is covered the day it is added — gets SQL injection strings, XSS
 * payloads and path traversal; pages get them through their query strings; plus oversized bodies,
 * malformed cookies and headers (sent as raw bytes over a socket, so no client library can refuse them on
 * the way). None may cause a 5xx, echo markup unescaped, or reach a file, and the store is the same, row
 * for row, afterwards (a fingerprint of every table of the record and the newsroom). Only requests the
 * server answered are counted.
 */
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./server.js";
import { suiteStore } from "../test/tempStore.js";
import { storeFingerprint } from "../test/fingerprint.js";

const SQL = [
  "' OR '1'='1",
  "1; DROP TABLE votes; --",
  '" OR 1=1 --',
  "1 UNION SELECT name FROM sqlite_master",
  "%' AND 1=0 --",
  "') OR ('a'='a",
];
const XSS = [
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "'-alert(1)-'",
];
const TRAVERSAL = [
  "../../../../etc/passwd",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "....//....//etc/passwd",
  "%00",
  "\u0000",
];
const PAYLOADS = [...SQL, ...XSS, ...TRAVERSAL];

/** One HTTP/1.1 request written byte for byte on a socket; the response's status and body. */
function rawRequest(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      if (!status) reject(new Error(`no HTTP response to ${path}: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status, text });
    });
    const lines = [`GET ${path} HTTP/1.1`, `Host: ${url.host}`, "Connection: close"];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.end(Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"));
  });
}

/** Markup a payload would inject if it came through unescaped. */
const DANGEROUS = ["<script>alert", "<img src=x onerror", "<svg/onload"];

describe("hostile input against every endpoint and form", () => {
  const temp = suiteStore();
  let app: FastifyInstance;
  let base: string;
  let paths: [string, string[]][] = [];
  /** Requests the server answered (a request no server saw proves nothing). */
  let answered = 0;
  let before: Awaited<ReturnType<typeof storeFingerprint>>;

  beforeAll(async () => {
    before = await storeFingerprint(temp.store);
    app = await buildServer({ store: temp.store, rateLimit: 1_000_000 });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    paths = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get)
      .map(([path, ops]) => [path, (ops.get!.parameters ?? []).map((p) => `${p.in}:${p.name}`)]);
  });
  afterAll(async () => {
    await app.close();
  });

  async function expectInert(url: string) {
    const response = await fetch(url, { redirect: "manual" });
    answered++;
    expect(response.status, url).toBeLessThan(500);
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    // JSON may quote the input back (in an error message); served as JSON with nosniff it is inert.
    // HTML must never carry it as markup.
    if (type.includes("text/html")) for (const marker of DANGEROUS) expect(text, url).not.toContain(marker);
    else if (text.length) expect(type, url).toMatch(/application\/json|text\/csv|text\/plain/);
    expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
    expect(text, url).not.toContain("root:x:0:0");
  }

  it("every documented GET endpoint, every path and query parameter, every payload", async () => {
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const [template, parameters] of paths) {
      for (const payload of PAYLOADS) {
        const encoded = encodeURIComponent(payload);
        const path = template.replace(/\{[^}]+\}/g, encoded);
        const queries = parameters.filter((p) => p.startsWith("query:")).map((p) => p.slice(6));
        await expectInert(`${base}${path}`);
        for (const name of queries)
          await expectInert(`${base}${template.replace(/\{[^}]+\}/g, "USA")}?${name}=${encoded}`);
      }
    }
  });

  it("pages with hostile query strings and paths", async () => {
    const pages = [
      "/search?q=",
      "/search?member=",
      "/votes/",
      "/members/",
      "/compare/USA/",
      "/blocs/",
      "/council?year=",
      "/news/section/",
      "/news/tag/",
      "/news/articles/",
      "/votes/ES-11%2F7?alongside=",
      "/votes/ES-11%2F7?region=",
      "/members/USA?with=",
    ];
    for (const page of pages)
      for (const payload of PAYLOADS) await expectInert(`${base}${page}${encodeURIComponent(payload)}`);
  });

  it("static files cannot be left by traversal", async () => {
    for (const path of [
      "/assets/../package.json",
      "/assets/%2e%2e/package.json",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ]) {
      const response = await fetch(base + path);
      answered++;
      const text = await response.text();
      expect(text, path).not.toContain('"name": "plenary"');
      expect(text, path).not.toContain("root:x:0:0");
    }
  });

  it("an oversized body is refused with 413, a malformed one with 400", async () => {
    const big = await fetch(`${base}/api/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(2_000_000) }),
    });
    expect(big.status).toBe(413);
    answered++;
    const broken = await fetch(`${base}/api/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"body": "SC", ',
    });
    expect(broken.status).toBe(400);
    answered++;
  });

  it("malformed cookies and headers are shrugged off", async () => {
    const headers: Record<string, string>[] = [
      { cookie: "plenary_session=; plenary_csrf=%%%; =;;;; plenary_consent=<script>" },
      { cookie: `plenary_session=${"A".repeat(4000)}` },
      { cookie: "plenary_consent=accepted\u0001" },
      { "accept-encoding": "gzip;q=abc, br;q=-1, *;q=2" },
      { "if-none-match": '"' + "x".repeat(3000) },
      { "x-forwarded-for": "not-an-ip, <script>" },
      { accept: "text/html;q=<script>" },
    ];
    for (const header of headers) {
      for (const path of ["/", "/news", "/newsroom", "/api/votes/ES-11%2F7", "/privacy"]) {
        const response = await rawRequest(base, path, header);
        answered++;
        expect(response.status, `${path} ${JSON.stringify(header)}`).toBeLessThan(500);
        expect(response.text).not.toContain("<script>alert");
      }
    }
  });

  it("leaves the store exactly as it was, row for row", async () => {
    const after = await storeFingerprint(temp.store);
    expect(after.rows.roll_calls).toBeGreaterThan(0);
    expect(after.rows.votes).toBeGreaterThan(0);
    expect(after).toEqual(before);
    console.log(`hostile requests answered: ${answered}`);
    expect(answered).toBeGreaterThan(900);
  });
});
