/**
 * Reads the research dataset (`unvotes` 0.3.0, ../shared/data/unvotes) into the vote matrix's plain
 * input. Used by the benchmark and by the analysis tests; never part of the shipped code (the store's
 * importers own the real import).
 *
 * Member ids: `code` keeps the dataset's own key (alpha-2, or the country name when the code is empty);
 * `alpha3` resolves each key with the members module (`resolveMember`, dated by the key's first vote).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { MatrixInput, MatrixRollCall } from "../../src/analysis/matrix.js";
import type { RollCallKind } from "../../src/core/rollCall.js";
import { resolveMember } from "../../src/core/members/index.js";

export const UNVOTES_DIR = path.resolve(process.cwd(), "../shared/data/unvotes");

export interface UnvotesRollCallRow {
  rcid: number;
  session: string;
  importantVote: boolean;
  date: string;
  unres: string;
  amend: boolean;
  para: boolean;
  short: string;
}

export interface UnvotesData {
  input: MatrixInput & { voteMemberIds: string[]; voteValues: string; voteRollCallIds: Int32Array };
  rollCalls: UnvotesRollCallRow[];
  /** The dataset's member key (alpha-2, or the name) → the member id used. */
  memberIdOfKey: Map<string, string>;
  /** Milliseconds spent reading and parsing. */
  loadMs: number;
}

function gunzipText(file: string): string {
  return gunzipSync(readFileSync(file)).toString("utf8");
}

/**
 * Splits the votes file (`rcid,"country","country_code","vote"`, RFC 4180 quoting) into columns. A
 * hand-written reader: 870,109 rows in well under a second.
 */
export function readVotesCsv(text: string): {
  rcid: number[];
  country: string[];
  code: string[];
  vote: string[];
} {
  const rcid: number[] = [];
  const country: string[] = [];
  const code: string[] = [];
  const vote: string[] = [];
  const fields: string[] = [];
  let i = text.indexOf("\n") + 1; // skip the header
  const n = text.length;
  while (i < n) {
    fields.length = 0;
    // one record
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        let j = i + 1;
        let buf = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new Error("unterminated quote in votes file");
          buf += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            buf += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        value = buf;
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 10 || ch === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      const ch = text.charCodeAt(i);
      if (ch === 44) {
        i++;
        continue;
      }
      if (ch === 13) i++;
      i++; // newline or end
      break;
    }
    if (fields.length === 1 && fields[0] === "") continue;
    if (fields.length !== 4) throw new Error(`votes file: expected 4 fields, got ${fields.length}`);
    rcid.push(Number(fields[0]));
    country.push(fields[1]!);
    code.push(fields[2]!);
    vote.push(fields[3]!);
  }
  return { rcid, country, code, vote };
}

const VOTE_LETTER: Record<string, string> = { yes: "Y", no: "N", abstain: "A" };

/** The dataset's member key: the alpha-2 code, or the name when the code is empty. */
export function datasetKey(code: string, country: string): string {
  return code === "" ? country : code;
}

export function kindOf(row: { amend: boolean; para: boolean }): RollCallKind {
  if (row.amend) return "amendment";
  if (row.para) return "paragraph";
  return "resolution";
}

export function loadUnvotes(options: { dir?: string; ids?: "code" | "alpha3" } = {}): UnvotesData {
  const started = performance.now();
  const dir = options.dir ?? UNVOTES_DIR;
  const ids = options.ids ?? "alpha3";
  const rcRows = parse(gunzipText(path.join(dir, "un_roll_calls.csv.gz")), { columns: true }) as Record<
    string,
    string
  >[];
  const issueRows = parse(gunzipText(path.join(dir, "un_roll_call_issues.csv.gz")), {
    columns: true,
  }) as Record<string, string>[];
  const issues = new Map<number, string[]>();
  for (const row of issueRows) {
    const id = Number(row.rcid);
    const list = issues.get(id) ?? [];
    if (!list.includes(row.short_name!)) list.push(row.short_name!);
    issues.set(id, list);
  }
  const rollCalls: UnvotesRollCallRow[] = rcRows.map((row) => ({
    rcid: Number(row.rcid),
    session: row.session!,
    importantVote: row.importantvote === "1",
    date: row.date!,
    unres: row.unres!,
    amend: row.amend === "1",
    para: row.para === "1",
    short: row.short!,
  }));
  const matrixRollCalls: MatrixRollCall[] = rollCalls.map((rc) => ({
    id: rc.rcid,
    body: "GA",
    session: rc.session,
    date: rc.date,
    kind: kindOf(rc),
    importantVote: rc.importantVote,
    issues: issues.get(rc.rcid) ?? [],
    complete: true,
  }));
  const votes = readVotesCsv(gunzipText(path.join(dir, "un_votes.csv.gz")));
  const n = votes.rcid.length;
  const voteRollCallIds = Int32Array.from(votes.rcid);
  const dateOf = new Map(rollCalls.map((rc) => [rc.rcid, rc.date]));
  // One resolution per distinct key, dated by the key's first vote (codes such as CS changed hands).
  const firstDate = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const key = datasetKey(votes.code[i]!, votes.country[i]!);
    const date = dateOf.get(votes.rcid[i]!) ?? "9999-12-31";
    const seen = firstDate.get(key);
    if (seen === undefined || date < seen) firstDate.set(key, date);
  }
  const idOf = new Map<string, string>();
  for (const [key, date] of firstDate) idOf.set(key, ids === "code" ? key : resolveMember(key, { date }).id);
  const voteMemberIds: string[] = new Array<string>(n);
  const letters: string[] = [];
  let chunk = "";
  for (let i = 0; i < n; i++) {
    voteMemberIds[i] = idOf.get(datasetKey(votes.code[i]!, votes.country[i]!))!;
    const letter = VOTE_LETTER[votes.vote[i]!];
    if (letter === undefined) throw new Error(`unknown vote "${votes.vote[i]}"`);
    chunk += letter;
    if (chunk.length === 65536) {
      letters.push(chunk);
      chunk = "";
    }
  }
  letters.push(chunk);
  return {
    input: { rollCalls: matrixRollCalls, voteRollCallIds, voteMemberIds, voteValues: letters.join("") },
    rollCalls,
    memberIdOfKey: idOf,
    loadMs: performance.now() - started,
  };
}
