/**
 * The full-text index over roll calls: symbols, titles, agendas (descriptions) and subjects (issue
 * labels). Kept in step with the data by triggers, so every writer — importers, the starter seed, a
 * re-import that rewrites a title — updates it in the same transaction.
 *
 * - SQLite: an FTS5 table `roll_call_search` (rowid = roll call id; Porter stemming over unicode61 with
 *   diacritics removed), filled by triggers on roll_calls and roll_call_issues.
 * - PostgreSQL: a table `roll_call_search (roll_call_id, document tsvector)` with a GIN index, refreshed
 *   by a PL/pgSQL trigger function on the same two tables (symbols weighted A with the title, agenda B,
 *   subjects C). Symbols are split at punctuation first: PostgreSQL's parser would read `A/RES/ES-11/7`
 *   as one file-path token, where FTS5 (and the query) see `a res es 11 7`.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../connection.js";

const SUBJECTS_SQLITE = (id: string) =>
  `coalesce((SELECT group_concat(coalesce(label, code), ' ') FROM roll_call_issues WHERE roll_call_id = ${id}), '')`;
const SYMBOLS_SQLITE = (row: string) =>
  `trim(coalesce(${row}.symbol, '') || ' ' || coalesce(${row}.draft_symbol, '') || ' ' || coalesce(${row}.meeting, ''))`;

const SQLITE_UP = [
  `CREATE VIRTUAL TABLE roll_call_search USING fts5(
     symbols, title, description, subjects,
     tokenize = 'porter unicode61 remove_diacritics 2'
   )`,
  `INSERT INTO roll_call_search (rowid, symbols, title, description, subjects)
     SELECT r.id, ${SYMBOLS_SQLITE("r")}, r.title, coalesce(r.description, ''), ${SUBJECTS_SQLITE("r.id")}
     FROM roll_calls r`,
  `CREATE TRIGGER roll_call_search_insert AFTER INSERT ON roll_calls BEGIN
     INSERT INTO roll_call_search (rowid, symbols, title, description, subjects)
     VALUES (new.id, ${SYMBOLS_SQLITE("new")}, new.title, coalesce(new.description, ''), ${SUBJECTS_SQLITE("new.id")});
   END`,
  `CREATE TRIGGER roll_call_search_update AFTER UPDATE OF symbol, draft_symbol, meeting, title, description ON roll_calls BEGIN
     UPDATE roll_call_search
       SET symbols = ${SYMBOLS_SQLITE("new")}, title = new.title, description = coalesce(new.description, '')
       WHERE rowid = new.id;
   END`,
  `CREATE TRIGGER roll_call_search_delete AFTER DELETE ON roll_calls BEGIN
     DELETE FROM roll_call_search WHERE rowid = old.id;
   END`,
  `CREATE TRIGGER roll_call_search_issue_insert AFTER INSERT ON roll_call_issues BEGIN
     UPDATE roll_call_search SET subjects = ${SUBJECTS_SQLITE("new.roll_call_id")} WHERE rowid = new.roll_call_id;
   END`,
  `CREATE TRIGGER roll_call_search_issue_delete AFTER DELETE ON roll_call_issues BEGIN
     UPDATE roll_call_search SET subjects = ${SUBJECTS_SQLITE("old.roll_call_id")} WHERE rowid = old.roll_call_id;
   END`,
];

const SQLITE_DOWN = [
  "DROP TRIGGER IF EXISTS roll_call_search_issue_delete",
  "DROP TRIGGER IF EXISTS roll_call_search_issue_insert",
  "DROP TRIGGER IF EXISTS roll_call_search_delete",
  "DROP TRIGGER IF EXISTS roll_call_search_update",
  "DROP TRIGGER IF EXISTS roll_call_search_insert",
  "DROP TABLE IF EXISTS roll_call_search",
];

/** The search documents of the roll calls matching `where` (over `roll_calls r`). */
const DOCUMENTS_WHERE = (where: string) => `SELECT r.id,
         setweight(to_tsvector('simple', regexp_replace(
           coalesce(r.symbol, '') || ' ' || coalesce(r.draft_symbol, '') || ' ' || coalesce(r.meeting, ''),
           '[^[:alnum:]]+', ' ', 'g')), 'A')
         || setweight(to_tsvector('english', r.title), 'A')
         || setweight(to_tsvector('english', coalesce(r.description, '')), 'B')
         || setweight(to_tsvector('english', coalesce(
              (SELECT string_agg(coalesce(i.label, i.code), ' ') FROM roll_call_issues i WHERE i.roll_call_id = r.id), '')), 'C')
       FROM roll_calls r WHERE ${where}`;

/** The trigger function; `guard` runs first (the bulk migration adds one). */
const TRIGGER_FUNCTION = (
  guard: string,
) => `CREATE OR REPLACE FUNCTION roll_call_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN${guard}
     IF TG_TABLE_NAME = 'roll_calls' THEN
       PERFORM roll_call_search_refresh(NEW.id);
       RETURN NEW;
     END IF;
     IF TG_OP = 'DELETE' THEN
       PERFORM roll_call_search_refresh(OLD.roll_call_id);
       RETURN OLD;
     END IF;
     PERFORM roll_call_search_refresh(NEW.roll_call_id);
     RETURN NEW;
   END
   $$`;

/** The refresh of one roll call's document. */
const REFRESH_ONE = `CREATE FUNCTION roll_call_search_refresh(target integer) RETURNS void LANGUAGE sql AS $$
     DELETE FROM roll_call_search WHERE roll_call_id = target;
     INSERT INTO roll_call_search (roll_call_id, document)
       ${DOCUMENTS_WHERE("r.id = target")};
   $$`;

const POSTGRES_UP = [
  `CREATE TABLE roll_call_search (
     roll_call_id integer PRIMARY KEY REFERENCES roll_calls(id) ON DELETE CASCADE,
     document tsvector NOT NULL
   )`,
  `CREATE INDEX roll_call_search_document ON roll_call_search USING gin (document)`,
  REFRESH_ONE,
  TRIGGER_FUNCTION(""),
  `CREATE TRIGGER roll_call_search_roll_calls AFTER INSERT OR UPDATE OF symbol, draft_symbol, meeting, title, description
     ON roll_calls FOR EACH ROW EXECUTE FUNCTION roll_call_search_trigger()`,
  `CREATE TRIGGER roll_call_search_issues AFTER INSERT OR DELETE
     ON roll_call_issues FOR EACH ROW EXECUTE FUNCTION roll_call_search_trigger()`,
  `SELECT roll_call_search_refresh(id) FROM roll_calls`,
];

/**
 * Bulk writes: the set-based refresh of many roll calls, and triggers that stand aside while a
 * transaction has set `plenary.search_deferred` (the PostgreSQL import path, which then refreshes every
 * roll call it touched at once — see PostgresWriteBackend).
 */
const POSTGRES_BULK_UP = [
  `CREATE FUNCTION roll_call_search_refresh_many(targets integer[]) RETURNS void LANGUAGE sql AS $$
     DELETE FROM roll_call_search WHERE roll_call_id = ANY(targets);
     INSERT INTO roll_call_search (roll_call_id, document)
       ${DOCUMENTS_WHERE("r.id = ANY(targets)")};
   $$`,
  TRIGGER_FUNCTION(`
     IF current_setting('plenary.search_deferred', true) = 'on' THEN
       RETURN NULL;
     END IF;`),
];

const POSTGRES_BULK_DOWN = [
  TRIGGER_FUNCTION(""),
  "DROP FUNCTION IF EXISTS roll_call_search_refresh_many(integer[])",
];

const POSTGRES_DOWN = [
  "DROP TRIGGER IF EXISTS roll_call_search_issues ON roll_call_issues",
  "DROP TRIGGER IF EXISTS roll_call_search_roll_calls ON roll_calls",
  "DROP FUNCTION IF EXISTS roll_call_search_trigger()",
  "DROP FUNCTION IF EXISTS roll_call_search_refresh(integer)",
  "DROP TABLE IF EXISTS roll_call_search",
];

// Issue 13: the agenda item and the UN's subjects (UNBIS terms, a JSON list) left the description for
// fields of their own; the index reads them where it read the description and the issue labels.
const AGENDA_SQLITE = (row: string) =>
  `trim(coalesce(${row}.description, '') || ' ' || coalesce(${row}.agenda, ''))`;
const ALL_SUBJECTS_SQLITE = (row: string, id: string) =>
  `trim(${SUBJECTS_SQLITE(id)} || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(${row}.subjects)), ''))`;

const SQLITE_AGENDA_UP = [
  "DROP TRIGGER IF EXISTS roll_call_search_insert",
  "DROP TRIGGER IF EXISTS roll_call_search_update",
  "DROP TRIGGER IF EXISTS roll_call_search_issue_insert",
  "DROP TRIGGER IF EXISTS roll_call_search_issue_delete",
  `CREATE TRIGGER roll_call_search_insert AFTER INSERT ON roll_calls BEGIN
     INSERT INTO roll_call_search (rowid, symbols, title, description, subjects)
     VALUES (new.id, ${SYMBOLS_SQLITE("new")}, new.title, ${AGENDA_SQLITE("new")}, ${ALL_SUBJECTS_SQLITE("new", "new.id")});
   END`,
  `CREATE TRIGGER roll_call_search_update AFTER UPDATE OF symbol, draft_symbol, meeting, title, description, agenda, subjects ON roll_calls BEGIN
     UPDATE roll_call_search
       SET symbols = ${SYMBOLS_SQLITE("new")}, title = new.title, description = ${AGENDA_SQLITE("new")},
           subjects = ${ALL_SUBJECTS_SQLITE("new", "new.id")}
       WHERE rowid = new.id;
   END`,
  `CREATE TRIGGER roll_call_search_issue_insert AFTER INSERT ON roll_call_issues BEGIN
     UPDATE roll_call_search SET subjects = (SELECT ${ALL_SUBJECTS_SQLITE("r", "r.id")} FROM roll_calls r WHERE r.id = new.roll_call_id)
       WHERE rowid = new.roll_call_id;
   END`,
  `CREATE TRIGGER roll_call_search_issue_delete AFTER DELETE ON roll_call_issues BEGIN
     UPDATE roll_call_search SET subjects = (SELECT ${ALL_SUBJECTS_SQLITE("r", "r.id")} FROM roll_calls r WHERE r.id = old.roll_call_id)
       WHERE rowid = old.roll_call_id;
   END`,
  `UPDATE roll_call_search SET
     description = (SELECT ${AGENDA_SQLITE("r")} FROM roll_calls r WHERE r.id = roll_call_search.rowid),
     subjects = (SELECT ${ALL_SUBJECTS_SQLITE("r", "r.id")} FROM roll_calls r WHERE r.id = roll_call_search.rowid)`,
];

/** As DOCUMENTS_WHERE, with the agenda beside the description and the subjects beside the issues. */
const DOCUMENTS_AGENDA_WHERE = (where: string) => `SELECT r.id,
         setweight(to_tsvector('simple', regexp_replace(
           coalesce(r.symbol, '') || ' ' || coalesce(r.draft_symbol, '') || ' ' || coalesce(r.meeting, ''),
           '[^[:alnum:]]+', ' ', 'g')), 'A')
         || setweight(to_tsvector('english', r.title), 'A')
         || setweight(to_tsvector('english', coalesce(r.description, '') || ' ' || coalesce(r.agenda, '')), 'B')
         || setweight(to_tsvector('english', coalesce(
              (SELECT string_agg(coalesce(i.label, i.code), ' ') FROM roll_call_issues i WHERE i.roll_call_id = r.id), '')
              || ' ' || coalesce(r.subjects, '')), 'C')
       FROM roll_calls r WHERE ${where}`;

const POSTGRES_AGENDA_UP = [
  `CREATE OR REPLACE FUNCTION roll_call_search_refresh(target integer) RETURNS void LANGUAGE sql AS $$
     DELETE FROM roll_call_search WHERE roll_call_id = target;
     INSERT INTO roll_call_search (roll_call_id, document)
       ${DOCUMENTS_AGENDA_WHERE("r.id = target")};
   $$`,
  `CREATE OR REPLACE FUNCTION roll_call_search_refresh_many(targets integer[]) RETURNS void LANGUAGE sql AS $$
     DELETE FROM roll_call_search WHERE roll_call_id = ANY(targets);
     INSERT INTO roll_call_search (roll_call_id, document)
       ${DOCUMENTS_AGENDA_WHERE("r.id = ANY(targets)")};
   $$`,
  "DROP TRIGGER IF EXISTS roll_call_search_roll_calls ON roll_calls",
  `CREATE TRIGGER roll_call_search_roll_calls AFTER INSERT OR UPDATE OF symbol, draft_symbol, meeting, title, description, agenda, subjects
     ON roll_calls FOR EACH ROW EXECUTE FUNCTION roll_call_search_trigger()`,
  `SELECT roll_call_search_refresh_many(array_agg(id)) FROM roll_calls`,
];

/** Back to 0200's triggers (those that read the description and the issues only). */
const SQLITE_AGENDA_DOWN = [
  ...SQLITE_AGENDA_UP.slice(0, 4),
  ...SQLITE_UP.filter((statement) => /CREATE TRIGGER roll_call_search_(insert|update|issue)/.test(statement)),
];

const POSTGRES_AGENDA_DOWN = [
  REFRESH_ONE.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
  (POSTGRES_BULK_UP[0] as string).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
  "DROP TRIGGER IF EXISTS roll_call_search_roll_calls ON roll_calls",
  POSTGRES_UP.find((statement) =>
    statement.startsWith("CREATE TRIGGER roll_call_search_roll_calls"),
  ) as string,
];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** The search migrations, part of the store's own list (src/data/store/migrations.ts). */
export function searchMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0200_search_roll_calls": {
      async up(db: Kysely<unknown>) {
        await run(db, dialect === "postgres" ? POSTGRES_UP : SQLITE_UP);
      },
      async down(db: Kysely<unknown>) {
        await run(db, dialect === "postgres" ? POSTGRES_DOWN : SQLITE_DOWN);
      },
    },
    // After 0400_agenda_notes_disputes, which adds the columns.
    "0402_search_agenda_subjects": {
      async up(db: Kysely<unknown>) {
        await run(db, dialect === "postgres" ? POSTGRES_AGENDA_UP : SQLITE_AGENDA_UP);
      },
      async down(db: Kysely<unknown>) {
        await run(db, dialect === "postgres" ? POSTGRES_AGENDA_DOWN : SQLITE_AGENDA_DOWN);
      },
    },
    // SQLite's triggers are cheap enough in bulk (FTS5, in-process): PostgreSQL's alone change.
    "0201_search_bulk_refresh": {
      async up(db: Kysely<unknown>) {
        if (dialect === "postgres") await run(db, POSTGRES_BULK_UP);
      },
      async down(db: Kysely<unknown>) {
        if (dialect === "postgres") await run(db, POSTGRES_BULK_DOWN);
      },
    },
  };
}
