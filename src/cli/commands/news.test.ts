import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import type { Io } from "../context.js";
import { captureIo, suiteStore } from "../../test/tempStore.js";
import { login } from "../../news/accounts.js";
import { getArticle } from "../../news/articles.js";

describe("plenary story, newsworthy and user", () => {
  const temp = suiteStore();

  async function run(args: string[], stdin?: string) {
    const capture = captureIo();
    const io: Io =
      stdin === undefined
        ? capture.io
        : { ...capture.io, stdin: Readable.from([stdin]) as unknown as Io["stdin"] };
    const code = await main(["--db", temp.file, ...args], io);
    return { code, out: capture.out, err: capture.err };
  }

  it("user add takes the password from standard input and stores a working account", async () => {
    const added = await run(
      ["user", "add", "ed@example.org", "--name", "Ada Editor", "--role", "editor", "--password-stdin"],
      "correct horse battery\n",
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain("Created editor Ada Editor <ed@example.org>");
    const ok = await login(temp.store, {
      email: "ed@example.org",
      password: "correct horse battery",
      ipHash: "t",
    });
    expect(ok.ok).toBe(true);
    const list = JSON.parse((await run(["user", "list", "--json"])).out);
    expect(list.users).toEqual([expect.objectContaining({ email: "ed@example.org", role: "editor" })]);
    expect(JSON.stringify(list)).not.toContain("argon2");
  });

  it("user add refuses a short password, a duplicate and a missing terminal", async () => {
    expect(
      (await run(["user", "add", "a@example.org", "--name", "A", "--password-stdin"], "short\n")).code,
    ).toBe(1);
    const again = await run(
      ["user", "add", "ed@example.org", "--name", "B", "--password-stdin"],
      "another long password\n",
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain("already an account");
    const noTty = await run(["user", "add", "c@example.org", "--name", "C"], "");
    expect(noTty.code).toBe(1);
    expect(noTty.err).toContain("--password-stdin");
  });

  it("user disable, enable and role: the CLI and the sign-in agree; common passwords are refused", async () => {
    const common = await run(
      ["user", "add", "w@example.org", "--name", "Weak", "--password-stdin"],
      "password1234\n",
    );
    expect(common.code).toBe(1);
    expect(common.err).toContain("common passwords");
    const disabled = await run(["user", "disable", "ed@example.org", "--json"]);
    expect(disabled.code).toBe(0);
    expect(JSON.parse(disabled.out)).toMatchObject({ email: "ed@example.org", active: false });
    expect(
      await login(temp.store, { email: "ed@example.org", password: "correct horse battery", ipHash: "d" }),
    ).toEqual({ ok: false, reason: "invalid" });
    expect((await run(["user", "list"])).out).toMatch(/ed@example\.org\s+Ada Editor\s+editor\s+no/);
    expect((await run(["user", "enable", "ed@example.org"])).out).toContain("Enabled ed@example.org");
    const role = await run(["user", "role", "ed@example.org", "admin"]);
    expect(role).toMatchObject({ code: 0 });
    expect(role.out).toContain("ed@example.org is now an admin.");
    const bad = await run(["user", "role", "ed@example.org", "owner"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Roles: author, editor, admin");
    expect((await run(["user", "disable", "nobody@example.org"])).code).toBe(1);
    const help = await run(["user", "--help"]);
    for (const command of ["disable", "enable", "role"])
      expect(help.out).toMatch(new RegExp(`\\b${command}\\b`));
    expect((await run(["user", "role", "--help"])).out).toContain("plenary user role sam@example.org editor");
    expect(
      (await login(temp.store, { email: "ed@example.org", password: "correct horse battery", ipHash: "e" }))
        .ok,
    ).toBe(true);
  });

  it("story --save stores the draft for the newsroom", async () => {
    const { code, out } = await run([
      "story",
      "ES-11/7",
      "ES-11/8",
      "S/RES/2774",
      "--format",
      "json",
      "--save",
      "--author",
      "ed@example.org",
    ]);
    expect(code).toBe(0);
    const { articleId } = JSON.parse(out);
    const article = await getArticle(temp.store, articleId);
    expect(article).toMatchObject({
      status: "draft",
      headline: "United States votes against Assembly resolution on Ukraine as Council adopts its text",
    });
    expect((await run(["story", "ES-11/7", "--save"])).code).toBe(1);
  });

  it("newsworthy ranks and explains", async () => {
    const { code, out } = await run(["newsworthy"]);
    expect(code).toBe(0);
    expect(out.split("\n")[1]).toMatch(/^4\.00\s+2025-02-24\s+SC\s+rc-9\s+amendment\s+veto 4: vetoed by RUS/);
    expect(out).toContain("sponsor 3: USA abstained on its own text");
    const json = JSON.parse((await run(["newsworthy", "--since", "2025-01-01", "--json"])).out);
    expect(json.meta).toMatchObject({ since: "2025-01-01", considered: 11 });
    expect(json.votes[0]).toMatchObject({ ref: "rc-9", score: 4, outcome: "vetoed" });
    expect((await run(["newsworthy", "--since", "yesterday"])).code).toBe(1);
  });
});
