/**
 * The request limiter's table, handed to the store when it opens (see src/data/store/tables.ts).
 */
import { tableSet } from "../../data/store/index.js";
import { rateLimitMigrations } from "./migrations.js";

/** The web server's request counters, shared by its instances (./sharedStore.ts). */
export interface RateLimitCountsTable {
  key: string;
  window_start: number;
  instance: string;
  count: number;
  expires_at: number;
}

export interface RateLimitDatabase {
  rate_limit_counts: RateLimitCountsTable;
}

export const rateLimitTables = tableSet<RateLimitDatabase>("rate limits", () => rateLimitMigrations());
