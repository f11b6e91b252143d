/**
 * The writer's backends — Kysely (every dialect), the SQLite bulk path and the PostgreSQL one — store the same thing:
 * added, updated, merged and unchanged records, votes, issues, provenance and conflicts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RollCallRecord } from "../records.js";
import { loadStarterDataset } from "../starter.js";
import { postgresUrl, tempPostgresDatabase } from "../../test/tempStore.js";
import {
  contentHash,
  mergeRows,
  rollCallRow,
  RollCallWriter,
  votesDigest,
  writeRollCalls,
  type WriteReport,
  type WriteResult,
} from "./write.js";
import { openStore } from "../../tables.js";
import { storeDb, storeTransaction, storeSqlite } from "../../test/storeDb.js";

function scenario(): RollCallRecord[][] {
  const starter = loadStarterDataset();
  const es117 = starter.find((r) => r.symbol === "A/RES/ES-11/7")!;
  // The same resolution from a more trusted source, disagreeing on one vote and adding two.
  const official: RollCallRecord = {
    ...es117,
    source: "undl-ga",
    sourceKey: "9000101",
    meeting: "A/ES-11/PV.20",
    description: null,
    issues: [{ code: "hr", label: "Human rights" }],
    votes: new Map([...es117.votes, ["USA", "Y"], ["FRA", "Y"], ["DEU", "Y"]]),
  };
  const research: RollCallRecord = {
    ...official,
    source: "unvotes",
    sourceKey: "77",
    importantVote: true,
    votes: new Map([["USA", "A"]]),
  };
  const changedStarter = starter.map((r) =>
    r.sourceKey === starter[0]!.sourceKey ? { ...r, title: `${r.title} (corrected)` } : r,
  );
  return [starter, [official, research], changedStarter, [official, research]];
}

async function run(
  sqliteBulk: boolean,
): Promise<{ reports: Omit<WriteReport, "ids">[]; tables: Record<string, unknown[]> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-write-"));
  const store = await openStore({ db: path.join(dir, "w.db"), seed: false });
  try {
    const reports: Omit<WriteReport, "ids">[] = [];
    for (const batch of scenario()) {
      const report = await storeTransaction(store, async (db) => {
        const writer = RollCallWriter.create(db, {
          sqlite: sqliteBulk ? storeSqlite(store) : null,
          now: "2026-01-01T00:00:00.000Z",
        });
        for (const record of batch) await writer.write(record);
        return writer.finish();
      });
      const { ids: _ids, ...rest } = report;
      reports.push(rest);
    }
    const all = (
      table: "roll_calls" | "votes" | "roll_call_issues" | "provenance" | "vote_conflicts" | "meta",
    ) => storeDb(store).selectFrom(table).selectAll().execute();
    const tables = {
      rollCalls: await all("roll_calls"),
      votes: (await all("votes")).sort(
        (a, b) => a.roll_call_id - b.roll_call_id || a.member_id.localeCompare(b.member_id),
      ),
      issues: await all("roll_call_issues"),
      provenance: await all("provenance"),
      conflicts: await all("vote_conflicts"),
      meta: (await all("meta")).filter((m) => m.key === "data_version"),
      // The full-text index (another module's triggers) must come out the same whichever way rows were written.
      search: storeSqlite(store)!.prepare("select * from sqlite_master where name = 'roll_call_search'").get()
        ? storeSqlite(store)!
            .prepare(
              "select rowid, symbols, title, description, subjects from roll_call_search order by rowid",
            )
            .all()
        : [],
    };
    return { reports, tables };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the roll-call writer", () => {
  let kysely: Awaited<ReturnType<typeof run>>;
  let bulk: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    kysely = await run(false);
    bulk = await run(true);
  });
  afterAll(() => undefined);

  it("stores the same rows through the Kysely path and the SQLite bulk path", () => {
    expect(bulk.reports).toEqual(kysely.reports);
    expect(bulk.tables).toEqual(kysely.tables);
  });

  it("adds, merges with a conflict kept from the trusted source, updates, and then changes nothing", () => {
    const n = loadStarterDataset().length;
    expect(kysely.reports.map((r) => [r.added, r.merged, r.updated, r.unchanged, r.conflicts])).toEqual([
      [n, 0, 0, 0, 0],
      [0, 2, 0, 0, 2],
      [0, 0, 1, n - 1, 0],
      [0, 0, 0, 2, 0],
    ]);
    const conflicts = kysely.tables.conflicts as {
      member_id: string;
      kept_source: string;
      kept_vote: string;
      other_source: string;
    }[];
    expect(conflicts.map((c) => [c.member_id, c.kept_source, c.kept_vote, c.other_source]).sort()).toEqual([
      ["USA", "undl-ga", "Y", "starter"],
      ["USA", "undl-ga", "Y", "unvotes"],
    ]);
    const rows = kysely.tables.rollCalls as {
      symbol: string | null;
      meeting: string | null;
      important_vote: number;
    }[];
    const es117 = rows.find((r) => r.symbol === "A/RES/ES-11/7")!;
    // The official meeting record fills what the starter lacked; the research flag is kept.
    expect(es117.meeting).toBe("A/ES-11/PV.20");
    expect(es117.important_vote).toBe(1);
  });

  it("hashes votes regardless of their order, and merges rows field by field", () => {
    const a = new Map([
      ["USA", "Y"],
      ["FRA", "N"],
    ] as const);
    const b = new Map([
      ["FRA", "N"],
      ["USA", "Y"],
    ] as const);
    expect(votesDigest(a)).toBe(votesDigest(b));
    expect(votesDigest(a)).not.toBe(
      votesDigest(
        new Map([
          ["USA", "N"],
          ["FRA", "Y"],
        ] as const),
      ),
    );
    const [record] = loadStarterDataset();
    expect(contentHash({ ...record!, file: "elsewhere" })).toBe(contentHash(record!));
    const winner = { ...rollCallRow(record!, "now"), meeting: null, complete: 0 };
    const other = { ...rollCallRow(record!, "then"), meeting: "A/PV.1", complete: 1, important_vote: 1 };
    expect(mergeRows(winner, other)).toMatchObject({
      meeting: "A/PV.1",
      complete: 1,
      important_vote: 1,
      updated_at: "now",
    });
  });
});

describe.skipIf(!postgresUrl())("the PostgreSQL bulk path", () => {
  /** The votes table's foreign keys as the catalog states them. */
  async function votesForeignKeys(store: Awaited<ReturnType<typeof openStore>>): Promise<string[]> {
    const { rows } = await sql<{ name: string; definition: string }>`select conname as name,
        pg_get_constraintdef(oid) as definition from pg_constraint
        where conrelid = 'votes'::regclass and contype = 'f' order by conname`.execute(storeDb(store));
    return rows.map((r) => `${r.name} ${r.definition}`);
  }

  /** Their oids: a key dropped and added again gets a new one. */
  async function votesForeignKeyOids(store: Awaited<ReturnType<typeof openStore>>): Promise<number[]> {
    const { rows } = await sql<{ oid: number }>`select oid::integer as oid from pg_constraint
        where conrelid = 'votes'::regclass and contype = 'f'`.execute(storeDb(store));
    return rows.map((r) => r.oid);
  }

  async function storedVotes(store: Awaited<ReturnType<typeof openStore>>): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::integer as n from votes`.execute(
      storeDb(store),
    );
    return rows[0]!.n;
  }

  it("sets the votes' foreign key aside for a first load and adds it back, checked, as it was", async () => {
    const database = await tempPostgresDatabase();
    const store = await openStore({ databaseUrl: database.url, seed: false });
    try {
      const before = await votesForeignKeys(store);
      expect(before).toEqual([
        "votes_roll_call_id_fkey FOREIGN KEY (roll_call_id) REFERENCES roll_calls(id) ON DELETE CASCADE",
      ]);
      const [oidBefore] = await votesForeignKeyOids(store);
      const starter = loadStarterDataset();
      const report = await store.write(starter);
      expect(report.added).toBe(starter.length);
      // Set aside and added back: the same definition under a new constraint.
      expect(await votesForeignKeys(store)).toEqual(before);
      expect((await votesForeignKeyOids(store))[0]).not.toBe(oidBefore);
      expect(await storedVotes(store)).toBe(starter.reduce((n, r) => n + r.votes.size, 0));
      // The key is enforced again: a vote for no roll call is refused, a roll call's deletion takes its votes.
      await expect(
        sql`insert into votes (roll_call_id, member_id, vote) values (999999, 'USA', 'Y')`.execute(
          storeDb(store),
        ),
      ).rejects.toThrow(/foreign key/);
      const [id] = report.ids;
      await sql`delete from roll_calls where id = ${id!}`.execute(storeDb(store));
      const left = await sql<{
        n: number;
      }>`select count(*)::integer as n from votes where roll_call_id = ${id!}`.execute(storeDb(store));
      expect(left.rows[0]!.n).toBe(0);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it("keeps the row-by-row check when a reader holds roll_calls: no wait, no deadlock, the key never dropped", async () => {
    const database = await tempPostgresDatabase();
    const store = await openStore({ databaseUrl: database.url, seed: false });
    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    try {
      const before = await votesForeignKeyOids(store);
      // Another instance in the middle of a read of roll_calls.
      await reader.query("begin");
      await reader.query("select count(*) from roll_calls");
      const starter = loadStarterDataset();
      const report = await store.write(starter);
      expect(report.added).toBe(starter.length);
      await reader.query("select count(*) from votes");
      await reader.query("commit");
      // The same constraint (the same oid): it was never set aside.
      expect(await votesForeignKeyOids(store)).toEqual(before);
      expect(await storedVotes(store)).toBe(starter.reduce((n, r) => n + r.votes.size, 0));
    } finally {
      await reader.end();
      await store.close();
      await database.drop();
    }
  });

  it("leaves the foreign key in place when a first load fails after its votes went in", async () => {
    const database = await tempPostgresDatabase();
    const store = await openStore({ databaseUrl: database.url, seed: false });
    try {
      const before = await votesForeignKeys(store);
      await expect(
        storeTransaction(store, async (db, raw) => {
          const writer = RollCallWriter.create(db, {
            postgres: raw.postgres,
            now: "2026-01-01T00:00:00.000Z",
          });
          for (const record of loadStarterDataset()) await writer.write(record);
          // The votes are COPYed (the key set aside) when something reads the stored rows ...
          await writer.write({ ...loadStarterDataset()[0]!, title: "changed" });
          const inside = await sql<{ n: number }>`select count(*)::integer as n from pg_constraint
            where conrelid = 'votes'::regclass and contype = 'f'`.execute(db);
          expect(inside.rows[0]!.n).toBe(0);
          // ... and the import fails before it finishes.
          throw new Error("interrupted");
        }),
      ).rejects.toThrow("interrupted");
      expect(await votesForeignKeys(store)).toEqual(before);
      expect(await storedVotes(store)).toBe(0);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it("stores text with tabs, line breaks and backslashes exactly, and leaves the id sequence past its ids", async () => {
    const database = await tempPostgresDatabase();
    const store = await openStore({ databaseUrl: database.url, seed: false });
    try {
      const [first, second] = loadStarterDataset();
      const awkward = "Tab\there, a line\nbreak, a CR\r, a back\\slash \\N and \\t literally";
      const report = await store.write([{ ...first!, title: awkward, description: null }]);
      const [id] = report.ids;
      const row = await storeDb(store)
        .selectFrom("roll_calls")
        .select(["title", "description"])
        .where("id", "=", id!)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ title: awkward, description: null });
      // A roll call written through Kysely (the sequence) after the bulk path (ids handed out) gets the next id.
      const next = await storeTransaction(store, (db) => writeRollCalls(db, [second!]));
      expect(next.ids).toEqual([id! + 1]);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it("stores the same votes, issues, provenance and conflicts as the SQLite bulk path", async () => {
    const database = await tempPostgresDatabase();
    const store = await openStore({ databaseUrl: database.url, seed: false });
    try {
      const reports: Omit<WriteReport, "ids">[] = [];
      for (const batch of scenario()) {
        const report = await storeTransaction(store, async (db, raw) => {
          const writer = RollCallWriter.create(db, {
            postgres: raw.postgres,
            now: "2026-01-01T00:00:00.000Z",
          });
          for (const record of batch) await writer.write(record);
          return writer.finish();
        });
        const { ids: _ids, ...rest } = report;
        reports.push(rest);
      }
      const sqlite = await run(true);
      expect(reports).toEqual(sqlite.reports);
      const votes = (await storeDb(store).selectFrom("votes").selectAll().execute()).sort(
        (a, b) => a.roll_call_id - b.roll_call_id || a.member_id.localeCompare(b.member_id),
      );
      expect(votes).toEqual(sqlite.tables.votes);
      expect(await storeDb(store).selectFrom("vote_conflicts").selectAll().execute()).toEqual(
        expect.arrayContaining(sqlite.tables.conflicts as object[]),
      );
      const sortedIssues = (rows: unknown[]) =>
        (rows as { roll_call_id: number; code: string }[]).map((r) => `${r.roll_call_id} ${r.code}`).sort();
      expect(sortedIssues(await storeDb(store).selectFrom("roll_call_issues").selectAll().execute())).toEqual(
        sortedIssues(sqlite.tables.issues!),
      );
      expect((await storeDb(store).selectFrom("provenance").selectAll().execute()).length).toBe(
        sqlite.tables.provenance!.length,
      );
      // The search triggers stood aside during the bulk write; every roll call was indexed at its end.
      const indexed = await sql<{ n: number }>`select count(*) as n from roll_call_search`.execute(
        storeDb(store),
      );
      expect(Number(indexed.rows[0]!.n)).toBe(sqlite.tables.rollCalls!.length);
      const found = await sql<{ roll_call_id: number }>`select roll_call_id from roll_call_search
        where document @@ plainto_tsquery('english', 'lasting peace Ukraine')`.execute(storeDb(store));
      expect(found.rows.length).toBeGreaterThan(0);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});

/**
 * A source correcting itself: the writer says which stored votes and fields each update changed, on
 * every backend, and where the source shares the roll call with others the disagreements follow.
 */
describe("corrections: a source's newer version of a roll call it gave before", () => {
  const starter = loadStarterDataset();
  const byKey = (key: string) => starter.find((r) => r.sourceKey === key)!;
  const [, official, research] = [null, ...scenario()[1]!] as [null, RollCallRecord, RollCallRecord];
  // S/RES/2774 (2025), the starter's alone: GBR moves from abstaining to yes (the counts follow) and SVN
  // is no longer listed — a removal rewrites the roll call's votes.
  const sc2774 = byKey("sc-2774");
  const sc2774v2: RollCallRecord = {
    ...sc2774,
    officialTally: { ...sc2774.officialTally, yes: 11, abstain: 4 },
    votes: new Map(
      [...sc2774.votes].filter(([m]) => m !== "SVN").map(([m, v]) => [m, m === "GBR" ? "Y" : v]),
    ),
  };
  // An amendment vote with two votes known: USA moves from abstaining to yes, CHN newly listed — set in place.
  const amendment = byKey("sc-9866-eu-amendment-2");
  const amendmentV2: RollCallRecord = {
    ...amendment,
    votes: new Map([...amendment.votes, ["USA", "Y"], ["CHN", "Y"]]),
  };
  // ES-11/7, held by the starter, the UN DL (most trusted) and the research data: the UN DL moves USA
  // from yes to abstaining, then stops listing USA.
  const officialV2: RollCallRecord = { ...official, votes: new Map([...official.votes, ["USA", "A"]]) };
  const officialV3: RollCallRecord = {
    ...official,
    votes: new Map([...official.votes].filter(([m]) => m !== "USA")),
  };
  // ES-11/6, whose starter record holds the tally but no member's vote: the UN DL merges in, then
  // corrects one vote. Nothing says the starter voted: no disagreement with it may appear.
  const es116: RollCallRecord = {
    ...byKey("ga-es11-6"),
    source: "undl-ga",
    sourceKey: "9000106",
    votes: new Map([
      ["USA", "N"],
      ["DEU", "Y"],
      ["FRA", "Y"],
    ]),
  };
  const es116v2: RollCallRecord = { ...es116, votes: new Map([...es116.votes, ["DEU", "A"]]) };
  const batches = [
    starter,
    [official, research],
    [sc2774v2, amendmentV2],
    [officialV2],
    [officialV3],
    [es116],
    [es116v2],
  ];

  type Outcome = {
    results: Omit<WriteResult, "id">[][];
    votes: Record<string, Record<string, string>>;
    conflicts: string[];
  };

  async function runOn(kind: "kysely" | "sqlite" | "postgres"): Promise<Outcome> {
    const dir = mkdtempSync(path.join(tmpdir(), "plenary-corrections-"));
    const database = kind === "postgres" ? await tempPostgresDatabase() : null;
    const store = database
      ? await openStore({ databaseUrl: database.url, seed: false })
      : await openStore({ db: path.join(dir, "c.db"), seed: false });
    try {
      const results: Omit<WriteResult, "id">[][] = [];
      for (const batch of batches) {
        results.push(
          await storeTransaction(store, async (db, raw) => {
            const writer = RollCallWriter.create(db, {
              sqlite: kind === "sqlite" ? storeSqlite(store) : null,
              postgres: kind === "postgres" ? raw.postgres : null,
              now: "2026-01-01T00:00:00.000Z",
            });
            const out: Omit<WriteResult, "id">[] = [];
            for (const record of batch) {
              const { id: _id, ...result } = await writer.write(record);
              out.push(result);
            }
            await writer.finish();
            return out;
          }),
        );
      }
      // Each roll call by its sources' keys (ES-11/7: `77 9000101 ga-es11-7`).
      const keysOf = new Map<number, string[]>();
      for (const p of await storeDb(store)
        .selectFrom("provenance")
        .select(["roll_call_id", "source_key"])
        .execute())
        keysOf.set(p.roll_call_id, [...(keysOf.get(p.roll_call_id) ?? []), p.source_key].sort());
      const symbolOf = new Map([...keysOf].map(([id, keys]) => [id, keys.join(" ")]));
      const votes: Outcome["votes"] = {};
      for (const v of await storeDb(store).selectFrom("votes").selectAll().execute()) {
        const key = symbolOf.get(v.roll_call_id)!;
        (votes[key] ??= {})[v.member_id] = v.vote;
      }
      const conflicts = (await storeDb(store).selectFrom("vote_conflicts").selectAll().execute())
        .map((c) => `${c.member_id} kept ${c.kept_source} ${c.kept_vote}, ${c.other_source} ${c.other_vote}`)
        .sort();
      // Ids differ by backend in no way that matters here: results are compared without them.
      return {
        results: results.map((batch) =>
          batch.map((r) => ({ ...r, corrections: r.corrections.map((c) => ({ ...c, rollCallId: 0 })) })),
        ),
        votes,
        conflicts,
      };
    } finally {
      await store.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  let kysely: Outcome;
  beforeAll(async () => {
    kysely = await runOn("kysely");
  });

  it("says which stored votes each update moved, added or removed, and which fields changed", () => {
    const [sc, amend] = kysely.results[2]!;
    expect(sc!.outcome).toBe("updated");
    expect(sc!.corrections).toEqual([
      { rollCallId: 0, memberId: "GBR", before: "A", after: "Y" },
      { rollCallId: 0, memberId: "SVN", before: "A", after: null },
    ]);
    expect(sc!.fields).toEqual([
      { field: "tallyYes", before: 10, after: 11 },
      { field: "tallyAbstain", before: 5, after: 4 },
    ]);
    expect(kysely.votes["sc-2774"]).toMatchObject({ GBR: "Y", DNK: "A" });
    expect(kysely.votes["sc-2774"]!.SVN).toBeUndefined();
    expect(Object.keys(kysely.votes["sc-2774"]!)).toHaveLength(14);
    expect(amend!.corrections).toEqual([
      { rollCallId: 0, memberId: "CHN", before: null, after: "Y" },
      { rollCallId: 0, memberId: "USA", before: "A", after: "Y" },
    ]);
    expect(amend!.fields).toEqual([]);
    expect(kysely.votes["sc-9866-eu-amendment-2"]).toEqual({ RUS: "N", USA: "Y", CHN: "Y" });
    // Nothing else was touched, and a first write or a merge is no correction.
    expect(kysely.results[0]!.every((r) => r.outcome === "added" && !r.corrections.length)).toBe(true);
    expect(kysely.results[1]!.map((r) => [r.outcome, r.corrections.length])).toEqual([
      ["merged", 0],
      ["merged", 0],
    ]);
  });

  it("in a roll call other sources share, a correction changes the stored vote and the disagreements follow", () => {
    const [v2] = kysely.results[3]!;
    expect(v2!.outcome).toBe("updated");
    expect(v2!.corrections).toEqual([{ rollCallId: 0, memberId: "USA", before: "Y", after: "A" }]);
    // The research data said A all along: no longer a disagreement. The starter's N still is.
    expect(
      v2!.conflicts.map((c) => [c.memberId, c.keptSource, c.keptVote, c.otherSource, c.otherVote]),
    ).toEqual([["USA", "undl-ga", "A", "starter", "N"]]);
    // No longer listed by the UN DL: the next most trusted source's vote stands, without a disagreement.
    const [v3] = kysely.results[4]!;
    expect(v3!.corrections).toEqual([{ rollCallId: 0, memberId: "USA", before: "A", after: "N" }]);
    expect(v3!.conflicts).toEqual([]);
    expect(kysely.votes["77 9000101 ga-es11-7"]!.USA).toBe("N");
    expect(kysely.conflicts.filter((c) => c.startsWith("USA "))).toEqual([]);
  });

  it("makes up no disagreement with a source that gave no vote", () => {
    expect(kysely.results[5]!.map((r) => [r.outcome, r.conflicts.length])).toEqual([["merged", 0]]);
    const [v2] = kysely.results[6]!;
    expect(v2!.corrections).toEqual([{ rollCallId: 0, memberId: "DEU", before: "Y", after: "A" }]);
    expect(v2!.conflicts).toEqual([]);
    expect(kysely.votes["9000106 ga-es11-6"]).toEqual({ USA: "N", DEU: "A", FRA: "Y" });
  });

  it("stores and reports the same on the SQLite bulk path", async () => {
    expect(await runOn("sqlite")).toEqual(kysely);
  });

  it.skipIf(!postgresUrl())("stores and reports the same on the PostgreSQL bulk path", async () => {
    expect(await runOn("postgres")).toEqual(kysely);
  });
});
