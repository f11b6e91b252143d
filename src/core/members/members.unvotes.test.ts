/**
 * The member data against the real research data (../shared/data/unvotes): every (code, name) pair
 * resolves, and every vote falls inside its voter's membership except the listed dating quirks.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { getMember, isMemberOn, resolveMember, type Member } from "./index.js";
import { UNVOTES_DATING_QUIRKS } from "./fixtures/unvotesQuirks.js";
import { rawCsvRows } from "../../test/rawCsv.js";
import { required } from "../../test/require.js";

const DIR = path.resolve(process.cwd(), "../shared/data/unvotes");

function readCsvGz(file: string): Record<string, string>[] {
  return rawCsvRows(gunzipSync(readFileSync(path.join(DIR, file))).toString("utf8"), file);
}

interface Vote {
  rcid: number;
  code: string;
  country: string;
  date: string;
  session: number;
}

const available = required(
  "PLENARY_REQUIRE_SHARED_DATA",
  existsSync(path.join(DIR, "un_votes.csv.gz")),
  "The research data (../shared/data/unvotes)",
);

describe.skipIf(!available)("members against the unvotes data", () => {
  let votes: Vote[] = [];
  let dates = new Map<number, { date: string; session: number }>();

  beforeAll(() => {
    dates = new Map(
      readCsvGz("un_roll_calls.csv.gz").map((r) => [
        Number(r.rcid),
        { date: r.date as string, session: Number(r.session) },
      ]),
    );
    votes = readCsvGz("un_votes.csv.gz").map((r) => {
      const rcid = Number(r.rcid);
      const rollCall = dates.get(rcid);
      if (!rollCall) throw new Error(`vote on unknown roll call ${rcid}`);
      return { rcid, code: r.country_code as string, country: r.country as string, ...rollCall };
    });
  });

  it("reads every row", () => {
    expect(dates.size).toBe(6203);
    expect(votes).toHaveLength(870_109);
  });

  /** The member a row designates: by code (NA is Namibia, YU depends on the date), else by name. */
  const voter = (v: Vote): Member => resolveMember(v.code || v.country, { date: v.date });

  it("resolves every (code, name) pair, by code and by name alike", () => {
    const seen = new Map<string, Set<string>>();
    const disagreements = new Set<string>();
    for (const v of votes) {
      const byCode = voter(v);
      const byName = resolveMember(v.country, { date: v.date });
      if (byName !== byCode)
        disagreements.add(`${v.code} ${v.country} ${v.date}: ${byCode.id} ≠ ${byName.id}`);
      const key = `${v.code}|${v.country}`;
      const ids = seen.get(key) ?? new Set<string>();
      ids.add(byCode.id);
      seen.set(key, ids);
    }
    expect([...disagreements]).toEqual([]);
    const resolved = Object.fromEntries([...seen].map(([k, ids]) => [k, [...ids].sort().join(",")]));
    expect(Object.keys(resolved)).toHaveLength(200);
    // Codes are the member's own alpha-2, except Serbia's votes after 2000, still coded YU.
    for (const [key, ids] of Object.entries(resolved)) {
      const code = key.split("|")[0] as string;
      if (code === "" || code === "YU") continue;
      expect(getMember(ids)?.alpha2, key).toBe(code);
    }
    expect(resolved["NA|Namibia"]).toBe("NAM");
    expect(resolved["|Federal Republic of Germany"]).toBe("DEU");
    expect(resolved["|Yemen Arab Republic"]).toBe("YEM");
    expect(resolved["|Zanzibar"]).toBe("ZAN");
    expect(resolved["YU|Yugoslavia"]).toBe("SRB,YUG");
    expect(resolved["TW|Taiwan"]).toBe("TWN");
    expect(resolved["CS|Czechoslovakia"]).toBe("CSK");
    expect(resolved["RU|Russia"]).toBe("RUS");
    expect(resolved["DD|German Democratic Republic"]).toBe("DDR");
    expect(resolved["YD|Yemen People's Republic"]).toBe("YMD");
  });

  it("has no vote outside its voter's membership but the listed dating quirks, exactly", () => {
    const offenders = new Set<string>();
    for (const v of votes) {
      const m = voter(v);
      if (!isMemberOn(m, v.date)) offenders.add(`${m.id} session ${v.session} rcid ${v.rcid} (${v.date})`);
    }
    const expected = new Set<string>();
    for (const q of UNVOTES_DATING_QUIRKS) {
      for (const rcid of q.rcids) {
        const rollCall = dates.get(rcid);
        expect(rollCall?.session, `${q.member} rcid ${rcid}`).toBe(q.session);
        const key = `${q.member} session ${q.session} rcid ${rcid} (${rollCall?.date})`;
        expect(expected.has(key), `listed twice: ${key}`).toBe(false);
        expected.add(key);
      }
    }
    expect(
      [...offenders].filter((o) => !expected.has(o)),
      "votes outside membership, not listed",
    ).toEqual([]);
    expect(
      [...expected].filter((e) => !offenders.has(e)),
      "listed, but no longer outside membership",
    ).toEqual([]);
    expect(offenders.size).toBe(266);
  });

  it("has no quirk more than a session's few weeks before the admission", () => {
    // The quirks are dating noise: each roll call is in the admission's session, within 45 days before it.
    for (const q of UNVOTES_DATING_QUIRKS) {
      const m = getMember(q.member) as Member;
      for (const rcid of q.rcids) {
        const date = dates.get(rcid)?.date as string;
        const next = m.membership.find((p) => p.from > date);
        expect(next, `${q.member} ${rcid}`).toBeDefined();
        const days = (Date.parse(next?.from as string) - Date.parse(date)) / 86_400_000;
        expect(days, `${q.member} rcid ${rcid}`).toBeLessThanOrEqual(45);
      }
    }
  });

  it("finds no votes from South Africa while it was excluded, nor from Yugoslavia 1992–2000", () => {
    const inRange = (id: string, from: string, to: string) =>
      votes.filter((v) => voter(v).id === id && v.date >= from && v.date < to).length;
    expect(inRange("ZAF", "1975-01-01", "1994-01-01")).toBe(0);
    expect(inRange("YUG", "1992-10-01", "2000-11-01")).toBe(0);
    expect(inRange("SYR", "1958-03-01", "1961-10-01")).toBe(0);
    expect(inRange("IDN", "1965-02-01", "1966-09-01")).toBe(0);
  });
});
