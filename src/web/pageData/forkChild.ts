/**
 * Starts a child process from a module beside the caller (`idealPointsWorker`, `viewWorker`), with
 * structured-clone messages: the compiled .js in production, the .ts source through tsx in tests.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

export function forkSibling(callerUrl: string, name: string): ChildProcess {
  const here = fileURLToPath(callerUrl);
  const typescript = here.endsWith(".ts");
  const file = here.replace(/[^/\\]+\.(ts|js)$/, `${name}.${typescript ? "ts" : "js"}`);
  return fork(file, [], {
    serialization: "advanced",
    // tsx named by path: a server started in another folder (a first start) would not find it by name.
    execArgv: typescript ? ["--import", pathToFileURL(createRequire(callerUrl).resolve("tsx")).href] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
}
