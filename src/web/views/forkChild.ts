/**
 * Starts a child process from a module beside the caller (`idealPointsWorker`, `viewWorker`), with
 * structured-clone messages: the compiled .js in production, the .ts source through tsx in tests.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export function forkSibling(callerUrl: string, name: string): ChildProcess {
  const here = fileURLToPath(callerUrl);
  const typescript = here.endsWith(".ts");
  const file = here.replace(/[^/\\]+\.(ts|js)$/, `${name}.${typescript ? "ts" : "js"}`);
  return fork(file, [], {
    serialization: "advanced",
    execArgv: typescript ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
}
