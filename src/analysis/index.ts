/**
 * Plenary's analysis: the vote matrix and the measures on it (see README.md in this folder).
 */
export { buildVoteMatrix, VoteMatrix, type MatrixInput, type MatrixRollCall } from "./matrix.js";
export { selectionMask, selectionKey, type Selection, type SelectionMask } from "./selection.js";
export {
  align,
  partners,
  shifts,
  agreementMatrix,
  pairCounts,
  alignmentsToCsv,
  measuresOf,
  kappaOf,
  useKernel,
  type Alignment,
  type AgreementMatrix,
  type PairCounts,
  type PairCountsTable,
  type PairMarginals,
  type Partners,
  type PartnersOptions,
  type Period,
  type Ranking,
  type SessionAlignment,
  type Shift,
  type ShiftOptions,
  type YearAlignment,
} from "./measures.js";
export { alongside, type Alongside, type AlongsideMember, type AlongsideOptions } from "./alongside.js";
export {
  blocCohesion,
  blocSplits,
  blocMembersOn,
  getBloc,
  listBlocs,
  resolveBloc,
  type Bloc,
  type BlocCohesion,
  type BlocSplit,
  type BlocCohesionOptions,
  type BlocInput,
  type BlocMembership,
  type CohesionFigures,
  type CohesionPeriod,
  type Defector,
} from "./blocs.js";
export {
  idealPoints,
  type IdealPoint,
  type IdealPointsOptions,
  type IdealPointsResult,
} from "./idealPoints.js";
export { jsKernel, type PairKernel } from "./kernel.js";
export { wasmKernel, defaultKernel } from "./wasmKernel.js";
