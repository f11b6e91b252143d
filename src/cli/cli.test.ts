import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo, suiteStore } from "../test/tempStore.js";

describe("plenary CLI on the starter data", () => {
  const temp = suiteStore();

  async function run(...args: string[]) {
    const capture = captureIo();
    const code = await main(["--db", temp.file, ...args], capture.io);
    return { code, out: capture.out, err: capture.err };
  }

  it("vote --json prints one object with the issue's fields and the real figures", async () => {
    for (const symbol of ["ES-11/7", "a/res/es-11/7"]) {
      const { code, out } = await run("vote", symbol, "--json");
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(json).toMatchObject({
        symbol: "A/RES/ES-11/7",
        body: "GA",
        date: "2025-02-24",
        title: "Advancing a comprehensive, just and lasting peace in Ukraine",
        complete: false,
        tally: { yes: 93, no: 18, abstain: 65, nonVoting: 17 },
        outcome: "adopted",
      });
      expect(json.votes.filter((v: { vote: string }) => v.vote === "N")).toHaveLength(18);
      expect(json.votes).toContainEqual({ member: "USA", name: "United States", vote: "N" });
      // Known votes only: nothing is filled in for the 173 members the record does not name.
      expect(json.votes).toHaveLength(20);
    }
  });

  it("vote S/RES/2774 --json lists all 15 votes, complete", async () => {
    const { code, out } = await run("vote", "S/RES/2774", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.complete).toBe(true);
    expect(json.tally).toEqual({ yes: 10, no: 0, abstain: 5, nonVoting: 0 });
    expect(json.votes).toHaveLength(15);
    expect(
      json.votes
        .filter((v: { vote: string }) => v.vote === "A")
        .map((v: { member: string }) => v.member)
        .sort(),
    ).toEqual(["DNK", "FRA", "GBR", "GRC", "SVN"]);
  });

  it("vote prints the members grouped by vote for people", async () => {
    const { code, out } = await run("vote", "ES-11/8");
    expect(code).toBe(0);
    expect(out).toContain("A/RES/ES-11/8 — The path to peace");
    expect(out).toContain("93 yes · 8 no · 73 abstain · 19 non-voting");
    expect(out).toMatch(/Abstaining \(1\): United States/);
    expect(out).toContain("European amendments");
  });

  it("an unknown symbol exits 1 and suggests close ones", async () => {
    const { code, err } = await run("vote", "ES-11/9");
    expect(code).toBe(1);
    expect(err).toContain("No roll call");
    expect(err).toMatch(/Did you mean: .*A\/RES\/ES-11\/\d/);
  });

  it("votes lists roll calls with filters and pagination meta", async () => {
    const { code, out } = await run("votes", "--body", "SC", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.meta.pagination.total).toBe(7);
    expect(json.votes.every((v: { body: string }) => v.body === "SC")).toBe(true);
    const old = JSON.parse((await run("votes", "--to", "2024", "--json")).out);
    expect(old.votes.map((v: { symbol: string }) => v.symbol)).toEqual(["A/RES/ES-11/6"]);
    expect((await run("votes", "--body", "XX")).code).toBe(1);
  });

  it("member resolves names and codes, and exits 1 on an unknown one", async () => {
    const ok = await run("member", "Türkiye", "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ id: "TUR", alpha2: "TR" });
    const unknown = await run("member", "Narnia");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Narnia");
  });

  it("--help lists every command with an example", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    for (const command of ["vote", "votes", "member", "members", "serve"]) expect(out).toContain(command);
    expect(out).toContain("Examples:");
  });
});

describe("plenary backup", () => {
  it("copies a live SQLite store to a new file that opens with the same data, and never overwrites", async () => {
    const { tempStore, captureIo } = await import("../test/tempStore.js");
    const { openStore } = await import("../tables.js");
    const temp = await tempStore();
    try {
      const target = `${temp.dir}/backup.db`;
      const capture = captureIo();
      expect(await main(["--db", temp.file, "backup", target, "--json"], capture.io)).toBe(0);
      expect(JSON.parse(capture.out).pages).toBeGreaterThan(0);
      const copy = await openStore({ db: target, seed: false });
      expect(await copy.count()).toBe(await temp.store.count());
      await copy.close();
      expect(await main(["--db", temp.file, "backup", target], captureIo().io)).toBe(1);
    } finally {
      await temp.cleanup();
    }
  });
});
