/**
 * Writing roll calls: the one path every importer (and the starter dataset) stores through.
 *
 * Each record arrives as one source tells it. The writer decides, per record:
 * - unchanged: the source already gave exactly this (same content hash) — nothing is written;
 * - updated: the source gave this roll call before, differently — it is rewritten, and the fields and
 *   stored member votes that changed are reported (a corrected vote: {@link VoteCorrection});
 * - merged: another source holds the same decision (same body, same resolution symbol — or, for a draft
 *   without one, the same draft symbol — and a date within a month) — one roll call with two
 *   provenances; where they disagree on a member's vote the more trusted source wins (SOURCE_PRIORITY:
 *   the official UN record first) and the disagreement is kept in vote_conflicts;
 * - added: new.
 * The caller owns the transaction: an import is all or nothing.
 *
 * Records are written one at a time (./writer.ts), so an importer can stream a file of any size. Two backends do the storing: a Kysely one that runs on every dialect, and a bulk one for SQLite
 * (better-sqlite3 prepared statements on the store's own connection, hence inside the same transaction)
 * that the large imports need — 870,000 votes through Kysely's query compiler take too long — and a
 * PostgreSQL one that COPYs on the transaction's own client.
 *
 * This module is the door: the writer (./writer.ts), its rows and reports (./writeRows.ts), the
 * backends (./writeBackend.ts, ./kyselyWrite.ts, ./sqliteWrite.ts, ./postgresWrite.ts) and the data
 * version (./dataVersion.ts) each live in a file of their own.
 */
export * from "./writeRows.js";
export type { WriteBackend } from "./writeBackend.js";
export { KyselyWriteBackend } from "./kyselyWrite.js";
export { PostgresWriteBackend } from "./postgresWrite.js";
export { SqliteWriteBackend } from "./sqliteWrite.js";
export { RollCallWriter, writeRollCalls } from "./writer.js";
export { bumpDataVersion, dataVersion } from "./dataVersion.js";
