/** Blocs as data: the list, and one bloc's cohesion by year, its defectors and its members over time. */
import { blocCohesion, getBloc, listBlocs, type Bloc, type CohesionFigures } from "../../analysis/blocs.js";
import { DEFAULT_BODY } from "../../analysis/defaults.js";
import { PlenaryError } from "../../core/errors.js";
import type { Body } from "../../core/rollCall.js";
import { memberRef, type MemberRef } from "./names.js";
import type { Snapshot } from "./site.js";

export interface BlocSummary {
  id: string;
  name: string;
  members: number;
}

export interface BlocView {
  id: string;
  name: string;
  note: string | null;
  sources: Bloc["sources"];
  body: Body;
  period: { from: number | null; to: number | null };
  overall: CohesionFigures;
  years: (CohesionFigures & { year: number })[];
  defectors: { member: MemberRef; votes: number; defections: number; rate: number }[];
  members: { member: MemberRef; from: string | null; to: string | null; note: string | null }[];
}

export function blocList(): BlocSummary[] {
  return listBlocs().map((b) => ({
    id: b.id,
    name: b.name,
    members: new Set(b.members.map((m) => m.id)).size,
  }));
}

export function blocView(snapshot: Snapshot, id: string, query: Record<string, unknown>): BlocView {
  const bloc = getBloc(id);
  const body = String(query.body ?? DEFAULT_BODY).toUpperCase();
  if (body !== "GA" && body !== "SC") {
    throw new PlenaryError("BAD_INPUT", `Unknown body "${body}".`, { field: "body", help: "Use GA or SC." });
  }
  const year = (key: "from" | "to"): number | null => {
    const raw = query[key];
    if (raw === undefined || raw === "") return null;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1900 || n > 2200) {
      throw new PlenaryError("BAD_INPUT", `"${String(raw)}" is not a year.`, {
        field: key,
        help: "Give a year such as 1990.",
      });
    }
    return n;
  };
  const from = year("from");
  const to = year("to");
  const selection = {
    body: body as Body,
    ...(from !== null ? { from: `${from}-01-01` } : {}),
    ...(to !== null ? { to: `${to}-12-31` } : {}),
  };
  const cohesion = blocCohesion(snapshot.matrix, bloc, selection, { by: "year", top: 15 });
  return {
    id: bloc.id,
    name: bloc.name,
    note: bloc.note ?? null,
    sources: bloc.sources,
    body: body as Body,
    period: { from, to },
    overall: cohesion.overall,
    years: cohesion.periods.map((p) => ({ ...p, year: p.year ?? 0 })),
    defectors: cohesion.defectors.map((d) => ({
      member: memberRef(d.id),
      votes: d.votes,
      defections: d.defections,
      rate: d.rate,
    })),
    members: bloc.members
      .map((m) => ({ member: memberRef(m.id), from: m.from, to: m.to, note: m.note ?? null }))
      .sort((x, y) => x.member.name.localeCompare(y.member.name, "en")),
  };
}
