// The loader hook behind moduleTrace.mjs: appends each module's URL to the trace file as it loads.
import { appendFileSync } from "node:fs";

let file = "";

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("node:")) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
