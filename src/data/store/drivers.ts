/**
 * The PostgreSQL driver and its COPY streams, loaded on first use: a SQLite store never loads them.
 * Both are CommonJS packages; required here (synchronously, where a connection is made), they cost a
 * command on SQLite nothing — imported at the top of the store's modules they cost every command
 * about 0.1 s of start-up (issue 17).
 */
import { createRequire } from "node:module";
import type Pg from "pg";
import type PgCopyStreams from "pg-copy-streams";

const require = createRequire(import.meta.url);

let pg: typeof Pg | null = null;
let copyStreams: typeof PgCopyStreams | null = null;

export function postgresDriver(): typeof Pg {
  return (pg ??= require("pg") as typeof Pg);
}

export function postgresCopyStreams(): typeof PgCopyStreams {
  return (copyStreams ??= require("pg-copy-streams") as typeof PgCopyStreams);
}
