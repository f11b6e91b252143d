/**
 * Coverage: the rules on small hand-made records (each kind of gap, and none where there is none), then
 * the whole record from ../shared/data on both stores — the gaps the issue names must be named.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { storeKinds, type StoreKind, suiteStore } from "../test/tempStore.js";
import { computeCoverage, gapsWithin, storeCoverage, type Coverage } from "./coverage.js";
import { importFiles } from "./import/index.js";
import type { CoverageRow } from "./store/read.js";

const SHARED = path.resolve(process.cwd(), "../shared/data");

let nextId = 1;
function row(partial: Partial<CoverageRow> & Pick<CoverageRow, "body" | "date">): CoverageRow {
  return {
    id: nextId++,
    session: null,
    symbol: null,
    draftSymbol: null,
    kind: "resolution",
    modality: "recorded",
    complete: true,
    outcome: "adopted",
    sources: ["unxml"],
    disputed: false,
    ...partial,
  };
}

describe("coverage rules", () => {
  it("names nothing for a record listed in full, recent and complete", () => {
    const rows = [1, 2, 3].map((n) =>
      row({ body: "GA", date: `2025-10-0${n}`, session: "80", symbol: `A/RES/80/${n}` }),
    );
    const coverage = computeCoverage(rows, "2025-10-20");
    expect(coverage.gaps).toEqual([]);
    expect(coverage.years).toEqual([
      expect.objectContaining({ body: "GA", year: 2025, rollCalls: 3, complete: 3, bySource: { unxml: 3 } }),
    ]);
  });

  it("names missing resolution numbers where a source lists every resolution, and only there", () => {
    const listed = [1, 2, 5].map((n) =>
      row({ body: "GA", date: `2025-10-0${n}`, session: "80", symbol: `A/RES/80/${n}` }),
    );
    const research = [1, 7].map((n) =>
      row({
        body: "GA",
        date: `2018-10-0${n}`,
        session: "73",
        symbol: `A/RES/73/${n}`,
        sources: ["unvotes"],
      }),
    );
    const gaps = computeCoverage([...research, ...listed], "2025-10-20").gaps.filter(
      (g) => g.kind === "missing-numbers",
    );
    expect(gaps).toEqual([expect.objectContaining({ refs: ["A/RES/80/3", "A/RES/80/4"] })]);
  });

  it("names a session's silent months and the months since the last update", () => {
    const rows = [
      row({ body: "GA", date: "2019-12-27", session: "74", symbol: "A/RES/74/1" }),
      row({ body: "GA", date: "2020-09-21", session: "75", symbol: "A/RES/75/1" }),
      row({ body: "GA", date: "2021-09-01", session: "75", symbol: "A/RES/75/2" }),
    ];
    const gaps = computeCoverage(rows, "2026-12-02").gaps;
    expect(gaps.map((g) => [g.kind, g.from, g.to])).toEqual([
      ["silent-period", "2019-12-27", "2020-09-21"],
      ["since", "2021-09-01", "2026-12-02"],
    ]);
  });

  it("names the Council's years known only where vetoed, empty years inside, and roll calls known in part", () => {
    const rows = [
      row({
        body: "SC",
        date: "1990-05-31",
        kind: "draft",
        outcome: "vetoed",
        complete: false,
        sources: ["unsc-vetoes"],
      }),
      row({
        body: "SC",
        date: "1993-05-11",
        kind: "draft",
        outcome: "vetoed",
        complete: false,
        sources: ["unsc-vetoes"],
      }),
      row({ body: "SC", date: "2000-01-13", symbol: "S/RES/1285 (2000)" }),
      row({ body: "SC", date: "2000-01-14", symbol: "S/RES/1286 (2000)", complete: false, disputed: true }),
    ];
    const gaps = computeCoverage(rows, "2000-01-20").gaps;
    const scope = gaps.find((g) => g.kind === "scope")!;
    expect([scope.from, scope.to]).toEqual(["1990-01-01", "1999-12-31"]);
    expect(scope.detail).toMatch(/only vetoed drafts .* none in 1991–1992, 1994–1999/);
    expect(gaps.find((g) => g.kind === "partial")!.refs).toEqual(["S/RES/1286 (2000)"]);
  });

  it("picks the gaps a figure spans", () => {
    const coverage: Coverage = computeCoverage(
      [
        row({ body: "GA", date: "2019-12-27", session: "74", symbol: "A/RES/74/1" }),
        row({ body: "GA", date: "2020-09-21", session: "75", symbol: "A/RES/75/1" }),
      ],
      "2020-09-30",
    );
    expect(gapsWithin(coverage, { body: "GA", from: "2020-01-01", to: "2020-12-31" })).toHaveLength(1);
    expect(gapsWithin(coverage, { body: "GA", from: "2021-01-01" })).toHaveLength(0);
    expect(gapsWithin(coverage, { body: "SC" })).toHaveLength(0);
  });
});

describe.each(storeKinds())("the coverage of the whole record (%s store)", (kind: StoreKind) => {
  const temp = suiteStore({ kind });
  let coverage: Coverage;

  beforeAll(async () => {
    await importFiles(temp.store, [
      path.join(SHARED, "unvotes"),
      path.join(SHARED, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv"),
      path.join(SHARED, "unxml"),
    ]);
    coverage = await storeCoverage(temp.store, "2026-12-02");
  }, 300_000);

  const gap = (pattern: RegExp) => coverage.gaps.find((g) => pattern.test(`${g.label} ${g.detail}`));

  it("spans 1946 to 2026 for both bodies, every year present", () => {
    expect(coverage.bodies.map((b) => [b.body, b.first.slice(0, 4), b.last])).toEqual([
      ["GA", "1946", "2026-06-04"],
      ["SC", "1946", "2026-06-29"],
    ]);
    for (const body of ["GA", "SC"]) {
      const years = coverage.years.filter((y) => y.body === body).map((y) => y.year);
      expect(years).toEqual(Array.from({ length: 2026 - 1946 + 1 }, (_, i) => 1946 + i));
    }
    // The Council's 2024 as the files hold it (counted here from the raw files): its resolutions (45 of
    // the 46: 2762 is missing) and its failed drafts.
    const resolutions = new Set(
      gunzipSync(readFileSync(path.join(SHARED, "unxml/sc/2024.json.gz")))
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { symbol: string }).symbol),
    ).size;
    const drafts = readdirSync(path.join(SHARED, "unxml/sc-not-adopted")).filter((f) =>
      f.startsWith("S_2024"),
    ).length;
    expect([resolutions, drafts]).toEqual([45, 8]);
    expect(coverage.years.find((y) => y.body === "SC" && y.year === 2024)).toMatchObject({
      rollCalls: resolutions + drafts,
      bySource: { unxml: resolutions + drafts },
    });
  });

  it("names the gaps: January–September 2020, ES-11/7 and ES-11/8 in part, the Council before 2000", () => {
    expect(gap(/Session 74 is listed in full only until 27 December 2019/)).toMatchObject({
      kind: "silent-period",
      from: "2019-12-27",
    });
    expect(gap(/ES-11\/7/)!.refs).toEqual(expect.arrayContaining(["A/RES/ES-11/7", "A/RES/ES-11/8"]));
    expect(gap(/Security Council, 1946–1999: only vetoed drafts/)).toMatchObject({ kind: "scope" });
    expect(gap(/session 78: 2 resolutions missing/)!.refs).toEqual(["A/RES/78/258", "A/RES/78/327"]);
    expect(gap(/S\/RES\/2762/)!.refs).toEqual(["S/RES/2762", "S/RES/2770", "S/RES/2772"]);
    expect(gap(/failed drafts, 8 July 2022 – 27 March 2023/)).toBeDefined();
    expect(gap(/General Assembly, since 4 June 2026/)).toMatchObject({ kind: "since" });
  });

  it("counts what was decided without a vote per session (as the files say)", () => {
    const y2021 = coverage.years.find((y) => y.body === "GA" && y.year === 2021)!;
    expect(y2021.withoutVote + y2021.voted).toBe(y2021.rollCalls);
    expect(y2021.withoutVote).toBeGreaterThan(y2021.voted);
  });
});
