/**
 * The Security Council veto list (`../shared/data/unsc-vetoes`, World Politics Data Lab, from the Dag
 * Hammarskjöld Library's list): one row per vetoed draft, one SC roll call each, outcome `vetoed`. The
 * vetoing permanent members' votes are known (`N`, from the named columns member_veto1..3 — where the
 * 0/1 columns China, France, Russia, USSR, USA, UK disagree, both are kept as a dispute on the source's
 * provenance and listed by `plenary conflicts`); everyone else's vote is unknown, so the roll call is
 * incomplete and never filled in. Dates are M/D/YYYY. In early years `draft` holds the meeting record
 * and repeats for different drafts of one meeting: a repeated draft gets `#2`, `#3` … in its source key.
 */
import { isPermanentMemberOn } from "../../core/council/index.js";
import { findMember, type Member } from "../../core/members/index.js";
import type { SourceDispute } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import { unrecordedDetails, type RollCallRecord } from "../records.js";
import { openCsv } from "./csv.js";
import { readUsDate, readIsoDate, textOrNull, type ImportContext } from "./context.js";
import { openTextInput } from "./input.js";
import { UNSC_VETOES, VETO_PERMANENT_COLUMNS } from "./layouts.js";
import { daySequence } from "./readerParts.js";

export const VETO_LIST_CITATION =
  "UN Security Council vetoes 1946–2022, World Politics Data Lab (MIT licence), from the UN Dag Hammarskjöld Library's veto list";

export async function* readVetoes(file: string, context: ImportContext): AsyncGenerator<RollCallRecord> {
  const input = openTextInput(file);
  const csv = await openCsv(input, UNSC_VETOES);
  const col = (name: string) => csv.columns.get(name) ?? -1;
  const at = (fields: string[], name: string): string => {
    const i = col(name);
    return i >= 0 ? (fields[i] ?? "").trim() : "";
  };
  const { problems, stats } = context;
  const occurrences = new Map<string, number>();
  const sequence = daySequence();
  for await (const batch of csv.batches) {
    stats.rows += batch.length;
    for (const { fields, line } of batch) {
      if (fields.length !== csv.header.length) {
        problems.reject("bad-row", `expected ${csv.header.length} fields, found ${fields.length}`, {
          file,
          line,
        });
        continue;
      }
      const draft = at(fields, "draft");
      if (!draft) {
        problems.reject("missing-symbol", "no draft symbol", { file, line, field: "draft" });
        continue;
      }
      const n = (occurrences.get(draft) ?? 0) + 1;
      occurrences.set(draft, n);
      const key = n === 1 ? draft : `${draft}#${n}`;
      const dateText = at(fields, "date");
      const date = readUsDate(dateText) ?? readIsoDate(dateText);
      if (!date) {
        problems.reject("bad-date", `unreadable date ${JSON.stringify(dateText)} (M/D/YYYY expected)`, {
          file,
          line,
          field: "date",
          key,
        });
        continue;
      }
      // The 0/1 columns: which members the file flags.
      const flagged: Member[] = [];
      let bad = false;
      for (const column of VETO_PERMANENT_COLUMNS) {
        const flag = at(fields, column.toLowerCase());
        if (flag === "0" || flag === "") continue;
        if (flag !== "1") {
          problems.reject("bad-vote", `${column} is ${JSON.stringify(flag)}, not 0 or 1`, {
            file,
            line,
            field: column,
            key,
          });
          bad = true;
          break;
        }
        const member = findMember(column, { date });
        if (!member) {
          problems.reject("unknown-member", `unknown member ${column}`, { file, line, field: column, key });
          bad = true;
          break;
        }
        flagged.push(member);
      }
      if (bad) continue;
      // The named columns member_veto1..3: who vetoed. They are what is kept — they agree with the UN's
      // published veto counts, where the 0/1 columns mark nobody in 17 rows and miss France in 9.
      const named: Member[] = [];
      for (const column of ["member_veto1", "member_veto2", "member_veto3"]) {
        const name = at(fields, column);
        if (!name || name === "NA") continue;
        const member: Member | null = findMember(name, { date });
        if (member) {
          if (!named.includes(member)) named.push(member);
        } else {
          problems.warn("unknown-member", `${column} names ${JSON.stringify(name)}, no known member`, {
            file,
            line,
            field: column,
            key,
          });
        }
      }
      const vetoing = named.length ? named : flagged;
      const votes = new Map<string, MemberVote>();
      for (const member of vetoing) {
        if (!isPermanentMemberOn(member.id, date)) {
          problems.warn(
            "not-permanent-member",
            `${member.id} vetoes on ${date} but was not a permanent member then`,
            { file, line, field: "member_veto1", key },
          );
        }
        votes.set(member.id, "N");
      }
      // A row that contradicts itself keeps both statements (the dispute) and says so.
      const ids = (members: Member[]) => members.map((m) => m.id).sort();
      const disputes: SourceDispute[] = [];
      if (named.length && ids(named).join() !== ids(flagged).join()) {
        const list = (members: Member[]) => (members.length ? ids(members).join(", ") : "no one");
        disputes.push({
          field: "vetoedBy",
          claims: [
            { from: "named columns (member_veto1–3)", value: list(named) },
            { from: "0/1 columns", value: list(flagged) },
          ],
          kept: "the named columns, which agree with the UN's published veto counts",
        });
        problems.warn(
          "veto-columns-disagree",
          `member_veto columns name ${list(named)} but the 0/1 columns mark ${list(flagged)}; kept the named columns`,
          { file, line, field: "member_veto1", key },
        );
      }
      const meeting = textOrNull(at(fields, "meeting_record"));
      const topic = [textOrNull(at(fields, "crisis_topic")), textOrNull(at(fields, "region"))]
        .filter(Boolean)
        .join(" — ");
      const record: RollCallRecord = {
        body: "SC",
        session: null,
        date,
        symbol: null,
        // In early rows `draft` is the meeting record, not a draft symbol.
        draftSymbol: /^S\/PV\./i.test(draft) ? null : draft,
        kind: "draft",
        title: textOrNull(at(fields, "agenda_item")) ?? `Draft vetoed on ${date}`,
        description: topic || null,
        ...unrecordedDetails(),
        meeting,
        modality: "recorded",
        officialTally: { yes: null, no: null, abstain: null, nonVoting: null },
        recordedOutcome: "vetoed",
        complete: false,
        issues: [],
        sequence: sequence(date),
        source: "unsc-vetoes",
        sourceKey: key,
        citation: `${VETO_LIST_CITATION}, ${draft}`,
        file,
        parentSourceKey: null,
        disputes,
        votes,
      };
      yield record;
    }
    context.progress(file, input.bytesRead(), input.size);
  }
}
