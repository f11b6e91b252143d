/**
 * A vote page's "Stories about this vote" kept in memory (src/news/voteStories.ts), over real HTTP on the
 * General Assembly's 79th session, on each store kind: a server lists a story published, edited or
 * unpublished through it after its first view of the page on the next request, and a second server over
 * the same store (another instance on the database) within a second; the kept stories are those the
 * store's query gives, scheduled ones included.
 */
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewRollCall } from "../../data/rollCallView.js";
import type { Store } from "../../data/store/index.js";
import type { NewsUser } from "../../news/accounts.js";
import { articlePath, createArticle, transition, updateArticle, type Article } from "../../news/articles.js";
import { storiesAboutVote } from "../../news/published.js";
import { VoteStories } from "../../news/voteStories.js";
import { addEditor } from "../../test/newsroom.js";
import { SHARED_DATA, suiteServer } from "../../test/suiteServer.js";
import { storeKinds } from "../../test/tempStore.js";
import { openStore } from "../../tables.js";
import { buildServer } from "../server.js";

const EMBARGO = "/votes/A%2FRES%2F79%2F7";
const CITING = "The Assembly again [called for an end to the embargo](/votes/A%2FRES%2F79%2F7).";

describe.each(storeKinds())("stories on a vote page, two servers over one store (%s)", (kind) => {
  let editor: NewsUser;
  let first: Article;
  const site = suiteServer({
    store: { kind, seed: false },
    imports: [{ paths: [path.join(SHARED_DATA, "unxml/ga/79.json.gz")] }],
    prepare: async (store) => {
      editor = await addEditor(store, "a long enough password 1");
      first = await createArticle(
        store,
        {
          headline: "The embargo vote, again",
          standfirst: "",
          bodyMd: CITING,
          section: "analysis",
          tags: "",
        },
        editor,
      );
      first = await transition(store, first.id, "publish", editor);
    },
  });

  // The other instance: its own store on the same file or database, its own server.
  let otherStore: Store;
  let other: FastifyInstance;
  let otherBase = "";
  beforeAll(async () => {
    otherStore = await openStore(
      kind === "postgres" ? { databaseUrl: site.temp.url } : { db: site.temp.file },
    );
    other = await buildServer({
      store: otherStore,
      rateLimit: 1_000_000,
      siteOptions: { idealPoints: "off" },
    });
    otherBase = await other.listen({ port: 0, host: "127.0.0.1" });
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await otherStore?.close();
  });

  /** The stories a server lists on the embargo vote's page: [headline, href] in order. */
  async function listedOn(base: string): Promise<string[][]> {
    const response = await fetch(base + EMBARGO);
    expect(response.status).toBe(200);
    const { document } = parseHTML(await response.text());
    return [...document.querySelectorAll("#stories a")].map((a) => [a.textContent, a.getAttribute("href")!]);
  }

  /**
   * After a write through the suite's server (A): A lists `expected` on its next request; the other
   * instance (B) within its periodic check of the articles' version (a second), asked every 100 ms.
   */
  async function expectListed(expected: string[][]): Promise<void> {
    expect(await listedOn(site.base)).toEqual(expected);
    const started = Date.now();
    let seen = await listedOn(otherBase);
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await listedOn(otherBase);
    }
    expect(seen).toEqual(expected);
    expect(Date.now() - started).toBeLessThan(2500);
  }

  it("a story published after the first view is listed on the next request; edited, as it now reads; unpublished, gone — and by the other instance within a second", async () => {
    const before = [["The embargo vote, again", articlePath(first)]];
    expect(await listedOn(site.base)).toEqual(before);
    expect(await listedOn(otherBase)).toEqual(before);

    const draft = await createArticle(
      site.store,
      {
        headline: "Embargo: the votes against",
        standfirst: "",
        bodyMd: CITING,
        section: "analysis",
        tags: "",
      },
      editor,
    );
    await expectListed(before); // a draft is not listed
    const published = await transition(site.store, draft.id, "publish", editor);
    await expectListed([["Embargo: the votes against", articlePath(published)], ...before]);

    const edited = await updateArticle(
      site.store,
      published.id,
      {
        headline: "Embargo: two votes against",
        standfirst: "",
        bodyMd: CITING,
        section: "analysis",
        tags: "",
      },
      editor,
      published.revision,
    );
    await expectListed([["Embargo: two votes against", articlePath(edited)], ...before]);

    await transition(site.store, published.id, "unpublish", editor);
    await expectListed(before);
  });

  it("the kept stories are the store's: published ones by id and ref, newest first; scheduled ones once due", async () => {
    const scheduled = await createArticle(
      site.store,
      {
        headline: "Scheduled embargo story",
        standfirst: "Later.",
        bodyMd: CITING,
        section: "analysis",
        tags: "",
      },
      editor,
    );
    const at = new Date(Date.now() + 30 * 86_400_000);
    await transition(site.store, scheduled.id, "publish", editor, { publishAt: at.toISOString() });
    for (const symbol of ["A/RES/79/7", "A/RES/79/8"]) {
      const view = await viewRollCall(site.store, symbol);
      const byRef = {
        id: view.id,
        refs: [view.ref, view.symbol, `rc-${view.id}`].filter((r): r is string => !!r),
      };
      const byId = { id: view.id, refs: [] };
      for (const vote of [byRef, byId]) {
        for (const now of [new Date(), new Date(at.getTime() + 1000)]) {
          for (const store of [site.store, otherStore]) {
            expect(await new VoteStories(store, 0).citing(vote, 20, now)).toEqual(
              await storiesAboutVote(store, vote, 20, now),
            );
          }
        }
      }
      if (symbol === "A/RES/79/7") {
        const later = await new VoteStories(site.store).citing(byRef, 20, new Date(at.getTime() + 1000));
        // (The story unpublished above is not listed.)
        expect(later.map((s) => s.headline)).toEqual(["Scheduled embargo story", "The embargo vote, again"]);
        expect(await new VoteStories(site.store).citing(byRef, 1)).toHaveLength(1);
      } else {
        expect(await new VoteStories(site.store).citing(byRef)).toEqual([]);
      }
    }
  });
});
