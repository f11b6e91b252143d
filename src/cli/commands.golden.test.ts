/**
 * The command line's behaviour pinned down: for every command, its help, and a run that succeeds and
 * runs that fail, the exact text on stdout and stderr and the exit status. The snapshot was written by
 * the CLI that loaded every command's modules at start-up, before commands were loaded on demand
 * (issue 17): the lazy CLI must print the same bytes and exit with the same codes.
 */
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo, suiteStore } from "../test/tempStore.js";

/** Runs that need no store: commander parses and refuses before any command runs. */
const WITHOUT_STORE: string[][] = [
  [],
  ["--help"],
  ["help"],
  ["nosuch"],
  ["vot"],
  ["--nosuch-option"],
  ...[
    "vote",
    "votes",
    "member",
    "members",
    "align",
    "partners",
    "alongside",
    "shifts",
    "matrix",
    "blocs",
    "ideal",
    "outcome",
    "whatif",
    "check-outcomes",
    "import",
    "imports",
    "conflicts",
    "coverage",
    "export",
    "sync",
    "story",
    "newsworthy",
    "user",
    "serve",
    "backup",
  ].flatMap((command) => [
    [command, "--help"],
    ["help", command],
  ]),
  ["user", "add", "--help"],
  ["user", "list", "--help"],
  ["user", "passwd", "--help"],
  ["user", "disable", "--help"],
  ["user", "role", "--help"],
  ["vote"],
  ["votes", "--body", "XX"],
  ["votes", "--from", "yesterday"],
  ["member"],
  ["member", "Atlantis"],
  ["member", "US"],
  ["member", "NA", "--json"],
  ["member", "YU", "--date", "1990-01-01"],
  ["align", "USA"],
  ["align", "USA", "Narnia"],
  ["shifts"],
  ["shifts", "--from", "someday", "--to", "2019"],
  ["import"],
  ["import", "--format", "nope", "x.csv"],
  ["export"],
  ["coverage", "--body", "XX"],
  ["user", "add", "someone@example.org"],
  ["story"],
];

/** Runs on the starter data. */
const WITH_STORE: string[][] = [
  ["vote", "ES-11/7"],
  ["vote", "S/RES/2774", "--json"],
  ["vote", "ES-11/9"],
  ["votes"],
  ["votes", "--body", "SC", "--json"],
  ["members", "--date", "1946-01-01"],
  ["align", "USA", "RUS"],
  ["align", "USA", "RUS", "--json"],
  ["align", "USA", "RUS", "--by", "decade"],
  ["partners", "USA", "--top", "3"],
  ["partners", "USA", "--rank", "loudness"],
  ["alongside", "ES-11/7", "USA"],
  ["alongside", "ES-11/7", "FRA", "--json"],
  ["alongside", "ES-11/99", "USA"],
  ["shifts", "--from", "2023", "--to", "2025", "--min", "1", "--json"],
  ["matrix", "--format", "xml"],
  ["matrix", "--session", "ES-11"],
  ["blocs", "--json"],
  ["blocs", "EU", "--session", "ES-11"],
  ["blocs", "Narnia"],
  ["whatif", "ES-11/7"],
  ["whatif", "S/RES/2774", "--set", "RUS=N", "--json"],
  ["whatif", "S/RES/2774", "--set", "RUS"],
  ["check-outcomes", "--json"],
  ["conflicts"],
  ["conflicts", "--json"],
  ["newsworthy", "--since", "2025-01-01"],
  // Not refused by commander (the limit is parsed as NaN): the run opens the store.
  ["newsworthy", "--limit", "many"],
  ["story", "ES-11/7", "--format", "md"],
  ["user", "list"],
  ["user", "list", "--json"],
  ["imports"],
  ["imports", "--id", "7"],
  ["backup"],
];

async function run(args: string[], dir = "") {
  const capture = captureIo();
  const code = await main(args, capture.io);
  // The temporary folder's name changes from run to run.
  const clean = (text: string) => (dir ? text.replaceAll(dir, "<tmp>") : text);
  return { code, stdout: clean(capture.out), stderr: clean(capture.err) };
}

describe("the command line prints what it printed when every command loaded at start-up", () => {
  const temp = suiteStore();

  it.each(WITHOUT_STORE.map((args) => [args.join(" ") || "(no arguments)", args] as const))(
    "plenary %s",
    async (_, args) => {
      // A store path that does not exist: none of these runs may open it.
      const result = await run(["--db", "/nonexistent/plenary-golden.db", ...args]);
      expect(result).toMatchSnapshot();
    },
  );

  it.each(WITH_STORE.map((args) => [args.join(" "), args] as const))("plenary %s", async (_, args) => {
    const result = await run([...temp.cliArgs, ...args], temp.dir);
    expect(result).toMatchSnapshot();
  });
});
