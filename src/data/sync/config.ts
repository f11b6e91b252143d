/**
 * Where `plenary sync` fetches from — the one place the sync reads the environment:
 * - the UN Digital Library: `--url` / `--source URL`, then `PLENARY_UNDL_URL`, then the library;
 * - the DGACM repositories: `--url`, then `PLENARY_DGACM_URL`, then GitHub itself (null here).
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

/** The UN Digital Library's base URL: the one given, then PLENARY_UNDL_URL, then the library. */
export function resolveSource(source?: string, env = process.env): string {
  return baseUrl(source ?? env.PLENARY_UNDL_URL ?? DEFAULT_UNDL_URL, DEFAULT_UNDL_URL);
}

/** A mirror of the DGACM files: the one given, then PLENARY_DGACM_URL; null means GitHub itself. */
export function resolveDgacmUrl(url?: string, env = process.env): string | null {
  const given = url ?? env.PLENARY_DGACM_URL;
  return given?.trim() ? baseUrl(given, "http://127.0.0.1:8080") : null;
}
