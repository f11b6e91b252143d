import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./server.js";
import { suiteStore } from "../test/tempStore.js";
import { fuzzParameters } from "../test/fuzz.js";

/** Every API answer to hostile input is a 2xx or a 4xx with a typed JSON error: never a 5xx. */
describe("API parameters on hostile input over real HTTP (fuzz)", () => {
  const temp = suiteStore();
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await buildServer({ store: temp.store, rateLimit: 1_000_000 });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
  });

  async function expectClean(response: Response, label: string) {
    expect(response.status, label).toBeLessThan(500);
    if (response.status >= 400 && (response.headers.get("content-type") ?? "").includes("json")) {
      const body = (await response.json()) as { error?: unknown };
      expect(typeof body.error, label).toBe("string");
    } else {
      await response.arrayBuffer();
    }
  }

  const hostile = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      "' OR 1=1 --",
      "../../etc/passwd",
      "%00",
      "%E0%A4%A",
      "<script>alert(1)</script>",
      "A/RES/ES-11/7/whatif",
      "..%2F..%2F",
      "\u0000",
      "ES-11/7?set=USA%3Dmaybe",
    ),
  );

  it("GET /api/votes/:symbol and …/whatif?set=", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.array(hostile, { maxLength: 3 }), async (symbol, sets) => {
        const path = encodeURIComponent(symbol);
        await expectClean(await fetch(`${base}/api/votes/${path}`), path);
        const query = sets.map((s) => `set=${encodeURIComponent(s)}`).join("&");
        await expectClean(await fetch(`${base}/api/votes/ES-11%2F7/whatif?${query}`), query);
      }),
      fuzzParameters(0.2),
    );
  });

  it("POST /api/outcome with arbitrary bodies and content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 })),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
        async (body, type) => {
          await expectClean(
            await fetch(`${base}/api/outcome`, { method: "POST", headers: { "content-type": type }, body }),
            body,
          );
        },
      ),
      fuzzParameters(0.2),
    );
  });

  it("pages with hostile paths answer 2xx/4xx HTML and never echo markup unescaped", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (symbol) => {
        const response = await fetch(`${base}/votes/${encodeURIComponent(symbol)}`);
        expect(response.status).toBeLessThan(500);
        const page = await response.text();
        expect(page).not.toContain("<script>alert(1)</script>");
      }),
      fuzzParameters(0.2),
    );
  });
});
