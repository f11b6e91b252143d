/**
 * The UN's machine-readable resolutions (DGACM, `UNxml/GAresolutions` and `UNxml/SCresolutions`): JSON
 * Lines, one adopted resolution per line, member votes as lists of names in capitals. Read per file (a
 * file is a session or a year: at most a few hundred lines), so that repeated records of one symbol can
 * be compared before one is kept. What each field becomes, and every quirk the data README lists:
 *
 * - `adoption_date` in three forms (ISO with a time, `7 October 2022`, a no-break space, `… in Nairobi`);
 *   a Council date whose year contradicts the symbol's (S/RES/2423 (2018) "29 June 2016") is a dispute,
 *   and the draft's date is kept where its year agrees with the symbol's.
 * - counts are strings (`"012"`, `""`, `"N.A."`): empty or N.A. beside a number means 0; none at all, no
 *   count. The lists, the counts and the Council's adoption text are reconciled by `decideTally`.
 * - `adoption_type`: `Without a vote`, `by acclamation` → modality without-vote, no votes (the Council's
 *   lists of "members in favour" of such texts, a convention of the files since 2011, are reported and
 *   not read as votes); `voting by mail` (2020–2021) → modality written-procedure; empty (four
 *   multi-part budget texts) → a note that the record does not say how it was adopted.
 * - members not listed did not vote: a roll call whose statements agree is complete.
 * - names: see unxmlNames.ts; an unknown name is a warning and the roll call stays incomplete.
 * - repeated records of a symbol (79.json, 80.json, sc/2026.json): the most informative copy is kept (lists
 *   that agree with the counts first), the others' differences reported.
 */
import path from "node:path";
import { councilOn } from "../../core/council/index.js";
import { membersOn } from "../../core/members/index.js";
import type { Body, Modality, SourceDispute, VoteNote } from "../../core/rollCall.js";
import { countVotes, type MemberVote } from "../../core/vote.js";
import type { RollCallRecord } from "../records.js";
import { readWrittenDate, textOrNull, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { daySequence } from "./readerParts.js";
import { readNameList } from "./unxmlNames.js";
import { decideTally, readAdoptionText, type Counts } from "./unxmlTally.js";

export const UNXML_CITATION = "United Nations (DGACM), machine-readable resolutions";

/** The fields read from a record (the rest — sponsors, SDGs, report paragraphs — is not stored). */
interface UnxmlLine {
  symbol?: unknown;
  title?: unknown;
  resolution_title?: unknown;
  adoption_date?: unknown;
  adoption_meeting?: unknown;
  adoption_type?: unknown;
  outcome?: unknown;
  pv?: unknown;
  outcome_letter?: unknown;
  originating_document?: unknown;
  draft_resolution?: unknown;
  draft_resolution_date?: unknown;
  committee?: unknown;
  agenda_item_name?: unknown;
  chapter_VII?: unknown;
  MS_in_favour_count?: unknown;
  MS_against_count?: unknown;
  MS_abstaining_count?: unknown;
  MS_in_favour?: unknown;
  MS_against?: unknown;
  MS_abstaining?: unknown;
  subjects?: unknown;
}

interface Line {
  line: number;
  data: UnxmlLine;
  /** The record as written, for telling copies apart. */
  text: string;
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The symbol with its spaces as one: `A/RES/75/290 A`, `S/RES/2768 (2025)`. */
const symbolOf = (data: UnxmlLine): string => str(data.symbol).replace(/\s+/g, " ").trim();

/** Per import: which file first gave each symbol (a symbol in two files is kept from the first). */
const seenByImport = new WeakMap<ImportContext, Map<string, string>>();

export async function* readUnxml(file: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const lines = await readLines(file, context);
  const seen = seenByImport.get(context) ?? new Map<string, string>();
  seenByImport.set(context, seen);
  const sequence = daySequence();
  for (const copies of groupBySymbol(lines, file, context)) {
    const symbol = symbolOf(copies[0]!.data);
    const earlier = seen.get(symbol);
    if (earlier) {
      context.problems.warn("duplicate-roll-call", `${symbol} is also in ${earlier}; kept that one`, {
        file,
        line: copies[0]!.line,
        field: "symbol",
        key: symbol,
      });
      continue;
    }
    seen.set(symbol, file);
    const record = toRecord(pickCopy(copies, file, context), file, context);
    if (!record) continue;
    record.sequence = sequence(record.date);
    yield record;
  }
  context.progress(file, 1, 1, true);
}

async function readLines(file: string, context: ImportContext): Promise<Line[]> {
  const input = openTextInput(file);
  const lines: Line[] = [];
  let rest = "";
  let number = 0;
  const take = (text: string) => {
    number++;
    if (!text.trim()) return;
    try {
      const data = JSON.parse(text) as unknown;
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
      lines.push({ line: number, data: data as UnxmlLine, text });
    } catch (error) {
      context.problems.reject("bad-row", `not a JSON object: ${(error as Error).message}`, {
        file,
        line: number,
      });
    }
  };
  for await (const chunk of input.chunks()) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const part of parts) take(part);
    context.progress(file, input.bytesRead(), input.size);
  }
  if (rest) take(rest);
  context.stats.rows += lines.length;
  return lines;
}

/** The lines of each symbol, in file order; a line without a symbol is a bad row. */
function groupBySymbol(lines: Line[], file: string, context: ImportContext): Line[][] {
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    const symbol = symbolOf(line.data);
    if (!symbol) {
      context.problems.reject("missing-symbol", "no symbol", { file, line: line.line, field: "symbol" });
      continue;
    }
    const group = groups.get(symbol);
    if (group) group.push(line);
    else groups.set(symbol, [line]);
  }
  return [...groups.values()];
}

const LIST_FIELDS = ["MS_in_favour", "MS_against", "MS_abstaining"] as const;

/** How much a copy tells: lists that agree with its counts first, then any lists, then its length. */
function copyScore(line: Line): number {
  const lengths = LIST_FIELDS.map((f) => new Set(list(line.data[f])).size);
  const counts = [
    line.data.MS_in_favour_count,
    line.data.MS_against_count,
    line.data.MS_abstaining_count,
  ].map((c) => Number(str(c)) || 0);
  const listed = lengths.some((n) => n > 0);
  const agrees = listed && lengths.every((n, i) => n === counts[i]);
  return (agrees ? 2 : 0) + (listed ? 1 : 0);
}

/** One copy of a repeated record: the most informative, the differences of the others reported. */
function pickCopy(copies: Line[], file: string, context: ImportContext): Line {
  if (copies.length === 1) return copies[0]!;
  const kept = [...copies].sort((a, b) => copyScore(b) - copyScore(a) || a.line - b.line)[0]!;
  for (const other of copies) {
    if (other === kept) continue;
    const differing = Object.keys({ ...kept.data, ...other.data }).filter(
      (k) =>
        JSON.stringify(kept.data[k as keyof UnxmlLine]) !== JSON.stringify(other.data[k as keyof UnxmlLine]),
    );
    context.problems.warn(
      "duplicate-roll-call",
      `${symbolOf(kept.data)} is written ${copies.length} times; kept line ${kept.line}, and line ${other.line} differs ${
        differing.length ? `in ${differing.join(", ")}` : "in nothing"
      }`,
      { file, line: other.line, field: "symbol", key: symbolOf(kept.data) },
    );
  }
  return kept;
}

/** `74` from `A/RES/74/1`, `ES-11` from `A/RES/ES-11/7`, `S-32` from `A/RES/S-32/1`. */
export function sessionOfResolution(symbol: string): string | null {
  return /^A\/RES\/((?:ES-|S-)?\d+)\//i.exec(symbol)?.[1]?.toUpperCase() ?? null;
}

/** A count field: a number, or 0 when empty or `N.A.`; NaN when unreadable. */
function readCountField(value: unknown): number {
  const t = str(value).trim();
  if (t === "" || /^n\.?\s*a\.?$/i.test(t)) return 0;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

const hasCount = (value: unknown): boolean => /\d/.test(str(value));

type Where = (field: string) => { file: string; line: number; field: string; key: string };

function toRecord({ line, data }: Line, file: string, context: ImportContext): RollCallRecord | null {
  const { problems } = context;
  const symbol = symbolOf(data);
  const where: Where = (field) => ({ file, line, field, key: symbol });
  const body: Body = /^S\//i.test(symbol) ? "SC" : "GA";
  const adoptionType = str(data.adoption_type).trim();
  const disputes: SourceDispute[] = [];
  const voteNotes: VoteNote[] = [];
  const date = adoptionDate(data, symbol, body, disputes, problems, where);
  if (!date) return null;
  const modality = modalityOf(data, adoptionType);
  if (!adoptionType) {
    voteNotes.push({ text: "The source does not say how the resolution was adopted.", members: null });
  }
  const lists = readLists(data, date, body, problems, where);
  const counts = readCounts(data, problems, where);
  const decision =
    modality === "without-vote"
      ? withoutVote(lists.votes, adoptionType, problems, where)
      : decideTally({
          counts,
          lists: lists.votes.size ? lists.listed : null,
          listsReadable: lists.readable,
          text: body === "SC" ? readAdoptionText(adoptionType) : null,
        });
  for (const dispute of decision.disputes) {
    problems.warn(
      "tally-mismatch",
      `${dispute.claims.map((c) => `${c.from} ${c.value}`).join(", ")}; kept ${dispute.kept}`,
      where("MS_in_favour_count"),
    );
  }
  disputes.push(...decision.disputes);
  return {
    body,
    session: body === "GA" ? sessionOfResolution(symbol) : null,
    date,
    symbol,
    draftSymbol:
      body === "SC" ? textOrNull(str(data.draft_resolution)) : draftOf(str(data.originating_document)),
    kind: "resolution",
    title: titleOf(data, symbol, body),
    description: descriptionOf(data),
    meeting: meetingOf(data, body),
    agenda: textOrNull(str(data.agenda_item_name)),
    voteNotes,
    subjects: subjectsOf(data.subjects),
    procedural: false,
    importantQuestion: null,
    importantVote: false,
    modality,
    officialTally: decision.officialTally,
    recordedOutcome: "adopted",
    complete: decision.complete,
    issues: [],
    sequence: 0,
    source: "unxml",
    sourceKey: symbol,
    citation: `${UNXML_CITATION}, ${path.basename(file).replace(/\.gz$/, "")}`,
    file,
    parentSourceKey: null,
    disputes,
    votes: lists.votes,
  };
}

/**
 * The adoption date; for a Council resolution whose symbol's year it contradicts, the draft's date when
 * that agrees with the symbol (a dispute kept). Null (rejected) when unreadable.
 */
function adoptionDate(
  data: UnxmlLine,
  symbol: string,
  body: Body,
  disputes: SourceDispute[],
  problems: ImportContext["problems"],
  where: Where,
): string | null {
  const date = readWrittenDate(str(data.adoption_date));
  if (!date) {
    problems.reject(
      "bad-date",
      `unreadable adoption_date ${JSON.stringify(data.adoption_date)}`,
      where("adoption_date"),
    );
    return null;
  }
  const symbolYear = /\((\d{4})\)$/.exec(symbol)?.[1];
  if (body !== "SC" || !symbolYear || date.startsWith(symbolYear)) return date;
  const draftDate = readWrittenDate(str(data.draft_resolution_date));
  const kept = draftDate?.startsWith(symbolYear) ? draftDate : date;
  disputes.push({
    field: "date",
    claims: [
      { from: "adoption date", value: date },
      { from: "symbol", value: `(${symbolYear})` },
      ...(draftDate ? [{ from: "draft's date", value: draftDate }] : []),
    ],
    kept:
      kept === date
        ? "the adoption date, as written"
        : `the draft's date, ${kept}: the adoption date's year contradicts the symbol's`,
  });
  problems.warn(
    "bad-date",
    `adoption_date ${date} is not in ${symbolYear}, the year of the symbol; kept ${kept}`,
    where("adoption_date"),
  );
  return kept;
}

function modalityOf(data: UnxmlLine, adoptionType: string): Modality {
  const meetingText = `${adoptionType} ${str(data.adoption_meeting)} ${str(data.outcome)}`;
  return /without\s+(a\s+)?vote|acclamation/i.test(adoptionType)
    ? "without-vote"
    : /voting\s+by\s+mail/i.test(meetingText)
      ? "written-procedure"
      : "recorded";
}

/**
 * The in-favour, against and abstaining lists, read as members of the body that day: a member in two
 * lists is left out as unknown, a name listed twice in one list counted once.
 */
function readLists(
  data: UnxmlLine,
  date: string,
  body: Body,
  problems: ImportContext["problems"],
  where: Where,
): { votes: Map<string, MemberVote>; listed: Counts; readable: boolean } {
  const electorate = new Set(body === "GA" ? membersOn(date).map((m) => m.id) : councilOn(date).members);
  const votes = new Map<string, MemberVote>();
  let readable = true;
  let repeated = 0;
  let entries = 0;
  const inTwoLists = new Set<string>();
  for (const [field, vote] of [
    ["MS_in_favour", "Y"],
    ["MS_against", "N"],
    ["MS_abstaining", "A"],
  ] as const) {
    for (const entry of readNameList(list(data[field]), date)) {
      entries++;
      if (!entry.member) {
        readable = false;
        problems.warn(
          "unknown-member",
          `${field}[${entry.index}] names ${JSON.stringify(entry.name)}, no known member on ${date}; that vote is left out`,
          where(field),
        );
        continue;
      }
      const id = entry.member.id;
      const previous = votes.get(id);
      if (previous === vote) {
        repeated++;
        continue;
      }
      if (previous !== undefined) {
        inTwoLists.add(id);
        continue;
      }
      votes.set(id, vote);
      if (!electorate.has(id)) {
        problems.warn(
          "vote-outside-membership",
          `${id} (${entry.name}) is listed on ${date} but was not a member of the ${body === "GA" ? "Assembly" : "Council"} then`,
          where(field),
        );
      }
    }
  }
  for (const id of inTwoLists) {
    readable = false;
    votes.delete(id);
    problems.warn(
      "duplicate-vote",
      `${id} is in two lists; its vote is left out as unknown`,
      where("MS_in_favour"),
    );
  }
  if (repeated) {
    problems.warn(
      "duplicate-vote",
      repeated * 2 === entries
        ? `every name is listed twice; each vote counted once`
        : `${repeated} names are listed twice in the same list; each vote counted once`,
      where("MS_in_favour"),
    );
  }
  const { yes, no, abstain } = countVotes(votes.values());
  return { votes, listed: { yes, no, abstain }, readable };
}

/** The three count fields: all of them when readable and at least one is written, else null. */
function readCounts(data: UnxmlLine, problems: ImportContext["problems"], where: Where): Counts | null {
  const countFields = [data.MS_in_favour_count, data.MS_against_count, data.MS_abstaining_count];
  for (const [i, value] of countFields.entries()) {
    if (Number.isNaN(readCountField(value))) {
      problems.warn(
        "bad-number",
        `unreadable count ${JSON.stringify(value)}; counts kept as unknown`,
        where(`${LIST_FIELDS[i]}_count`),
      );
    }
  }
  const counted = countFields.map(readCountField);
  return countFields.some(hasCount) && counted.every((n) => !Number.isNaN(n))
    ? { yes: counted[0]!, no: counted[1]!, abstain: counted[2]! }
    : null;
}

/** No vote was taken: no tally, nobody's vote to know — complete, as the UN Digital Library has it. */
function withoutVote(
  votes: Map<string, MemberVote>,
  adoptionType: string,
  problems: ImportContext["problems"],
  where: Where,
) {
  if (votes.size) {
    problems.warn(
      "tally-mismatch",
      `adopted ${/acclamation/i.test(adoptionType) ? "by acclamation" : "without a vote"} but the lists name ${votes.size} members in favour; kept as adopted without a vote`,
      where("MS_in_favour"),
    );
  }
  votes.clear();
  return {
    officialTally: { yes: null, no: null, abstain: null, nonVoting: null },
    complete: true,
    disputes: [] as SourceDispute[],
  };
}

/** The committee report the text came from, and whether it was adopted under Chapter VII. */
function descriptionOf(data: UnxmlLine): string | null {
  const chapterVII = /chapter\s+vii/i.test(str(data.chapter_VII));
  const report = reportOf(str(data.originating_document), str(data.committee));
  const description = [report, chapterVII ? "Adopted under Chapter VII of the Charter." : null]
    .filter((x): x is string => x !== null)
    .join(" ");
  return description || null;
}

/** A draft's symbol (`A/ES-11/L.1` of "A/ES-11/L.1 and A/ES-11/L.1/Add.1"); null for a committee report. */
function draftOf(originating: string): string | null {
  const first = /[A-Z]\/[\w./-]+/.exec(originating)?.[0]?.replace(/[.,]$/, "");
  return first && /\/L\.\d/.test(first) ? first : null;
}

/** "On the report of the Third Committee (A/74/380, para. 12)." — where the text came from a committee. */
function reportOf(originating: string, committee: string): string | null {
  const text = originating.trim();
  if (!text || draftOf(text) || !/committee/i.test(committee) || /without reference/i.test(committee)) {
    return null;
  }
  return `On the report of the ${committee.replace(/^the\s+/i, "")} (${text}).`;
}

function meetingOf(data: UnxmlLine, body: Body): string | null {
  if (body === "GA") return textOrNull(str(data.pv)) ?? textOrNull(str(data.adoption_meeting));
  const letter = str(data.outcome_letter).replace(/\s+/g, "");
  if (/^S\/PV\./i.test(letter)) return letter;
  const number = /(\d{3,5})(?:st|nd|rd|th)\s*meeting/i.exec(
    `${str(data.adoption_type)} ${str(data.adoption_meeting)}`,
  );
  return number ? `S/PV.${number[1]}` : textOrNull(letter);
}

/** A Council title as people write it: "Resolution 1286 (2000) on the situation in Burundi". */
function titleOf(data: UnxmlLine, symbol: string, body: Body): string {
  if (body === "GA") return textOrNull(str(data.title)) ?? symbol;
  const number = /^S\/RES\/(\d+)\s*\((\d{4})\)/i.exec(symbol);
  const name = number ? `Resolution ${number[1]} (${number[2]})` : symbol;
  const written = str(data.resolution_title).trim();
  const about = /^[^[]*\[(on [^\]]+)\]/i.exec(written)?.[1];
  if (about) return `${name} ${about}`;
  const agenda = textOrNull(str(data.agenda_item_name))?.replace(/\.$/, "");
  return agenda ? `${name}: ${agenda}` : name;
}

/** UNBIS Thesaurus terms and the Library's authority terms; not the agenda codes (`[58]`, `X`). */
function subjectsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const pair of value) {
    if (!Array.isArray(pair)) continue;
    const [term, vocabulary] = pair as unknown[];
    if (typeof term === "string" && /UNBIS|DHLAUTH/i.test(str(vocabulary)) && term.trim())
      out.add(term.trim());
  }
  return [...out];
}
