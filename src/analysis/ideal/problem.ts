/**
 * The estimation problem laid out for speed: the contested roll calls (items) with their observations,
 * grouped both by item and by member-period; the chains of each member's periods, linked by the random
 * walk's precision; and the starting values (first principal component).
 */
import type { VoteMatrix } from "../matrix.js";
import { sideOf } from "./likelihood.js";

export interface Problem {
  /** Items (roll calls). */
  items: number;
  itemStart: Int32Array;
  binary: Uint8Array;
  /** Each item's session (an index into the sessions estimated). */
  itemSession: Int32Array;
  /** Observations, grouped by item. */
  obsMp: Int32Array;
  obsCat: Uint8Array;
  /** Each observation's side of its cut points (likelihood.ts: BELOW_1 … MIDDLE). */
  obsCode: Uint8Array;
  /** Sessions (each member-period's and item's session is below this). */
  sessions: number;
  /** Member-periods. */
  mps: number;
  mpRow: Int32Array;
  mpSession: Int32Array;
  /** Observations grouped by member-period: where each member-period's run starts, then the item and
   * the vote of each observation in that order. */
  mpStart: Int32Array;
  mpObsItem: Int32Array;
  mpObsCat: Uint8Array;
  mpObsCode: Uint8Array;
  /** Chains: member-periods of one member in time order. */
  chainStart: Int32Array;
  chainMp: Int32Array;
  /** Link precision between chainMp[k-1] and chainMp[k] (0 for the first of a chain). */
  linkPrecision: Float64Array;
}

export function buildProblem(
  matrix: VoteMatrix,
  columns: number[],
  sessionIndexOf: Map<string, number>,
  dynamic: boolean,
  omega: number,
): Problem {
  const nMembers = matrix.members.length;
  const nSessions = sessionIndexOf.size;
  const mpIndex = new Int32Array(nMembers * Math.max(1, nSessions)).fill(-1);
  const mpRowList: number[] = [];
  const mpSessionList: number[] = [];
  const itemStart: number[] = [0];
  const binaryList: number[] = [];
  const itemSessionList: number[] = [];
  // At most one observation per vote in the matrix.
  const obsMpAll = new Int32Array(matrix.voteCount);
  const obsCatAll = new Uint8Array(matrix.voteCount);
  let nObs = 0;
  const rowsVoting: number[] = [];
  const cats: number[] = [];
  for (const c of columns) {
    const session = matrix.rollCalls[c]!.session;
    const s = session === null ? -1 : (sessionIndexOf.get(session) ?? -1);
    if (s < 0) continue;
    rowsVoting.length = 0;
    cats.length = 0;
    let seen = 0;
    for (let r = 0; r < nMembers; r++) {
      if (c < matrix.activeFrom[r]! * 64 || c >= matrix.activeTo[r]! * 64) continue;
      const v = matrix.voteAt(r, c);
      if (v === "X") continue;
      const cat = v === "N" ? 0 : v === "A" ? 1 : 2;
      rowsVoting.push(r);
      cats.push(cat);
      seen |= 1 << cat;
    }
    const kinds = (seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1);
    if (kinds < 2) continue;
    const binary = kinds === 2;
    // For a binary item, recode to 0 (lower kind) / 1 (higher kind).
    const low = seen & 1 ? 0 : 1;
    for (let k = 0; k < rowsVoting.length; k++) {
      const r = rowsVoting[k]!;
      const key = r * nSessions + s;
      let mp = mpIndex[key]!;
      if (mp < 0) {
        mp = mpRowList.length;
        mpIndex[key] = mp;
        mpRowList.push(r);
        mpSessionList.push(s);
      }
      obsMpAll[nObs] = mp;
      obsCatAll[nObs] = binary ? (cats[k]! === low ? 0 : 1) : cats[k]!;
      nObs++;
    }
    binaryList.push(binary ? 1 : 0);
    itemSessionList.push(s);
    itemStart.push(nObs);
  }
  const mps = mpRowList.length;
  const obsMpArr = obsMpAll.slice(0, nObs);
  const obsCatArr = obsCatAll.slice(0, nObs);
  const items = binaryList.length;
  const itemStartArr = Int32Array.from(itemStart);
  // Observations by member-period.
  const mpCount = new Int32Array(mps + 1);
  for (let o = 0; o < nObs; o++) mpCount[obsMpArr[o]! + 1]!++;
  for (let i = 0; i < mps; i++) mpCount[i + 1]! += mpCount[i]!;
  const mpStart = mpCount.slice();
  const fill = mpCount.slice(0, mps);
  const mpObsItem = new Int32Array(nObs);
  const mpObsCat = new Uint8Array(nObs);
  const obsCode = new Uint8Array(nObs);
  const mpObsCode = new Uint8Array(nObs);
  for (let k = 0; k < items; k++) {
    const binary = binaryList[k] === 1;
    for (let o = itemStartArr[k]!; o < itemStartArr[k + 1]!; o++) {
      const q = fill[obsMpArr[o]!]!++;
      mpObsItem[q] = k;
      mpObsCat[q] = obsCatArr[o]!;
      obsCode[o] = mpObsCode[q] = sideOf(binary, obsCatArr[o]!);
    }
  }
  // Chains.
  const chainStart: number[] = [0];
  const chainMp: number[] = [];
  const linkPrecision: number[] = [];
  for (let r = 0; r < nMembers; r++) {
    let previous = -1;
    for (let s = 0; s < nSessions; s++) {
      const mp = mpIndex[r * nSessions + s]!;
      if (mp < 0) continue;
      if (!dynamic && previous >= 0) {
        chainStart.push(chainMp.length);
        previous = -1;
      }
      chainMp.push(mp);
      linkPrecision.push(previous < 0 ? 0 : 1 / (omega * omega * (s - previous)));
      previous = s;
    }
    if (chainMp.length > chainStart[chainStart.length - 1]!) chainStart.push(chainMp.length);
  }
  return {
    items,
    itemStart: itemStartArr,
    binary: Uint8Array.from(binaryList),
    itemSession: Int32Array.from(itemSessionList),
    obsMp: obsMpArr,
    obsCat: obsCatArr,
    obsCode,
    sessions: Math.max(1, nSessions),
    mps,
    mpRow: Int32Array.from(mpRowList),
    mpSession: Int32Array.from(mpSessionList),
    mpStart,
    mpObsItem,
    mpObsCat,
    mpObsCode,
    chainStart: Int32Array.from(chainStart),
    chainMp: Int32Array.from(chainMp),
    linkPrecision: Float64Array.from(linkPrecision),
  };
}

/** First principal component of the centred votes (N −1, A 0, Y +1), per member row. */
export function principalComponent(p: Problem, nRows: number): Float64Array {
  const score = new Float64Array(p.obsCat.length);
  for (let k = 0; k < p.items; k++) {
    let sum = 0;
    const a = p.itemStart[k]!;
    const b = p.itemStart[k + 1]!;
    for (let o = a; o < b; o++) {
      const s = p.binary[k] ? (p.obsCat[o] ? 1 : -1) : p.obsCat[o]! - 1;
      score[o] = s;
      sum += s;
    }
    const mean = sum / (b - a);
    for (let o = a; o < b; o++) score[o]! -= mean;
  }
  // Each vote's member row, looked up once rather than through its member-period in every iteration.
  const rowOf = new Int32Array(p.obsMp.length);
  for (let o = 0; o < rowOf.length; o++) rowOf[o] = p.mpRow[p.obsMp[o]!]!;
  let u = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) u[i] = (((i + 1) * 2654435761) % 1000) / 1000 - 0.5;
  let next = new Float64Array(nRows);
  const v = new Float64Array(p.items);
  // Power iteration until the vector stops moving (by 1e-3: it shrinks about threefold an iteration on
  // the whole record); only a start, which the estimate refines — started from vectors within 1e-2 to
  // 1e-6 of the component, the whole record's estimate took the same rounds to the same result.
  for (let iter = 0; iter < 30; iter++) {
    for (let k = 0; k < p.items; k++) {
      let sum = 0;
      const end = p.itemStart[k + 1]!;
      for (let o = p.itemStart[k]!; o < end; o++) sum += u[rowOf[o]!]! * score[o]!;
      v[k] = sum;
    }
    next.fill(0);
    for (let k = 0; k < p.items; k++) {
      const vk = v[k]!;
      const end = p.itemStart[k + 1]!;
      for (let o = p.itemStart[k]!; o < end; o++) next[rowOf[o]!]! += vk * score[o]!;
    }
    let norm = 0;
    for (let i = 0; i < nRows; i++) norm += next[i]! * next[i]!;
    norm = Math.sqrt(norm) || 1;
    let moved = 0;
    for (let i = 0; i < nRows; i++) {
      next[i]! /= norm;
      moved = Math.max(moved, Math.abs(next[i]! - u[i]!));
    }
    [u, next] = [next, u];
    if (moved < 1e-3) break;
  }
  return u;
}
