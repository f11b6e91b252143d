/**
 * Crash safety of the newsroom's writes (issue 9): a process posting comments and publishing and
 * unpublishing an article is SIGKILLed at random moments; after each kill the store opens, passes
 * SQLite's integrity check, holds every comment whose write was acknowledged (no half-written ones) and
 * the article whole, in a valid state.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeSqlite } from "../test/storeDb.js";
import { tempStore, type TempStore } from "../test/tempStore.js";
import { addUser } from "./accounts.js";
import { createArticle, getArticle, transition } from "./articles.js";
import { openStore } from "../tables.js";
import { newsDb } from "./store/tables.js";

const CHILD = fileURLToPath(new URL("../test/newsWriterChild.ts", import.meta.url));
const KILLS = Number(process.env.PLENARY_CRASH_KILLS ?? 6);

describe("newsroom writes killed at random points", () => {
  let temp: TempStore;
  let articleId: number;
  let editorId: number;
  beforeAll(async () => {
    temp = await tempStore();
    const editor = await addUser(temp.store, {
      email: "crash@example.org",
      name: "Crash Editor",
      role: "editor",
      password: "a long enough password 2026",
    });
    const article = await createArticle(
      temp.store,
      {
        headline: "Crash test",
        standfirst: "Standfirst.",
        bodyMd: "Body.",
        section: "general-assembly",
        tags: "",
      },
      editor,
    );
    await transition(temp.store, article.id, "publish", editor);
    articleId = article.id;
    editorId = editor.id;
    await temp.store.close();
  });
  afterAll(async () => {
    temp.store = await openStore({ db: temp.file });
    await temp.cleanup();
  });

  it(`keeps every acknowledged comment and a valid article state across ${KILLS} kills`, async () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const acknowledged = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", CHILD, temp.file, String(articleId), String(editorId)],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let acks = 0;
      let transitions = 0;
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        const comment = /^ACK comment (\d+)$/.exec(line);
        if (comment) acknowledged.add(`Crash comment ${comment[1]}`);
        const status = /^ACK status (\w+)$/.exec(line);
        if (status) transitions++;
        acks++;
      });
      // Once it is writing (start-up takes a second or more on a busy machine), kill it at a random moment.
      const started = Date.now();
      while (acks === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100 + next() * 1500));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("exit", r));
      expect(acks, `kill ${k}: the writer never got going`).toBeGreaterThan(0);
      expect(transitions, `kill ${k}: no publish/unpublish was acknowledged`).toBeGreaterThan(0);

      const store = await openStore({ db: temp.file, seed: false });
      try {
        expect(String(storeSqlite(store)!.pragma("integrity_check", { simple: true }))).toBe("ok");
        const rows = await newsDb(store)
          .selectFrom("news_comments")
          .selectAll()
          .where("article_id", "=", articleId)
          .execute();
        const stored = new Set(rows.map((r) => r.body));
        for (const body of acknowledged) expect(stored.has(body), `kill ${k}: ${body}`).toBe(true);
        for (const row of rows)
          expect(
            row.name && row.body && row.status && row.created_at,
            `kill ${k}: a half-written comment`,
          ).toBeTruthy();
        const article = (await getArticle(store, articleId))!;
        expect(["draft", "published"]).toContain(article.status);
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS);
  }, 120_000);
});
