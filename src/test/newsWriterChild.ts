/**
 * Run as a child process by the crash tests: posts comments and publishes/unpublishes an article in a
 * loop, printing `ACK comment N` / `ACK status S` after each write has committed, until it is killed.
 * Usage: node --import tsx newsWriterChild.ts DB ARTICLE_ID EDITOR_ID
 */
import { getUser } from "../news/accounts.js";
import { getArticle, transition } from "../news/articles.js";
import { postComment } from "../news/comments.js";
import { openStore } from "../tables.js";

const [db, articleArg, editorArg] = process.argv.slice(2);
const store = await openStore({ db });
const editor = (await getUser(store, Number(editorArg)))!;
const articleId = Number(articleArg);
for (let i = 0; ; i++) {
  const result = await postComment(
    store,
    { articleId, name: `Crash Reader ${i}`, body: `Crash comment ${i}`, ipHash: `crash-${process.pid}-${i}` },
    "secret",
  );
  if (result.ok) process.stdout.write(`ACK comment ${i}\n`);
  if (i % 3 === 0) {
    const current = (await getArticle(store, articleId))!;
    const article = await transition(
      store,
      articleId,
      current.status === "published" ? "unpublish" : "publish",
      editor,
    );
    process.stdout.write(`ACK status ${article.status}\n`);
  }
}
