/**
 * Ideal points take seconds on the full record (≈12 s for 1946–2019 on two cores): too long to run on
 * the server's event loop. For a large matrix the estimate runs in a child process that receives the
 * matrix's bit planes (structured clone) and sends the points back; a small one runs inline.
 */
import type { ChildProcess } from "node:child_process";
import { forkSibling } from "./forkChild.js";
import { idealPoints, type IdealPointsOptions, type IdealPointsResult } from "../../analysis/idealPoints.js";
import type { MatrixRollCall, VoteMatrix } from "../../analysis/matrix.js";

/** What crosses to the child: the matrix's parts. */
export interface MatrixParts {
  members: string[];
  rollCalls: MatrixRollCall[];
  words64: number;
  bits: Uint32Array;
  activeFrom: Int32Array;
  activeTo: Int32Array;
  voteCount: number;
}

export function matrixParts(matrix: VoteMatrix): MatrixParts {
  return {
    members: [...matrix.members],
    rollCalls: matrix.rollCalls.map((rc) => ({ ...rc, issues: [...rc.issues] })),
    words64: matrix.words64,
    bits: matrix.bits.slice(),
    activeFrom: matrix.activeFrom.slice(),
    activeTo: matrix.activeTo.slice(),
    voteCount: matrix.voteCount,
  };
}

/** What the job may ask for besides the model's defaults (the General Assembly's roll calls). */
export type JobOptions = Pick<IdealPointsOptions, "bootstrap">;

/** Estimates on the General Assembly's roll calls (the model's default). */
export function estimate(matrix: VoteMatrix, options: JobOptions = {}): IdealPointsResult {
  return idealPoints(matrix, options);
}

export class IdealPointsJob {
  private child: ChildProcess | null = null;

  /** The estimate, or null when it failed (no GA sessions, a crash). */
  async run(
    matrix: VoteMatrix,
    inline: boolean,
    options: JobOptions = {},
  ): Promise<IdealPointsResult | null> {
    if (inline) {
      try {
        return estimate(matrix, options);
      } catch {
        return null;
      }
    }
    this.stop();
    const child = forkSibling(import.meta.url, "idealPointsWorker");
    this.child = child;
    return new Promise((resolve) => {
      let settled = false;
      const done = (result: IdealPointsResult | null) => {
        if (settled) return;
        settled = true;
        if (this.child === child) this.child = null;
        child.kill();
        resolve(result);
      };
      child.on("message", (message: { result?: IdealPointsResult; error?: string }) =>
        done(message.result ?? null),
      );
      child.on("error", () => done(null));
      child.on("exit", () => done(null));
      child.send({ parts: matrixParts(matrix), options });
    });
  }

  stop(): void {
    this.child?.kill();
    this.child = null;
  }
}
