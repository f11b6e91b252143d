import type { Command } from "commander";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

export function registerConflicts(program: Command, io: Io): void {
  program
    .command("conflicts")
    .description(
      "List the member votes on which two sources disagree (the more trusted source's vote is kept)",
    )
    .option("--source <source>", "only conflicts involving this source (unvotes, undl-ga …)")
    .option("--member <id>", "only this member (alpha-3)")
    .option("--limit <n>", "how many (default 100)", (v) => Number.parseInt(v, 10), 100)
    .option("--offset <n>", "skip this many", (v) => Number.parseInt(v, 10), 0)
    .option("--json", "print JSON: {conflicts: [...], meta: {...}}")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary conflicts\n  plenary conflicts --source unvotes --member USA --json",
    )
    .action(
      async (
        options: { source?: string; member?: string; limit: number; offset: number; json?: boolean },
        command: Command,
      ) => {
        const filter = {
          ...(options.source ? { source: options.source } : {}),
          ...(options.member ? { memberId: options.member } : {}),
        };
        const { countConflicts, listConflicts } = await import("../../data/import/queries.js");
        const [conflicts, total] = await withStore(command, (store) =>
          Promise.all([
            listConflicts(store.db, { ...filter, limit: options.limit, offset: options.offset }),
            countConflicts(store.db, filter),
          ]),
        );
        if (options.json) {
          printJson(io, {
            conflicts,
            meta: { pagination: { total, limit: options.limit, offset: options.offset } },
          });
          return;
        }
        if (!total) {
          print(io, "No conflicts: wherever two sources hold the same roll call, they agree on every vote.");
          return;
        }
        print(
          io,
          table([
            ["Date", "Roll call", "Member", "Kept", "Other"],
            ...conflicts.map((c) => [
              c.date,
              c.symbol ?? `rc-${c.rollCallId}`,
              c.memberId,
              `${c.keptVote} (${c.keptSource})`,
              `${c.otherVote} (${c.otherSource})`,
            ]),
          ]),
        );
        if (total > conflicts.length)
          print(io, `\n${conflicts.length} of ${total} shown (--limit, --offset).`);
      },
    );
}
