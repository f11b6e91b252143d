import type { Command } from "commander";
import type { DisputeView, RollCallView } from "../../data/rollCallView.js";
import { VOTE_LABELS, type MemberVote } from "../../core/vote.js";
import { print, printJson, withStore, type Io } from "../context.js";
import { formatTally } from "../format.js";
import { dateText } from "../../data/approximations.js";

/** The roll call as text; `describeDispute` (rollCallView's, loaded with the view) words a dispute. */
export function renderVote(view: RollCallView, describeDispute: (dispute: DisputeView) => string): string {
  const lines: string[] = [];
  lines.push(`${view.symbol ?? view.ref} — ${view.title}`);
  const facts = [
    view.bodyName,
    view.session ? `session ${view.session}` : null,
    dateText(view.date, view.datePrecision),
  ];
  if (view.draftSymbol) facts.push(`draft ${view.draftSymbol}`);
  if (view.meeting) facts.push(`meeting ${view.meeting}`);
  lines.push(facts.filter(Boolean).join(" · "));
  if (view.dateNote) lines.push(`Date:    ${view.dateNote}`);
  if (view.symbolNote) lines.push(`Symbol:  ${view.symbolNote}`);
  if (view.kind !== "resolution") lines.push(`Kind: ${view.kind}${view.procedural ? " (procedural)" : ""}`);
  lines.push("");
  lines.push(`Tally:   ${formatTally(view.tally)}${view.tallySource ? `  (${view.tallySource})` : ""}`);
  lines.push(
    `Outcome: ${view.outcome ?? "unknown"}${view.outcomeSource === "derived" ? " (derived by the rules)" : ""}`,
  );
  // Why the rules could not decide it: the same sentence as the page and the API (recordOutcome.ts).
  if (view.undecided) lines.push(`Rules:   ${view.undecided.reason}`);
  if (!view.complete) {
    const open = view.disputes.some((d) => !d.decidedBy && d.field !== "date");
    lines.push(
      open
        ? `Known votes: ${view.knownVotes} — incomplete: the source contradicts itself (below).`
        : `Known votes: ${view.knownVotes} — incomplete: the other members' votes are not in the record.`,
    );
  }
  if (view.modality === "without-vote") lines.push("Adopted without a vote: no member's vote was recorded.");
  if (view.modality === "written-procedure") {
    lines.push("Voted in writing (the Security Council's written procedure, 2020–2021).");
  }
  for (const dispute of view.disputes) {
    lines.push(`${dispute.decidedBy ? "Decided" : "Disputed"}: ${describeDispute(dispute)}`);
  }
  if (view.description) lines.push("", view.description);
  if (view.agenda) lines.push("", `Agenda: ${view.agenda}`);
  for (const note of view.voteNotes) {
    lines.push(`Note${note.members ? ` (${note.members.join(", ")})` : ""}: ${note.text}`);
  }
  const groups: MemberVote[] = ["Y", "N", "A", "X"];
  for (const vote of groups) {
    const members = view.votes.filter((v) => v.vote === vote);
    if (!members.length) continue;
    lines.push("", `${VOTE_LABELS[vote]} (${members.length}): ${members.map((m) => m.name).join(", ")}`);
  }
  if (view.parent) lines.push("", `On: ${view.parent.ref} — ${view.parent.title}`);
  if (view.related.length) {
    lines.push("", "Related roll calls:");
    for (const r of view.related)
      lines.push(
        `  ${r.ref.padEnd(18)} ${r.kind.padEnd(10)} ${(r.outcome ?? "unknown").padEnd(9)} ${r.title}`,
      );
  }
  return lines.join("\n");
}

export function registerVote(program: Command, io: Io): void {
  program
    .command("vote")
    .description("Show one roll call: title, body, date, tally, outcome and the members by vote")
    .argument("<symbol>", "resolution or draft symbol, e.g. ES-11/7, A/RES/ES-11/7, S/RES/2774, or rc-ID")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  plenary vote ES-11/7\n  plenary vote s/res/2774 --json")
    .action(async (symbol: string, options: { json?: boolean }, command: Command) => {
      const { describeDispute, viewRollCall } = await import("../../data/rollCallView.js");
      const view = await withStore(command, io, (store) => viewRollCall(store, symbol));
      if (options.json) printJson(io, view);
      else print(io, renderVote(view, describeDispute));
    });
}
