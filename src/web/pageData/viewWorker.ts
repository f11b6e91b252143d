/**
 * Child process for {@link ViewPool}: keeps the snapshot it is sent (the matrix's parts, the catalog's
 * entries, the record's coverage, the ideal points) and computes view tasks on it, one at a time, answering each by its id.
 */
import { VoteMatrix } from "../../analysis/matrix.js";
import { isPlenaryError } from "../../core/errors.js";
import { Catalog } from "./catalog.js";
import { runTask } from "./heavyViews.js";
import { Snapshot } from "./site.js";
import type { WorkerMessage } from "./viewPool.js";

let snapshot: Snapshot | null = null;

process.on("message", async (message: WorkerMessage) => {
  if (message.type === "snapshot") {
    snapshot = new Snapshot(message.version, new VoteMatrix(message.matrix), new Catalog(message.entries));
    snapshot.coverage = message.coverage;
    snapshot.idealPoints = message.idealPoints;
    snapshot.idealStatus = message.idealStatus;
    return;
  }
  try {
    if (!snapshot || snapshot.version !== message.version) throw new Error("no snapshot of this version");
    process.send?.({ id: message.id, result: await runTask(snapshot, message.task) });
  } catch (error) {
    const plenary = isPlenaryError(error) ? error : null;
    process.send?.({
      id: message.id,
      error: plenary
        ? {
            code: plenary.code,
            message: plenary.message,
            options: { help: plenary.help, field: plenary.field, suggestions: plenary.suggestions },
          }
        : { code: "INTERNAL", message: String((error as Error)?.stack ?? error), options: {} },
    });
  }
});
