import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo, suiteStore } from "../test/tempStore.js";

const COUNCIL_2025 = {
  USA: "Y",
  GBR: "Y",
  FRA: "Y",
  CHN: "Y",
  DZA: "Y",
  DNK: "Y",
  GRC: "Y",
  GUY: "Y",
  PAN: "Y",
  PAK: "A",
};

describe("plenary outcome and whatif", () => {
  const temp = suiteStore();

  async function run(...args: string[]) {
    const capture = captureIo();
    const code = await main(["--db", temp.file, ...args], capture.io);
    return { code, out: capture.out, err: capture.err };
  }
  function file(name: string, value: unknown) {
    const target = path.join(temp.dir, name);
    writeFileSync(target, typeof value === "string" ? value : JSON.stringify(value));
    return target;
  }

  it("decides a hypothetical Council vote: Russia's no with 9 yes is a veto", async () => {
    const input = file("veto.json", {
      body: "SC",
      date: "2025-02-24",
      votes: { ...COUNCIL_2025, Russia: "N" },
    });
    const { code, out } = await run("outcome", input, "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      outcome: "vetoed",
      reason: "veto",
      majority: "sc-substantive",
      yes: 9,
      no: 1,
      abstain: 1,
      nonVoting: 4,
      required: 9,
      vetoedBy: ["RUS"],
      negativePermanent: ["RUS"],
    });
    expect(json.explanation.some((s: string) => s.startsWith("Art. 27(3)"))).toBe(true);
  });

  it("the same vote as procedural is adopted: no veto on procedure (Art. 27(2))", async () => {
    const input = file("proc.json", {
      body: "SC",
      date: "2025-02-24",
      procedural: true,
      votes: { ...COUNCIL_2025, RUS: "N" },
    });
    const json = JSON.parse((await run("outcome", input, "--json")).out);
    expect(json).toMatchObject({ outcome: "adopted", majority: "sc-procedural", vetoedBy: [] });
  });

  it("rejects bad input with exit code 1: unknown member, non-Council member, duplicate, malformed JSON", async () => {
    const cases = [
      file("unknown.json", { body: "GA", date: "2025-02-24", votes: { Narnia: "Y" } }),
      file("council.json", { body: "SC", date: "2025-02-24", votes: { DEU: "Y" } }),
      file("dup.json", { body: "SC", date: "2025-02-24", votes: { USA: "Y", "United States": "N" } }),
      file("bad.json", "{not json"),
      path.join(temp.dir, "missing.json"),
    ];
    for (const input of cases) {
      const { code, err } = await run("outcome", input, "--json");
      expect(code, input).toBe(1);
      expect(err, input).toMatch(/plenary: /);
    }
  });

  it("whatif on S/RES/2774: a Russian no would have vetoed it; abstentions did not matter", async () => {
    const { code, out } = await run("whatif", "S/RES/2774", "--set", "RUS=N", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.recorded.outcome).toBe("adopted");
    expect(json.changed).toMatchObject({ outcome: "vetoed", vetoedBy: ["RUS"] });
    expect(json.flipped).toBe(true);
    expect(json.whatIf.sentences).toContain(
      "France's abstention did not change the result; a no would have vetoed it.",
    );
  });

  it("whatif on ES-11/7 measures the margin over two-thirds", async () => {
    const json = JSON.parse((await run("whatif", "ES-11/7", "--json")).out);
    expect(json.recorded).toMatchObject({
      outcome: "adopted",
      majority: "two-thirds",
      yes: 93,
      no: 18,
      required: 74,
      presentAndVoting: 111,
    });
    expect(json.whatIf.sentences[0]).toContain("83.8%");
  });

  it("whatif refuses a vote whose figures are unknown, and a malformed change", async () => {
    expect((await run("whatif", "rc-8")).code).toBe(1);
    expect((await run("whatif", "ES-11/7", "--set", "USA")).code).toBe(1);
    expect((await run("whatif", "ES-11/7", "--set", "USA=maybe")).code).toBe(1);
  });
});
