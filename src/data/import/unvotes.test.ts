/**
 * The whole research dataset (../shared/data/unvotes), imported once into a fresh store — SQLite, and
 * PostgreSQL where the suite's server runs (its COPY bulk path) — and shared by the tests of each run
 * (they run in order: the last ones add the official record).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { getMember, membersOn, nameOn } from "../../core/members/index.js";
import type { Store } from "../store/index.js";
import { storeKinds, suiteStore } from "../../test/tempStore.js";
import { importFiles, type ImportReport } from "./index.js";
import { unresSymbol } from "./unvotes.js";
import { storeDb } from "../../test/storeDb.js";

const DATA = path.resolve(process.cwd(), "../shared/data");
const UNVOTES = path.join(DATA, "unvotes");

describe.each(storeKinds())("importing the unvotes research dataset (%s)", (kind) => {
  const temp = suiteStore({ kind, seed: false });
  let dir: string;
  let store: Store;
  let first: ImportReport;

  beforeAll(async () => {
    ({ store, dir } = temp);
    first = await importFiles(store, [UNVOTES]);
  });

  it("stores 6,203 roll calls and 870,109 votes, every member code resolved", async () => {
    expect(first.rollCalls).toMatchObject({
      read: 6203,
      added: 6203,
      updated: 0,
      unchanged: 0,
      merged: 0,
      skipped: 0,
    });
    expect(first.votes).toEqual({ read: 870109, written: 870109 });
    expect(await store.count()).toBe(6203);
    expect(await store.votesCount()).toBe(870109);
    expect(first.problems.skipped).toBe(0);
    expect(first.problems.byKind["unknown-member"]).toBeUndefined();
    expect(first.problems.byKind["code-name-mismatch"]).toBeUndefined();
    // Every stored member id is a known member.
    const ids = await storeDb(store).selectFrom("votes").select("member_id").distinct().execute();
    expect(ids.filter((r) => !getMember(r.member_id))).toEqual([]);
  });

  it("reads NA as Namibia, maps empty codes by name and keeps historical states", async () => {
    const count = async (member: string) =>
      Number(
        (
          await storeDb(store)
            .selectFrom("votes")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("member_id", "=", member)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("NAM")).toBeGreaterThan(1000);
    // "Federal Republic of Germany" (no code) is Germany's seat; "Yemen Arab Republic" (no code) Yemen's.
    const rows = gunzipSync(readFileSync(path.join(UNVOTES, "un_votes.csv.gz")))
      .toString("utf8")
      .split("\n");
    const named = (...names: string[]) =>
      rows.filter((r) => names.some((n) => r.includes(`,"${n}",`))).length;
    expect(named("Federal Republic of Germany")).toBe(895 + 399 + 857);
    expect(await count("DEU")).toBe(named("Federal Republic of Germany", "Germany"));
    expect(await count("YEM")).toBe(named("Yemen Arab Republic", "Yemen"));
    for (const historical of ["DDR", "YMD", "CSK", "TWN"])
      expect(await count(historical), historical).toBeGreaterThan(100);
    expect(await count("ZAN")).toBe(2);
  });

  it("reports the source's dating quirks as warnings, with file, line and field", () => {
    const outside = first.problems.items.filter((p) => p.kind === "vote-outside-membership");
    expect(outside.length).toBe(first.problems.byKind["vote-outside-membership"]);
    expect(outside.length).toBeGreaterThan(0);
    for (const p of outside) {
      expect(p.severity).toBe("warning");
      expect(p.file).toMatch(/un_votes\.csv\.gz$/);
      expect(p.line).toBeGreaterThan(1);
      expect(p.field).toBe("date");
    }
    // Switzerland's vote on A/RES/57/5, dated by the source a week before its admission.
    expect(outside.some((p) => p.key === "4372" && p.message.startsWith("CHE"))).toBe(true);
  });

  it("finds A/RES/74/19 (research symbol R/74/19 … and A/RES/74/19), complete, with its issue codes", async () => {
    expect(unresSymbol("R/74/19")).toBe("A/RES/74/19");
    const [rc] = await store.findBySymbol("A/RES/74/19");
    expect(rc).toBeDefined();
    expect(rc!.kind).toBe("resolution");
    expect(rc!.complete).toBe(true);
    expect(rc!.date).toBe("2019-12-10");
    expect(rc!.sources).toEqual([expect.objectContaining({ source: "unvotes", sourceKey: "9147" })]);
    const full = await store.get(rc!.id);
    // Complete: members of the UN that day without a row did not vote (they are not filled in).
    expect(full!.votes.size).toBeLessThanOrEqual(membersOn("2019-12-10").length);
    expect(full!.votes.size).toBeGreaterThan(100);
  });

  it("keeps amendments, paragraph votes, issue codes and the important-vote flag", async () => {
    const kinds = await storeDb(store)
      .selectFrom("roll_calls")
      .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("kind")
      .execute();
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    // amend=1 → amendment (311 rows, with or without para); para=1 alone → paragraph (834).
    expect(byKind.amendment).toBe(130 + 157 + 24);
    expect(byKind.paragraph).toBe(470 + 364);
    const important = await store.count();
    expect(important).toBe(6203);
    const flagged = await storeDb(store)
      .selectFrom("roll_calls")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("important_vote", "=", 1)
      .executeTakeFirstOrThrow();
    expect(Number(flagged.n)).toBe(411);
    const issues = await storeDb(store)
      .selectFrom("roll_call_issues")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(issues.n)).toBe(5745);
    // Amendments point at the vote on the whole text of their resolution.
    const linked = await storeDb(store)
      .selectFrom("roll_calls as c")
      .innerJoin("roll_calls as p", "p.id", "c.parent_id")
      .select(["c.symbol_key as child", "p.symbol_key as parent", "p.kind as parentKind"])
      .execute();
    expect(linked.length).toBeGreaterThan(250);
    for (const l of linked) {
      expect(l.parent).toBe(l.child);
      expect(l.parentKind).toBe("resolution");
    }
  });

  it("changes nothing when the same data is imported again", async () => {
    const version = await store.dataVersion();
    const again = await importFiles(store, [UNVOTES]);
    expect(again.rollCalls).toMatchObject({ read: 6203, added: 0, updated: 0, unchanged: 6203, merged: 0 });
    expect(again.votes.written).toBe(0);
    expect(again.changed).toBe(false);
    expect(await store.dataVersion()).toBe(version);
    expect(await store.votesCount()).toBe(870109);
    const imports = await store.importLog();
    expect(imports.map((i) => i.id)).toEqual([again.importId, first.importId]);
    expect(imports[0]!.report).toMatchObject({ rollCalls: { unchanged: 6203 } });
  });

  it("reconciles the official record of A/RES/74/19 with the research data: one roll call, two provenances, the official vote kept", async () => {
    // The official UN DL GA file for this resolution, written from the research data's own rows (every
    // member of the UN that day: non-voting as X) with one member's vote changed, to make a conflict.
    const [rc] = await store.findBySymbol("A/RES/74/19");
    const research = (await store.get(rc!.id))!;
    const date = "2019-12-10";
    const changed = "USA";
    const researchVote = research.votes.get(changed)!;
    const officialVote = researchVote === "Y" ? "A" : "Y";
    const header =
      "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link";
    const members = membersOn(date);
    const votes = members.map(
      (m) => [m, m.id === changed ? officialVote : (research.votes.get(m.id) ?? "X")] as const,
    );
    const tally = (v: string) => `${votes.filter(([, x]) => x === v).length}.0`;
    const rows = votes.map(([m, v]) =>
      [
        "9000401",
        m.id,
        `"${nameOn(m, date).toUpperCase()}"`,
        v,
        date,
        "74",
        "A/RES/74/19",
        "A/74/L.22",
        "",
        "A/74/PV.44",
        '"Oceans and the law of the sea : resolution / adopted by the General Assembly"',
        '"Oceans and the law of the sea"',
        "LAW OF THE SEA",
        "",
        tally("Y"),
        tally("N"),
        tally("A"),
        tally("X"),
        `${members.length}.0`,
        "https://digitallibrary.un.org/record/9000401",
      ].join(","),
    );
    const file = path.join(dir, "ga-official.csv");
    writeFileSync(file, [header, ...rows].join("\n") + "\n");
    const report = await importFiles(store, [file]);
    expect(report.rollCalls).toMatchObject({ read: 1, merged: 1, added: 0 });
    expect(report.problems.byKind["tally-mismatch"]).toBeUndefined();
    expect(report.conflicts.count).toBe(1);
    expect(report.conflicts.items[0]).toMatchObject({
      rollCallId: rc!.id,
      symbol: "A/RES/74/19",
      memberId: changed,
      keptSource: "undl-ga",
      keptVote: officialVote,
      otherSource: "unvotes",
      otherVote: researchVote,
    });
    expect(await store.count()).toBe(6203);
    const [merged] = await store.findBySymbol("A/RES/74/19");
    expect(merged!.id).toBe(rc!.id);
    expect(merged!.sources.map((s) => s.source).sort()).toEqual(["undl-ga", "unvotes"]);
    // The official metadata wins, the research data's issue codes stay.
    expect(merged!.draftSymbol).toBe("A/74/L.22");
    expect(merged!.meeting).toBe("A/74/PV.44");
    expect(merged!.recordedOutcome).toBe("adopted");
    expect(merged!.issues).toEqual(rc!.issues);
    const stored = (await store.get(rc!.id))!;
    expect(stored.votes.get(changed)).toBe(officialVote);
    // Members without a research row are now X (non-voting), from the official file.
    expect(stored.votes.size).toBe(members.length);
    const conflicts = await store.conflicts();
    expect(conflicts).toEqual([
      expect.objectContaining({
        rollCallId: rc!.id,
        memberId: changed,
        keptSource: "undl-ga",
        otherSource: "unvotes",
      }),
    ]);

    // Importing the research data once more keeps the official vote and the one conflict.
    const again = await importFiles(store, [UNVOTES]);
    expect(again.rollCalls.unchanged).toBe(6203);
    expect((await store.get(rc!.id))!.votes.get(changed)).toBe(officialVote);
    expect(await store.countConflicts()).toBe(1);
  });
});
