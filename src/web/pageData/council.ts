/**
 * The Security Council as data: its composition each year 1946–2026 (src/core/council), the vetoes
 * cast per permanent seat and decade (no votes of permanent members on roll calls recorded as vetoed —
 * the store's veto query), and the drafts that failed, vetoed or short of votes.
 */
import { FIRST_COUNCIL_YEAR, LAST_COUNCIL_YEAR, SEAT_CHANGES, councilOn } from "../../core/council/index.js";
import { PlenaryError } from "../../core/errors.js";
import { permanentSeatOf, type SeatVetoes, type Store } from "../../data/store/index.js";
import { memberRef, type MemberRef } from "./names.js";
import type { Snapshot } from "./site.js";

export interface CompositionYear {
  year: number;
  size: number;
  threshold: number;
  permanent: MemberRef[];
  elected: MemberRef[];
  changes: { date: string; from: MemberRef; to: MemberRef; source: string }[];
}

export interface FailedDraft {
  id: number;
  ref: string;
  symbol: string | null;
  draftSymbol: string | null;
  title: string;
  date: string;
  kind: string;
  outcome: string;
  vetoedBy: MemberRef[];
  yes: number | null;
}

export interface CouncilView {
  composition: CompositionYear[];
  vetoes: {
    total: number;
    decades: string[];
    seats: (SeatVetoes & { byDecade: Record<string, number> })[];
  };
  failed: { total: number; page: number; pages: number; perPage: number; items: FailedDraft[] };
}

export function composition(): CompositionYear[] {
  const years: CompositionYear[] = [];
  for (let year = FIRST_COUNCIL_YEAR; year <= LAST_COUNCIL_YEAR; year++) {
    const date = `${year}-01-01`;
    const council = councilOn(date);
    years.push({
      year,
      size: council.size,
      threshold: council.threshold,
      permanent: council.permanent.map((id) => memberRef(id, date)),
      elected: council.elected
        .map((id) => memberRef(id, date))
        .sort((a, b) => a.name.localeCompare(b.name, "en")),
      changes: SEAT_CHANGES.filter((c) => c.date.startsWith(String(year))).map((c) => ({
        date: c.date,
        from: memberRef(c.from, c.date),
        to: memberRef(c.to, c.date),
        source: c.source,
      })),
    });
  }
  return years;
}

export function decadeOf(date: string): string {
  return `${date.slice(0, 3)}0s`;
}

export async function councilView(
  store: Store,
  snapshot: Snapshot,
  query: Record<string, unknown>,
): Promise<CouncilView> {
  const perPage = 50;
  const pageRaw = Number(query.page ?? 1);
  if (!Number.isInteger(pageRaw) || pageRaw < 1) {
    throw new PlenaryError("BAD_INPUT", `"${String(query.page)}" is not a page number.`, { field: "page" });
  }
  const [members, seats] = await Promise.all([store.vetoesPerMember(), store.vetoesPerSeat()]);
  // Per decade: the same N votes the seat totals count, dated from the catalog.
  const byDecade = new Map<string, Record<string, number>>();
  const decades = new Set<string>();
  for (const e of snapshot.catalog.entries) {
    if (e.body !== "SC" || e.outcome !== "vetoed") continue;
    for (const id of e.vetoedBy) {
      const seat = permanentSeatOf(id);
      const row = byDecade.get(seat) ?? {};
      const decade = decadeOf(e.date);
      row[decade] = (row[decade] ?? 0) + 1;
      decades.add(decade);
      byDecade.set(seat, row);
    }
  }
  const failedEntries = snapshot.catalog.newestFirst.filter(
    (e) => e.body === "SC" && (e.outcome === "vetoed" || e.outcome === "rejected"),
  );
  const pages = Math.max(1, Math.ceil(failedEntries.length / perPage));
  const page = Math.min(pageRaw, pages);
  const items = failedEntries.slice((page - 1) * perPage, page * perPage).map((e) => ({
    id: e.id,
    ref: e.ref,
    symbol: e.symbol,
    draftSymbol: e.draftSymbol,
    title: e.title,
    date: e.date,
    kind: e.kind,
    outcome: e.outcome!,
    vetoedBy: e.vetoedBy.map((id) => memberRef(id, e.date)),
    yes: e.tally.yes,
  }));
  return {
    composition: composition(),
    vetoes: {
      total: members.reduce((sum, m) => sum + m.vetoes, 0),
      decades: [...decades].sort(),
      seats: seats.map((s) => ({ ...s, byDecade: byDecade.get(s.seat) ?? {} })),
    },
    failed: { total: failedEntries.length, page, pages, perPage, items },
  };
}
