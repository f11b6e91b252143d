/**
 * The vote matrix as a snapshot (snapshot.ts): its bit planes and active ranges as they are in memory,
 * its members and roll calls as compact JSON. Read back, it is the same matrix `buildVoteMatrix` made —
 * tests compare every vote — without reading 870,000 rows: about 1.5 MB for the research record.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import { GROUP, VoteMatrix, type MatrixRollCall } from "./matrix.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";

export const MATRIX_KIND = "vote-matrix";
/** Bump when the encoding below changes: snapshots in the old encoding are then rebuilt, not misread. */
export const MATRIX_FORMAT = 1;

interface MatrixJson {
  members: string[];
  words64: number;
  voteCount: number;
  /** The distinct values of the roll calls' text columns; the columns hold indexes into these. */
  bodies: Body[];
  sessions: (string | null)[];
  dates: string[];
  kinds: RollCallKind[];
  issues: string[];
}

/** Index of each distinct value, in order of first appearance. */
function dictionary<T>(values: readonly T[]): { distinct: T[]; index: Int32Array } {
  const seen = new Map<T, number>();
  const index = new Int32Array(values.length);
  values.forEach((value, i) => {
    let k = seen.get(value);
    if (k === undefined) seen.set(value, (k = seen.size));
    index[i] = k;
  });
  return { distinct: [...seen.keys()], index };
}

const IMPORTANT = 1;
const COMPLETE = 2;

export function encodeMatrix(matrix: VoteMatrix, dataVersion: number): Uint8Array {
  const rcs = matrix.rollCalls;
  // Roll calls by column (few distinct bodies, sessions, dates, kinds and issue lists): arrays of
  // indexes read back far faster than thousands of small JSON objects.
  const bodies = dictionary(rcs.map((rc) => rc.body));
  const sessions = dictionary(rcs.map((rc) => rc.session));
  const dates = dictionary(rcs.map((rc) => rc.date));
  const kinds = dictionary(rcs.map((rc) => rc.kind));
  const issues = dictionary(rcs.map((rc) => rc.issues.join(",")));
  const json: MatrixJson = {
    members: [...matrix.members],
    words64: matrix.words64,
    voteCount: matrix.voteCount,
    bodies: bodies.distinct,
    sessions: sessions.distinct,
    dates: dates.distinct,
    kinds: kinds.distinct,
    issues: issues.distinct,
  };
  return encodeSnapshot({
    kind: MATRIX_KIND,
    format: MATRIX_FORMAT,
    dataVersion,
    json,
    arrays: {
      bits: matrix.bits,
      activeFrom: matrix.activeFrom,
      activeTo: matrix.activeTo,
      rollCallIds: Int32Array.from(rcs, (rc) => rc.id),
      rollCallFlags: Uint8Array.from(
        rcs,
        (rc) => (rc.importantVote ? IMPORTANT : 0) | (rc.complete ? COMPLETE : 0),
      ),
      rollCallBodies: bodies.index,
      rollCallSessions: sessions.index,
      rollCallDates: dates.index,
      rollCallKinds: kinds.index,
      rollCallIssues: issues.index,
    },
  });
}

/** The matrix in `bytes` if they are a whole snapshot of it at `dataVersion`; else what is wrong. */
export function decodeMatrix(
  bytes: Uint8Array,
  dataVersion: number,
): { matrix: VoteMatrix; problem?: undefined } | { matrix?: undefined; problem: string } {
  const decoded = decodeSnapshot(bytes, { kind: MATRIX_KIND, format: MATRIX_FORMAT, dataVersion });
  if (!decoded.content) return { problem: decoded.problem };
  const json = decoded.content.json as MatrixJson;
  const a = decoded.content.arrays;
  const { bits, activeFrom, activeTo, rollCallIds: ids, rollCallFlags: flags } = a;
  if (
    !(bits instanceof Uint32Array) ||
    !(activeFrom instanceof Int32Array) ||
    !(activeTo instanceof Int32Array) ||
    !(ids instanceof Int32Array) ||
    !(flags instanceof Uint8Array) ||
    bits.length !== json.members.length * json.words64 * GROUP ||
    activeFrom.length !== json.members.length
  ) {
    return { problem: "damaged: the planes do not fit the members and roll calls" };
  }
  const column = (name: string) => a[name] as Int32Array;
  const [bodies, sessions, dates, kinds, issues] = [
    column("rollCallBodies"),
    column("rollCallSessions"),
    column("rollCallDates"),
    column("rollCallKinds"),
    column("rollCallIssues"),
  ];
  const issueLists = json.issues.map((list) => (list ? list.split(",") : []));
  const rollCalls: MatrixRollCall[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    rollCalls[i] = {
      id: ids[i]!,
      body: json.bodies[bodies[i]!]!,
      session: json.sessions[sessions[i]!]!,
      date: json.dates[dates[i]!]!,
      kind: json.kinds[kinds[i]!]!,
      importantVote: (flags[i]! & IMPORTANT) !== 0,
      // Shared between roll calls with the same codes: the matrix never changes them.
      issues: issueLists[issues[i]!]!,
      complete: (flags[i]! & COMPLETE) !== 0,
    };
  }
  return {
    matrix: new VoteMatrix({
      members: json.members,
      rollCalls,
      words64: json.words64,
      bits,
      activeFrom,
      activeTo,
      voteCount: json.voteCount,
    }),
  };
}
