import type { Command } from "commander";
import type { Io } from "../context.js";
import { registerConflicts } from "./conflicts.js";
import { registerExport } from "./export.js";
import { registerImport } from "./import.js";
import { registerAnalysis } from "./analysis.js";
import { registerBackup } from "./backup.js";
import { registerCheckOutcomes } from "./checkOutcomes.js";
import { registerMember } from "./member.js";
import { registerMembers } from "./members.js";
import { registerOutcome, registerWhatIf } from "./outcome.js";
import { registerServe } from "./serve.js";
import { registerNewsworthy } from "./newsworthy.js";
import { registerStory } from "./story.js";
import { registerUser } from "./user.js";
import { registerSync } from "./sync.js";
import { registerVote } from "./vote.js";
import { registerVotes } from "./votes.js";

export function registerCommands(program: Command, io: Io): void {
  registerVote(program, io);
  registerVotes(program, io);
  registerMember(program, io);
  registerMembers(program, io);
  registerAnalysis(program, io);
  registerOutcome(program, io);
  registerWhatIf(program, io);
  registerCheckOutcomes(program, io);
  registerImport(program, io);
  registerConflicts(program, io);
  registerExport(program, io);
  registerSync(program, io);
  registerStory(program, io);
  registerNewsworthy(program, io);
  registerUser(program, io);
  registerServe(program, io);
  registerBackup(program, io);
}
