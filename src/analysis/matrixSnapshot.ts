/**
 * The vote matrix as a snapshot (snapshot.ts): its bit planes and active ranges as they are in memory,
 * its members and its roll calls by column (indexes into small dictionaries). Read back, it is the same
 * matrix `buildVoteMatrix` made — tests compare every vote — without reading 870,000 rows: about
 * 0.7 MB for the research record.
 */
import type { Body, RollCallKind } from "../core/rollCall.js";
import type { DerivedKind } from "./derived.js";
import { GROUP, VoteMatrix, type MatrixRollCall } from "./matrix.js";
import type { SnapshotArray, SnapshotContent } from "./snapshot.js";

/** The matrix in the analysis cache: what builds it from the rows, and this encoding. */
export const MATRIX: DerivedKind = {
  key: "vote-matrix",
  format: 1,
  code: ["analysis/matrix", "analysis/matrixSnapshot", "analysis/fromStore"],
};

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

/** The matrix as a snapshot's parts. */
export function encodeMatrix(matrix: VoteMatrix): {
  json: MatrixJson;
  arrays: Record<string, SnapshotArray>;
} {
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
  return {
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
  };
}

/** The matrix of a snapshot's content; what is wrong when the parts do not fit together. */
export function decodeMatrix(
  content: Pick<SnapshotContent, "json" | "arrays">,
): { matrix: VoteMatrix; problem?: undefined } | { matrix?: undefined; problem: string } {
  const json = content.json as MatrixJson;
  const a = content.arrays;
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
