import type { Command } from "commander";
import { print, printJson, type Io } from "../context.js";
import { table } from "../format.js";
import { parseDate, startOf } from "./votes.js";

export function registerMembers(program: Command, io: Io): void {
  program
    .command("members")
    .description("List member states: today's members, those of a given date, or every state ever known")
    .option(
      "--date <date>",
      "the Assembly's membership on this day (a year or month: its first day)",
      parseDate,
    )
    .option("--all", "every state Plenary knows, former members and observers included")
    .option("--json", "print JSON: {members: [...]}")
    .addHelpText("after", "\nExamples:\n  plenary members --date 1971-12-31\n  plenary members --all --json")
    .action(async (options: { date?: string; all?: boolean; json?: boolean }) => {
      const { allMembers, membersOn } = await import("../../core/members/index.js");
      const { memberView } = await import("../../data/memberView.js");
      const date = options.date ? startOf(options.date) : new Date().toISOString().slice(0, 10);
      const members = options.all ? [...allMembers()] : membersOn(date);
      if (options.json) {
        printJson(io, {
          members: members.map(memberView),
          meta: { date: options.all ? null : date, count: members.length },
        });
        return;
      }
      print(
        io,
        table([
          ["ID", "A2", "NAME", "STATUS"],
          ...members.map((m) => [m.id, m.alpha2 ?? "", m.name, m.status]),
        ]),
      );
      print(io, `\n${members.length} ${options.all ? "states" : `members on ${date}`}`);
    });
}
