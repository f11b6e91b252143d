/** The procedure engine: how the General Assembly and the Security Council decide. Pure, no I/O. */
// Every type of a vote and its outcome (DecisionContext, Outcome, VoteDescription …).
export type * from "./types.js";
export {
  buildModel,
  decide,
  gaPasses,
  gaRequired,
  normaliseVotes,
  outcomeOf,
  verdictOf,
  type Counts,
  type DecisionModel,
  type Verdict,
} from "./decide.js";
export {
  amendmentOrder,
  decideSequence,
  type AmendmentInput,
  type MotionInput,
  type ParagraphInput,
  type SequenceInput,
  type SequenceOutcome,
  type SequenceStep,
  type StepInput,
  type StepKind,
  type TextFate,
} from "./sequence.js";
export {
  addWorkingDays,
  isWorkingDay,
  vetoInitiativeDeadline,
  VETO_INITIATIVE_FROM,
  VETO_INITIATIVE_WORKING_DAYS,
} from "./vetoInitiative.js";
export {
  redecide,
  whatIf,
  type PermanentMemberEffect,
  type PivotalChange,
  type ToAdopt,
  type ToReject,
  type WhatIf,
} from "./whatif.js";
export { parseOutcomeInput, type OutcomeRequest } from "./parse.js";
