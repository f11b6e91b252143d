/**
 * `plenary ideal`: ideal points per member and session. The whole record's estimate (every session) is
 * read from the store's analysis cache when it holds it for the current data, else estimated — with a
 * progress bar on a terminal — and stored for the next command and the web server. One session
 * (`--session`, the static model) is estimated each time: it takes a fraction of a second.
 */
import type { Command } from "commander";
import { loadMatrix } from "../../analysis/fromStore.js";
import {
  DEFAULT_BOOTSTRAP,
  readIdealPoints,
  writeIdealPoints,
  type BootstrapRequest,
} from "../../analysis/idealCache.js";
import { idealPoints, type IdealPointsProgress, type IdealPointsResult } from "../../analysis/idealPoints.js";
import { PlenaryError } from "../../core/errors.js";
import { bar, line, type ProgressStream } from "../../data/import/progress.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";
import { memberId, name } from "./names.js";

export interface IdealOptions {
  session?: string;
  member?: string;
  bootstrap?: number | true;
  seed?: number;
  json?: boolean;
}

/** `estimating [=====>    ] 41%` then `bootstrap [====>  ] 17/50 replicates`, redrawn on stderr. */
function progressLine(stream: ProgressStream): { update(p: IdealPointsProgress): void; done(): void } {
  const out = line(stream);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    update(p) {
      if (p.phase === "estimate")
        out.draw(`estimating ideal points ${bar(p.fraction)} ${Math.round(p.fraction * 100)}%  ${elapsed()}`);
      else out.draw(`bootstrap ${bar(p.done / p.total)} ${p.done}/${p.total} replicates  ${elapsed()}`);
    },
    done: () => out.clear(),
  };
}

function bootstrapOf(options: IdealOptions): BootstrapRequest | null {
  if (options.bootstrap === undefined) return null;
  const replicates = options.bootstrap === true ? DEFAULT_BOOTSTRAP.replicates : options.bootstrap;
  if (!Number.isInteger(replicates) || replicates < 2)
    throw new PlenaryError(
      "BAD_INPUT",
      `--bootstrap ${String(options.bootstrap)}: give at least 2 replicates`,
    );
  const seed = options.seed ?? DEFAULT_BOOTSTRAP.seed;
  if (!Number.isInteger(seed))
    throw new PlenaryError("BAD_INPUT", `--seed ${String(options.seed)}: give a whole number`);
  return { replicates, seed };
}

export async function ideal(io: Io, options: IdealOptions, command: Command): Promise<void> {
  const member = options.member ? memberId(options.member) : undefined;
  const bootstrap = bootstrapOf(options);
  const progress =
    !options.json && io.stderr.isTTY === true ? progressLine(io.stderr as ProgressStream) : null;
  let result: IdealPointsResult;
  try {
    result = await withStore(command, io, async (store) => {
      const { matrix, dataVersion } = await loadMatrix(store);
      const run = (extra: object) =>
        idealPoints(matrix, {
          ...extra,
          ...(bootstrap ? { bootstrap } : {}),
          ...(progress ? { onProgress: (p: IdealPointsProgress) => progress.update(p) } : {}),
        });
      if (options.session) return run({ session: options.session });
      const cached = await readIdealPoints(store, dataVersion, bootstrap);
      if (cached) return cached;
      const estimated = run({});
      await writeIdealPoints(store, dataVersion, estimated);
      return estimated;
    });
  } finally {
    progress?.done();
  }
  if (result.smallSample) {
    // Refused, not printed: a handful of contested votes places members wherever the prior puts them.
    throw new PlenaryError(
      "BAD_INPUT",
      `${options.session ? `Session ${options.session} has` : "The record holds"} ${result.rollCalls} contested roll call${result.rollCalls === 1 ? "" : "s"}: an ideal point needs at least ${result.minVotes}.`,
      { help: "Estimate over a regular session or the whole record (plenary ideal without --session)." },
    );
  }
  const points = member ? result.points.filter((p) => p.member === member) : result.points;
  if (options.json) return printJson(io, { ...result, points });
  print(
    io,
    `${result.model} model over ${result.sessions.length} session(s), ${result.rollCalls} contested roll calls; ${result.converged ? "converged" : "NOT converged"} after ${result.iterations} iterations`,
  );
  print(
    io,
    result.bootstrap
      ? `Bootstrap over roll calls: ${result.bootstrap.replicates} replicates, seed ${result.bootstrap.seed} (BOOT SE)`
      : "Bootstrap standard errors: not computed (plenary ideal --bootstrap)",
  );
  const sorted = [...points].sort((a, b) => (a.session === b.session ? b.estimate - a.estimate : 0));
  print(
    io,
    table([
      ["SESSION", "MEMBER", "IDEAL POINT", "SE", "BOOT SE", "VOTES"],
      ...sorted.map((p) => [
        p.session,
        name(p.member),
        p.smallSample ? "—" : p.estimate.toFixed(3),
        p.smallSample ? "—" : p.se.toFixed(3),
        p.smallSample || p.bootstrapSe === null ? "—" : p.bootstrapSe.toFixed(3),
        `${p.votes}${p.smallSample ? " (too few)" : ""}`,
      ]),
    ]),
  );
  if (sorted.some((p) => p.smallSample))
    print(
      io,
      `\n—: fewer than ${result.minVotes} votes in the session, no estimate shown (Plenary's minimum).`,
    );
}
