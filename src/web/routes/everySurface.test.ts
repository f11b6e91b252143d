/**
 * Issue 14: what Plenary says about a vote is the same on every surface — `plenary` (text and --json),
 * the API, the pages and the stories — and true to the record. On the research record (unvotes,
 * 1946–2019) imported beside the starter data, served over real HTTP.
 */
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { importFiles } from "../../data/import/index.js";
import { checkOutcomes } from "../../data/outcomes.js";
import { draftStory } from "../../news/story/draft.js";
import { captureIo, tempStore, type TempStore } from "../../test/tempStore.js";
import { buildServer } from "../server.js";

const SHARED = path.resolve(import.meta.dirname, "../../../../shared/data");

let temp: TempStore;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  temp = await tempStore();
  await importFiles(temp.store, [path.join(SHARED, "unvotes")]);
  app = await buildServer({
    store: temp.store,
    rateLimit: 1_000_000,
    siteOptions: { idealPoints: "inline" },
  });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app?.close();
  await temp?.cleanup();
});

async function cli(...args: string[]) {
  const capture = captureIo();
  const code = await main([...temp.cliArgs, ...args], capture.io);
  return { code, out: capture.out, err: capture.err };
}

async function get(url: string) {
  return fetch(base + url, { redirect: "manual" });
}

async function page(url: string): Promise<string> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

async function api<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

/** Text of an HTML fragment, whitespace collapsed (entities for quotes and apostrophes decoded). */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("item 2: one outcome, one reason", () => {
  const A3411D = "A/RES/3411D(XXX)";

  it("gives A/RES/3411D(XXX) (complete, 104–0–8) its true reason: a source date before Comoros's admission", async () => {
    const json = JSON.parse((await cli("vote", A3411D, "--json")).out);
    expect(json.complete).toBe(true);
    expect(json.tally).toMatchObject({ yes: 104, no: 0, abstain: 8 });
    expect(json.outcome).toBeNull();
    expect(json.undecided.code).toBe("voter-not-yet-member");
    const reason: string = json.undecided.reason;
    expect(reason).toContain("before Comoros was admitted to the United Nations (12 November 1975)");
    expect(reason).not.toContain("neither a tally");

    const text = (await cli("vote", A3411D)).out;
    expect(text).toContain(`Rules:   ${reason}`);
    expect((await api(`/api/votes/${encodeURIComponent(A3411D)}`)).undecided).toEqual(json.undecided);
    const html = textOf(await page(`/votes/${encodeURIComponent(A3411D)}`));
    expect(html).toContain(reason);
    expect(html).not.toContain("neither a tally nor every member");

    const story = await draftStory(temp.store, [A3411D], { history: "none" });
    expect(story.notes).toContain(`The outcome of ${A3411D} is unknown: ${reason}`);
  });

  it("finds 110 such roll calls, each with that reason in check-outcomes too", async () => {
    const check = await checkOutcomes(temp.store);
    const early = check.undecidableItems.filter((u) => u.code === "voter-not-yet-member");
    expect(early).toHaveLength(110);
    expect(check.undecidable).toBe(110);
    const item = early.find((u) => u.ref === A3411D)!;
    const json = JSON.parse((await cli("vote", A3411D, "--json")).out);
    expect(item.reason).toBe(json.undecided.reason);
  });

  it("plenary votes --session 30 shows the outcome the pages and the API show, derived ones included", async () => {
    const listed = JSON.parse((await cli("votes", "--session", "30", "--limit", "1000", "--json")).out);
    const served = await api<{ votes: { ref: string; outcome: string | null; undecided: unknown }[] }>(
      "/api/votes?session=30&limit=1000",
    );
    expect(listed.votes).toHaveLength(70);
    const byRef = new Map(served.votes.map((v) => [v.ref + v.outcome, v]));
    for (const v of listed.votes) expect(byRef.has(v.ref + v.outcome), v.ref).toBe(true);
    expect(
      listed.votes.filter((v: { outcome: string | null }) => v.outcome === "adopted").length,
    ).toBeGreaterThan(50);
    const text = (await cli("votes", "--session", "30", "--limit", "1000")).out;
    expect(text).toMatch(/A\/RES\/3379\(XXX\)\s+resolution\s+adopted/);
    const row = listed.votes.find((v: { ref: string }) => v.ref === A3411D);
    expect(row).toMatchObject({ outcome: null, undecided: { code: "voter-not-yet-member" } });
    // The page of 3379 and its list row say the same.
    const html = textOf(await page(`/votes/${encodeURIComponent("A/RES/3379(XXX)")}`));
    expect(html).toContain("adopted (derived by the rules)");
  });
});
