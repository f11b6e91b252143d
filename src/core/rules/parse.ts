/**
 * parseOutcomeInput(): reads the JSON the CLI (`plenary outcome`) and the API (`POST /api/outcome`) take
 * and turns it into decide()'s arguments, or throws a PlenaryError naming the field at fault.
 *
 * ```json
 * { "body": "SC", "date": "2025-02-24", "procedural": false, "importantQuestion": null,
 *   "votes": { "USA": "Y", "France": "abstain", "RU": "N" },
 *   "officialTally": { "yes": 10, "no": 0, "abstain": 5, "nonVoting": 0 },
 *   "noVote": [], "partiesToDispute": [] }
 * ```
 * Members may be written as any code or name the members module knows, read as of `date` ("China" on
 * 1971-10-01 is the Republic of China). `votes` may also be a list of `[member, vote]` pairs or of
 * `{ "member", "vote" }` objects. Votes are `Y`/`N`/`A`/`X` or words (`yes`, `abstain`, `NV` …).
 * A member given twice — the same key twice, or two keys naming the same member — is DUPLICATE_MEMBER;
 * an unknown member UNKNOWN_MEMBER; anything else malformed BAD_INPUT.
 */
import { checkIsoDate } from "../council/index.js";
import { PlenaryError, isPlenaryError } from "../errors.js";
import { resolveMember } from "../members/index.js";
import type { Body } from "../rollCall.js";
import { parseMemberVote, type MemberVote, type OfficialTally } from "../vote.js";
import type { DecisionContext, VoteDescription } from "./types.js";

/** decide()'s two arguments. */
export interface OutcomeRequest {
  rollCall: VoteDescription & { votes: Map<string, MemberVote> };
  context: DecisionContext;
}

const FIELDS = new Set([
  "body",
  "date",
  "procedural",
  "importantQuestion",
  "votes",
  "officialTally",
  "noVote",
  "partiesToDispute",
]);
const TALLY_FIELDS = ["yes", "no", "abstain", "nonVoting"] as const;

function badInput(message: string, field?: string, help?: string): PlenaryError {
  return new PlenaryError("BAD_INPUT", message, { ...(field ? { field } : {}), ...(help ? { help } : {}) });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The first key that appears twice in one object of a JSON text (JSON.parse keeps the last silently),
 * with the path of keys leading to that object. The text must already be valid JSON.
 */
export function findDuplicateKey(text: string): { path: string[]; key: string } | null {
  interface Frame {
    keys: Set<string> | null; // null for an array
    expectKey: boolean;
    key: string | null;
  }
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const top = stack[stack.length - 1];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      i = end;
      if (top?.keys && top.expectKey) {
        if (top.keys.has(value)) {
          return { path: stack.slice(0, -1).map((frame) => frame.key ?? "[]"), key: value };
        }
        top.keys.add(value);
        top.key = value;
        top.expectKey = false;
      }
    } else if (char === "{") {
      stack.push({ keys: new Set(), expectKey: true, key: null });
    } else if (char === "[") {
      stack.push({ keys: null, expectKey: false, key: null });
    } else if (char === "}" || char === "]") {
      stack.pop();
    } else if (char === "," && top?.keys) {
      top.expectKey = true;
    }
  }
  return null;
}

function resolveId(query: unknown, date: string, field: string): string {
  if (typeof query !== "string" || query.trim() === "") {
    throw badInput(`${field} must name a member`, field);
  }
  try {
    return resolveMember(query, { date }).id;
  } catch (error) {
    if (isPlenaryError(error) && error.code === "UNKNOWN_MEMBER") {
      throw new PlenaryError("UNKNOWN_MEMBER", error.message, {
        field,
        suggestions: error.suggestions,
        ...(error.help ? { help: error.help } : {}),
      });
    }
    throw error;
  }
}

function readVote(value: unknown, field: string): MemberVote {
  const vote = typeof value === "string" ? parseMemberVote(value) : null;
  if (!vote) {
    throw badInput(
      `${field} must be a vote (Y, N, A, X, yes, no, abstain, NV), not ${JSON.stringify(value)}`,
      field,
    );
  }
  return vote;
}

/** The most votes one hypothetical vote may list. */
export const MAX_VOTES = 400;

function readVotes(raw: unknown, date: string): Map<string, MemberVote> {
  let pairs: [unknown, unknown, string][];
  if (Array.isArray(raw)) {
    pairs = raw.map((item, index): [unknown, unknown, string] => {
      if (Array.isArray(item) && item.length === 2) return [item[0], item[1], `votes[${index}]`];
      if (isObject(item) && "member" in item && "vote" in item)
        return [item.member, item.vote, `votes[${index}]`];
      throw badInput(`votes[${index}] must be [member, vote] or {"member", "vote"}`, `votes[${index}]`);
    });
  } else if (isObject(raw)) {
    pairs = Object.entries(raw).map(([member, vote]): [unknown, unknown, string] => [
      member,
      vote,
      `votes.${member}`,
    ]);
  } else {
    throw badInput("votes must be an object of member → vote, or a list of [member, vote] pairs", "votes");
  }
  // Each entry is resolved against every member's names: a bound keeps a request's cost bounded.
  if (pairs.length > MAX_VOTES)
    throw badInput(`at most ${MAX_VOTES} votes (there are 193 members); ${pairs.length} were given`, "votes");
  const votes = new Map<string, MemberVote>();
  const givenAs = new Map<string, string>();
  for (const [member, value, field] of pairs) {
    const id = resolveId(member, date, field);
    const vote = readVote(value, field);
    const previous = givenAs.get(id);
    if (previous !== undefined) {
      throw new PlenaryError(
        "DUPLICATE_MEMBER",
        `${JSON.stringify(previous)} and ${JSON.stringify(member)} are the same member (${id})`,
        { field, help: "Give each member's vote once." },
      );
    }
    givenAs.set(id, String(member));
    votes.set(id, vote);
  }
  return votes;
}

function readIdList(raw: unknown, date: string, field: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badInput(`${field} must be a list of members`, field);
  return [...new Set(raw.map((query, index) => resolveId(query, date, `${field}[${index}]`)))];
}

function readTally(raw: unknown): Partial<OfficialTally> | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) throw badInput("officialTally must be an object", "officialTally");
  const tally: Partial<OfficialTally> = {};
  for (const key of Object.keys(raw)) {
    if (!(TALLY_FIELDS as readonly string[]).includes(key)) {
      throw badInput(`officialTally has an unknown field ${JSON.stringify(key)}`, `officialTally.${key}`);
    }
  }
  for (const key of TALLY_FIELDS) {
    const value = raw[key];
    if (value === undefined || value === null) tally[key] = null;
    else if (typeof value === "number" && Number.isInteger(value) && value >= 0) tally[key] = value;
    else throw badInput(`officialTally.${key} must be a whole number ≥ 0 or null`, `officialTally.${key}`);
  }
  return tally;
}

/** Reads and validates an outcome request (a JSON text or an already parsed value). */
export function parseOutcomeInput(json: unknown): OutcomeRequest {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new PlenaryError("BAD_INPUT", `Not valid JSON: ${(error as Error).message}`, {
        help: 'Send an object such as {"body":"SC","date":"2025-02-24","votes":{"USA":"Y"}}.',
      });
    }
    const duplicate = findDuplicateKey(json);
    if (duplicate) {
      const field = [...duplicate.path, duplicate.key].join(".");
      if (duplicate.path.length === 1 && duplicate.path[0] === "votes") {
        throw new PlenaryError("DUPLICATE_MEMBER", `${duplicate.key} is listed twice in votes`, {
          field,
          help: "Give each member's vote once.",
        });
      }
      throw badInput(`the field ${field} is given twice`, field);
    }
  }
  if (!isObject(value)) throw badInput("the request must be a JSON object", undefined);
  for (const key of Object.keys(value)) {
    if (!FIELDS.has(key)) {
      throw badInput(`unknown field ${JSON.stringify(key)}`, key, `Known fields: ${[...FIELDS].join(", ")}.`);
    }
  }
  const body = typeof value.body === "string" ? value.body.trim().toUpperCase() : value.body;
  if (body !== "GA" && body !== "SC") throw badInput('body must be "GA" or "SC"', "body");
  const date = checkIsoDate(value.date);
  const procedural = value.procedural ?? false;
  if (typeof procedural !== "boolean") throw badInput("procedural must be true or false", "procedural");
  const importantQuestion = value.importantQuestion ?? null;
  if (importantQuestion !== null && typeof importantQuestion !== "boolean") {
    throw badInput("importantQuestion must be true, false or null", "importantQuestion");
  }
  if (value.votes === undefined) throw badInput("votes is required", "votes");
  const votes = readVotes(value.votes, date);
  return {
    rollCall: {
      body: body as Body,
      date,
      procedural,
      importantQuestion,
      votes,
      officialTally: readTally(value.officialTally),
    },
    context: {
      noVote: readIdList(value.noVote, date, "noVote"),
      partiesToDispute: readIdList(value.partiesToDispute, date, "partiesToDispute"),
    },
  };
}
