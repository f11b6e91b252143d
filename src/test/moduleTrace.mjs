// Records every module a process loads (tests of what the command line loads): run node with
// `--import ./src/test/moduleTrace.mjs` and PLENARY_MODULE_TRACE=FILE; each loaded URL is appended to FILE.
import { register } from "node:module";

if (process.env.PLENARY_MODULE_TRACE) {
  register(new URL("./moduleTraceHooks.mjs", import.meta.url), {
    data: { file: process.env.PLENARY_MODULE_TRACE },
  });
}
