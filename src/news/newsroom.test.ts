/**
 * The newsroom's domain, over every store kind: accounts and sessions, the article workflow, comments,
 * newsworthy. Over 500 lines on purpose: the four share the fixtures and helpers at the top of the file.
 */
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { addEditor, publishedArticle } from "../test/newsroom.js";
import { storeKinds, suiteStore } from "../test/tempStore.js";
import {
  addUser,
  createSession,
  deleteSession,
  findUserByEmail,
  login,
  sessionUser,
  setActive,
  setPassword,
  setRole,
  tokenHash,
  type NewsUser,
} from "./accounts.js";
import {
  citedRefs,
  createArticle,
  createArticleFromStory,
  getArticle,
  isVisible,
  listPublished,
  listRevisions,
  parseTags,
  relatedArticles,
  restoreRevision,
  setEditorsPick,
  transition,
  updateArticle,
} from "./articles.js";
import {
  approvedComments,
  commentCounts,
  moderate,
  moderationQueue,
  postComment,
  validateComment,
} from "./comments.js";
import { countLinks, renderArticle, renderComment } from "./markdown.js";
import { newsworthy } from "./newsworthy.js";
import { draftStory } from "./story/index.js";
import { newsDb } from "./store/tables.js";

const PASSWORD = "correct horse battery staple";

/** What in this HTML could run: script, image, iframe or object elements, handler attributes, javascript: URLs. */
function inert(markup: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const problems: string[] = [];
  for (const el of document.querySelectorAll("*")) {
    if (["SCRIPT", "IMG", "IFRAME", "OBJECT", "EMBED"].includes(el.tagName)) problems.push(el.tagName);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`${el.tagName}@${attr.name}`);
      if (/^\s*javascript:/i.test(attr.value)) problems.push(`${el.tagName}@${attr.name}=${attr.value}`);
    }
  }
  return problems;
}

describe.each(storeKinds())("accounts and sessions (%s)", (kind) => {
  const temp = suiteStore({ kind });

  it("stores argon2id hashes, never the password, and refuses weak input", async () => {
    const user = await addUser(temp.store, {
      email: "Ed@Example.org",
      name: "Ada Editor",
      role: "editor",
      password: PASSWORD,
    });
    expect(user).toMatchObject({ email: "ed@example.org", role: "editor", slug: "ada-editor" });
    const row = await newsDb(temp.store)
      .selectFrom("news_users")
      .selectAll()
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    await expect(
      addUser(temp.store, { email: "ed@example.org", name: "Again", role: "editor", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      addUser(temp.store, { email: "x@example.org", name: "X", role: "editor", password: "short" }),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(
      addUser(temp.store, { email: "x@example.org", name: "X", role: "boss", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(
      addUser(temp.store, { email: "not-an-address", name: "X", role: "author", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("keeps only the token's hash; a session ends at sign-out, on expiry and on a new password", async () => {
    const user = (await login(temp.store, {
      email: "ed@example.org",
      password: PASSWORD,
      ipHash: "ip1",
    })) as { ok: true; user: NewsUser };
    expect(user.ok).toBe(true);
    const now = new Date("2025-03-01T10:00:00Z");
    const session = await createSession(temp.store, user.user.id, now);
    const stored = await newsDb(temp.store).selectFrom("news_sessions").select("id").execute();
    expect(stored.map((s) => s.id)).toContain(tokenHash(session.token));
    expect(stored.map((s) => s.id)).not.toContain(session.token);
    expect((await sessionUser(temp.store, session.token, now))?.id).toBe(user.user.id);
    expect(await sessionUser(temp.store, session.token, new Date("2025-03-01T22:00:01Z"))).toBeNull();
    await deleteSession(temp.store, session.token);
    expect(await sessionUser(temp.store, session.token, now)).toBeNull();
    const other = await createSession(temp.store, user.user.id, now);
    await setPassword(temp.store, "ed@example.org", PASSWORD + "!");
    expect(await sessionUser(temp.store, other.token, now)).toBeNull();
    await setPassword(temp.store, "ed@example.org", PASSWORD);
  });

  it("locks an e-mail after 5 failures in 15 minutes, even with the right password, then lets it in again", async () => {
    await addUser(temp.store, {
      email: "target@example.org",
      name: "Target",
      role: "author",
      password: PASSWORD,
    });
    const t0 = new Date("2025-03-02T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      const r = await login(
        temp.store,
        { email: "target@example.org", password: "wrong password!", ipHash: `ip-${i}` },
        new Date(t0.getTime() + i * 1000),
      );
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await login(
      temp.store,
      { email: "target@example.org", password: PASSWORD, ipHash: "ip-x" },
      new Date(t0.getTime() + 10_000),
    );
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    const later = await login(
      temp.store,
      { email: "target@example.org", password: PASSWORD, ipHash: "ip-x" },
      new Date(t0.getTime() + 16 * 60_000),
    );
    expect(later.ok).toBe(true);
  });

  it("checks at most 5 passwords per account in a window, whatever the concurrency (150 at once)", async () => {
    await addUser(temp.store, {
      email: "race@example.org",
      name: "Race Target",
      role: "author",
      password: PASSWORD,
    });
    const now = new Date();
    // 150 wrong passwords at once, each from its own address (past the per-IP limit), then the right one.
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        login(
          temp.store,
          { email: "race@example.org", password: `wrong guess ${i}`, ipHash: `race-${i}` },
          now,
        ),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBe(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(145);
    const recorded = await newsDb(temp.store)
      .selectFrom("news_login_failures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key", "=", "email:race@example.org")
      .executeTakeFirstOrThrow();
    expect(Number(recorded.n)).toBe(5);
    const right = await login(
      temp.store,
      { email: "race@example.org", password: PASSWORD, ipHash: "race-right" },
      now,
    );
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("refuses common passwords and passwords longer than the sign-in form takes", async () => {
    for (const password of [
      "password1234",
      "Password1234!",
      "iloveyou2026",
      "qwerty123456",
      "123456789012",
    ]) {
      await expect(
        addUser(temp.store, { email: "weak@example.org", name: "Weak", role: "author", password }),
        password,
      ).rejects.toMatchObject({ code: "BAD_INPUT", field: "password" });
    }
    await expect(
      addUser(temp.store, {
        email: "long@example.org",
        name: "Long",
        role: "author",
        password: "x".repeat(1025),
      }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", field: "password" });
    // The longest password that can be set signs in.
    const longest = "a long passphrase ".repeat(60).slice(0, 1024);
    await addUser(temp.store, { email: "long@example.org", name: "Long", role: "author", password: longest });
    expect(
      (await login(temp.store, { email: "long@example.org", password: longest, ipHash: "long" })).ok,
    ).toBe(true);
    await expect(setPassword(temp.store, "long@example.org", "dragon12345678")).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });

  it("disables an account (sessions end, sign-in refused), enables it again, changes its role", async () => {
    const user = await addUser(temp.store, {
      email: "leaver@example.org",
      name: "Lee Leaver",
      role: "editor",
      password: PASSWORD,
    });
    const session = await createSession(temp.store, user.id);
    expect(await sessionUser(temp.store, session.token)).toMatchObject({ id: user.id });
    expect(await setActive(temp.store, "leaver@example.org", false)).toMatchObject({ active: false });
    expect(await sessionUser(temp.store, session.token)).toBeNull();
    const rows = await newsDb(temp.store)
      .selectFrom("news_sessions")
      .select("id")
      .where("user_id", "=", user.id)
      .execute();
    expect(rows).toEqual([]);
    expect(
      await login(temp.store, { email: "leaver@example.org", password: PASSWORD, ipHash: "leaver" }),
    ).toEqual({ ok: false, reason: "invalid" });
    await setActive(temp.store, "leaver@example.org", true);
    expect(
      (await login(temp.store, { email: "leaver@example.org", password: PASSWORD, ipHash: "leaver" })).ok,
    ).toBe(true);
    expect(await setRole(temp.store, "leaver@example.org", "author")).toMatchObject({ role: "author" });
    expect((await findUserByEmail(temp.store, "leaver@example.org"))?.role).toBe("author");
    await expect(setRole(temp.store, "leaver@example.org", "owner")).rejects.toMatchObject({
      code: "BAD_INPUT",
      field: "role",
    });
    await expect(setActive(temp.store, "nobody@example.org", false)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("strips bidi override and isolate controls from account names", async () => {
    const user = await addUser(temp.store, {
      email: "bidi@example.org",
      name: "Ada \u202eredro\u202c Editor\u2066x\u2069",
      role: "author",
      password: PASSWORD,
    });
    expect(user.name).toBe("Ada redro Editorx");
  });

  it("does not tell which e-mails have accounts", async () => {
    expect(
      await login(temp.store, { email: "nobody@example.org", password: PASSWORD, ipHash: "ip-n" }),
    ).toEqual({ ok: false, reason: "invalid" });
  });
});

describe.each(storeKinds())("articles: workflow, scheduling, revisions, related (%s)", (kind) => {
  const temp = suiteStore({ kind });
  let editor: NewsUser;
  let author: NewsUser;
  beforeAll(async () => {
    editor = await addEditor(temp.store, PASSWORD, "ed@example.org");
    author = await addUser(temp.store, {
      email: "au@example.org",
      name: "Sam Author",
      role: "author",
      password: PASSWORD,
    });
  });

  it("turns a generated story into a draft with its votes, members and tags", async () => {
    const story = await draftStory(temp.store, ["ES-11/7", "ES-11/8", "S/RES/2774"]);
    const article = await createArticleFromStory(temp.store, story, author);
    expect(article).toMatchObject({
      status: "draft",
      revision: 1,
      section: "general-assembly",
      headline: story.headline.text,
    });
    expect(article.bodyMd).toContain("[A/RES/ES-11/7](/votes/A%2FRES%2FES-11%2F7)");
    expect(article.votes).toEqual(
      expect.arrayContaining(["A/RES/ES-11/7", "A/RES/ES-11/8", "S/RES/2774 (2025)", "rc-8"]),
    );
    expect(article.members).toEqual(expect.arrayContaining(["USA", "RUS", "UKR"]));
    expect(article.tags.map((t) => `${t.kind}:${t.name}`)).toEqual(
      expect.arrayContaining(["topic:Ukraine", "region:Eastern Europe"]),
    );
    expect(article.story?.paragraphs.length).toBeGreaterThan(3);
  });

  it("lets an author edit and submit, never publish; an editor publishes", async () => {
    const draft = await createArticle(
      temp.store,
      {
        headline: "Council adopts text",
        standfirst: "",
        bodyMd: "Body.",
        section: "security-council",
        tags: "Ukraine",
      },
      author,
    );
    await expect(transition(temp.store, draft.id, "publish", author)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(setEditorsPick(temp.store, draft.id, true, author)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const edited = await updateArticle(
      temp.store,
      draft.id,
      {
        headline: "Council adopts a text",
        standfirst: "S",
        bodyMd: "Body, edited.",
        section: "security-council",
        tags: "Ukraine",
      },
      author,
      1,
    );
    expect(edited.revision).toBe(2);
    await expect(
      updateArticle(
        temp.store,
        draft.id,
        { headline: "Stale", standfirst: "", bodyMd: "", section: "security-council", tags: "" },
        author,
        1,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await transition(temp.store, draft.id, "submit", author)).status).toBe("review");
    const published = await transition(temp.store, draft.id, "publish", editor);
    expect(published.status).toBe("published");
    expect(isVisible(published)).toBe(true);
    // Once published, the author can no longer change it; an editor can.
    await expect(
      updateArticle(
        temp.store,
        draft.id,
        { headline: "Changed", standfirst: "", bodyMd: "", section: "security-council", tags: "" },
        author,
        2,
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const revisions = await listRevisions(temp.store, draft.id);
    expect(revisions.map((r) => r.number)).toEqual([2, 1]);
    expect(revisions[0]).toMatchObject({ status: "published", user: "Sam Author" });
    const restored = await restoreRevision(temp.store, draft.id, 1, editor);
    expect(restored).toMatchObject({ revision: 3, headline: "Council adopts text", bodyMd: "Body." });
  });

  it("hides a scheduled article until its time", async () => {
    const a = await createArticle(
      temp.store,
      { headline: "Scheduled story", standfirst: "", bodyMd: "Later.", section: "analysis", tags: "" },
      editor,
    );
    const now = new Date("2025-03-01T12:00:00Z");
    await transition(temp.store, a.id, "publish", editor, { publishAt: "2025-03-02T08:00:00Z", now });
    const scheduled = (await getArticle(temp.store, a.id))!;
    expect(isVisible(scheduled, now)).toBe(false);
    expect((await listPublished(temp.store, {}, now)).map((x) => x.id)).not.toContain(a.id);
    expect(
      (await listPublished(temp.store, {}, new Date("2025-03-02T08:00:01Z"))).map((x) => x.id),
    ).toContain(a.id);
  });

  it("offers related articles by shared votes, tags and members, and editor's picks", async () => {
    const base = { standfirst: "", section: "general-assembly" };
    const one = await createArticle(
      temp.store,
      {
        ...base,
        headline: "One",
        bodyMd: "See [A/RES/ES-11/7](/votes/A%2FRES%2FES-11%2F7).",
        tags: "Ukraine",
      },
      editor,
    );
    const two = await createArticle(
      temp.store,
      {
        ...base,
        headline: "Two",
        bodyMd: "Also [A/RES/ES-11/7](/votes/A%2FRES%2FES-11%2F7).",
        tags: "Budget",
      },
      editor,
    );
    const three = await createArticle(
      temp.store,
      { ...base, headline: "Three", bodyMd: "Nothing shared.", tags: "Budget" },
      editor,
    );
    for (const a of [one, two, three]) await transition(temp.store, a.id, "publish", editor);
    const related = await relatedArticles(temp.store, (await getArticle(temp.store, one.id))!);
    expect(related.map((a) => a.headline)[0]).toBe("Two");
    expect(related.map((a) => a.headline)).not.toContain("Three");
    await setEditorsPick(temp.store, three.id, true, editor);
    expect((await listPublished(temp.store, { picks: true })).map((a) => a.headline)).toEqual(["Three"]);
    expect(citedRefs("[x](/votes/S%2FRES%2F2774%20%282025%29) [y](/votes/rc-8)")).toEqual([
      "S/RES/2774 (2025)",
      "rc-8",
    ]);
    expect(parseTags("Ukraine, Eastern Europe, ukraine")).toEqual([
      { slug: "ukraine", name: "Ukraine", kind: "topic" },
      { slug: "eastern-europe", name: "Eastern Europe", kind: "region" },
    ]);
  });
});

describe.each(storeKinds())("comments (%s)", (kind) => {
  const temp = suiteStore({ kind });
  let editor: NewsUser;
  let articleId: number;
  beforeAll(async () => {
    editor = await addEditor(temp.store, PASSWORD, "ed@example.org");
    articleId = (await publishedArticle(temp.store, editor, { headline: "A story", bodyMd: "Text." })).id;
  });

  it("holds first comments, shows a returning commenter's at once, files honeypot hits as spam", async () => {
    const first = await postComment(
      temp.store,
      { articleId, name: "Reader", email: "r@example.org", body: "First!", ipHash: "a" },
      "secret",
    );
    expect(first).toMatchObject({ ok: true, status: "pending" });
    expect((await approvedComments(temp.store, articleId)).total).toBe(0);
    await moderate(temp.store, (first as { id: number }).id, "approve", editor);
    const second = await postComment(
      temp.store,
      { articleId, name: "Reader", email: "r@example.org", body: "Again.", ipHash: "b" },
      "secret",
    );
    expect(second).toMatchObject({ ok: true, status: "approved" });
    const noEmail = await postComment(
      temp.store,
      { articleId, name: "Reader", body: "No e-mail.", ipHash: "c" },
      "secret",
    );
    expect(noEmail).toMatchObject({ status: "pending" });
    const bot = await postComment(
      temp.store,
      { articleId, name: "Bot", body: "Buy now", honeypot: "http://spam", ipHash: "d" },
      "secret",
    );
    expect(bot).toMatchObject({ ok: true, status: "spam" });
    expect((await commentCounts(temp.store, [articleId])).get(articleId)).toBe(2);
    expect((await moderationQueue(temp.store)).map((c) => c.body)).toEqual(["No e-mail."]);
    expect((await moderationQueue(temp.store, "spam"))[0]).toMatchObject({ name: "Bot", hasEmail: false });
    await expect(moderate(temp.store, 9999, "approve", editor)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits length, links and rate per IP", async () => {
    expect(validateComment({ name: "", body: "x".repeat(2001) }).errors).toMatchObject({
      name: expect.any(String),
      body: expect.stringContaining("2000"),
    });
    expect(validateComment({ name: "A", email: "nope", body: "ok ok" }).errors).toHaveProperty("email");
    expect(
      validateComment({ name: "A", body: "http://a.example http://b.example http://c.example" }).errors.body,
    ).toContain("links");
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await postComment(
            temp.store,
            { articleId, name: "Fast", body: `Comment ${i}`, ipHash: "flood" },
            "s",
          )
        ).ok,
      ).toBe(true);
    }
    expect(
      await postComment(temp.store, { articleId, name: "Fast", body: "One more", ipHash: "flood" }, "s"),
    ).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("renders hostile comments inert", () => {
    const html = renderComment(
      '<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror="alert(1)"> <a href="javascript:x" onclick="y">a</a> *fine* [ok](https://example.org)',
    );
    // Tags are either escaped to text or rebuilt from the allow-list: no script, image, handler or javascript: URL.
    expect(inert(html)).toEqual([]);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener noreferrer">ok</a>');
    expect(html).toContain("<em>fine</em>");
    expect(countLinks("[a](https://a.example) https://b.example [c](javascript:alert(1))")).toBe(2);
    const article = renderArticle(
      '# H\n\n<iframe src="x"></iframe>\n\n[v](/votes/rc-8) [bad](javascript:alert(1)) <b onclick="x">b</b>',
    );
    expect(inert(article)).toEqual([]);
    expect(article).not.toContain("<iframe");
    expect(article).toContain('<a href="/votes/rc-8">v</a>');
  });
});

describe.each(storeKinds())("newsworthy on the starter data (%s)", (kind) => {
  const temp = suiteStore({ kind });

  it("ranks the vetoes first, then the drafter's abstention and the shift from ES-11/6, the close Council vote", async () => {
    const result = await newsworthy(temp.store);
    expect(result).toMatchObject({ since: "2024-11-26", until: "2025-02-24", considered: 11 });
    const top = result.votes.slice(0, 5).map((v) => [v.ref, v.score]);
    expect(top).toEqual([
      ["rc-9", 4],
      ["rc-8", 4],
      ["A/RES/ES-11/8", 3.64],
      ["S/RES/2774 (2025)", 3],
      ["A/RES/ES-11/7", 2.3],
    ]);
    // Both Assembly texts are compared with ES-11/6, of the same emergency special session, and say so.
    for (const ref of ["A/RES/ES-11/7", "A/RES/ES-11/8"]) {
      const shift = result.votes.find((v) => v.ref === ref)!.components.find((c) => c.name === "shift")!;
      expect(shift.detail).toMatch(
        /in A\/RES\/ES-11\/6 \(2023-02-23; in the same emergency special session \(ES-11\)\)$/,
      );
    }
    const council = result.votes.find((v) => v.ref === "S/RES/2774 (2025)")!;
    expect(council.components).toEqual([
      { name: "close", points: 2, detail: "10 yes, 9 required" },
      { name: "bloc", points: 1, detail: "broke with their bloc: USA (NATO)" },
    ]);
    expect(result.votes.find((v) => v.ref === "rc-8")!.components[0]!.detail).toBe("vetoed by RUS");
    expect((await newsworthy(temp.store, { since: "2025-02-25" })).votes).toEqual([]);
    await expect(newsworthy(temp.store, { since: "last week" })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
