/**
 * Vitest global setup: starts a throw-away PostgreSQL server so that the store suites run on both
 * stores. Where PostgreSQL is not installed the suites run on SQLite only — and this says so loudly.
 * CI sets PLENARY_REQUIRE_POSTGRES=1: there, no PostgreSQL is a failure.
 */
import type { TestProject } from "vitest/node";
import { findPostgresBin, startPostgres, type PostgresServer } from "./postgresServer.js";

let server: PostgresServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.PLENARY_TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.PLENARY_REQUIRE_POSTGRES === "1")
      throw new Error("PostgreSQL is required but not installed");
    console.warn(
      "\n*** PostgreSQL is not installed: the store suites run on SQLite ONLY. ***\n" +
        "*** Install it (apt-get install postgresql) to test both stores.      ***\n",
    );
    project.provide("postgresUrl", "");
    return;
  }
  server = await startPostgres(bin);
  project.provide("postgresUrl", server.url);
}

export async function teardown(): Promise<void> {
  server?.stop();
  server = null;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
