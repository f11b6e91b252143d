import type { Command } from "commander";
import { print, printJson, withStore, type Io } from "../context.js";
import { table } from "../format.js";

export function registerCheckOutcomes(program: Command, io: Io): void {
  program
    .command("check-outcomes")
    .description(
      "Re-derive every recorded outcome by the rules and list where the record and the rules disagree",
    )
    .option("--json", "print one JSON object: {checked, agree, undecidable, undecidableItems, disagreements}")
    .addHelpText(
      "after",
      "\nA General Assembly resolution symbol implies adoption, so research-data resolutions are checked too.\n\nExamples:\n  plenary check-outcomes\n  plenary check-outcomes --json",
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const { checkOutcomes } = await import("../../data/outcomes.js");
      const result = await withStore(command, io, (store) => checkOutcomes(store));
      if (options.json) return printJson(io, result);
      print(
        io,
        `${result.checked} complete roll calls with a recorded or implied result re-derived: ${result.agree} agree, ${result.disagreements.length} disagree${result.undecidable ? `, ${result.undecidable} undecidable` : ""}.`,
      );
      if (!result.disagreements.length) return;
      print(io, "");
      print(
        io,
        table([
          ["DATE", "REF", "RECORD", "RULES", "YES", "NO", "ABST"],
          ...result.disagreements.map((d) => [
            d.date,
            d.ref,
            `${d.recorded}${d.implied ? "*" : ""}`,
            d.derived,
            String(d.yes),
            String(d.no),
            String(d.abstain),
          ]),
        ]),
      );
      print(io, "\n* implied by the resolution symbol. `--json` gives each disagreement's explanation.");
    });
}
