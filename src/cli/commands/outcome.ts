import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { PlenaryError } from "../../core/errors.js";
import type { Outcome } from "../../core/rules/index.js";
import { print, printJson, withStore, type Io } from "../context.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream)
    text += typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
  return text;
}

export function renderOutcome(outcome: Outcome): string {
  const lines = [
    `Outcome: ${outcome.outcome}${outcome.vetoedBy.length ? ` (vetoed by ${outcome.vetoedBy.join(", ")})` : ""} — ${outcome.reason}`,
    `Majority: ${outcome.majority}; ${outcome.yes} yes, ${outcome.no} no, ${outcome.abstain ?? "?"} abstaining, ${outcome.nonVoting ?? "?"} non-voting; ${outcome.required} needed`,
  ];
  if (outcome.negativePermanent.length)
    lines.push(`Permanent members voting no: ${outcome.negativePermanent.join(", ")}`);
  if (outcome.vetoInitiativeDeadline)
    lines.push(`The Assembly must meet by ${outcome.vetoInitiativeDeadline} (res. 76/262).`);
  lines.push("", ...outcome.explanation.map((s) => `- ${s}`));
  return lines.join("\n");
}

export function registerOutcome(program: Command, io: Io): void {
  program
    .command("outcome")
    .description("Decide a vote, real or hypothetical, by the Charter and the rules of procedure")
    .argument("[file]", "JSON vote description; - or nothing reads standard input")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      `
Input: {"body": "GA"|"SC", "date": "YYYY-MM-DD", "procedural": bool, "importantQuestion": bool,
        "votes": {"USA": "N", "France": "Y", ...}}   (members by any code or name; unlisted = non-voting)
Example:
  echo '{"body":"SC","date":"2025-02-24","votes":{"USA":"Y","GBR":"Y","FRA":"Y","CHN":"Y","RUS":"N","DZA":"Y","DNK":"Y","GRC":"Y","GUY":"Y","PAN":"Y","PAK":"A"}}' | plenary outcome`,
    )
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      let text: string;
      if (!file || file === "-") {
        if (io.stdin.isTTY) {
          throw new PlenaryError("BAD_INPUT", "No vote given", {
            help: "Pass a JSON file, or pipe JSON into `plenary outcome -`.",
          });
        }
        text = await readAll(io.stdin);
      } else {
        try {
          text = readFileSync(file, "utf8");
        } catch (error) {
          throw new PlenaryError(
            "BAD_INPUT",
            `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
            { file },
          );
        }
      }
      const { decide, parseOutcomeInput } = await import("../../core/rules/index.js");
      const request = parseOutcomeInput(text);
      const outcome = decide(request.rollCall, request.context);
      if (options.json) printJson(io, outcome);
      else print(io, renderOutcome(outcome));
    });
}

export function registerWhatIf(program: Command, io: Io): void {
  program
    .command("whatif")
    .description("Re-decide a recorded vote with changed votes, and list the smallest changes that flip it")
    .argument("<symbol>", "the roll call, e.g. ES-11/7 or rc-7")
    .option("--set <member=vote...>", "change a member's vote: USA=Y, Russia=A (repeatable)")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary whatif ES-11/7\n  plenary whatif S/RES/2774 --set RUS=N --set CHN=N",
    )
    .action(async (symbol: string, options: { set?: string[]; json?: boolean }, command: Command) => {
      const { whatIfRollCall } = await import("../../data/decisions.js");
      const view = await withStore(command, io, (store) => whatIfRollCall(store, symbol, options.set ?? []));
      if (options.json) {
        printJson(io, view);
        return;
      }
      print(io, `${view.symbol ?? view.ref} — ${view.title}`);
      print(io, `As recorded: ${view.recorded.outcome} (${view.recorded.reason})`);
      if (Object.keys(view.changes).length) {
        const list = Object.entries(view.changes)
          .map(([m, v]) => `${m}=${v}`)
          .join(", ");
        print(
          io,
          `With ${list}: ${view.changed.outcome} (${view.changed.reason})${view.flipped ? " — the result flips" : " — no change"}`,
        );
        for (const sentence of view.changed.explanation) print(io, `  - ${sentence}`);
      }
      print(io, "\nWhat would have changed it:");
      for (const sentence of view.whatIf.sentences) print(io, `- ${sentence}`);
    });
}
