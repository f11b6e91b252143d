/**
 * The catalog: every roll call as a light row in memory (no member votes), with its tally, its outcome
 * (recorded, or decided by the rules from a complete record) and two measures the site ranks by:
 *
 * - closeness: the margin to the threshold, `yes − required` (required: the yes votes the rules needed
 *   given those present and voting) — 0 or ±1 is a knife-edge vote;
 * - divisiveness: the share of no and abstain among the votes cast, `(no + abstain) ÷ (yes + no + abstain)`.
 *
 * Built once per data version (the vote matrix supplies the votes of complete records, so no votes are
 * read twice); it backs the home page, search filters and facets, and the related-vote lists.
 */
import type { Body, Modality, RecordedOutcome, RollCallKind } from "../../core/rollCall.js";
import { recordOutcome, type Undecided } from "../../data/recordOutcome.js";
import { datePrecisionOf, type DatePrecision } from "../../data/approximations.js";
import { permanentMembersOn } from "../../core/council/index.js";
import type { MemberVote } from "../../core/vote.js";
import type { VoteMatrix } from "../../analysis/matrix.js";
import { electorate, rollCallRef, type TallyView } from "../../data/rollCallView.js";
import type { RollCallColumn, Store, StoredRollCallRow } from "../../data/store/index.js";
import { readDerived, writeDerived, type DerivedKind } from "../../analysis/derived.js";

export interface CatalogEntry {
  id: number;
  ref: string;
  symbol: string | null;
  draftSymbol: string | null;
  body: Body;
  session: string | null;
  date: string;
  /** `month` where the source gives the month, not the day (approximations.ts). */
  datePrecision: DatePrecision;
  kind: RollCallKind;
  title: string;
  description: string | null;
  parentId: number | null;
  procedural: boolean;
  importantVote: boolean;
  complete: boolean;
  sequence: number;
  issues: string[];
  tally: TallyView;
  outcome: RecordedOutcome | null;
  outcomeSource: "record" | "derived" | null;
  /** Why the rules could not decide it (the same reason as the vote page's); null when they did. */
  undecided: Undecided | null;
  /** Yes votes the rules required; null when the vote cannot be decided from the record. */
  required: number | null;
  /** yes − required; null when undecidable. */
  margin: number | null;
  /** (no + abstain) ÷ votes cast; null without a tally. */
  divisiveness: number | null;
  /** Permanent members whose no vote vetoed it. */
  vetoedBy: string[];
}

/** A roll call as a list of votes shows it (the catalog's fields, the outcome as a word). */
export type ListedRollCall = Pick<
  CatalogEntry,
  "id" | "ref" | "symbol" | "title" | "date" | "datePrecision"
> & {
  outcome: string | null;
};

export const ISSUE_LABELS: Record<string, string> = {
  me: "Palestinian conflict",
  nu: "Nuclear weapons and nuclear material",
  di: "Arms control and disarmament",
  hr: "Human rights",
  co: "Colonialism",
  ec: "Economic development",
};

export class Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Newest first (date, sequence, id descending). */
  readonly newestFirst: readonly CatalogEntry[];
  private readonly byId: Map<number, CatalogEntry>;
  private readonly childrenOf = new Map<number, CatalogEntry[]>();
  readonly sessions: readonly string[];
  readonly latestDate: string | null;

  constructor(entries: CatalogEntry[]) {
    this.entries = entries;
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.newestFirst = [...entries].sort((a, b) =>
      a.date < b.date ? 1 : a.date > b.date ? -1 : b.sequence - a.sequence || b.id - a.id,
    );
    for (const e of entries) {
      if (e.parentId === null) continue;
      const list = this.childrenOf.get(e.parentId) ?? [];
      list.push(e);
      this.childrenOf.set(e.parentId, list);
    }
    const first = new Map<string, string>();
    for (const e of entries) {
      if (e.session === null) continue;
      const seen = first.get(e.session);
      if (!seen || e.date < seen) first.set(e.session, e.date);
    }
    this.sessions = [...first.entries()].sort((a, b) => (a[1] < b[1] ? 1 : -1)).map(([s]) => s);
    this.latestDate = this.newestFirst[0]?.date ?? null;
  }

  get(id: number): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  children(id: number): CatalogEntry[] {
    return this.childrenOf.get(id) ?? [];
  }

  get size(): number {
    return this.entries.length;
  }
}

/** The votes the matrix holds for one roll call (Y, N, A; non-voting is not stored). */
export function columnVotes(matrix: VoteMatrix, rollCallId: number): Map<string, MemberVote> {
  const votes = new Map<string, MemberVote>();
  const c = matrix.columnOf(rollCallId);
  if (c < 0) return votes;
  const word = c >>> 6;
  for (let m = 0; m < matrix.members.length; m++) {
    if (word < matrix.activeFrom[m]! || word >= matrix.activeTo[m]!) continue;
    const v = matrix.voteAt(m, c);
    if (v !== "X") votes.set(matrix.members[m]!, v);
  }
  return votes;
}

/**
 * The columns of a roll call's row the catalog reads: not the long texts it does not show (agenda,
 * notes, subjects …), which would make reading the whole record several times slower.
 */
export const CATALOG_COLUMNS = [
  "body",
  "session",
  "date",
  "symbol",
  "draft_symbol",
  "parent_id",
  "kind",
  "title",
  "description",
  "procedural",
  "important_question",
  "important_vote",
  "modality",
  "tally_yes",
  "tally_no",
  "tally_abstain",
  "tally_non_voting",
  "recorded_outcome",
  "complete",
  "sequence",
] as const satisfies readonly RollCallColumn[];

/** A roll call's row as the catalog reads it. */
export type CatalogRow = Pick<StoredRollCallRow, "id" | (typeof CATALOG_COLUMNS)[number]>;

/** One row of the catalog from a store row, its sources and the matrix (exported for tests). */
export function catalogEntry(
  row: CatalogRow,
  issues: string[],
  matrix: VoteMatrix,
  sources: string[] = [],
): CatalogEntry {
  const body = row.body as Body;
  const complete = row.complete === 1;
  const official = {
    yes: row.tally_yes,
    no: row.tally_no,
    abstain: row.tally_abstain,
    nonVoting: row.tally_non_voting,
  };
  const votes = columnVotes(matrix, row.id);
  let tally: TallyView = { ...official };
  if ((official.yes === null || official.no === null || official.abstain === null) && complete) {
    let yes = 0;
    let no = 0;
    let abstain = 0;
    for (const v of votes.values()) {
      if (v === "Y") yes++;
      else if (v === "N") no++;
      else if (v === "A") abstain++;
    }
    let entitled = yes + no + abstain;
    try {
      entitled = electorate(body, row.date).length;
    } catch {
      // A date outside the Council data: non-voting stays unknown below.
    }
    tally = { yes, no, abstain, nonVoting: Math.max(0, entitled - yes - no - abstain) };
  }
  const result = recordOutcome({
    body,
    date: row.date,
    procedural: row.procedural === 1,
    importantQuestion: row.important_question === null ? null : row.important_question === 1,
    modality: row.modality as Modality,
    officialTally: official,
    recordedOutcome: row.recorded_outcome as RecordedOutcome | null,
    complete,
    votes,
  });
  const decision = result.decision;
  const required = decision?.required ?? null;
  const margin = decision ? decision.yes - decision.required : null;
  const vetoedBy = decision?.vetoedBy ?? [];
  const cast =
    tally.yes !== null && tally.no !== null && tally.abstain !== null
      ? tally.yes + tally.no + tally.abstain
      : 0;
  const recorded = row.recorded_outcome as RecordedOutcome | null;
  const names = { id: row.id, symbol: row.symbol, draftSymbol: row.draft_symbol };
  return {
    id: row.id,
    ref: rollCallRef(names),
    symbol: row.symbol,
    draftSymbol: row.draft_symbol,
    body,
    session: row.session,
    date: row.date,
    datePrecision: datePrecisionOf(
      row.date,
      sources.map((source) => ({ source })),
    ),
    kind: row.kind as RollCallKind,
    title: row.title,
    description: row.description,
    parentId: row.parent_id,
    procedural: row.procedural === 1,
    importantVote: row.important_vote === 1,
    complete,
    sequence: row.sequence,
    issues,
    tally,
    outcome: result.outcome,
    outcomeSource: result.outcomeSource,
    undecided: result.undecided,
    required,
    margin,
    divisiveness: cast > 0 ? (tally.no! + tally.abstain!) / cast : null,
    vetoedBy: recorded === "vetoed" && !vetoedBy.length ? permanentNoes(votes, row.date) : vetoedBy,
  };
}

/** Permanent members voting no on a Council roll call the record says was vetoed. */
function permanentNoes(votes: Map<string, MemberVote>, date: string): string[] {
  try {
    const permanent = permanentMembersOn(date);
    return [...votes].filter(([m, v]) => v === "N" && permanent.includes(m)).map(([m]) => m);
  } catch {
    return [];
  }
}

/** The catalog in the analysis cache: the code that derives it (the rules decide every outcome). */
export const CATALOG: DerivedKind = {
  key: "catalog",
  format: 1,
  code: [
    "web/pageData/catalog",
    "data/rollCallView",
    "core/rules",
    "core/council",
    "core/members",
    "core/rollCall",
    "core/vote",
    "core/dates",
    "core/symbols",
  ],
};

/**
 * The catalog of the data the matrix holds (data version `dataVersion`): from the analysis cache when
 * it holds it, else derived — deciding every roll call by the rules takes about a second for the whole
 * record — and stored for the next server. Derived only from rows of the matrix's own data version.
 */
export async function loadCatalogCached(
  store: Store,
  matrix: VoteMatrix,
  dataVersion: number,
): Promise<{ catalog: Catalog; source: "snapshot" | "store" }> {
  const stored = await readDerived(store, CATALOG, dataVersion);
  if (stored.content)
    return { catalog: new Catalog(stored.content.json as CatalogEntry[]), source: "snapshot" };
  const { rows, issuesById, sources, version } = await store.readConsistently(async (reads, version) => ({
    rows: await reads.rollCallRows({ columns: CATALOG_COLUMNS, order: "id" }),
    issuesById: await reads.issuesByRollCall(),
    sources: await reads.sourcesByRollCall(),
    version,
  }));
  const entries = rows.map((row) =>
    catalogEntry(row, (issuesById.get(row.id) ?? []).sort(), matrix, sources.get(row.id) ?? []),
  );
  // Rows of another version than the matrix (an import committed in between) are not stored: the
  // server notices the new version and derives both again.
  if (version === dataVersion) await writeDerived(store, CATALOG, dataVersion, entries);
  return { catalog: new Catalog(entries), source: "store" };
}
