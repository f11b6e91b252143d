/**
 * Blocs (dated memberships, blocs.json) and their cohesion.
 *
 * Cohesion of a bloc on one roll call, among the bloc members that voted Y, N or A on it (at least two):
 * - `agreementIndex` — Hix, Noury & Roland's Agreement Index, AI = (max − (total − max) / 2) ÷ total where
 *   max is the largest of the Y, N, A counts: 1 when all vote alike, 0 for an even three-way split;
 * - `majorityShare` — the share voting with the bloc's plurality (max ÷ total).
 * A period's figures are the unweighted means over its roll calls.
 *
 * Defectors: on a roll call where the bloc has a strict plurality vote, a member voting otherwise
 * (Y, N or A, but not that vote) defects. `rate` = defections ÷ roll calls counted; members with fewer
 * than `minVotes` counted roll calls are left out. A member counts only while it belongs to the bloc.
 */
import { PlenaryError } from "../core/errors.js";
import type { VoteMatrix } from "./matrix.js";
import { periodMasks, type Period } from "./measures.js";
import {
  intersectMasks,
  maskColumns,
  maskWhere,
  selectionMask,
  type Selection,
  type SelectionMask,
} from "./selection.js";
import blocsFile from "./blocs.json" with { type: "json" };

export interface BlocMembership {
  id: string;
  /** First day of membership (ISO), null: from the start of the record. */
  from: string | null;
  /** Last day of membership (ISO, inclusive), null: still a member. */
  to: string | null;
  note?: string;
}

export interface BlocSource {
  /** The document: title, issuer, date. */
  title: string;
  /** Where to read it, when a stable address is known. */
  url?: string;
}

export interface Bloc {
  id: string;
  name: string;
  note?: string;
  sources: BlocSource[];
  members: BlocMembership[];
}

interface BlocsFile {
  blocs: Bloc[];
}

const BLOCS: readonly Bloc[] = (blocsFile as unknown as BlocsFile).blocs;

/** The blocs Plenary knows (blocs.json). */
export function listBlocs(): readonly Bloc[] {
  return BLOCS;
}

/** A bloc by id (case-insensitive); throws `NOT_FOUND`. */
export function getBloc(id: string): Bloc {
  const bloc = BLOCS.find((b) => b.id.toUpperCase() === id.toUpperCase());
  if (!bloc) {
    throw new PlenaryError("NOT_FOUND", `No bloc "${id}".`, {
      help: `Known blocs: ${BLOCS.map((b) => b.id).join(", ")}; or give a list of member ids.`,
      suggestions: BLOCS.map((b) => b.id),
    });
  }
  return bloc;
}

/** A bloc id, a user-defined list of member ids (members throughout), or a bloc object. */
export type BlocInput = string | readonly string[] | Bloc;

export function resolveBloc(input: BlocInput): Bloc {
  if (typeof input === "string") return getBloc(input);
  if (Array.isArray(input)) {
    const ids = input as readonly string[];
    return {
      id: "custom",
      name: ids.join(", "),
      sources: [],
      members: ids.map((id) => ({ id, from: null, to: null })),
    };
  }
  return input as Bloc;
}

/** Whether a membership covers an ISO date. */
export function coversDate(m: BlocMembership, date: string): boolean {
  return (m.from === null || date >= m.from) && (m.to === null || date <= m.to);
}

/** The bloc's members on a date. */
export function blocMembersOn(input: BlocInput, date: string): string[] {
  const bloc = resolveBloc(input);
  return [...new Set(bloc.members.filter((m) => coversDate(m, date)).map((m) => m.id))].sort();
}

export interface CohesionFigures {
  /** Roll calls where at least two bloc members voted. */
  rollCalls: number;
  /** Bloc members who voted at least once. */
  members: number;
  agreementIndex: number | null;
  majorityShare: number | null;
  /** Roll calls where every voting bloc member voted alike. */
  unanimous: number;
}

export interface Defector {
  id: string;
  /** Roll calls counted: the member voted and the bloc had a strict plurality. */
  votes: number;
  defections: number;
  rate: number;
}

export type CohesionPeriod = CohesionFigures & { session?: string; year?: number };

export interface BlocCohesion {
  bloc: string;
  name: string;
  /** Over the whole selection. */
  overall: CohesionFigures;
  periods: CohesionPeriod[];
  /** Highest defection rate first. */
  defectors: Defector[];
}

export interface BlocCohesionOptions {
  /** Periods (default session). */
  by?: Period;
  /** How many defectors (default 10). */
  top?: number;
  /** Least counted roll calls for a defector to be listed (default 10). */
  minVotes?: number;
}

interface Accumulator {
  rollCalls: number;
  ai: number;
  share: number;
  unanimous: number;
  voters: Set<number>;
}

function newAccumulator(): Accumulator {
  return { rollCalls: 0, ai: 0, share: 0, unanimous: 0, voters: new Set() };
}

function figures(acc: Accumulator): CohesionFigures {
  return {
    rollCalls: acc.rollCalls,
    members: acc.voters.size,
    agreementIndex: acc.rollCalls === 0 ? null : acc.ai / acc.rollCalls,
    majorityShare: acc.rollCalls === 0 ? null : acc.share / acc.rollCalls,
    unanimous: acc.unanimous,
  };
}

/** The bloc's rows in the matrix, each with the columns where it belonged to the bloc (within `base`). */
function blocRows(matrix: VoteMatrix, bloc: Bloc, base: SelectionMask): BlocRow[] {
  // A member may have several periods of membership.
  const periodsOf = new Map<string, BlocMembership[]>();
  for (const m of bloc.members) periodsOf.set(m.id, [...(periodsOf.get(m.id) ?? []), m]);
  const rows: BlocRow[] = [];
  for (const [id, periods] of periodsOf) {
    const row = matrix.indexOfMember(id);
    if (row < 0) continue;
    const mask = maskWhere(matrix, (rc) => periods.some((p) => coversDate(p, rc.date)));
    rows.push({ row, mask: intersectMasks(mask, base) });
  }
  return rows;
}

interface BlocRow {
  row: number;
  mask: SelectionMask;
}

/**
 * The votes of the bloc's members on column `c`: fills `cast` (per row: 0 none, 1 Y, 2 N, 3 A) and
 * returns the counts of Y, N and A.
 */
function castOn(
  matrix: VoteMatrix,
  rows: readonly BlocRow[],
  c: number,
  cast: Int8Array,
): [number, number, number] {
  let y = 0;
  let n = 0;
  let a = 0;
  const word = c >>> 5;
  const bit = 1 << (c & 31);
  for (let r = 0; r < rows.length; r++) {
    cast[r] = 0;
    if ((rows[r]!.mask.bits[word]! & bit) === 0) continue;
    const v = matrix.voteAt(rows[r]!.row, c);
    if (v === "Y") {
      y++;
      cast[r] = 1;
    } else if (v === "N") {
      n++;
      cast[r] = 2;
    } else if (v === "A") {
      a++;
      cast[r] = 3;
    }
  }
  return [y, n, a];
}

/** Cohesion of a bloc per period over a selection, and its most frequent defectors. */
export function blocCohesion(
  matrix: VoteMatrix,
  input: BlocInput,
  selection: Selection = {},
  options: BlocCohesionOptions = {},
): BlocCohesion {
  const bloc = resolveBloc(input);
  const by = options.by ?? "session";
  const top = options.top ?? 10;
  const minVotes = options.minVotes ?? 10;
  const base = selectionMask(matrix, selection);
  const rows = blocRows(matrix, bloc, base);
  const { keys, masks } = periodMasks(matrix, by);
  const periodOfColumn = new Int32Array(matrix.rollCalls.length).fill(-1);
  masks.forEach((mask, k) => {
    for (const c of maskColumns(mask)) periodOfColumn[c] = k;
  });
  const overall = newAccumulator();
  const perPeriod = keys.map(() => newAccumulator());
  const votes = new Int32Array(rows.length);
  const defections = new Int32Array(rows.length);
  const cast = new Int8Array(rows.length); // 0 none, 1 Y, 2 N, 3 A
  for (const c of maskColumns(base)) {
    const [y, n, a] = castOn(matrix, rows, c, cast);
    const total = y + n + a;
    if (total < 2) continue;
    const max = Math.max(y, n, a);
    const ai = (max - (total - max) / 2) / total;
    const share = max / total;
    const k = periodOfColumn[c]!;
    for (const acc of k >= 0 ? [overall, perPeriod[k]!] : [overall]) {
      acc.rollCalls++;
      acc.ai += ai;
      acc.share += share;
      if (max === total) acc.unanimous++;
      for (let r = 0; r < rows.length; r++) if (cast[r] !== 0) acc.voters.add(r);
    }
    // Strict plurality.
    const winners = (y === max ? 1 : 0) + (n === max ? 1 : 0) + (a === max ? 1 : 0);
    if (winners !== 1) continue;
    const plurality = y === max ? 1 : n === max ? 2 : 3;
    for (let r = 0; r < rows.length; r++) {
      if (cast[r] === 0) continue;
      votes[r]!++;
      if (cast[r] !== plurality) defections[r]!++;
    }
  }
  const periods: CohesionPeriod[] = [];
  keys.forEach((key, k) => {
    const acc = perPeriod[k]!;
    if (acc.rollCalls === 0) return;
    periods.push(by === "year" ? { year: Number(key), ...figures(acc) } : { session: key, ...figures(acc) });
  });
  const defectors: Defector[] = [];
  rows.forEach(({ row }, r) => {
    if (votes[r]! < minVotes) return;
    defectors.push({
      id: matrix.members[row]!,
      votes: votes[r]!,
      defections: defections[r]!,
      rate: defections[r]! / votes[r]!,
    });
  });
  defectors.sort((x, y) => y.rate - x.rate || y.defections - x.defections || (x.id < y.id ? -1 : 1));
  return {
    bloc: bloc.id,
    name: bloc.name,
    overall: figures(overall),
    periods,
    defectors: defectors.slice(0, top),
  };
}

/** One roll call where a bloc did not vote as one. */
export interface BlocSplit {
  rollCallId: number;
  date: string;
  /** Bloc members voting yes, no, abstaining (members on the day only). */
  yes: number;
  no: number;
  abstain: number;
  agreementIndex: number;
  /** The bloc's strict plurality vote; null when two votes tie for the most. */
  plurality: "Y" | "N" | "A" | null;
  /** The members who voted otherwise than the plurality (every voting member when there is none). */
  minority: { id: string; vote: "Y" | "N" | "A" }[];
}

const VOTE_OF_CAST = [null, "Y", "N", "A"] as const;

/**
 * The roll calls where a bloc did not vote as one, newest first, at most `limit`: at least two of its
 * members (members on the day) voted Y, N or A, and not all alike — exactly the roll calls that
 * `blocCohesion` counts and does not count as unanimous.
 */
export function blocSplits(
  matrix: VoteMatrix,
  input: BlocInput,
  selection: Selection = {},
  limit = 50,
): BlocSplit[] {
  const bloc = resolveBloc(input);
  const base = selectionMask(matrix, selection);
  const rows = blocRows(matrix, bloc, base);
  const cast = new Int8Array(rows.length);
  const columns = maskColumns(base);
  const splits: BlocSplit[] = [];
  for (let i = columns.length - 1; i >= 0 && splits.length < limit; i--) {
    const c = columns[i]!;
    const [y, n, a] = castOn(matrix, rows, c, cast);
    const total = y + n + a;
    const max = Math.max(y, n, a);
    if (total < 2 || max === total) continue;
    const winners = (y === max ? 1 : 0) + (n === max ? 1 : 0) + (a === max ? 1 : 0);
    const plurality = winners !== 1 ? null : y === max ? "Y" : n === max ? "N" : "A";
    const minority: BlocSplit["minority"] = [];
    rows.forEach(({ row }, r) => {
      const vote = VOTE_OF_CAST[cast[r]!] ?? null;
      if (vote !== null && vote !== plurality) minority.push({ id: matrix.members[row]!, vote });
    });
    const rc = matrix.rollCalls[c]!;
    splits.push({
      rollCallId: rc.id,
      date: rc.date,
      yes: y,
      no: n,
      abstain: a,
      agreementIndex: (max - (total - max) / 2) / total,
      plurality,
      minority,
    });
  }
  return splits;
}
