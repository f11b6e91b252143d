/** Newsroom set-ups the tests share: Ada Editor, an article of hers, published, and a server over them. */
import type { Store } from "../data/store/index.js";
import { addUser, type NewsUser } from "../news/accounts.js";
import type { ArticleInput } from "../news/articleModel.js";
import { articlePath, createArticle, transition, type Article } from "../news/articles.js";
import { suiteServer, type SuiteServer } from "./suiteServer.js";

/** Ada Editor, an editor who signs in as `email` with `password`. */
export function addEditor(store: Store, password: string, email = "editor@example.org"): Promise<NewsUser> {
  return addUser(store, { email, name: "Ada Editor", role: "editor", password });
}

/** An article by `editor`, published now: an analysis with a one-line body and no tags unless given. */
export async function publishedArticle(
  store: Store,
  editor: NewsUser,
  input: Partial<ArticleInput> & { headline: string },
): Promise<Article> {
  const article = await createArticle(
    store,
    { standfirst: "", bodyMd: "Body.", section: "analysis", tags: "", ...input },
    editor,
  );
  return transition(store, article.id, "publish", editor);
}

/**
 * A suite's server over a temporary store holding Ada Editor (signing in with `password`) and one
 * published article of hers, `headline`; `articleUrl()` is its path once the suite has started.
 */
export function newsroomServer(
  password: string,
  headline: string,
): { site: SuiteServer; articleUrl: () => string } {
  let url = "";
  const site = suiteServer({
    prepare: async (store) => {
      const editor = await addEditor(store, password);
      url = articlePath(await publishedArticle(store, editor, { headline }));
    },
  });
  return { site, articleUrl: () => url };
}
