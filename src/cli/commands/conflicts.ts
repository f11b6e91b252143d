import type { Command } from "commander";
import { pagingOptions, print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

export function registerConflicts(program: Command, io: Io): void {
  pagingOptions(
    program
      .command("conflicts")
      .description(
        "List where sources disagree: member votes two sources give differently (the more trusted kept), and where a source contradicts itself (its counts against its lists, a veto list's columns)",
      )
      .option("--source <source>", "only conflicts involving this source (unvotes, undl-ga …)")
      .option("--member <id>", "only this member (alpha-3)"),
    100,
    "how many (default 100)",
  )
    .option("--json", "print JSON: {conflicts: [...], disputes: [...], meta: {...}}")
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
        const [conflicts, total, disputes] = await withStore(command, io, (store) =>
          Promise.all([
            store.conflicts({ ...filter, limit: options.limit, offset: options.offset }),
            store.countConflicts(filter),
            options.member ? Promise.resolve([]) : store.disputes(filter),
          ]),
        );
        if (options.json) {
          printJson(io, {
            conflicts,
            disputes,
            meta: { pagination: { total, limit: options.limit, offset: options.offset } },
          });
          return;
        }
        if (!total) {
          print(
            io,
            "No conflicts between sources: wherever two sources hold the same roll call, they agree on every vote.",
          );
        } else {
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
        }
        if (disputes.length) {
          const open = disputes.filter((d) => !d.decidedBy).length;
          print(
            io,
            `\nWhere a source contradicts itself (${disputes.length}; ${open} not decided by another source):`,
          );
          print(
            io,
            table([
              ["Date", "Roll call", "Source", "Field", "Says", "Decided by"],
              ...disputes.map((d) => [
                d.date,
                d.symbol ?? `rc-${d.rollCallId}`,
                d.source,
                d.field,
                d.claims.map((c) => `${c.from}: ${c.value}`).join("; "),
                d.decidedBy ?? "-",
              ]),
            ]),
          );
        }
      },
    );
}
