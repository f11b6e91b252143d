/**
 * Plenary's configuration: the one module that reads the environment. The CLI reads it once at start
 * (`readConfig()`, before any command runs), so a bad value stops it with an error naming the variable
 * and what to write instead; the values then go inward as plain options (`Store.open`, `syncUndl`,
 * `syncDgacm`, `buildServer`), and the layers below never read `process.env`. It sits at the edge,
 * beside the CLI: it may use the layers' own checks, they never import it.
 *
 * | variable               | what                                                        | unset          |
 * | ---------------------- | ----------------------------------------------------------- | -------------- |
 * | `PLENARY_DB`           | the SQLite store file (as `--db`)                           | data/plenary.db |
 * | `PLENARY_DATABASE_URL` | a PostgreSQL store, `postgres://…` (as `--database-url`; wins over a file) | SQLite |
 * | `PLENARY_UNDL_URL`     | the UN Digital Library (or a mirror) for `plenary sync`     | the library    |
 * | `PLENARY_DGACM_URL`    | a DGACM mirror for `plenary sync --source dgacm`            | GitHub         |
 * | `PORT`, `HOST`         | where `plenary serve` listens                               | 3000, 127.0.0.1 |
 * | `PLENARY_PUBLIC_URL`   | the site's public origin for absolute URLs                  | the request's Host |
 * | `PLENARY_TRUST_PROXY`  | proxies that may name the client: `true`, `false` or addresses | loopback    |
 * | `PLENARY_RATE_LIMIT`   | requests per minute per client                              | 600            |
 * | `NODE_ENV`             | `production` makes `plenary serve` require a public URL     | —              |
 *
 * An empty value counts as unset. Variables only the tests and scripts read (`PLENARY_REQUIRE_*`,
 * `PLENARY_FUZZ_RUNS`, `PLENARY_FUZZ_SEED`, `PLENARY_TEST_DATABASE_URL`, `PLENARY_PG_BIN`,
 * `PLENARY_CRASH_KILLS`, `PLENARY_CHROMIUM`, `PLENARY_SOAK_SECONDS`) belong to them and stay in
 * `src/test/`, the test files, `scripts/` and `bench/`: none of them ships.
 */
import { PlenaryError } from "./core/errors.js";
import { baseUrl, DEFAULT_UNDL_URL } from "./data/sync/sources.js";

export interface Config {
  store: {
    /** SQLite file; undefined: the flag, else the default. */
    db: string | undefined;
    /** PostgreSQL URL; when set, it is the store. */
    databaseUrl: string | undefined;
  };
  sync: {
    /** The UN Digital Library's base URL (checked, no trailing slash), when one is configured. */
    undlUrl: string | undefined;
    /** A DGACM mirror's base URL, when one is configured. */
    dgacmUrl: string | undefined;
  };
  serve: { port: number; host: string };
  web: {
    /** Proxies allowed to name the client; undefined: loopback only (and X-Forwarded-Host ignored). */
    trustProxy: boolean | string | string[] | undefined;
    publicUrl: string | null;
    production: boolean;
    /** Requests per minute per client; undefined: the server's default. */
    rateLimit: number | undefined;
  };
}

/** Reads and checks every setting; throws a BAD_INPUT PlenaryError naming the first bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const value = (name: string): string | undefined => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const trustProxy = value("PLENARY_TRUST_PROXY");
  const undlUrl = value("PLENARY_UNDL_URL");
  const dgacmUrl = value("PLENARY_DGACM_URL");
  return {
    store: { db: value("PLENARY_DB"), databaseUrl: databaseUrlSetting(value("PLENARY_DATABASE_URL")) },
    sync: {
      undlUrl: undlUrl === undefined ? undefined : envUrl("PLENARY_UNDL_URL", undlUrl, DEFAULT_UNDL_URL),
      dgacmUrl:
        dgacmUrl === undefined ? undefined : envUrl("PLENARY_DGACM_URL", dgacmUrl, "http://127.0.0.1:8080"),
    },
    serve: {
      port: integerSetting("PORT", value("PORT"), 0, 65_535, 3000) ?? 3000,
      host: value("HOST") ?? "127.0.0.1",
    },
    web: {
      trustProxy: trustProxy === undefined ? undefined : trustProxySetting(trustProxy),
      publicUrl: publicUrlSetting(value("PLENARY_PUBLIC_URL")),
      production: value("NODE_ENV") === "production",
      rateLimit: integerSetting(
        "PLENARY_RATE_LIMIT",
        value("PLENARY_RATE_LIMIT"),
        1,
        Number.MAX_SAFE_INTEGER,
        600,
      ),
    },
  };
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
  const url = parseUrl(value.trim());
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

function databaseUrlSetting(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = parseUrl(value);
  if (!url || (url.protocol !== "postgres:" && url.protocol !== "postgresql:")) {
    // The value may hold a password: name the variable, not what it says.
    throw new PlenaryError("BAD_INPUT", "PLENARY_DATABASE_URL is not a postgres:// URL.", {
      field: "PLENARY_DATABASE_URL",
      help: "Give a PostgreSQL URL, e.g. PLENARY_DATABASE_URL=postgres://plenary:secret@127.0.0.1:5432/plenary, or unset it for SQLite (PLENARY_DB).",
    });
  }
  return value;
}

function envUrl(name: string, value: string, example: string): string {
  try {
    return baseUrl(value, example);
  } catch (error) {
    throw new PlenaryError("BAD_INPUT", `${name}: ${(error as Error).message}`, {
      field: name,
      help: `Give an http(s) base URL, e.g. ${name}=${example}, or unset it.`,
    });
  }
}

function integerSetting(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  example: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new PlenaryError(
      "BAD_INPUT",
      `${name} is not a whole number from ${min} to ${max}: ${JSON.stringify(value)}`,
      {
        field: name,
        help: `Give a whole number, e.g. ${name}=${example}, or unset it.`,
      },
    );
  }
  return number;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
