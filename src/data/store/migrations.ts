/**
 * Versioned migrations, in code so they ship inside the package. Each is written once with Kysely's
 * schema builder and runs on SQLite and PostgreSQL; where the dialects differ (auto-increment ids,
 * SQLite's WITHOUT ROWID) the difference is named here and nowhere else.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { Dialect } from "./connection.js";
import { searchMigrations } from "./search/migrations.js";
import { analysisCacheMigrations } from "./analysisCache.js";
import { mergeMigrations, type TableSet } from "./tables.js";

/**
 * Every migration a store opened with `tables` runs: the store's own (the record, its search index,
 * the analysis cache) and those of the table sets other layers hand it (see tables.ts).
 */
export function migrations(
  dialect: Dialect,
  tables: readonly TableSet<unknown>[] = [],
): Record<string, Migration> {
  return mergeMigrations([
    recordMigrations(dialect),
    searchMigrations(dialect),
    analysisCacheMigrations(dialect),
    ...tables.map((set) => set.migrations(dialect)),
  ]);
}

function recordMigrations(dialect: Dialect): Record<string, Migration> {
  const idType = dialect === "postgres" ? "serial" : "integer";
  return {
    "0001_roll_calls": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("roll_calls")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("body", "text", (c) => c.notNull())
          .addColumn("session", "text")
          .addColumn("date", "text", (c) => c.notNull())
          .addColumn("symbol", "text")
          .addColumn("symbol_key", "text")
          .addColumn("draft_symbol", "text")
          .addColumn("draft_key", "text")
          .addColumn("parent_id", "integer", (c) => c.references("roll_calls.id").onDelete("set null"))
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("title", "text", (c) => c.notNull())
          .addColumn("description", "text")
          .addColumn("meeting", "text")
          .addColumn("procedural", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("important_question", "integer")
          .addColumn("important_vote", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("modality", "text", (c) => c.notNull().defaultTo("recorded"))
          .addColumn("tally_yes", "integer")
          .addColumn("tally_no", "integer")
          .addColumn("tally_abstain", "integer")
          .addColumn("tally_non_voting", "integer")
          .addColumn("recorded_outcome", "text")
          .addColumn("complete", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("vote_hash", "text")
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("roll_calls_symbol_key").on("roll_calls").column("symbol_key").execute();
        await db.schema.createIndex("roll_calls_draft_key").on("roll_calls").column("draft_key").execute();
        await db.schema.createIndex("roll_calls_date").on("roll_calls").columns(["date", "id"]).execute();
        await db.schema.createIndex("roll_calls_parent").on("roll_calls").column("parent_id").execute();

        let votes = db.schema
          .createTable("votes")
          .addColumn("roll_call_id", "integer", (c) =>
            c.notNull().references("roll_calls.id").onDelete("cascade"),
          )
          .addColumn("member_id", "text", (c) => c.notNull())
          .addColumn("vote", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("votes_pk", ["roll_call_id", "member_id"]);
        // The votes table is the big one (870k rows for the research record): clustered on its key.
        if (dialect === "sqlite") votes = votes.modifyEnd(sql`without rowid`);
        await votes.execute();

        await db.schema
          .createTable("roll_call_issues")
          .addColumn("roll_call_id", "integer", (c) =>
            c.notNull().references("roll_calls.id").onDelete("cascade"),
          )
          .addColumn("code", "text", (c) => c.notNull())
          .addColumn("label", "text")
          .addPrimaryKeyConstraint("roll_call_issues_pk", ["roll_call_id", "code"])
          .execute();

        await db.schema
          .createTable("provenance")
          .addColumn("roll_call_id", "integer", (c) =>
            c.notNull().references("roll_calls.id").onDelete("cascade"),
          )
          .addColumn("source", "text", (c) => c.notNull())
          .addColumn("source_key", "text", (c) => c.notNull())
          .addColumn("citation", "text")
          .addColumn("file", "text")
          .addColumn("content_hash", "text", (c) => c.notNull())
          .addColumn("imported_at", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("provenance_pk", ["source", "source_key"])
          .execute();
        await db.schema.createIndex("provenance_roll_call").on("provenance").column("roll_call_id").execute();

        await db.schema
          .createTable("vote_conflicts")
          .addColumn("roll_call_id", "integer", (c) =>
            c.notNull().references("roll_calls.id").onDelete("cascade"),
          )
          .addColumn("member_id", "text", (c) => c.notNull())
          .addColumn("kept_source", "text", (c) => c.notNull())
          .addColumn("kept_vote", "text", (c) => c.notNull())
          .addColumn("other_source", "text", (c) => c.notNull())
          .addColumn("other_vote", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("vote_conflicts_pk", ["roll_call_id", "member_id", "other_source"])
          .execute();

        await db.schema
          .createTable("imports")
          .addColumn("id", idType, (c) => c.primaryKey())
          .addColumn("started_at", "text", (c) => c.notNull())
          .addColumn("finished_at", "text", (c) => c.notNull())
          .addColumn("format", "text", (c) => c.notNull())
          .addColumn("files", "text", (c) => c.notNull())
          .addColumn("report", "text", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("meta")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of [
          "meta",
          "imports",
          "vote_conflicts",
          "provenance",
          "roll_call_issues",
          "votes",
        ]) {
          await db.schema.dropTable(table).execute();
        }
        await db.schema.dropTable("roll_calls").execute();
      },
    },
    // Issue 13: the agenda item and the vote notes as fields of their own (they were folded into the
    // description), the subjects the UN indexes a text under (UNBIS Thesaurus terms), and what a source says that contradicts itself (counts against its own lists, a
    // veto list's flags against its named columns), kept on that source's provenance.
    "0400_agenda_notes_disputes": {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable("roll_calls").addColumn("agenda", "text").execute();
        await db.schema.alterTable("roll_calls").addColumn("vote_notes", "text").execute();
        await db.schema.alterTable("roll_calls").addColumn("subjects", "text").execute();
        await db.schema.alterTable("provenance").addColumn("disputes", "text").execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable("provenance").dropColumn("disputes").execute();
        await db.schema.alterTable("roll_calls").dropColumn("subjects").execute();
        await db.schema.alterTable("roll_calls").dropColumn("vote_notes").execute();
        await db.schema.alterTable("roll_calls").dropColumn("agenda").execute();
      },
    },
  };
}

export class CodeMigrationProvider implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly tables: readonly TableSet<unknown>[] = [],
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect, this.tables);
  }
}
