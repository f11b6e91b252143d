/**
 * Export to the UN Digital Library layouts, and its round trip: roll calls read from the official
 * files, exported and read again, are what they were — on the real-layout fixtures (both stores) and on
 * generated roll calls (fast-check, fixed seed); the research record's resolutions come across with
 * their votes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { councilOn, isPermanentMemberOn } from "../../core/council/index.js";
import { findMember, membersOn } from "../../core/members/index.js";
import type { MemberVote } from "../../core/vote.js";
import { importFiles } from "../import/index.js";
import { UNDL_RECORD_URL } from "../import/undl.js";
import type { RollCallRecord } from "../records.js";
import { fuzzParameters } from "../../test/fuzz.js";
import { rawCsvRows } from "../../test/rawCsv.js";
import { storeKinds, tempStore, suiteStore } from "../../test/tempStore.js";
import {
  CHINA_SEAT_CHANGE,
  excerptResolutions,
  excerptText,
  UNDL_SC_EXCERPT,
} from "../../test/undlExcerpt.js";
import type { Store } from "../store/index.js";
import { exportUndl, FOREIGN_UNDL_ID_OFFSET, notesByMember } from "./undl.js";
import { storeDb } from "../../test/storeDb.js";

const FIXTURES = path.resolve(process.cwd(), "src/data/import/fixtures");
const UNVOTES = path.resolve(process.cwd(), "../shared/data/unvotes");

describe("a stored roll call's vote notes, by member", () => {
  it('gives each member its note, and the note on every row under ""', () => {
    const stored = JSON.stringify([
      { text: "As amended", members: null },
      { text: "Explained", members: ["USA", "FRA"] },
    ]);
    expect(notesByMember(stored)).toEqual(
      new Map([
        ["", "As amended"],
        ["USA", "Explained"],
        ["FRA", "Explained"],
      ]),
    );
    expect(notesByMember(null)).toEqual(new Map());
  });
});

describe.each(storeKinds())("the official fixtures, exported and read back (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });
  beforeAll(async () => {
    await importFiles(temp.store, [
      path.join(FIXTURES, "undl-ga-2025.csv"),
      path.join(FIXTURES, "undl-ga-2026.csv"),
      path.join(FIXTURES, "undl-sc.csv"),
    ]);
  });

  it("changes nothing when read over the store they came from", async () => {
    const ga = await exportUndl(temp.store, path.join(temp.dir, "ga.csv"), "GA");
    const sc = await exportUndl(temp.store, path.join(temp.dir, "sc.csv.gz"), "SC", { gzip: true });
    // ES-11/6 (complete), ES-11/7 and ES-11/8 (excerpts: incomplete); S/RES/2774 and the test record.
    expect(ga.rollCalls).toEqual({ written: 3, incomplete: 2, skipped: 0 });
    expect(sc.rollCalls).toEqual({ written: 2, incomplete: 0, skipped: 0 });
    expect(sc.votes).toBe(30);
    const again = await importFiles(temp.store, [ga.files[0]!, sc.files[0]!]);
    expect(again.rollCalls).toMatchObject({ read: 5, added: 0, updated: 0, merged: 0, unchanged: 5 });
    expect(again.votes.written).toBe(0);
  });

  it("gives a fresh store the same roll calls: votes, tallies, completeness, modality, notes", async () => {
    await exportUndl(temp.store, path.join(temp.dir, "ga2.csv"), "GA");
    await exportUndl(temp.store, path.join(temp.dir, "sc2.csv"), "SC");
    const fresh = await tempStore({ kind, seed: false });
    try {
      await importFiles(fresh.store, [path.join(temp.dir, "ga2.csv"), path.join(temp.dir, "sc2.csv")]);
      for (const symbol of ["A/RES/ES-11/6", "A/RES/ES-11/7", "S/RES/2774 (2025)", "S/RES/9001 (2025)"]) {
        const [a] = await temp.store.findBySymbol(symbol);
        const [b] = await fresh.store.findBySymbol(symbol);
        const view = async (store: typeof temp.store, id: number) => {
          const r = (await store.get(id))!;
          return {
            title: r.title,
            description: r.description,
            meeting: r.meeting,
            draft: r.draftSymbol,
            session: r.session,
            tally: r.officialTally,
            complete: r.complete,
            modality: r.modality,
            citation: r.sources[0]!.citation,
            key: r.sources[0]!.sourceKey,
            votes: [...r.votes].sort().join(" "),
          };
        };
        expect(await view(fresh.store, b!.id), symbol).toEqual(await view(temp.store, a!.id));
      }
      const [es117] = await fresh.store.findBySymbol("A/RES/ES-11/7");
      expect(es117).toMatchObject({ complete: false });
      const [withoutVote] = await fresh.store.findBySymbol("S/RES/9001 (2025)");
      expect(withoutVote!.modality).toBe("without-vote");
    } finally {
      await fresh.cleanup();
    }
  });
});

/** Everything Plenary keeps of a roll call, for comparing two stores. */
async function rollCallView(store: Store, symbol: string) {
  const [found] = await store.findBySymbol(symbol);
  const r = (await store.get(found!.id))!;
  const { id: _id, sequence: _sequence, votes, ...fields } = r;
  return { ...fields, votes: [...votes].sort() };
}

/**
 * Columns of the Library's file that the store does not keep, so that an export cannot give them back
 * as the Library wrote them (every other column must be the excerpt's, to the byte).
 */
const NOT_KEPT = {
  ms_name:
    "the Library's spelling of a member's name: Plenary keeps the member, and writes the name it was " +
    "listed under that day, where the Library mixes the names of the day (ZAIRE in 1982, IVORY COAST in " +
    "1965, USSR) with later ones written back (SRI LANKA in 1960, UKRAINE in 1948, BURKINA FASO in April " +
    "1984) and the UN's formal short names (RUSSIAN FEDERATION, REPUBLIC OF KOREA): compared by the " +
    "member it names that day, and to the letter for the seats the Library files its own way (SUN, CHN)",
} as const;

describe.each(storeKinds())("the real Security Council excerpt, exported and read back (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });
  let file: string;
  beforeAll(async () => {
    await importFiles(temp.store, [UNDL_SC_EXCERPT]);
    file = path.join(temp.dir, "sc.csv");
    await exportUndl(temp.store, file, "SC");
  });

  it("is the identity: read over its store it changes nothing, read into a fresh store it is the same", async () => {
    const resolutions = excerptResolutions();
    const again = await importFiles(temp.store, [file]);
    expect(again.rollCalls).toMatchObject({ read: resolutions.length, unchanged: resolutions.length });
    expect(again.problems.items).toEqual([]);
    const fresh = await tempStore({ kind, seed: false });
    try {
      const read = await importFiles(fresh.store, [file]);
      expect(read.rollCalls).toMatchObject({ read: resolutions.length, added: resolutions.length });
      expect(read.problems.items).toEqual([]);
      for (const { first } of resolutions) {
        // Votes, tallies, outcome, date, notes, agenda, subjects, modality, completeness, provenance.
        const symbol = first.resolution!;
        expect(await rollCallView(fresh.store, symbol), symbol).toEqual(
          await rollCallView(temp.store, symbol),
        );
      }
    } finally {
      await fresh.cleanup();
    }
  });

  it("writes the file the Library wrote, row for row, but for what the store does not keep", async () => {
    const written = readFileSync(file, "utf8");
    const [header, ...lines] = written.trimEnd().split("\n");
    const [excerptHeader, ...excerptLines] = excerptText().trimEnd().split("\n");
    expect(header).toBe(excerptHeader);
    expect(lines).toHaveLength(excerptLines.length);
    const rows = new Map(rawCsvRows(written).map((r) => [`${r.undl_id},${r.ms_code}`, r]));
    const lineOf = new Map(lines.map((line) => [line.split(",", 2).join(","), line]));
    for (const { first, rows: theirs } of excerptResolutions()) {
      for (const row of theirs) {
        const key = `${row.undl_id},${row.ms_code}`;
        const ours = rows.get(key);
        expect(ours, key).toBeDefined();
        // The same text — quoting, integer totals, True/False, the modality's words, symbols, dates,
        // notes, links — once the columns the store does not keep hold our values (they are never
        // quoted, and come after undl_id and ms_code).
        let expected = excerptLines.find((line) => line.startsWith(`${key},`))!;
        for (const column of Object.keys(NOT_KEPT) as (keyof typeof NOT_KEPT)[]) {
          expected = expected.replace(`,${row[column]},`, `,${ours![column]},`);
        }
        expect(lineOf.get(key), key).toBe(expected);
        // ms_name: the member it names that day; to the letter for the Library's own seats.
        const named = (name: string) => findMember(name, { date: first.date! })?.id;
        expect(named(ours!.ms_name!), `${row.ms_name} ${first.date}`).toBe(named(row.ms_name!));
        if (row.ms_code === "SUN" || (row.ms_code === "CHN" && first.date! < CHINA_SEAT_CHANGE)) {
          expect(ours!.ms_name, `${key} ${first.date}`).toBe(row.ms_name);
        }
      }
    }
  });
});

describe("the research record in the Assembly's official layout", () => {
  const temp = suiteStore({ seed: false });
  beforeAll(async () => {
    await importFiles(temp.store, [UNVOTES]);
  }, 120_000);

  it("writes every resolution with its votes, links none it has no record of, and reads back", async () => {
    const file = path.join(temp.dir, "ga.csv.gz");
    const report = await exportUndl(temp.store, file, "GA", { gzip: true });
    const resolutions = await storeDb(temp.store)
      .selectFrom("roll_calls")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "resolution")
      .where("symbol", "is not", null)
      .executeTakeFirstOrThrow();
    expect(report.rollCalls.written).toBe(Number(resolutions.n));
    expect(report.rollCalls.skipped).toBe(6203 - Number(resolutions.n));
    const fresh = await tempStore({ seed: false });
    try {
      const imported = await importFiles(fresh.store, [file]);
      expect(imported.rollCalls.added).toBe(report.rollCalls.written);
      const [original] = await temp.store.findBySymbol("A/RES/74/19");
      const [copy] = await fresh.store.findBySymbol("A/RES/74/19");
      const read = (await fresh.store.get(copy!.id))!;
      expect([...read.votes].sort()).toEqual([...(await temp.store.get(original!.id))!.votes].sort());
      expect(read.complete).toBe(true);
      expect(read.sources[0]).toMatchObject({
        source: "undl-ga",
        sourceKey: String(FOREIGN_UNDL_ID_OFFSET + original!.id),
        citation: null,
      });
    } finally {
      await fresh.cleanup();
    }
  }, 120_000);
});

/** Text with what CSV must quote, and letters beyond ASCII; never a line that reads as a note. */
const awkwardText = (maxLength: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('"', ",", "\n", "é", "Ç", "’", " ", ";", "|"),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength,
    })
    .map((t) => `T ${t}`)
    .filter((t) => t.trim() === t && !t.includes("Note"));

const count = fc.option(fc.integer({ min: 0, max: 193 }), { nil: null });

/** A roll call as the UN Digital Library reader makes one. */
const officialRecord = fc
  .record({
    body: fc.constantFrom("GA", "SC") as fc.Arbitrary<"GA" | "SC">,
    id: fc.integer({ min: 1, max: 99_999 }),
    title: awkwardText(40),
    agenda: fc.option(awkwardText(50), { nil: null }),
    subjects: fc.uniqueArray(
      awkwardText(20).filter((t) => !t.includes("|")),
      { maxLength: 3 },
    ),
    note: fc.option(fc.tuple(awkwardText(20), fc.boolean()), { nil: null }),
    complete: fc.boolean(),
    withoutVote: fc.boolean(),
    tally: fc.tuple(count, count, count, count),
    votes: fc.array(fc.constantFrom<MemberVote>("Y", "N", "A", "X"), { minLength: 15, maxLength: 15 }),
    take: fc.integer({ min: 1, max: 14 }),
  })
  .map((g): RollCallRecord => {
    const date = "2019-11-20";
    const pool = g.body === "GA" ? membersOn(date).map((m) => m.id) : [...councilOn(date).members];
    const voters = [...pool].sort().slice(0, g.complete ? 15 : g.take);
    const votes = new Map(voters.map((id, i) => [id, g.votes[i]!]));
    // A note on every row is the roll call's (the reader names no members then).
    const voteNotes =
      g.note === null
        ? []
        : [{ text: g.note[0], members: g.note[1] || voters.length <= 2 ? null : voters.slice(0, 2) }];
    return {
      body: g.body,
      session: g.body === "GA" ? "74" : null,
      date,
      symbol: g.body === "GA" ? `A/RES/74/${g.id}` : `S/RES/${g.id} (2019)`,
      draftSymbol: g.body === "GA" ? `A/74/L.${g.id}` : null,
      kind: "resolution",
      title: g.title,
      description: null,
      meeting: g.body === "GA" ? "A/74/PV.44" : "S/PV.8668",
      agenda: g.agenda !== g.title ? g.agenda : null,
      voteNotes,
      subjects: g.subjects,
      procedural: false,
      importantQuestion: null,
      importantVote: false,
      modality: g.withoutVote ? "without-vote" : "recorded",
      officialTally: { yes: g.tally[0], no: g.tally[1], abstain: g.tally[2], nonVoting: g.tally[3] },
      recordedOutcome: "adopted",
      complete: g.complete,
      issues: [],
      sequence: 0,
      source: g.body === "GA" ? "undl-ga" : "undl-sc",
      sourceKey: String(g.id),
      citation: `${UNDL_RECORD_URL}${g.id}`,
      file: null,
      parentSourceKey: null,
      disputes: [],
      votes,
    };
  });

describe("import → export → import on generated official roll calls (fuzz)", () => {
  it("reads back unchanged: text, agenda and notes, tallies, completeness, modality, every row", async () => {
    await fc.assert(
      fc.asyncProperty(officialRecord, async (original) => {
        const temp = await tempStore({ seed: false });
        try {
          await temp.store.write([original]);
          const file = path.join(temp.dir, "out.csv");
          const report = await exportUndl(temp.store, file, original.body);
          expect(report.rollCalls.written).toBe(1);
          const again = await importFiles(temp.store, [file], {
            format: original.body === "GA" ? "undl-ga" : "undl-sc",
          });
          // Unchanged: the re-read record hashes as the one written (every field and vote).
          expect(again.rollCalls, JSON.stringify(again.changes.items)).toMatchObject({
            read: 1,
            unchanged: 1,
          });
          if (original.body === "SC") {
            const permanent = [...original.votes.keys()].filter((id) =>
              isPermanentMemberOn(id, original.date),
            );
            expect(again.problems.byKind["not-permanent-member"], permanent.join()).toBeUndefined();
          }
        } finally {
          await temp.cleanup();
        }
      }),
      fuzzParameters(0.05),
    );
  }, 120_000);
});
