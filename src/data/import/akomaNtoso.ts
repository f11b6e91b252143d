/**
 * Security Council drafts that were not adopted, as the UN's machine-readable documents (DGACM) give
 * them: one Akoma Ntoso XML file per draft (English, CRLF, no declaration), read with sax. What is read:
 * - `<docNumber refersTo="#symbol">` (else the FRBR work URI): the draft's symbol, the source key;
 * - the outcome step's date (else `<FRBRdate name="voting">`, `"adoption"` once): the vote date;
 * - `<keyword refersTo="title">`, `<keyword refersTo="agenda" dictionary="S/">`, UNBIS keywords: the
 *   title, the agenda item, the subjects;
 * - `<step outcome="draftResolution" by="…">`: who tabled it; `<step outcome="veto|notAdopted" as="S/PV.…"
 *   by="…">`: the result, its meeting, and for a veto the permanent members named in the sentence;
 * - `<voting><count value="012" refersTo="inFavour|against|abstaining">` with `<organization>` names.
 * The counts and lists are reconciled as for the JSON files (unxmlTally.ts); a draft without counts
 * (S/2025/353) keeps the vetoing members' votes only, incomplete. A vetoing member named in the outcome
 * but not among the votes against is a dispute.
 */
import sax from "sax";
import { councilOn, isPermanentMemberOn } from "../../core/council/index.js";
import { findMember } from "../../core/members/index.js";
import type { RecordedOutcome, SourceDispute } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { RollCallRecord } from "../records.js";
import { PlenaryError } from "../../core/errors.js";
import { readIsoDate, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { UNXML_CITATION } from "./unxml.js";
import { readNameList } from "./unxmlNames.js";
import { decideTally, type Counts } from "./unxmlTally.js";

interface Parsed {
  symbol: string | null;
  uri: string | null;
  votingDate: string | null;
  title: string | null;
  agenda: string | null;
  subjects: string[];
  sponsors: string | null;
  outcome: { kind: string; date: string | null; meeting: string | null; text: string; line: number } | null;
  counts: { refersTo: string; value: string; names: string[]; line: number }[];
}

const local = (name: string) => name.slice(name.indexOf(":") + 1);

async function parse(file: string, context: ImportContext): Promise<Parsed> {
  const input = openTextInput(file);
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const parsed: Parsed = {
    symbol: null,
    uri: null,
    votingDate: null,
    title: null,
    agenda: null,
    subjects: [],
    sponsors: null,
    outcome: null,
    counts: [],
  };
  let text = "";
  let capture: "docNumber" | "organization" | null = null;
  let count: Parsed["counts"][number] | null = null;
  let sawRoot = false;
  parser.onopentag = (node) => {
    const name = local(node.name);
    const a = node.attributes as Record<string, string>;
    if (!sawRoot && name !== "akomaNtoso") {
      throw new PlenaryError(
        "BAD_FILE",
        `${file}:${parser.line + 1}: not an Akoma Ntoso document (<${name}>).`,
        {
          file,
          line: parser.line + 1,
        },
      );
    }
    sawRoot = true;
    if (name === "FRBRuri" && !parsed.uri) parsed.uri = a.value ?? null;
    // Named `voting` in most files, `adoption` in S/2024/173.
    else if (name === "FRBRdate" && /^(voting|adoption)$/.test(a.name ?? "")) {
      parsed.votingDate ??= readIsoDate(a.date ?? "");
    } else if (name === "keyword") {
      const value = (a.showAs ?? a.value ?? "").trim();
      if (a.refersTo === "title") parsed.title = value;
      else if (a.refersTo === "agenda" && a.dictionary === "S/") parsed.agenda = value;
      else if (
        /UNBIS|DHLAUTH/i.test(a.dictionary ?? "") &&
        a.refersTo === undefined &&
        value &&
        value !== "UN"
      ) {
        parsed.subjects.push(value);
      }
    } else if (name === "step") {
      const outcome = (a.outcome ?? "").trim();
      if (/^draftResolution$/i.test(outcome)) parsed.sponsors = (a.by ?? "").trim() || null;
      else if (/^(veto|notAdopted)$/i.test(outcome)) {
        parsed.outcome = {
          kind: outcome.toLowerCase(),
          date: readIsoDate(a.date ?? ""),
          meeting: (a.as ?? "").trim() || null,
          text: (a.by ?? "").trim(),
          line: parser.line + 1,
        };
      }
    } else if (name === "count") {
      count = { refersTo: a.refersTo ?? "", value: a.value ?? "", names: [], line: parser.line + 1 };
      parsed.counts.push(count);
    } else if (name === "docNumber" || (name === "organization" && count)) {
      capture = name;
      text = "";
    }
  };
  parser.ontext = (t) => {
    if (capture) text += t;
  };
  parser.onclosetag = (tagName) => {
    const name = local(tagName);
    if (name === capture) {
      if (name === "docNumber") parsed.symbol ??= text.trim() || null;
      else if (count && text.trim()) count.names.push(text.trim());
      capture = null;
    } else if (name === "count") count = null;
  };
  parser.onerror = (error) => {
    throw new PlenaryError(
      "BAD_FILE",
      `${file}:${parser.line + 1}: not well-formed XML (${error.message.split("\n")[0]}).`,
      { file, line: parser.line + 1, help: "The file is damaged or cut short: fetch it again." },
    );
  };
  for await (const chunk of input.chunks()) {
    parser.write(chunk);
    context.progress(file, input.bytesRead(), input.size);
  }
  parser.close();
  if (!sawRoot) throw new PlenaryError("BAD_FILE", `${file}: empty document.`, { file, line: 1 });
  return parsed;
}

/** `/akn/un/…/unsc/2024-04-18/2024-312/` → `S/2024/312`. */
function symbolFromUri(uri: string | null): string | null {
  const m = uri ? /\/unsc\/[\d-]+\/(\d{4})-(\d+)\//.exec(uri) : null;
  return m ? `S/${m[1]}/${m[2]}` : null;
}

const COUNT_VOTES: Record<string, MemberVote> = { inFavour: "Y", against: "N", abstaining: "A" };

/** "Draft resolution [on admission of …]" → "Draft resolution on admission of …". */
const tidyTitle = (title: string) =>
  title
    .replace(/\[([^\]]*)\]/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

export async function* readAkomaNtoso(file: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const { problems } = context;
  const parsed = await parse(file, context);
  context.stats.rows += 1;
  const symbol = parsed.symbol?.replace(/\s+/g, "") ?? symbolFromUri(parsed.uri);
  if (!symbol) {
    problems.reject("missing-symbol", "no document symbol (<docNumber>) or work URI", { file, line: 1 });
    return;
  }
  const where = (line: number | null, field: string) => ({ file, line, field, key: symbol });
  if (!parsed.outcome) {
    problems.reject(
      "bad-row",
      "no outcome step (veto or notAdopted): not a draft that failed",
      where(1, "step"),
    );
    return;
  }
  // The day the draft failed: its outcome step's, else the work's voting date.
  const date = parsed.outcome.date ?? parsed.votingDate;
  if (!date) {
    problems.reject("bad-date", "no vote date (outcome step or FRBRdate)", where(1, "FRBRdate"));
    return;
  }
  const outcome: RecordedOutcome = parsed.outcome.kind === "veto" ? "vetoed" : "rejected";
  const council = new Set(councilOn(date).members);

  const votes = new Map<string, MemberVote>();
  const listed: Counts = { yes: 0, no: 0, abstain: 0 };
  const counted: Counts = { yes: 0, no: 0, abstain: 0 };
  let readable = true;
  let haveCounts = false;
  for (const c of parsed.counts) {
    const vote = COUNT_VOTES[c.refersTo];
    if (!vote) continue;
    const key = vote === "Y" ? "yes" : vote === "N" ? "no" : "abstain";
    if (/^\d+$/.test(c.value.trim())) {
      counted[key] = Number(c.value);
      haveCounts = true;
    }
    for (const entry of readNameList(c.names, date)) {
      if (!entry.member) {
        readable = false;
        problems.warn(
          "unknown-member",
          `${c.refersTo} names ${JSON.stringify(entry.name)}, no known member`,
          where(c.line, "organization"),
        );
        continue;
      }
      if (!council.has(entry.member.id)) {
        problems.warn(
          "vote-outside-membership",
          `${entry.member.id} is listed on ${date} but was not on the Council then`,
          where(c.line, "organization"),
        );
      }
      if (!votes.has(entry.member.id)) {
        votes.set(entry.member.id, vote);
        listed[key]++;
      }
    }
  }
  const decision = decideTally({
    counts: haveCounts ? counted : null,
    lists: votes.size ? listed : null,
    listsReadable: readable,
    text: null,
  });
  const disputes: SourceDispute[] = [...decision.disputes];

  // The vetoing members the outcome names: their votes against are known even without the lists.
  if (outcome === "vetoed") {
    const named = /\(([^)]*)\)/.exec(parsed.outcome.text)?.[1] ?? "";
    const vetoing = named
      .split(/\s*(?:,|\band\b)\s*/)
      .map((name) => findMember(name, { date }))
      .filter((m): m is NonNullable<typeof m> => m !== null && isPermanentMemberOn(m.id, date));
    if (!vetoing.length) {
      problems.warn(
        "unknown-member",
        `the veto names no permanent member: ${JSON.stringify(parsed.outcome.text)}`,
        where(parsed.outcome.line, "step"),
      );
    }
    for (const member of vetoing) {
      const recorded = votes.get(member.id);
      if (recorded === undefined) votes.set(member.id, "N");
      else if (recorded !== "N") {
        disputes.push({
          field: "vetoedBy",
          claims: [
            { from: "outcome", value: `vetoed by ${member.id}` },
            { from: "lists", value: `${member.id} ${recorded === "Y" ? "in favour" : "abstaining"}` },
          ],
          kept: "the lists' votes and the vetoed outcome",
        });
      }
    }
  }
  if (decision.disputes.length) {
    problems.warn(
      "tally-mismatch",
      decision.disputes[0]!.claims.map((c) => `${c.from} ${c.value}`).join(", "),
      where(parsed.counts[0]?.line ?? 1, "count"),
    );
  }
  yield {
    body: "SC",
    session: null,
    date,
    symbol: null,
    draftSymbol: symbol,
    kind: "draft",
    title: parsed.title ? tidyTitle(parsed.title) : `Draft resolution ${symbol}`,
    description: parsed.sponsors ? `Draft resolution submitted by ${parsed.sponsors}.` : null,
    meeting: parsed.outcome.meeting,
    agenda: parsed.agenda,
    voteNotes: parsed.outcome.text ? [{ text: parsed.outcome.text, members: null }] : [],
    subjects: [...new Set(parsed.subjects)],
    procedural: false,
    importantQuestion: null,
    importantVote: false,
    modality: "recorded",
    officialTally: decision.officialTally,
    recordedOutcome: outcome,
    complete: decision.complete && disputes.length === 0,
    issues: [],
    sequence: 0,
    source: "unxml",
    sourceKey: symbol,
    citation: `${UNXML_CITATION}, ${symbol}`,
    file,
    parentSourceKey: null,
    disputes,
    votes,
  };
}
