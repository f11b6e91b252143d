import { createInterface } from "node:readline";
import type { Command } from "commander";
import { PlenaryError } from "../../core/errors.js";
import type { NewsUser } from "../../news/accounts.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

/** The first line of standard input (`--password-stdin`), without its line end. */
async function readStdinLine(io: Io): Promise<string> {
  let text = "";
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

/** Asks on the terminal without echoing what is typed. */
function ask(io: Io, question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    const writable = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    io.stderr.write(question);
    writable._writeToOutput = (s: string) => {
      if (s.includes("\n")) io.stderr.write("\n");
    };
    rl.question("", (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

async function readPassword(io: Io, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinLine(io);
  if (!io.stdin.isTTY) {
    throw new PlenaryError("BAD_INPUT", "No terminal to ask for the password.", {
      help: "Pipe it in with --password-stdin, e.g. `printf '%s\\n' \"$PASSWORD\" | plenary user add … --password-stdin`.",
    });
  }
  const { MAX_PASSWORD, MIN_PASSWORD } = await import("../../news/passwords.js");
  const first = await ask(io, `Password (${MIN_PASSWORD} to ${MAX_PASSWORD} characters, not a common one): `);
  const { checkPassword } = await import("../../news/accounts.js");
  checkPassword(first);
  const second = await ask(io, "Again: ");
  if (first !== second) throw new PlenaryError("BAD_INPUT", "The two passwords differ.");
  return first;
}

export function registerUser(program: Command, io: Io): void {
  const user = program.command("user").description("Newsroom accounts: authors, editors, admins");

  user
    .command("add")
    .description("Create an account (the password is asked for, or read from standard input)")
    .argument("<email>", "the e-mail address to sign in with")
    .requiredOption("--name <name>", "the name shown in bylines")
    .option("--role <role>", "author (writes drafts), editor (publishes, moderates) or admin", "author")
    .option("--bio <text>", "a line for the author page")
    .option("--password-stdin", "read the password from the first line of standard input")
    .option("--json", "print the account as JSON")
    .addHelpText(
      "after",
      `
Examples:
  plenary user add editor@example.org --name "Ada Editor" --role editor
  printf '%s\\n' "$PASSWORD" | plenary user add author@example.org --name "Sam Author" --password-stdin`,
    )
    .action(async (email: string, options, command: Command) => {
      const password = await readPassword(io, Boolean(options.passwordStdin));
      const { addUser } = await import("../../news/accounts.js");
      const created = await withStore(command, io, (store) =>
        addUser(store, {
          email,
          name: options.name as string,
          role: options.role as string,
          password,
          bio: (options.bio as string | undefined) ?? null,
        }),
      );
      if (options.json) printJson(io, created);
      else
        print(
          io,
          `Created ${created.role} ${created.name} <${created.email}> (author page /news/author/${created.slug}).`,
        );
    });

  user
    .command("list")
    .description("List the accounts")
    .option("--json", "print JSON: {users: [...]}")
    .action(async (options, command: Command) => {
      const { listUsers } = await import("../../news/accounts.js");
      const users = await withStore(command, io, (store) => listUsers(store));
      if (options.json) {
        printJson(io, { users });
        return;
      }
      if (!users.length) {
        print(
          io,
          "No accounts yet. Create the first editor: plenary user add EMAIL --name NAME --role editor",
        );
        return;
      }
      print(
        io,
        table([
          ["EMAIL", "NAME", "ROLE", "ACTIVE"],
          ...users.map((u) => [u.email, u.name, u.role, u.active ? "yes" : "no"]),
        ]),
      );
    });

  user
    .command("passwd")
    .description("Set a new password (ends the account's open sessions)")
    .argument("<email>")
    .option("--password-stdin", "read the password from the first line of standard input")
    .action(async (email: string, options, command: Command) => {
      const password = await readPassword(io, Boolean(options.passwordStdin));
      const { setPassword } = await import("../../news/accounts.js");
      await withStore(command, io, (store) => setPassword(store, email, password));
      print(io, `Password changed for ${email}; its sessions are closed.`);
    });

  user
    .command("disable")
    .description("Disable an account: it can no longer sign in, and its open sessions end at once")
    .argument("<email>")
    .option("--json", "print the account as JSON")
    .addHelpText(
      "after",
      "\nIts articles and bylines stay. `plenary user enable EMAIL` lets it sign in again.\n\nExample:\n  plenary user disable leaver@example.org",
    )
    .action(async (email: string, options: { json?: boolean }, command: Command) => {
      const { setActive } = await import("../../news/accounts.js");
      const changed = await withStore(command, io, (store) => setActive(store, email, false));
      report(io, changed, options.json, `Disabled ${changed.email}; its sessions are closed.`);
    });

  user
    .command("enable")
    .description("Enable a disabled account again")
    .argument("<email>")
    .option("--json", "print the account as JSON")
    .action(async (email: string, options: { json?: boolean }, command: Command) => {
      const { setActive } = await import("../../news/accounts.js");
      const changed = await withStore(command, io, (store) => setActive(store, email, true));
      report(io, changed, options.json, `Enabled ${changed.email}.`);
    });

  user
    .command("role")
    .description("Change an account's role")
    .argument("<email>")
    .argument("<role>", "author (writes drafts), editor (publishes, moderates) or admin")
    .option("--json", "print the account as JSON")
    .addHelpText(
      "after",
      "\nThe new role applies from the account's next request.\n\nExample:\n  plenary user role sam@example.org editor",
    )
    .action(async (email: string, role: string, options: { json?: boolean }, command: Command) => {
      const { setRole } = await import("../../news/accounts.js");
      const changed = await withStore(command, io, (store) => setRole(store, email, role));
      report(io, changed, options.json, `${changed.email} is now an ${changed.role}.`);
    });
}

function report(io: Io, user: NewsUser, json: boolean | undefined, text: string): void {
  if (json) printJson(io, user);
  else print(io, text);
}
