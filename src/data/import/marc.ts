/**
 * UN Digital Library MARCXML voting records (`/record/<id>/export/xm`): one `<record>` or a
 * `<collection>` of them, read streaming with sax. Per record:
 * - controlfield 001: the record id (the source key);
 * - 269 $a: the vote date (`2023-10-27`, or `20231027`);
 * - 791 $a: the document symbol — a resolution (`A/RES/ES-10/21`, `S/RES/2774 (2025)`) or, for a failed
 *   draft, the draft's symbol; 993 $a: the draft; 952 $a: the meeting record; 245 $a $b $c: the title;
 * - one 967 per member: $a sequence, $c alpha-3 code, $d vote (`Y`/`N`/`A`; no $d = non-voting), $e
 *   name — matched by name (accents, case, punctuation folded) when $c is missing;
 * - 996 (in some records): $a a note, $b yes, $c no, $d abstentions, $e non-voting, $f total.
 */
import sax from "sax";
import { PlenaryError } from "../../core/errors.js";
import type { Body, RollCallKind } from "../../core/rollCall.js";
import { bodyOfSymbol, toRoman } from "../../core/symbols.js";
import {
  countVotes,
  parseMemberVote,
  type MemberVote,
  type OfficialTally,
  type Tally,
} from "../../core/vote.js";
import { unrecordedDetails, type RollCallRecord } from "../records.js";
import { readCount, readIsoDate, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { UNDL_RECORD_URL } from "./undl.js";
import { daySequence, officialTally } from "./readerParts.js";

interface Subfield {
  code: string;
  text: string;
}

interface DataField {
  tag: string;
  line: number;
  subfields: Subfield[];
}

interface MarcRecord {
  line: number;
  controlfields: Map<string, string>;
  datafields: DataField[];
}

const local = (name: string) => name.slice(name.indexOf(":") + 1);

function sub(field: DataField | undefined, code: string): string | null {
  const found = field?.subfields.find((s) => s.code === code);
  const text = found?.text.trim();
  return text ? text : null;
}

const ROMAN_SESSION = new Map(Array.from({ length: 40 }, (_, i) => [toRoman(i + 1), String(i + 1)]));

/** The session a General Assembly symbol names: `A/RES/79/1` → 79, `A/RES/ES-10/21` → ES-10, `A/RES/2758(XXVI)` → 26. */
export function sessionOfSymbol(symbol: string): string | null {
  const s = symbol.toUpperCase().replace(/\s+/g, "");
  let m = /^A\/(?:RES\/|C\.\d\/)?((?:ES|S)-\d+|\d+)\//.exec(s);
  if (m) return m[1]!;
  m = /^A\/RES\/\d+[A-Z]*\(([IVXL]+)\)$/.exec(s);
  if (m) return ROMAN_SESSION.get(m[1]!) ?? null;
  return null;
}

export async function* readMarc(file: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const input = openTextInput(file);
  const stream = marcStream(file);
  const sequence = daySequence();
  let records = 0;
  const convert = function* () {
    for (const r of stream.take()) {
      records++;
      const out = toRecord(r, file, context, sequence);
      if (out) yield out;
    }
  };
  for await (const chunk of input.chunks()) {
    stream.write(chunk);
    yield* convert();
    context.progress(file, input.bytesRead(), input.size);
  }
  stream.close();
  yield* convert();
  if (!stream.sawRoot() || records === 0) {
    throw new PlenaryError(
      "BAD_FILE",
      `${file}:1: no MARC <record> in the file: not a MARCXML voting record.`,
      {
        file,
        line: 1,
        help: "Expected the export of a UN Digital Library voting record (…/record/<id>/export/xm).",
      },
    );
  }
}

/** The MARC records of a file, parsed with sax as its text comes: `take` hands out those complete so far. */
function marcStream(file: string) {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const done: MarcRecord[] = [];
  let record: MarcRecord | null = null;
  let datafield: DataField | null = null;
  let subfield: Subfield | null = null;
  let controlTag: string | null = null;
  let text = "";
  let sawRoot = false;

  parser.onopentag = (node) => {
    const name = local(node.name);
    const attributes = node.attributes as Record<string, string>;
    sawRoot = true;
    if (name === "record") {
      record = { line: parser.line + 1, controlfields: new Map(), datafields: [] };
    } else if (record && name === "controlfield") {
      controlTag = attributes.tag ?? "";
      text = "";
    } else if (record && name === "datafield") {
      datafield = { tag: attributes.tag ?? "", line: parser.line + 1, subfields: [] };
    } else if (datafield && name === "subfield") {
      subfield = { code: attributes.code ?? "", text: "" };
    }
  };
  parser.ontext = (t) => {
    if (subfield) subfield.text += t;
    else if (controlTag !== null) text += t;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (tagName) => {
    const name = local(tagName);
    if (name === "subfield" && datafield && subfield) {
      datafield.subfields.push(subfield);
      subfield = null;
    } else if (name === "datafield" && record && datafield) {
      (record as MarcRecord).datafields.push(datafield);
      datafield = null;
    } else if (name === "controlfield" && record && controlTag !== null) {
      (record as MarcRecord).controlfields.set(controlTag, text.trim());
      controlTag = null;
    } else if (name === "record" && record) {
      done.push(record);
      record = null;
    }
  };
  parser.onerror = (error) => {
    throw new PlenaryError(
      "BAD_FILE",
      `${file}:${parser.line + 1}: not well-formed XML (${error.message.split("\n")[0]}).`,
      { file, line: parser.line + 1, help: "The file is damaged or cut short: fetch it again." },
    );
  };
  return {
    write: (chunk: string) => void parser.write(chunk),
    close: () => void parser.close(),
    take: () => done.splice(0),
    sawRoot: () => sawRoot,
  };
}

/** What identifies a voting record: its id, symbol, body and date — null (rejected) when one is missing. */
interface Heading {
  id: string;
  symbol: string;
  body: Body;
  date: string;
}

function toRecord(
  r: MarcRecord,
  file: string,
  context: ImportContext,
  sequence: (date: string) => number,
): RollCallRecord | null {
  const heading = readHeading(r, file, context);
  if (!heading) return null;
  const { id, symbol, body, date } = heading;
  const field = (tag: string) => r.datafields.find((d) => d.tag === tag);
  const memberFields = r.datafields.filter((d) => d.tag === "967");
  if (!memberFields.length) {
    context.problems.reject("bad-row", `record ${id} is not a voting record (no 967 fields)`, {
      file,
      line: r.line,
      key: id,
      field: "967",
    });
    return null;
  }
  const { votes, skipped } = readVotes(memberFields, heading, file, context);
  if (!votes.size) {
    context.stats.rollCallsSkipped++;
    return null;
  }
  const tallyField = field("996");
  const official = readTally(tallyField, countVotes(votes.values()), skipped === 0, heading, file, context);
  const note = sub(tallyField, "a");
  const total = readCount(sub(tallyField, "f") ?? "");
  const isResolution = /^[AS]\/RES\//i.test(symbol);
  const kind: RollCallKind = isResolution ? "resolution" : "draft";
  const draft = sub(field("993"), "a");
  return {
    body,
    session: body === "GA" ? sessionOfSymbol(symbol) : null,
    date,
    symbol: isResolution ? symbol : null,
    draftSymbol: isResolution ? draft : symbol,
    kind,
    title: titleOf(field("245")) || symbol,
    description: null,
    ...unrecordedDetails(),
    meeting: sub(field("952"), "a"),
    modality: note && /without (a )?vote|consensus|acclamation/i.test(note) ? "without-vote" : "recorded",
    officialTally: official,
    recordedOutcome: isResolution ? "adopted" : null,
    // Every member is listed (no $d: non-voting) — unless fields were skipped or 996 $f counts more.
    complete: skipped === 0 && (total === null || Number.isNaN(total) || votes.size >= total),
    issues: [],
    sequence: sequence(date),
    source: "undl-marc",
    sourceKey: id,
    citation: `${UNDL_RECORD_URL}${id}`,
    file,
    parentSourceKey: null,
    disputes: [],
    votes,
  };
}

function readHeading(r: MarcRecord, file: string, { problems }: ImportContext): Heading | null {
  const id = r.controlfields.get("001") ?? "";
  const where = { file, line: r.line, key: id || undefined };
  if (!id) {
    problems.reject("missing-id", "a record without controlfield 001 (its id)", { ...where, field: "001" });
    return null;
  }
  const field = (tag: string) => r.datafields.find((d) => d.tag === tag);
  const symbolField = field("791");
  const symbol = sub(symbolField, "a");
  if (!symbol) {
    problems.reject("missing-symbol", `record ${id} has no document symbol (791 $a)`, {
      ...where,
      line: symbolField?.line ?? r.line,
      field: "791$a",
    });
    return null;
  }
  const body: Body | null = bodyOfSymbol(symbol);
  if (!body) {
    problems.reject(
      "bad-symbol",
      `record ${id}: ${JSON.stringify(symbol)} is neither a General Assembly nor a Security Council symbol`,
      { ...where, line: symbolField!.line, field: "791$a" },
    );
    return null;
  }
  const dateField = field("269");
  const date = readIsoDate(sub(dateField, "a") ?? "");
  if (!date) {
    problems.reject("bad-date", `record ${id}: unreadable vote date ${JSON.stringify(sub(dateField, "a"))}`, {
      ...where,
      line: dateField?.line ?? r.line,
      field: "269$a",
    });
    return null;
  }
  return { id, symbol, body, date };
}

/** The members' 967 fields: the votes kept, and how many fields were rejected. */
function readVotes(
  memberFields: DataField[],
  { id, date }: Heading,
  file: string,
  { problems, members, stats }: ImportContext,
): { votes: Map<string, MemberVote>; skipped: number } {
  const votes = new Map<string, MemberVote>();
  let skipped = 0;
  for (const f of memberFields) {
    stats.rows++;
    const where = (field: string) => ({ file, line: f.line, field, key: id });
    const code = sub(f, "c") ?? "";
    const name = sub(f, "e") ?? "";
    const member = members.resolve(code, name, date, file, f.line, id);
    if (!member) {
      problems.reject(
        "unknown-member",
        `unknown member ${JSON.stringify(code)} / ${JSON.stringify(name)}`,
        where(code ? "967$c" : "967$e"),
      );
      skipped++;
      continue;
    }
    const voteText = sub(f, "d") ?? "";
    const vote = parseMemberVote(voteText);
    if (vote === null) {
      problems.reject(
        "bad-vote",
        `unreadable vote ${JSON.stringify(voteText)} for ${member.id}`,
        where("967$d"),
      );
      skipped++;
      continue;
    }
    if (votes.has(member.id)) {
      problems.warn(
        "duplicate-vote",
        `${member.id} appears twice in record ${id}; kept the first`,
        where("967$c"),
      );
      continue;
    }
    members.checkMembership(member, date, file, f.line, id);
    votes.set(member.id, vote);
  }
  return { votes, skipped };
}

/** 996 $b–$e: the official tally, checked against the 967 fields counted. */
function readTally(
  tallyField: DataField | undefined,
  counted: Tally,
  completeRows: boolean,
  { id, symbol }: Heading,
  file: string,
  { problems }: ImportContext,
): OfficialTally {
  const where = (field: string) => ({ file, line: tallyField!.line, field, key: id });
  const codes = { yes: "b", no: "c", abstain: "d", nonVoting: "e" } as const;
  return officialTally(
    (Object.keys(codes) as (keyof typeof codes)[]).map((key) => ({
      key,
      field: `996$${codes[key]}`,
      text: sub(tallyField, codes[key]) ?? "",
    })),
    counted,
    completeRows,
    {
      unreadable: ({ field }) =>
        problems.warn("bad-number", `${field.replace("$", " $")} is not a count`, where(field)),
      mismatch: ({ field }, value, count) =>
        problems.warn(
          "tally-mismatch",
          `${field.replace("$", " $")} says ${value} but the 967 fields count ${count} (${symbol})`,
          where(field),
        ),
    },
  );
}

/** 245 $a $b $c: the title's parts, joined. */
function titleOf(titleField: DataField | undefined): string {
  if (!titleField) return "";
  return titleField.subfields
    .filter((s) => s.code === "a" || s.code === "b" || s.code === "c")
    .map((s) => s.text.trim())
    .filter(Boolean)
    .join(" ");
}
