/** Child process for {@link IdealPointsJob}: rebuilds the matrix from its parts, estimates, answers. */
import { VoteMatrix } from "../../analysis/matrix.js";
import { estimate, type JobOptions, type MatrixParts } from "./idealPointsJob.js";

process.once("message", ({ parts, options }: { parts: MatrixParts; options: JobOptions }) => {
  try {
    const matrix = new VoteMatrix(parts);
    process.send?.({ result: estimate(matrix, options) }, () => process.exit(0));
  } catch (error) {
    process.send?.({ error: String(error) }, () => process.exit(1));
  }
});
