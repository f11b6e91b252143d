/**
 * The commands, in the order `plenary --help` lists them. Each definition module declares a command's
 * arguments, options and help and loads what the command does only when it runs; a run of one command
 * loads only that command's definition (the help and a mistyped command name load them all).
 */
import type { Command } from "commander";
import type { Config } from "../../config.js";
import type { Io } from "../context.js";

type Register = (program: Command, io: Io, config: Config) => void;

const DEFINITIONS: readonly (readonly [names: readonly string[], load: () => Promise<Register[]>])[] = [
  [["vote"], async () => [(await import("./vote.js")).registerVote]],
  [["votes"], async () => [(await import("./votes.js")).registerVotes]],
  [["member"], async () => [(await import("./member.js")).registerMember]],
  [["members"], async () => [(await import("./members.js")).registerMembers]],
  [
    ["align", "partners", "alongside", "shifts", "matrix", "blocs", "ideal"],
    async () => [(await import("./analysis.js")).registerAnalysis],
  ],
  [
    ["outcome", "whatif"],
    async () => {
      const { registerOutcome, registerWhatIf } = await import("./outcome.js");
      return [registerOutcome, registerWhatIf];
    },
  ],
  [["check-outcomes"], async () => [(await import("./checkOutcomes.js")).registerCheckOutcomes]],
  [["import"], async () => [(await import("./import.js")).registerImport]],
  [["imports"], async () => [(await import("./imports.js")).registerImports]],
  [["conflicts"], async () => [(await import("./conflicts.js")).registerConflicts]],
  [["coverage"], async () => [(await import("./coverage.js")).registerCoverage]],
  [["export"], async () => [(await import("./export.js")).registerExport]],
  [
    ["sync"],
    async () => {
      const { registerSync } = await import("./sync.js");
      return [(program, io, config) => registerSync(program, io, config.sync)];
    },
  ],
  [["story"], async () => [(await import("./story.js")).registerStory]],
  [["newsworthy"], async () => [(await import("./newsworthy.js")).registerNewsworthy]],
  [["user"], async () => [(await import("./user.js")).registerUser]],
  [["serve"], async () => [(await import("./serve.js")).registerServe]],
  [["backup"], async () => [(await import("./backup.js")).registerBackup]],
];

/** Global options that take a value: what follows them is not the command's name. */
const GLOBAL_WITH_VALUE = new Set(["--db", "--database-url"]);

/** The command an argument list runs, when it plainly names one; null for help and anything unclear. */
export function commandNamed(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if ([...GLOBAL_WITH_VALUE].some((option) => arg.startsWith(`${option}=`))) continue;
    if (arg.startsWith("-")) return null;
    return DEFINITIONS.some(([names]) => names.includes(arg)) ? arg : null;
  }
  return null;
}

/** Registers the definitions of every command, or only of the one `argv` runs. */
export async function registerCommands(
  program: Command,
  io: Io,
  config: Config,
  argv: readonly string[] = [],
): Promise<void> {
  const only = commandNamed(argv);
  for (const [names, load] of DEFINITIONS) {
    if (only !== null && !names.includes(only)) continue;
    for (const register of await load()) register(program, io, config);
  }
}
