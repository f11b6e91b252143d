/**
 * The vote matrix: members × roll calls, bit-packed, in memory.
 *
 * Input (plain data, what the store hands over — see README.md):
 *
 * ```ts
 * buildVoteMatrix({
 *   rollCalls: [{ id, body, session, date, kind, importantVote, issues, complete }, …],
 *   // columnar votes, all of the same length:
 *   voteRollCallIds: Int32Array | number[],
 *   voteMemberIds: string[],                 // or: members: string[] + voteMemberIndexes: Int32Array
 *   voteValues: "YNAY…" | Uint8Array | MemberVote[],   // 'Y' | 'N' | 'A' | 'X' ('X' = did not vote)
 * })
 * ```
 *
 * Layout. Columns are the roll calls in (date, id) order; column c lives in 64-bit word c >> 6. For each
 * member and each 64-bit word there are three planes — yes, no, abstain — stored next to each other as
 * six 32-bit words `[Y.lo, Y.hi, N.lo, N.hi, A.lo, A.hi]`, so one pair of members is compared by one
 * forward scan. "Voted" (Y, N or A) is the OR of the three planes. Every member has an active range of
 * words (first to last word where it voted): a pair scans only where both ranges and the selection meet.
 * The full record (≈200 members × 6,203 roll calls) takes ≈ 470 KB.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import type { MemberVote } from "../core/vote.js";
import { PlenaryError } from "../core/errors.js";
import type { SelectionMask } from "./selection.js";

/** One roll call as the matrix needs it: plain data. */
export interface MatrixRollCall {
  id: number;
  body: Body;
  /** `74`, `ES-11`; null when the body has no sessions (the Council). */
  session: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  kind: RollCallKind;
  importantVote: boolean;
  /** Issue codes (`me`, `nu`, `di`, `hr`, `co`, `ec`). */
  issues: readonly string[];
  /** Every member's vote is known. */
  complete: boolean;
}

/**
 * Votes come as columns of the same length. Members are given either per vote (`voteMemberIds`) or as a
 * dictionary plus an index per vote (`members` + `voteMemberIndexes`). A vote is one character (`Y`, `N`,
 * `A`, `X`): a string with one character per vote, a Uint8Array of their character codes, or an array of
 * `MemberVote`. `X` (non-voting) is accepted and counts as not voting; so does a vote that is absent.
 */
export interface MatrixInput {
  rollCalls: readonly MatrixRollCall[];
  voteRollCallIds: ArrayLike<number>;
  voteMemberIds?: ArrayLike<string>;
  members?: readonly string[];
  voteMemberIndexes?: ArrayLike<number>;
  voteValues: string | Uint8Array | ArrayLike<string>;
}

/** Plane offsets inside one member-word group of six 32-bit words. */
export const PLANE_Y = 0;
export const PLANE_N = 2;
export const PLANE_A = 4;
/** 32-bit words per member per 64-bit word of roll calls. */
export const GROUP = 6;

const CODE_Y = 89; // 'Y'
const CODE_N = 78; // 'N'
const CODE_A = 65; // 'A'
const CODE_X = 88; // 'X'

export class VoteMatrix {
  /** Member ids, sorted. Row i is `members[i]`. */
  readonly members: readonly string[];
  /** Roll calls in column order: by date, then id. */
  readonly rollCalls: readonly MatrixRollCall[];
  /** Number of 64-bit words per plane. */
  readonly words64: number;
  /**
   * The bit planes: member m, 64-bit word w starts at `(m * words64 + w) * 6`; Y at +0/+1, N at +2/+3,
   * A at +4/+5 (low and high 32 bits). May be a view into WebAssembly memory.
   */
  readonly bits: Uint32Array;
  /** Per member: first and one-past-last 64-bit word where it voted (0, 0 when it never voted). */
  readonly activeFrom: Int32Array;
  readonly activeTo: Int32Array;
  /** Sessions in order of their first roll call. */
  readonly sessions: readonly string[];
  /** Number of Y, N or A votes held. */
  readonly voteCount: number;

  private readonly memberIndex: Map<string, number>;
  private readonly columnIndex: Map<number, number>;
  /** Selection masks already computed, by selection key. */
  readonly maskCache = new Map<string, SelectionMask>();

  constructor(parts: {
    members: readonly string[];
    rollCalls: readonly MatrixRollCall[];
    words64: number;
    bits: Uint32Array;
    activeFrom: Int32Array;
    activeTo: Int32Array;
    voteCount: number;
  }) {
    this.members = parts.members;
    this.rollCalls = parts.rollCalls;
    this.words64 = parts.words64;
    this.bits = parts.bits;
    this.activeFrom = parts.activeFrom;
    this.activeTo = parts.activeTo;
    this.voteCount = parts.voteCount;
    this.memberIndex = new Map(parts.members.map((id, i) => [id, i]));
    this.columnIndex = new Map(parts.rollCalls.map((rc, i) => [rc.id, i]));
    const firstDate = new Map<string, string>();
    for (const rc of parts.rollCalls) {
      if (rc.session === null) continue;
      const seen = firstDate.get(rc.session);
      if (seen === undefined || rc.date < seen) firstDate.set(rc.session, rc.date);
    }
    this.sessions = [...firstDate.entries()]
      .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : 1))
      .map((e) => e[0]);
  }

  /** Row of a member, or -1. */
  indexOfMember(id: string): number {
    return this.memberIndex.get(id) ?? -1;
  }

  /** Row of a member; throws `UNKNOWN_MEMBER` when the matrix has no vote of it. */
  requireMember(id: string): number {
    const i = this.memberIndex.get(id);
    if (i === undefined) {
      throw new PlenaryError("UNKNOWN_MEMBER", `No votes of member "${id}" in the vote matrix.`, {
        help: "Member ids are ISO 3166-1 alpha-3 codes such as USA; check the member has recorded votes.",
      });
    }
    return i;
  }

  /** Column of a roll call, or -1. */
  columnOf(rollCallId: number): number {
    return this.columnIndex.get(rollCallId) ?? -1;
  }

  /** Column of a roll call; throws `UNKNOWN_ROLL_CALL`. */
  requireColumn(rollCallId: number): number {
    const c = this.columnIndex.get(rollCallId);
    if (c === undefined) {
      throw new PlenaryError("UNKNOWN_ROLL_CALL", `Roll call ${rollCallId} is not in the vote matrix.`, {
        help: "Use the id of a roll call held by the store.",
      });
    }
    return c;
  }

  /** The vote of member row m in column c. */
  voteAt(m: number, c: number): MemberVote {
    const base = (m * this.words64 + (c >>> 6)) * GROUP + ((c >>> 5) & 1);
    const bit = 1 << (c & 31);
    const b = this.bits;
    if ((b[base + PLANE_Y]! & bit) !== 0) return "Y";
    if ((b[base + PLANE_N]! & bit) !== 0) return "N";
    if ((b[base + PLANE_A]! & bit) !== 0) return "A";
    return "X";
  }

  /** A member's vote on a roll call (`X` when it did not vote or is unknown to the matrix). */
  vote(memberId: string, rollCallId: number): MemberVote {
    const m = this.indexOfMember(memberId);
    const c = this.columnOf(rollCallId);
    if (m < 0 || c < 0) return "X";
    return this.voteAt(m, c);
  }

  /** Bytes held by the bit planes and indexes (not counting the roll call objects). */
  get byteSize(): number {
    return this.bits.byteLength + this.activeFrom.byteLength + this.activeTo.byteLength;
  }
}

function voteCodeAt(values: MatrixInput["voteValues"], i: number): number {
  if (typeof values === "string") return values.charCodeAt(i);
  if (values instanceof Uint8Array) return values[i]!;
  const v = values[i];
  return v === undefined ? CODE_X : v.charCodeAt(0);
}

function compareRollCalls(x: MatrixRollCall, y: MatrixRollCall): number {
  if (x.date < y.date) return -1;
  if (x.date > y.date) return 1;
  return x.id - y.id;
}

/** Allocates zeroed storage for the bit planes: a hook so a WebAssembly kernel can own the memory. */
export type PlaneAllocator = (uint32Words: number) => Uint32Array;

/**
 * Builds the matrix from plain columnar data. Throws `BAD_INPUT` on columns of different lengths, votes
 * on unknown roll calls, unreadable votes and a member voting twice differently on one roll call.
 */
export function buildVoteMatrix(input: MatrixInput, allocate?: PlaneAllocator): VoteMatrix {
  const n = input.voteRollCallIds.length;
  const values = input.voteValues;
  if (values.length !== n) {
    throw badInput(`voteValues has ${values.length} entries, voteRollCallIds ${n}.`);
  }
  // Members: dictionary-encoded, sorted.
  let memberOfVote: Int32Array;
  let members: string[];
  if (input.voteMemberIds !== undefined) {
    const ids = input.voteMemberIds;
    if (ids.length !== n) throw badInput(`voteMemberIds has ${ids.length} entries, voteRollCallIds ${n}.`);
    const seen = new Map<string, number>();
    const raw = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      let k = seen.get(id);
      if (k === undefined) {
        k = seen.size;
        seen.set(id, k);
      }
      raw[i] = k;
    }
    const dict = [...seen.keys()];
    ({ members, memberOfVote } = sortDictionary(dict, raw));
  } else if (input.members !== undefined && input.voteMemberIndexes !== undefined) {
    const idx = input.voteMemberIndexes;
    if (idx.length !== n)
      throw badInput(`voteMemberIndexes has ${idx.length} entries, voteRollCallIds ${n}.`);
    const raw = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = idx[i]!;
      if (!(k >= 0 && k < input.members.length))
        throw badInput(`voteMemberIndexes[${i}] = ${k} is out of range.`);
      raw[i] = k;
    }
    ({ members, memberOfVote } = sortDictionary([...input.members], raw));
  } else {
    throw badInput("Give voteMemberIds, or members with voteMemberIndexes.");
  }

  const rollCalls = [...input.rollCalls].sort(compareRollCalls);
  const column = new Map<number, number>();
  rollCalls.forEach((rc, c) => {
    if (column.has(rc.id)) throw badInput(`Roll call ${rc.id} is listed twice.`);
    column.set(rc.id, c);
  });
  const words64 = Math.max(1, Math.ceil(rollCalls.length / 64));
  const size = members.length * words64 * GROUP;
  const bits = allocate ? allocate(size) : new Uint32Array(size);
  const rcIds = input.voteRollCallIds;
  let lastId = NaN;
  let lastColumn = -1;
  let voteCount = 0;
  for (let i = 0; i < n; i++) {
    const id = rcIds[i]!;
    if (id !== lastId) {
      const c = column.get(id);
      if (c === undefined) throw badInput(`A vote refers to roll call ${id}, which is not in rollCalls.`);
      lastId = id;
      lastColumn = c;
    }
    const code = voteCodeAt(values, i);
    let plane: number;
    if (code === CODE_Y) plane = PLANE_Y;
    else if (code === CODE_N) plane = PLANE_N;
    else if (code === CODE_A) plane = PLANE_A;
    else if (code === CODE_X) continue;
    else throw badInput(`Vote ${i} is "${String.fromCharCode(code)}"; expected Y, N, A or X.`);
    const c = lastColumn;
    const base = (memberOfVote[i]! * words64 + (c >>> 6)) * GROUP + ((c >>> 5) & 1);
    const bit = 1 << (c & 31);
    const already = (bits[base + PLANE_Y]! | bits[base + PLANE_N]! | bits[base + PLANE_A]!) & bit;
    if (already !== 0) {
      if ((bits[base + plane]! & bit) !== 0) continue; // the same vote twice: harmless
      throw badInput(`Member ${members[memberOfVote[i]!]} has two different votes on roll call ${id}.`);
    }
    bits[base + plane]! |= bit;
    voteCount++;
  }
  const activeFrom = new Int32Array(members.length);
  const activeTo = new Int32Array(members.length);
  for (let m = 0; m < members.length; m++) {
    let first = -1;
    let last = -1;
    for (let w = 0; w < words64; w++) {
      const base = (m * words64 + w) * GROUP;
      if (
        (bits[base]! |
          bits[base + 1]! |
          bits[base + 2]! |
          bits[base + 3]! |
          bits[base + 4]! |
          bits[base + 5]!) !==
        0
      ) {
        if (first < 0) first = w;
        last = w;
      }
    }
    activeFrom[m] = first < 0 ? 0 : first;
    activeTo[m] = first < 0 ? 0 : last + 1;
  }
  return new VoteMatrix({ members, rollCalls, words64, bits, activeFrom, activeTo, voteCount });
}

function sortDictionary(dict: string[], raw: Int32Array): { members: string[]; memberOfVote: Int32Array } {
  const order = dict.map((id, k) => ({ id, k })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const remap = new Int32Array(dict.length);
  const members: string[] = [];
  for (const { id, k } of order) {
    if (members.length > 0 && members[members.length - 1] === id) {
      remap[k] = members.length - 1; // a dictionary listing an id twice
    } else {
      remap[k] = members.length;
      members.push(id);
    }
  }
  for (let i = 0; i < raw.length; i++) raw[i] = remap[raw[i]!]!;
  return { members, memberOfVote: raw };
}

function badInput(message: string): PlenaryError {
  return new PlenaryError("BAD_INPUT", `Cannot build the vote matrix: ${message}`, {
    help: "Pass columns of equal length: voteRollCallIds, voteMemberIds (or voteMemberIndexes) and voteValues.",
  });
}
