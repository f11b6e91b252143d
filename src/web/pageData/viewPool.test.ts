/**
 * The view worker computes exactly what the event loop would (same snapshot, same task), errors come back
 * typed, and a client with too many tasks waiting is told to slow down.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suiteStore } from "../../test/tempStore.js";
import { normaliseTask, runTask } from "./heavyViews.js";
import { SiteService, type Snapshot } from "./site.js";

describe("the view worker", () => {
  const temp = suiteStore();
  let site: SiteService;
  let snapshot: Snapshot;
  beforeAll(async () => {
    site = new SiteService(temp.store, { idealPoints: "off", views: { mode: "worker", perClient: 2 } });
    await site.start();
    snapshot = await site.snapshot();
  });
  afterAll(async () => {
    await site?.close();
  });

  it("answers as the event loop would, for pages and JSON", async () => {
    for (const task of [
      normaliseTask(snapshot, "member", ["USA"], { with: "ru,cn", from: "1901", to: "2200" }, "page"),
      normaliseTask(snapshot, "member", ["USA"], { body: "sc" }, "json"),
      normaliseTask(snapshot, "compare", ["USA", "RUS"], { body: "all" }, "json"),
      normaliseTask(snapshot, "bloc", ["EU"], {}, "page"),
    ]) {
      expect(await site.views.run(snapshot, task, "client")).toEqual(await runTask(snapshot, task));
    }
  });

  it("normalises parameters: the same answer under another name has the same task", () => {
    const a = normaliseTask(
      snapshot,
      "member",
      ["USA"],
      { with: "Russia,CHN", body: "ga", junk: "1" },
      "page",
    );
    const b = normaliseTask(snapshot, "member", ["USA"], { with: "RUS,cn", body: "GA" }, "page");
    expect(a).toEqual(b);
    expect(a.query).toEqual({ body: "GA", with: "RUS,CHN" });
  });

  it("sends errors back typed, and refuses a client's third waiting task", async () => {
    const bad = normaliseTask(snapshot, "member", ["USA"], { from: "soon" }, "json");
    await expect(site.views.run(snapshot, bad, "client")).rejects.toMatchObject({
      code: "BAD_INPUT",
      field: "from",
    });
    const task = normaliseTask(snapshot, "compare", ["USA", "RUS"], {}, "page");
    const results = await Promise.allSettled([1, 2, 3].map(() => site.views.run(snapshot, task, "greedy")));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "RATE_LIMITED" });
    // Another client is not affected.
    await expect(site.views.run(snapshot, task, "other")).resolves.toHaveProperty("parts");
  });
});
