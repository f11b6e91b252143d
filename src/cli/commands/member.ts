import type { Command } from "commander";
import { print, printJson, type Io } from "../context.js";
import { dayBefore, formatDate } from "../format.js";
import { parseDate, startOf } from "./votes.js";

export function registerMember(program: Command, io: Io): void {
  program
    .command("member")
    .description("Resolve a member state from any code or name and describe it")
    .argument("<nameOrCode>", 'alpha-2, alpha-3, official or common name: US, USA, Russia, "Côte d\'Ivoire"')
    .option(
      "--date <date>",
      "resolve as of this day, a year or month meaning its first (codes reused over time: YU, and CHN, the Republic of China's seat before 25 October 1971)",
      parseDate,
    )
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      '\nExamples:\n  plenary member "North Korea"\n  plenary member NA --json      (Namibia)\n  plenary member CHN --date 1950 (the Republic of China)',
    )
    .action(async (query: string, options: { json?: boolean; date?: string }) => {
      const { describeMember } = await import("../../data/memberView.js");
      const member = describeMember(query, options.date === undefined ? undefined : startOf(options.date));
      if (options.json) {
        printJson(io, member);
        return;
      }
      print(io, `${member.name} (${member.id}, ${member.alpha2})`);
      if (member.officialName !== member.name) print(io, `Official name: ${member.officialName}`);
      print(io, `Status: ${member.status}`);
      for (const period of member.membership) {
        // Periods end on the first day the state was no longer a member: print the last day it was.
        print(
          io,
          `Member: ${formatDate(period.from)} – ${period.to ? formatDate(dayBefore(period.to)) : "today"}`,
        );
      }
      const former = member.names.filter((n) => n.name !== member.name && n.name !== member.officialName);
      if (former.length) print(io, `Also known as: ${[...new Set(former.map((n) => n.name))].join("; ")}`);
      if (member.predecessors.length) print(io, `Predecessors: ${member.predecessors.join(", ")}`);
      if (member.successors.length) print(io, `Successors: ${member.successors.join(", ")}`);
    });
}
