/**
 * `plenary`: the command line. Each command lives in commands/ and is a thin layer: parse the input,
 * call one library function, render its result as text or (`--json`) as one JSON document.
 */
import { Command, CommanderError } from "commander";
import { readConfig, type Config } from "../config.js";
import { isPlenaryError } from "../core/errors.js";
import { storeFailure } from "../data/store/errors.js";
import { processIo, type Io } from "./context.js";
import { registerCommands } from "./commands/index.js";

export async function buildProgram(io: Io, config: Config, argv: readonly string[] = []): Promise<Command> {
  const program = new Command("plenary")
    .description(
      "The record of how the world votes at the United Nations: look up, decide, analyse and publish UN votes.",
    )
    .option("--db <path>", "SQLite store file (default ./data/plenary.db, or PLENARY_DB)")
    .option("--database-url <url>", "PostgreSQL store instead of SQLite (or PLENARY_DATABASE_URL)")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  // The environment's store sits under the flags: a flag given on the command line wins over it.
  if (config.store.db) program.setOptionValueWithSource("db", config.store.db, "env");
  if (config.store.databaseUrl)
    program.setOptionValueWithSource("databaseUrl", config.store.databaseUrl, "env");
  await registerCommands(program, io, config, argv);
  program.addHelpText(
    "after",
    `
Examples:
  plenary vote ES-11/7                     one roll call: tally, outcome, members by vote
  plenary vote S/RES/2774 --json           the same as JSON
  plenary votes --body SC --from 2025-01-01
  plenary member "North Korea"
  plenary serve --port 3000                the web site and JSON API`,
  );
  return program;
}

/**
 * Runs the CLI; resolves to the process exit code. The environment is read and checked first
 * (src/config.ts): a bad setting stops every command before it starts.
 */
export async function main(argv: string[], io: Io = processIo, config?: Config): Promise<number> {
  try {
    const program = await buildProgram(io, config ?? readConfig(), argv);
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : 1;
    }
    const failure = storeFailure(error);
    if (failure) {
      io.stderr.write(`plenary: ${failure.message}\n${failure.help}\n`);
      return 2;
    }
    if (isPlenaryError(error)) {
      io.stderr.write(`plenary: ${error.message}\n`);
      if (error.suggestions.length) io.stderr.write(`Did you mean: ${error.suggestions.join(", ")}?\n`);
      if (error.help) io.stderr.write(`${error.help}\n`);
      return error.isUserError ? 1 : 2;
    }
    io.stderr.write(`plenary: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}
