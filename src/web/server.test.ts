import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./server.js";
import { loadStarterDataset } from "../data/starter.js";
import { tempStore, suiteStore } from "../test/tempStore.js";

describe("web server over real HTTP", () => {
  const temp = suiteStore();
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    // A hostile title, as a bad source file could carry one: it must come out inert.
    const [first] = loadStarterDataset();
    await temp.store.write([
      {
        ...first!,
        sourceKey: "hostile",
        symbol: "A/RES/99/1",
        draftSymbol: null,
        title: `<script>alert("x")</script><img src=x onerror=alert(1)>`,
        description: `"quoted" & <b>bold</b>`,
      },
    ]);
    app = await buildServer({ store: temp.store });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("GET /api/votes/:symbol returns the same JSON as the CLI, symbols URL-encoded or not", async () => {
    for (const path of [
      "/api/votes/ES-11%2F7",
      "/api/votes/A%2FRES%2FES-11%2F7",
      "/api/votes/A/RES/ES-11/7",
    ]) {
      const response = await fetch(base + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const json = await response.json();
      expect(json).toMatchObject({
        symbol: "A/RES/ES-11/7",
        complete: false,
        outcome: "adopted",
        tally: { yes: 93, no: 18, abstain: 65, nonVoting: 17 },
      });
    }
  });

  it("an unknown symbol is a 404 with a typed JSON error", async () => {
    const response = await fetch(`${base}/api/votes/ES-11%2F99`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "UNKNOWN_ROLL_CALL" });
  });

  it("GET /votes/:symbol renders the vote: tally, outcome, members by vote", async () => {
    const response = await fetch(`${base}/votes/S%2FRES%2F2774`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("S/RES/2774 (2025)");
    expect(page).toMatch(/In favour \(10\)/);
    expect(page).toMatch(/Abstaining \(5\)/);
    expect(page).toContain('class="outcome adopted"');
    expect(page).toContain("European amendment to the preamble");
  });

  it("escapes a hostile title and description everywhere it is shown", async () => {
    for (const path of ["/votes/A%2FRES%2F99%2F1", "/"]) {
      const page = await (await fetch(base + path)).text();
      expect(page, path).not.toContain("<script>alert");
      expect(page, path).not.toContain("<img src=x");
      expect(page, path).toContain("&#60;script&#62;");
    }
    const vote = await (await fetch(`${base}/votes/A%2FRES%2F99%2F1`)).text();
    expect(vote).toContain("&#34;quoted&#34; &#38; &#60;b&#62;bold&#60;/b&#62;");
  });

  it("GET / lists the latest roll calls; unknown pages get a helpful 404", async () => {
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain("A/RES/ES-11/7");
    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("See the latest votes");
  });

  it("sends security headers: a strict CSP without unsafe-inline, no framing, nosniff", async () => {
    const response = await fetch(`${base}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("the vote JSON carries the rules' decision and the what-if sentences", async () => {
    const json = (await (await fetch(`${base}/api/votes/ES-11%2F7`)).json()) as {
      decision: unknown;
      whatIf: { sentences: string[] };
      disagreement: string | null;
    };
    expect(json.decision).toMatchObject({ outcome: "adopted", majority: "two-thirds", required: 74 });
    expect(json.whatIf.sentences.length).toBeGreaterThan(0);
    expect(json.disagreement).toBeNull();
  });

  it("GET /api/votes/:symbol/whatif re-decides with ?set=MEMBER=VOTE", async () => {
    const response = await fetch(`${base}/api/votes/S%2FRES%2F2774/whatif?set=RUS%3DN`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      flipped: true,
      changed: { outcome: "vetoed", vetoedBy: ["RUS"] },
    });
  });

  it("POST /api/outcome decides a hypothetical vote and answers bad input with 400", async () => {
    const post = (body: string) =>
      fetch(`${base}/api/outcome`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const ok = await post(
      JSON.stringify({ body: "GA", date: "2025-02-24", votes: { USA: "Y", RUS: "N", FRA: "Y" } }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ outcome: "adopted", majority: "simple", yes: 2, no: 1 });
    const tie = await post(JSON.stringify({ body: "GA", date: "2025-02-24", votes: { USA: "Y", RUS: "N" } }));
    expect(await tie.json()).toMatchObject({ outcome: "rejected", reason: "tie" });
    const bad = await post(JSON.stringify({ body: "SC", date: "2025-02-24", votes: { DEU: "Y" } }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "NOT_A_COUNCIL_MEMBER" });
    expect((await post("{broken")).status).toBe(400);
  });

  it("the vote page shows the rule that decided it and the what-if line", async () => {
    const page = await (await fetch(`${base}/votes/ES-11%2F7`)).text();
    expect(page).toContain("How it was decided");
    expect(page).toContain("Rule 83: two-thirds of 111 is 74");
    expect(page).toContain("What would have changed it");
  });

  it("GET /healthz answers", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok", store: "sqlite" });
  });
});

describe("rate limits cannot be dodged with a forged X-Forwarded-For", () => {
  // Which proxies PLENARY_TRUST_PROXY names: src/config.test.ts.
  it("a client that is not a trusted proxy is limited by its own address, whatever it claims", async () => {
    const temp = await tempStore();
    // The test client is on loopback, which the default trusts as a reverse proxy: trust nobody here,
    // as the server does for every non-loopback peer by default.
    const app = await buildServer({ store: temp.store, rateLimit: 3, trustProxy: false });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${base}/healthz`, { headers: { "x-forwarded-for": `203.0.113.${i}` } });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await app.close();
      await temp.cleanup();
    }
  });
});
