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
    // tsx by its resolved URL: a bare "--import tsx" is looked up from the working directory, which may
    // be anywhere (a fresh store's folder) rather than beside Plenary's node_modules.
    execArgv: typescript ? ["--import", import.meta.resolve("tsx")] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
}
