/**
 * Export to the research format, and its round trip: import → export → import is the identity — on the
 * whole research record (every re-read record hashes as the original file's did), on both stores, and
 * on generated roll calls with awkward text (fast-check, fixed seed).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { membersOn } from "../../core/members/index.js";
import type { MemberVote } from "../../core/vote.js";
import { importFiles } from "../import/index.js";
import { unrecordedDetails, type RollCallRecord } from "../records.js";
import { loadStarterDataset } from "../starter.js";
import { fuzzParameters } from "../../test/fuzz.js";
import { storeKinds, tempStore, suiteStore } from "../../test/tempStore.js";
import { exportUnvotes, FOREIGN_RCID_OFFSET } from "./unvotes.js";

const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

const lines = (file: string) =>
  gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n").length - 1;

describe.each(storeKinds())("exporting the research record (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });
  beforeAll(async () => {
    await importFiles(temp.store, [UNVOTES]);
  }, 180_000);

  it("writes every roll call, vote and issue code, and reads back unchanged", async () => {
    const folder = path.join(temp.dir, "export");
    const report = await exportUnvotes(temp.store, folder, { gzip: true });
    expect(report.rollCalls).toEqual({ written: 6203, incomplete: 0, skipped: 0 });
    expect(report.votes).toBe(870_109);
    expect(report.issues).toBe(5745);
    expect(lines(path.join(folder, "un_roll_calls.csv.gz"))).toBe(6203);
    expect(lines(path.join(folder, "un_votes.csv.gz"))).toBe(870_109);
    expect(lines(path.join(folder, "un_roll_call_issues.csv.gz"))).toBe(5745);
    // The identity: the export, imported over the store it came from, is the same source saying the
    // same thing — every record unchanged, nothing written.
    const again = await importFiles(temp.store, [folder]);
    expect(again.rollCalls).toMatchObject({ read: 6203, added: 0, updated: 0, merged: 0, unchanged: 6203 });
    expect(again.votes.written).toBe(0);
    expect(again.changed).toBe(false);
  });

  it("into a fresh store it gives the same record: A/RES/74/19 with the same votes", async () => {
    const folder = path.join(temp.dir, "export-plain");
    await exportUnvotes(temp.store, folder);
    const fresh = await tempStore({ kind, seed: false });
    try {
      const report = await importFiles(fresh.store, [folder]);
      expect(report.rollCalls.added).toBe(6203);
      expect(await fresh.store.votesCount()).toBe(870_109);
      const [original] = await temp.store.findBySymbol("A/RES/74/19");
      const [copy] = await fresh.store.findBySymbol("A/RES/74/19");
      expect(copy).toMatchObject({ date: "2019-12-10", kind: "resolution", complete: true });
      expect(copy!.issues).toEqual(original!.issues);
      const votes = async (store: typeof temp.store, id: number) =>
        [...(await store.get(id))!.votes].sort().join(" ");
      expect(await votes(fresh.store, copy!.id)).toBe(await votes(temp.store, original!.id));
    } finally {
      await fresh.cleanup();
    }
  }, 120_000);

  it("limits the export to a date range", async () => {
    const report = await exportUnvotes(temp.store, path.join(temp.dir, "2019"), {
      from: "2019-01-01",
      to: "2019-12-31",
    });
    const inRange = await temp.store.count({ from: "2019-01-01", to: "2019-12-31" });
    expect(inRange).toBeGreaterThan(50);
    expect(report.rollCalls.written).toBe(inRange);
  });
});

describe("what the research format cannot say", () => {
  const temp = suiteStore();

  it("skips roll calls whose votes are partly unknown (the starter's ES-11/7), and writes the headers", async () => {
    const folder = path.join(temp.dir, "starter");
    const report = await exportUnvotes(temp.store, folder);
    const incomplete = loadStarterDataset().filter((r) => r.body === "GA" && !r.complete).length;
    expect(incomplete).toBeGreaterThan(0);
    expect(report.rollCalls).toEqual({ written: 0, incomplete: 0, skipped: incomplete });
    expect(report.skippedBecause).toMatch(/^incomplete/);
    expect(readFileSync(path.join(folder, "un_votes.csv"), "utf8")).toBe(
      '"rcid","country","country_code","vote"\n',
    );
  });
});

/** Text with what CSV must quote: quotes, commas, line breaks; and letters beyond ASCII. */
const awkwardText = (maxLength: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('"', ",", "\n", "é", "Ç", "’", " ", ";"),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength,
    })
    .filter((t) => t.trim() === t && t.length > 0);

/** A complete General Assembly roll call with generated text, issues and votes. */
const record = fc
  .record({
    title: awkwardText(40),
    description: fc.option(awkwardText(60), { nil: null }),
    kind: fc.constantFrom("resolution", "amendment", "paragraph") as fc.Arbitrary<RollCallRecord["kind"]>,
    importantVote: fc.boolean(),
    number: fc.integer({ min: 1, max: 300 }),
    issues: fc.uniqueArray(fc.constantFrom("me", "nu", "di", "hr", "co", "ec"), { maxLength: 3 }),
    votes: fc.array(fc.constantFrom<MemberVote>("Y", "N", "A", "X"), { minLength: 193, maxLength: 193 }),
  })
  .map((g): RollCallRecord => {
    const date = "2019-11-20";
    const members = membersOn(date);
    return {
      body: "GA",
      session: "74",
      date,
      symbol: `A/RES/74/${g.number}`,
      draftSymbol: null,
      kind: g.kind,
      title: g.title,
      description: g.description,
      ...unrecordedDetails(),
      importantVote: g.importantVote,
      modality: "recorded",
      officialTally: { yes: null, no: null, abstain: null, nonVoting: null },
      recordedOutcome: null,
      complete: true,
      issues: g.issues.map((code) => ({ code, label: `Label of ${code}, "quoted"` })),
      sequence: 0,
      source: "test",
      sourceKey: String(g.number),
      citation: null,
      file: null,
      disputes: [],
      parentSourceKey: null,
      votes: new Map(members.map((m, i) => [m.id, g.votes[i % g.votes.length]!])),
    };
  });

describe("import → export → import on generated roll calls (fuzz)", () => {
  it("keeps text with quotes, commas and line breaks, issues, kinds, flags and every vote", async () => {
    await fc.assert(
      fc.asyncProperty(record, async (original) => {
        const source = await tempStore({ seed: false });
        const target = await tempStore({ seed: false });
        try {
          const [id] = (await source.store.write([original])).ids;
          await exportUnvotes(source.store, path.join(source.dir, "out"));
          const report = await importFiles(target.store, [path.join(source.dir, "out")]);
          expect(report.rollCalls.added).toBe(1);
          const [copy] = await target.store.list({});
          const read = (await target.store.get(copy!.id))!;
          expect(read.sources[0]!.sourceKey).toBe(String(FOREIGN_RCID_OFFSET + id!));
          expect({
            title: read.title,
            description: read.description,
            kind: read.kind,
            importantVote: read.importantVote,
            symbol: read.symbol,
            issues: [...read.issues].sort(),
          }).toEqual({
            title: original.title,
            description: original.description,
            kind: original.kind,
            importantVote: original.importantVote,
            symbol: original.symbol,
            issues: original.issues.map((i) => i.code).sort(),
          });
          // Non-voting has no row in the format: the votes cast come back exactly.
          const cast = (votes: Map<string, MemberVote>) =>
            [...votes]
              .filter(([, v]) => v !== "X")
              .sort()
              .join(" ");
          expect(cast(read.votes)).toBe(cast(original.votes));
        } finally {
          await source.cleanup();
          await target.cleanup();
        }
      }),
      fuzzParameters(0.05),
    );
  }, 120_000);
});
