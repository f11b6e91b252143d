/** A vote's data for the page, the API and the downloads, memoised per data version. */
import type { FastifyInstance } from "fastify";
import { getMember } from "../../core/members/index.js";
import { viewRollCall, type RollCallView } from "../../data/rollCallView.js";
import {
  alongsideView,
  groupMembers,
  mapInput,
  readFilters,
  sameSession,
  similarRefusal,
  similarVotes,
  type VoteExtras,
} from "../pageData/vote.js";
import type { Snapshot } from "../pageData/site.js";

/** The roll call view of a symbol (any usual form), once per data version. */
export function voteData(app: FastifyInstance, snapshot: Snapshot, symbol: string): Promise<RollCallView> {
  return snapshot.memo(`vote:${symbol}`, () => viewRollCall(app.store, symbol));
}

export function voteExtras(
  snapshot: Snapshot,
  view: RollCallView,
  query: Record<string, string | undefined>,
): VoteExtras {
  const filters = readFilters(query);
  return {
    filters,
    groups: groupMembers(view, filters),
    map: mapInput(view),
    alongside: query.alongside ? alongsideView(snapshot.matrix, view, query.alongside) : null,
    sameSession: snapshot.cached(`same-session:${view.id}`, () => sameSession(snapshot.catalog, view.id)),
    similar: snapshot.cached(`similar:${view.id}`, () =>
      similarVotes(snapshot.matrix, snapshot.catalog, view.id),
    ),
    similarNote: similarRefusal(snapshot.matrix, view.id),
  };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Members' votes as CSV: member (alpha-3), name (that day), region, vote (Y, N, A, X). */
export function voteCsv(view: RollCallView): string {
  const lines = ["member,name,region,vote"];
  for (const v of view.votes) {
    lines.push([v.member, v.name, getMember(v.member)?.region ?? "", v.vote].map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
