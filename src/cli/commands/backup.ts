import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { PlenaryError } from "../../core/errors.js";
import { print, printJson, withStore, type Io } from "../context.js";

export function registerBackup(program: Command, io: Io): void {
  program
    .command("backup")
    .description("Copy the SQLite store to a file while it is in use (SQLite's online backup API)")
    .argument("<target>", "the backup file to write (must not exist)")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary backup backups/plenary-$(date +%F).db\n\nOn PostgreSQL use pg_dump (see docs/deploy.md).",
    )
    .action(async (target: string, options: { json?: boolean }, command: Command) => {
      const result = await withStore(command, io, async (store) => {
        if (store.dialect !== "sqlite") {
          throw new PlenaryError(
            "BAD_INPUT",
            "plenary backup copies a SQLite store; this store is PostgreSQL",
            {
              help: 'Back PostgreSQL up with pg_dump: pg_dump --format=custom --file=plenary.dump "$PLENARY_DATABASE_URL"',
            },
          );
        }
        const file = path.resolve(target);
        if (existsSync(file)) {
          throw new PlenaryError("BAD_INPUT", `${target} exists already`, {
            help: "Name a new file; a backup never overwrites.",
          });
        }
        const started = Date.now();
        // Pages are copied in steps, so readers and writers keep working while it runs.
        const { pages } = (await store.backup(file))!;
        return {
          source: store.location,
          target: file,
          pages,
          milliseconds: Date.now() - started,
        };
      });
      if (options.json) printJson(io, result);
      else
        print(
          io,
          `Backed up ${result.source} to ${result.target} (${result.pages} pages, ${result.milliseconds} ms)`,
        );
    });
}
