/**
 * The starter dataset shipped with Plenary (`starter/votes-2025-02-24.json`): read, checked, and turned
 * into roll-call records. A new store is filled with it so the app works on first run.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PlenaryError } from "../core/errors.js";
import { getMember } from "../core/members/index.js";
import type { Body, RecordedOutcome, RollCallKind } from "../core/rollCall.js";
import { parseMemberVote, type MemberVote, type OfficialTally } from "../core/vote.js";
import type { RollCallRecord } from "./records.js";

export const STARTER_FILE = fileURLToPath(new URL("../../starter/votes-2025-02-24.json", import.meta.url));

interface StarterRollCall {
  key: string;
  parent?: string;
  sequence?: number;
  body: Body;
  session: string | null;
  date: string;
  symbol: string | null;
  draftSymbol: string | null;
  kind: RollCallKind;
  title: string;
  description?: string;
  meeting: string | null;
  procedural: boolean;
  importantQuestion: boolean | null;
  tally: OfficialTally;
  outcome: RecordedOutcome | null;
  complete: boolean;
  votes: Record<string, string>;
  sources: string[];
}

export interface StarterDataset {
  about: string;
  sources: { id: string; citation: string }[];
  council: { year: number; permanent: string[]; elected: string[]; sources: string[] };
  rollCalls: StarterRollCall[];
}

export function readStarterDataset(file = STARTER_FILE): StarterDataset {
  return JSON.parse(readFileSync(file, "utf8")) as StarterDataset;
}

export function loadStarterDataset(file = STARTER_FILE): RollCallRecord[] {
  const data = readStarterDataset(file);
  const citations = new Map(data.sources.map((s) => [s.id, s.citation]));
  return data.rollCalls.map((rc, index) => {
    const where = { file, field: `rollCalls[${index}] (${rc.key})` };
    const votes = new Map<string, MemberVote>();
    for (const [id, text] of Object.entries(rc.votes)) {
      if (!getMember(id)) throw new PlenaryError("BAD_FILE", `Unknown member id ${id}`, where);
      const vote = parseMemberVote(text);
      if (!vote)
        throw new PlenaryError("BAD_FILE", `Unreadable vote ${JSON.stringify(text)} for ${id}`, where);
      votes.set(id, vote);
    }
    const cited = rc.sources.map((id) => {
      const citation = citations.get(id);
      if (!citation) throw new PlenaryError("BAD_FILE", `Unknown source ${id}`, where);
      return citation;
    });
    return {
      body: rc.body,
      session: rc.session,
      date: rc.date,
      symbol: rc.symbol,
      draftSymbol: rc.draftSymbol,
      kind: rc.kind,
      title: rc.title,
      description: rc.description ?? null,
      meeting: rc.meeting,
      agenda: null,
      voteNotes: [],
      subjects: [],
      procedural: rc.procedural,
      importantQuestion: rc.importantQuestion,
      importantVote: false,
      modality: "recorded",
      officialTally: rc.tally,
      recordedOutcome: rc.outcome,
      complete: rc.complete,
      issues: [],
      sequence: rc.sequence ?? 0,
      source: "starter",
      sourceKey: rc.key,
      citation: cited.join("; "),
      file: "starter/votes-2025-02-24.json",
      parentSourceKey: rc.parent ?? null,
      disputes: [],
      votes,
    };
  });
}
