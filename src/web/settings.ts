/**
 * The web server's settings from the environment, read in this one place (options given to
 * `buildServer` win over them):
 *
 * - `PLENARY_TRUST_PROXY`: which proxies may name the client (X-Forwarded-For, -Proto): unset → proxies on
 *   loopback only; "true"/"false"; or a comma-separated list of addresses. Forwarded *hosts*
 *   (X-Forwarded-Host) are believed only when it is set explicitly: by default a client on this machine
 *   could otherwise name any host for the absolute URLs the site writes (feeds, share metadata).
 * - `PLENARY_PUBLIC_URL`: the site's public origin (`https://plenary.example.org`) for absolute URLs;
 *   without it they follow the request's Host. Required in production (`NODE_ENV=production`): start-up
 *   refuses to run without it.
 * - `PLENARY_RATE_LIMIT`: requests per minute per client (default 600).
 */
import { PlenaryError } from "../core/errors.js";

export interface WebSettings {
  trustProxy: boolean | string | string[];
  /** Whether proxies were named explicitly (then X-Forwarded-Host is believed from them). */
  proxiesNamed: boolean;
  publicUrl: string | null;
  production: boolean;
  rateLimit: number;
}

/** `PLENARY_TRUST_PROXY`: unset → proxies on loopback only; "true"/"false"; or a comma-separated list. */
export function trustProxySetting(value: string | undefined): boolean | string | string[] {
  if (value === undefined || value === "") return "loopback";
  if (value === "true") return true;
  if (value === "false") return false;
  return value.split(",").map((part) => part.trim());
}

/** A public URL as an origin without a trailing slash; a clear error when it is not an http(s) URL. */
export function publicUrlSetting(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  let url: URL | null;
  try {
    url = new URL(value.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new PlenaryError(
      "BAD_INPUT",
      `PLENARY_PUBLIC_URL is not an http(s) URL: ${JSON.stringify(value)}`,
      {
        field: "PLENARY_PUBLIC_URL",
        help: "Give the site's public address, e.g. PLENARY_PUBLIC_URL=https://plenary.example.org",
      },
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function webSettings(env: NodeJS.ProcessEnv = process.env): WebSettings {
  return {
    trustProxy: trustProxySetting(env.PLENARY_TRUST_PROXY),
    proxiesNamed: env.PLENARY_TRUST_PROXY !== undefined && env.PLENARY_TRUST_PROXY !== "",
    publicUrl: publicUrlSetting(env.PLENARY_PUBLIC_URL),
    production: env.NODE_ENV === "production",
    rateLimit: Number(env.PLENARY_RATE_LIMIT ?? 600),
  };
}

/** Production needs a public URL: absolute URLs must never follow a request's headers there. */
export function checkProductionSettings(settings: Pick<WebSettings, "production" | "publicUrl">): void {
  if (settings.production && !settings.publicUrl) {
    throw new PlenaryError("BAD_INPUT", "NODE_ENV is production but PLENARY_PUBLIC_URL is not set.", {
      field: "PLENARY_PUBLIC_URL",
      help: "Set the site's public address (PLENARY_PUBLIC_URL=https://plenary.example.org): feeds, the sitemap and share metadata are written with it.",
    });
  }
}
