/**
 * Several stateless app instances on one PostgreSQL (issue 8): two `plenary serve` processes on
 * loopback. An import is visible through both; a comment posted on one is moderated on the other;
 * an instance killed mid-traffic loses nothing it had acknowledged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../data/store/index.js";
import { addUser } from "../news/accounts.js";
import { articlePath, createArticle, transition } from "../news/articles.js";
import { postgresUrl, tempPostgresDatabase } from "../test/tempStore.js";
import { openStore } from "../tables.js";
import { newsDb } from "../news/store/tables.js";

const CLI = fileURLToPath(new URL("../test/cliChild.ts", import.meta.url));
const VETOES = path.resolve(process.cwd(), "../shared/data/unsc-vetoes/unsc_vetoes_1946_sept2022.csv");
const PASSWORD = "correct horse battery staple";

interface Instance {
  process: ChildProcess;
  base: string;
}

function runCli(url: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--database-url", url, ...args], {
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? -1));
  });
}

function serve(url: string): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CLI, "--database-url", url, "serve", "--port", "0"],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, PLENARY_RATE_LIMIT: "100000" },
      },
    );
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ process: child, base: match[1]! });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

/** A browser-like client: a cookie jar and form posts. */
class Client {
  private readonly jar = new Map<string, string>();
  constructor(public base: string) {}
  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async get(target: string) {
    const response = await fetch(this.base + target, {
      redirect: "manual",
      headers: { cookie: this.cookie() },
    });
    this.remember(response);
    return { response, text: await response.text() };
  }
  /** `from`: the client address a trusted proxy on loopback would report (comments are limited per address). */
  async post(target: string, form: Record<string, string>, from?: string) {
    const response = await fetch(this.base + target, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: this.cookie(),
        origin: new URL(this.base).origin,
        "content-type": "application/x-www-form-urlencoded",
        ...(from ? { "x-forwarded-for": from } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(response);
    return { response, text: await response.text() };
  }
  /** The page's CSRF token; "" when it has none (readers who are not signed in: origin check only). */
  async token(target: string) {
    return /name="_csrf" value="([^"]+)"/.exec((await this.get(target)).text)?.[1] ?? "";
  }
}

async function eventually(check: () => Promise<boolean>, seconds = 10): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!postgresUrl())("two app instances sharing one PostgreSQL", () => {
  let url: string;
  let drop: () => Promise<void>;
  let store: Store;
  let a: Instance;
  let b: Instance;
  let articleUrl: string;

  beforeAll(async () => {
    ({ url, drop } = await tempPostgresDatabase());
    store = await openStore({ databaseUrl: url });
    const editor = await addUser(store, {
      email: "editor@example.org",
      name: "Eda Editor",
      role: "editor",
      password: PASSWORD,
    });
    const article = await createArticle(
      store,
      {
        headline: "Assembly votes on Ukraine",
        standfirst: "93 in favour.",
        bodyMd: "See [ES-11/7](/votes/A%2FRES%2FES-11%2F7).",
        section: "general-assembly",
        tags: "Ukraine",
      },
      editor,
    );
    await transition(store, article.id, "publish", editor);
    articleUrl = articlePath(article);
    [a, b] = await Promise.all([serve(url), serve(url)]);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) instance?.process.kill("SIGTERM");
    await store?.close();
    await drop?.();
  });

  it("an import run beside instance A is served by both, within seconds", async () => {
    expect((await fetch(`${b.base}/api/votes/S%2F2022%2F155`)).status).toBe(404);
    expect(await runCli(url, ["import", VETOES])).toBe(0);
    for (const instance of [a, b]) {
      await eventually(async () => (await fetch(`${instance.base}/api/votes/S%2F2022%2F155`)).status === 200);
      const vote = (await (await fetch(`${instance.base}/api/votes/S%2F2022%2F155`)).json()) as {
        outcome: string;
        votes: { member: string; vote: string }[];
      };
      expect(vote.outcome).toBe("vetoed");
      expect(vote.votes).toContainEqual({ member: "RUS", name: "Russia", vote: "N" });
    }
  });

  it("a comment posted on A is moderated on B and then shown by A", async () => {
    const reader = new Client(a.base);
    const posted = await reader.post(`${articleUrl}/comments`, {
      _csrf: await reader.token(articleUrl),
      name: "Reader Two",
      body: "Posted on instance A.",
    });
    expect(posted.response.status).toBe(303);
    const editor = new Client(b.base);
    const signedIn = await editor.post("/newsroom/login", {
      _csrf: await editor.token("/newsroom/login"),
      email: "editor@example.org",
      password: PASSWORD,
      next: "/newsroom",
    });
    expect(signedIn.response.status).toBe(303);
    const queue = (await editor.get("/newsroom/comments")).text;
    expect(queue).toContain("Posted on instance A.");
    const id = (
      await newsDb(store)
        .selectFrom("news_comments")
        .select("id")
        .where("body", "=", "Posted on instance A.")
        .executeTakeFirstOrThrow()
    ).id;
    const approved = await editor.post(`/newsroom/comments/${id}`, {
      _csrf: await editor.token("/newsroom/comments"),
      action: "approve",
    });
    expect(approved.response.status).toBe(303);
    expect((await reader.get(articleUrl)).text).toContain("Posted on instance A.");
  });

  it("killing instance A mid-traffic loses no acknowledged comment, and B serves on", async () => {
    const reader = new Client(a.base);
    const acknowledged: string[] = [];
    const token = await reader.token(articleUrl);
    const sending = (async () => {
      for (let i = 0; i < 200; i++) {
        const body = `Burst comment ${i}`;
        try {
          const { response } = await reader.post(
            `${articleUrl}/comments`,
            { _csrf: token, name: "Burst Reader", body },
            `198.51.100.${i + 1}`,
          );
          if (response.status === 303) acknowledged.push(body);
        } catch {
          return; // the instance is gone
        }
      }
    })();
    await eventually(async () => acknowledged.length >= 5);
    a.process.kill("SIGKILL");
    await sending;
    const stored = new Set(
      (
        await newsDb(store)
          .selectFrom("news_comments")
          .select("body")
          .where("body", "like", "Burst comment %")
          .execute()
      ).map((r) => r.body),
    );
    for (const body of acknowledged) expect(stored.has(body), body).toBe(true);
    expect((await fetch(`${b.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${b.base}${articleUrl}`)).status).toBe(200);
  });
});
