/**
 * What a DGACM record says about a vote's tally, told three ways — the count fields, the member lists,
 * and (Security Council) the adoption text — reconciled without "fixing" anything: where the three agree
 * the roll call is complete (members not listed did not vote); where they disagree every statement is
 * kept as a dispute, the count fields stay the official tally, the listed votes stay the known votes,
 * and the roll call is incomplete until another source decides. Pure: plain data in and out.
 */
import type { DisputeClaim, SourceDispute } from "../../core/rollCall.js";
import type { OfficialTally } from "../../core/vote.js";

export interface Counts {
  yes: number;
  no: number;
  abstain: number;
}

/** What the adoption text says: a tally (`Adopted 12-0-3`), or only that it was (not) unanimous. */
export type TextTally =
  { kind: "tally"; counts: Counts; absent: number } | { kind: "unanimous" } | { kind: "non-unanimous" };

export interface TallyStatements {
  /** The count fields; null when the source gives none (empty or `N.A.` throughout). */
  counts: Counts | null;
  /** The member lists, counted after repeated names are merged; null when the lists are empty. */
  lists: Counts | null;
  /** Whether every listed name was read as a member (otherwise the lists cannot be checked). */
  listsReadable: boolean;
  text: TextTally | null;
}

export interface TallyDecision {
  officialTally: OfficialTally;
  complete: boolean;
  disputes: SourceDispute[];
}

export const formatCounts = (c: Counts): string => `${c.yes}-${c.no}-${c.abstain}`;

const sameCounts = (a: Counts, b: Counts) => a.yes === b.yes && a.no === b.no && a.abstain === b.abstain;

/** Whether the adoption text and a count of the vote agree. */
function textAgrees(text: TextTally, counts: Counts): boolean {
  if (text.kind === "tally") return sameCounts(text.counts, counts);
  const unanimous = counts.no === 0 && counts.abstain === 0 && counts.yes > 0;
  return text.kind === "unanimous" ? unanimous : !unanimous;
}

function textValue(text: TextTally): string {
  if (text.kind === "unanimous") return "adopted unanimously";
  if (text.kind === "non-unanimous") return "adopted non-unanimously";
  return text.absent ? `${formatCounts(text.counts)}, ${text.absent} absent` : formatCounts(text.counts);
}

export function decideTally(statements: TallyStatements): TallyDecision {
  const { counts, lists, listsReadable, text } = statements;
  const official: OfficialTally = counts
    ? { ...counts, nonVoting: null }
    : text?.kind === "tally"
      ? { ...text.counts, nonVoting: null }
      : { yes: null, no: null, abstain: null, nonVoting: null };
  // The statements that can be compared: the lists only when every name in them was read.
  const checkedLists = lists && listsReadable ? lists : null;
  const numeric: { from: string; counts: Counts }[] = [];
  if (counts) numeric.push({ from: "counts", counts });
  if (checkedLists) numeric.push({ from: "lists", counts: checkedLists });
  if (text?.kind === "tally") numeric.push({ from: "adoption text", counts: text.counts });
  const agree =
    numeric.every((s) => sameCounts(s.counts, numeric[0]!.counts)) &&
    (!text || text.kind === "tally" || numeric.every((s) => textAgrees(text, s.counts)));
  const disputes: SourceDispute[] = [];
  if (!agree) {
    const claims: DisputeClaim[] = numeric
      .filter((s) => s.from !== "adoption text")
      .map((s) => ({ from: s.from, value: formatCounts(s.counts) }));
    if (text) claims.push({ from: "adoption text", value: textValue(text) });
    disputes.push({
      field: "tally",
      claims,
      kept: `${counts ? "the counts as the official tally" : "no official tally"}${
        lists ? " and the votes the lists name" : ""
      }; incomplete until another source decides`,
    });
  }
  // Complete: every listed name read, and the lists corroborated by another statement that agrees.
  const complete = agree && checkedLists !== null && numeric.length >= 2;
  return { officialTally: official, complete, disputes };
}

const TALLY = /(\d+)\s*-\s*(\d+)\s*-\s*(\d+)(?:\s*,\s*(\d+)\s+absent)?/;

/** The tally an adoption text states (`Adopted 12-0-3, 9836th meeting`, `Adopted unanimously`), if any. */
export function readAdoptionText(text: string): TextTally | null {
  const tally = TALLY.exec(text);
  if (tally) {
    const [, yes, no, abstain, absent] = tally;
    return {
      kind: "tally",
      counts: { yes: Number(yes), no: Number(no), abstain: Number(abstain) },
      absent: absent ? Number(absent) : 0,
    };
  }
  // The files misspell it now and then (`unanimoulsy`, `unanimouly`).
  if (/non-unanim/i.test(text)) return { kind: "non-unanimous" };
  if (/unanim/i.test(text)) return { kind: "unanimous" };
  return null;
}
