/**
 * Where `plenary sync` fetches from: the base URL given (the CLI passes `--url` / `--source URL`, else
 * `PLENARY_UNDL_URL` / `PLENARY_DGACM_URL` from src/config.ts), else
 * - the UN Digital Library: the library itself;
 * - the DGACM repositories: GitHub itself (null here).
 */
import { PlenaryError } from "../../core/errors.js";

export const DEFAULT_UNDL_URL = "https://digitallibrary.un.org";

/** The sources `plenary sync --source` names. */
export const SYNC_SOURCES = ["undl", "dgacm"] as const;
export type SyncSourceName = (typeof SYNC_SOURCES)[number];

/** A base URL, checked (http or https) and without a trailing slash. */
export function baseUrl(text: string, example: string): string {
  const base = text.trim();
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new PlenaryError("BAD_INPUT", `Not a URL: ${base}.`, { help: `Give a base URL, e.g. ${example}.` });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PlenaryError("BAD_INPUT", `Only http and https sources are supported, not ${url.protocol}.`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** The UN Digital Library's base URL: the one given, else the library. */
export function resolveSource(source?: string): string {
  return baseUrl(source ?? DEFAULT_UNDL_URL, DEFAULT_UNDL_URL);
}

/** A mirror of the DGACM files: the one given; null means GitHub itself. */
export function resolveDgacmUrl(url?: string): string | null {
  return url?.trim() ? baseUrl(url, "http://127.0.0.1:8080") : null;
}
