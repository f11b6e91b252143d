/**
 * Tables other layers keep in the store. The store owns the record's tables (and the search index
 * over them); the newsroom and the web server's request limiter own theirs and hand them to the store
 * when it opens — `Store.open({ tables: [newsTables, rateLimitTables] })` — so the data layer never
 * imports the layers above it. Every migration of every set runs in one list, ordered by name: a set's
 * names say where its migrations fall among the store's (`0100_news_…` after `0001_roll_calls`).
 * Names never change once shipped, or existing stores would find a migration missing.
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./connection.js";

/** A set of tables one owner keeps in the store; `T` is their Kysely schema (what `store.tables` returns). */
export interface TableSet<T> {
  /** Who owns them ("news", "rate limits"): for messages. */
  readonly name: string;
  migrations(dialect: Dialect): Record<string, Migration>;
  /** Type-only: the tables' Kysely schema. Never set. */
  readonly schema?: T;
}

/** Declares a table set (the type parameter is the tables' schema). */
export function tableSet<T>(name: string, migrations: TableSet<T>["migrations"]): TableSet<T> {
  return { name, migrations };
}

/** Migrations keyed by name, from every set; two sets naming one migration alike is a bug. */
export function mergeMigrations(lists: Array<Record<string, Migration>>): Record<string, Migration> {
  const merged: Record<string, Migration> = {};
  for (const list of lists) {
    for (const [name, migration] of Object.entries(list)) {
      if (name in merged) throw new Error(`Two table sets name a migration ${name}`);
      merged[name] = migration;
    }
  }
  return merged;
}

/** A Kysely typed to one set's tables, over the store's connection. */
export type TablesOf<S> = S extends TableSet<infer T> ? Kysely<T> : never;
