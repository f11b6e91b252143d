/**
 * decideSequence(): a draft decided in the order the rules of procedure prescribe.
 *
 * 1. Procedural motions first (GA rule 77, SC provisional rule 33): a motion to postpone or adjourn that
 *    is adopted ends the sequence — the other steps are not put to the vote.
 * 2. Amendments before the text (GA rule 90, SC provisional rule 36), the one furthest removed in
 *    substance first. The engine does not judge substance: each amendment carries an explicit voting
 *    `order` (ascending) or a `remoteness` (higher = further removed, voted first). An adopted amendment
 *    whose adoption necessarily implies the rejection of others (`excludes`) means those are not put to
 *    the vote (rule 90). An amendment takes the majority of the text it amends: two-thirds on an important
 *    question (rule 84); in the Council an amendment to a non-procedural draft is non-procedural, so it
 *    can be vetoed.
 * 3. Parts voted separately after a motion for division (GA rule 89, SC provisional rule 32), with the
 *    text's majority (rule 84). If every operative part is rejected, the proposal is rejected as a whole
 *    and the text is not put to the vote (rule 89).
 * 4. The text as a whole.
 */
import { PlenaryError } from "../errors.js";
import type { Body } from "../rollCall.js";
import type { OfficialTally } from "../vote.js";
import { decide } from "./decide.js";
import type { DecisionContext, Outcome, VoteEntries } from "./types.js";
import { listWords, names } from "./words.js";

/** One vote in the sequence. */
export interface StepInput {
  /** Unique within the sequence: `A1`, `PP3`, `S/2025/118`. */
  id: string;
  label?: string;
  votes: VoteEntries;
  officialTally?: Partial<OfficialTally> | null;
}

export interface MotionInput extends StepInput {
  /** Whether adopting it ends the sequence (postponement, adjournment). Default true. */
  postpones?: boolean;
}

export interface AmendmentInput extends StepInput {
  /** Explicit voting order, ascending (when every amendment has one, it wins). */
  order?: number;
  /** Distance in substance from the original: the highest is voted first (rule 90). */
  remoteness?: number;
  /** Amendments whose rejection the adoption of this one necessarily implies (rule 90). */
  excludes?: readonly string[];
}

export interface ParagraphInput extends StepInput {
  /** An operative part (rule 89 looks at these), not a preambular one. */
  operative: boolean;
}

export interface SequenceInput {
  body: Body;
  date: string;
  /** Whether the text is procedural (rare: motions are given separately). Default false. */
  procedural?: boolean;
  importantQuestion?: boolean | null;
  motions?: readonly MotionInput[];
  amendments?: readonly AmendmentInput[];
  paragraphs?: readonly ParagraphInput[];
  /** The vote on the text as a whole; may be absent only when the rules say it is not taken. */
  text?: StepInput | null;
}

export type StepKind = "motion" | "amendment" | "paragraph" | "text";

export interface SequenceStep {
  id: string;
  kind: StepKind;
  label: string | null;
  status: "decided" | "not-put-to-vote";
  /** Null when not put to the vote. */
  outcome: Outcome | null;
  /** Why a step was not put to the vote. */
  note: string | null;
}

export type TextFate = "adopted" | "rejected" | "vetoed" | "postponed";

export interface SequenceOutcome {
  steps: SequenceStep[];
  /** What became of the text. */
  fate: TextFate;
  /** Adopted amendments, in voting order: the text voted on was amended by them. */
  amendedBy: string[];
  /** Parts rejected in a division (removed from the text). */
  rejectedParagraphs: string[];
  /** The outcome of the vote on the text as a whole, null when it was not taken. */
  text: Outcome | null;
  explanation: string[];
}

function badInput(message: string, field: string): PlenaryError {
  return new PlenaryError("BAD_INPUT", message, { field });
}

/** Amendments in voting order: explicit `order`, else `remoteness` (furthest first), else BAD_INPUT. */
export function amendmentOrder(amendments: readonly AmendmentInput[]): AmendmentInput[] {
  if (amendments.length <= 1) return [...amendments];
  if (amendments.every((a) => typeof a.order === "number")) {
    const sorted = [...amendments].sort((a, b) => a.order! - b.order!);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.order === sorted[i - 1]!.order) {
        throw badInput(
          `amendments ${sorted[i - 1]!.id} and ${sorted[i]!.id} have the same order`,
          "amendments",
        );
      }
    }
    return sorted;
  }
  if (amendments.every((a) => typeof a.remoteness === "number")) {
    // Stable sort: equally remote amendments keep the order they were submitted in (rule 91).
    return [...amendments].sort((a, b) => b.remoteness! - a.remoteness!);
  }
  throw badInput(
    "give every amendment an order or a remoteness: the engine does not judge which is furthest removed in substance",
    "amendments",
  );
}

function summary(outcome: Outcome): string {
  const tally = `${outcome.yes}–${outcome.no}–${outcome.abstain ?? "?"}`;
  if (outcome.outcome === "vetoed") return `vetoed by ${names(outcome.vetoedBy, outcome.date)} (${tally})`;
  if (outcome.outcome === "adopted") return `adopted (${tally})`;
  if (outcome.reason === "tie") return `rejected: a tie (${tally})`;
  return outcome.body === "SC"
    ? `failed to obtain the required number of votes (${tally})`
    : `rejected (${tally})`;
}

/** Decides a draft with its motions, amendments and separately voted parts, in rule order. */
export function decideSequence(input: SequenceInput, context: DecisionContext = {}): SequenceOutcome {
  if (input === null || typeof input !== "object")
    throw badInput("the sequence must be an object", "sequence");
  const motions = input.motions ?? [];
  const amendments = input.amendments ?? [];
  const paragraphs = input.paragraphs ?? [];
  const ids = new Set<string>();
  for (const step of [...motions, ...amendments, ...paragraphs, ...(input.text ? [input.text] : [])]) {
    if (typeof step?.id !== "string" || step.id === "") throw badInput("every step needs an id", "id");
    if (ids.has(step.id)) throw badInput(`two steps have the id ${step.id}`, "id");
    ids.add(step.id);
  }
  for (const amendment of amendments) {
    for (const other of amendment.excludes ?? []) {
      if (!amendments.some((a) => a.id === other)) {
        throw badInput(
          `amendment ${amendment.id} excludes ${other}, which is not an amendment here`,
          "excludes",
        );
      }
    }
  }

  const ga = input.body === "GA";
  const procedural = input.procedural ?? false;
  const important = context.importantQuestion ?? input.importantQuestion ?? null;
  const base = { body: input.body, date: input.date };
  const decideStep = (step: StepInput, asMotion: boolean): Outcome =>
    decide(
      {
        ...base,
        procedural: asMotion || procedural,
        importantQuestion: asMotion ? false : important,
        votes: step.votes,
        officialTally: step.officialTally ?? null,
      },
      asMotion ? { ...context, importantQuestion: false } : context,
    );

  const steps: SequenceStep[] = [];
  const explanation: string[] = [];
  const notVoted = (step: StepInput, kind: StepKind, note: string): void => {
    steps.push({
      id: step.id,
      kind,
      label: step.label ?? null,
      status: "not-put-to-vote",
      outcome: null,
      note,
    });
  };
  const decided = (step: StepInput, kind: StepKind, outcome: Outcome): void => {
    steps.push({ id: step.id, kind, label: step.label ?? null, status: "decided", outcome, note: null });
    explanation.push(`${kindWord(kind)} ${step.label ?? step.id}: ${summary(outcome)}.`);
  };

  // 1. Procedural motions.
  let postponedBy: string | null = null;
  if (motions.length) {
    explanation.push(
      `${ga ? "Rule 77" : "Provisional rule 33"}: procedural motions are voted before the draft, by a procedural majority.`,
    );
  }
  for (const motion of motions) {
    if (postponedBy) {
      notVoted(motion, "motion", `The motion ${postponedBy} was adopted first.`);
      continue;
    }
    const outcome = decideStep(motion, true);
    decided(motion, "motion", outcome);
    if (outcome.outcome === "adopted" && motion.postpones !== false) postponedBy = motion.id;
  }
  const ordered = amendmentOrder(amendments);
  const rest = [
    ...ordered.map((step) => ({ step, kind: "amendment" as const })),
    ...paragraphs.map((step) => ({ step, kind: "paragraph" as const })),
    ...(input.text ? [{ step: input.text, kind: "text" as const }] : []),
  ];
  if (postponedBy) {
    for (const { step, kind } of rest)
      notVoted(step, kind, `The motion ${postponedBy} was adopted: no vote was taken.`);
    explanation.push(`The motion ${postponedBy} was adopted: the draft was not put to the vote.`);
    return { steps, fate: "postponed", amendedBy: [], rejectedParagraphs: [], text: null, explanation };
  }

  // 2. Amendments.
  if (ordered.length) {
    const order = ordered.map((a) => a.id);
    const how = amendments.every((a) => typeof a.order === "number")
      ? "in the order given"
      : "furthest removed first";
    explanation.push(
      `${ga ? "Rule 90" : "Provisional rule 36"}: amendments are voted before the ${ga ? "proposal" : "draft"}, the one furthest removed in substance first (${how}: ${listWords(order)}).`,
    );
    if (ga && important) {
      explanation.push(
        "Rule 84: amendments to a proposal on an important question need a two-thirds majority.",
      );
    }
    if (!ga && !procedural) {
      explanation.push(
        "Art. 27(3): an amendment to a non-procedural draft is itself non-procedural: a permanent member's negative vote vetoes it.",
      );
    }
  }
  const amendedBy: string[] = [];
  const excluded = new Map<string, string>();
  for (const amendment of ordered) {
    const by = excluded.get(amendment.id);
    if (by) {
      notVoted(amendment, "amendment", `Rule 90: the adoption of ${by} implies its rejection.`);
      explanation.push(
        `Rule 90: amendment ${amendment.label ?? amendment.id} was not put to the vote: ${by} was adopted.`,
      );
      continue;
    }
    const outcome = decideStep(amendment, false);
    decided(amendment, "amendment", outcome);
    if (outcome.outcome === "adopted") {
      amendedBy.push(amendment.id);
      for (const other of amendment.excludes ?? [])
        if (!excluded.has(other)) excluded.set(other, amendment.id);
    }
  }

  // 3. Division.
  const rejectedParagraphs: string[] = [];
  if (paragraphs.length) {
    explanation.push(
      `${ga ? "Rule 89" : "Provisional rule 32"}: parts are voted separately${ga && important ? ", each needing two-thirds (rule 84)" : ""}.`,
    );
  }
  for (const paragraph of paragraphs) {
    const outcome = decideStep(paragraph, false);
    decided(paragraph, "paragraph", outcome);
    if (outcome.outcome !== "adopted") rejectedParagraphs.push(paragraph.id);
  }
  const operative = paragraphs.filter((p) => p.operative);
  const allOperativeRejected =
    operative.length > 0 && operative.every((p) => rejectedParagraphs.includes(p.id));

  // 4. The text.
  if (allOperativeRejected) {
    if (input.text) notVoted(input.text, "text", "Rule 89: every operative part was rejected.");
    explanation.push("Rule 89: every operative part was rejected, so the proposal is rejected as a whole.");
    return { steps, fate: "rejected", amendedBy, rejectedParagraphs, text: null, explanation };
  }
  if (!input.text) {
    throw badInput("the vote on the text as a whole is missing", "text");
  }
  const text = decideStep(input.text, false);
  decided(input.text, "text", text);
  if (amendedBy.length) explanation.push(`The text voted on was amended by ${listWords(amendedBy)}.`);
  return { steps, fate: text.outcome, amendedBy, rejectedParagraphs, text, explanation };
}

function kindWord(kind: StepKind): string {
  return { motion: "Motion", amendment: "Amendment", paragraph: "Part", text: "Text" }[kind];
}
