/**
 * The views that cost real CPU when no cache holds them — a member's page (partners over a period,
 * agreement series, charts), a bloc's cohesion and a comparison of two members — as tasks: plain data in,
 * plain data out, so they can run in the view worker (viewWorker.ts) off the server's event loop.
 *
 * Their parameters are normalised first (`normaliseTask`): a member code in any form becomes its alpha-3
 * id, a body its upper-case code, years outside the record are moved to its first or last year, and
 * parameters a view does not read are dropped. Requests that ask for the same thing then share one cache
 * entry, so a client cannot make the server compute one answer under many names.
 */
import { resolveMember } from "../../core/members/index.js";
import { PlenaryError } from "../../core/errors.js";
import type { PageParts } from "../pages/components.js";
import { blocView } from "./bloc.js";
import { compareView } from "./compare.js";
import { memberPage } from "./member.js";
import { resolveMembers } from "./names.js";
import type { Snapshot } from "./site.js";
import type { ShareFormat } from "../share/outputs.js";

export type TaskKind = "member" | "bloc" | "compare";

export interface ViewTask {
  kind: TaskKind;
  /** Member ids (member: one; compare: two) or the bloc id. */
  ids: string[];
  /** The normalised query: only what the view reads. */
  query: Record<string, string>;
  /** A page's parts, the JSON the API sends, or what the page's figure becomes when shared. */
  format: "page" | "json" | ShareFormat;
}

export type TaskResult = { parts: PageParts } | { json: string } | { text: string };

function text(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null || first === "" ? undefined : String(first);
}

/** A year inside the range views accept, moved into the record's years; anything else as given. */
function year(value: unknown, first: number, last: number): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1900 || n > 2200) return raw; // the view refuses it
  return String(Math.min(Math.max(n, first), last));
}

function yearsOf(snapshot: Snapshot, body: string): [number, number] {
  const years = snapshot.matrix.rollCalls
    .filter((rc) => rc.body === body)
    .map((rc) => Number(rc.date.slice(0, 4)));
  const last = years.length ? years[years.length - 1]! : new Date().getUTCFullYear();
  return [years.length ? years[0]! : last, last];
}

function set(query: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined) query[key] = value;
}

/** The task for a request, its parameters normalised (see above). Unknown members throw UNKNOWN_MEMBER. */
export function normaliseTask(
  snapshot: Snapshot,
  kind: TaskKind,
  ids: string[],
  raw: Record<string, unknown>,
  format: ViewTask["format"],
): ViewTask {
  const query: Record<string, string> = {};
  const body = text(raw.body)?.toUpperCase();
  const shared = format !== "page" && format !== "json";
  if (kind === "compare") {
    set(query, "body", body === "ALL" ? "all" : body);
    // A shared figure (embed, SVG, CSV, card) draws every year: the year's lists are the page's own.
    if (!shared) set(query, "year", text(raw.year));
  } else {
    set(query, "body", body);
    const [first, last] = yearsOf(snapshot, body === "SC" ? "SC" : "GA");
    set(query, "from", year(raw.from, first, last));
    set(query, "to", year(raw.to, first, last));
    if (kind === "member" && !shared) {
      const chosen = text(raw.with);
      if (chosen !== undefined)
        set(
          query,
          "with",
          resolveMembers(chosen, 6)
            .map((m) => m.id)
            .join(",") || undefined,
        );
    }
  }
  return { kind, ids, query, format };
}

/** The cache key of a normalised task: equal for every request that asks for the same answer. */
export function taskKey(task: ViewTask): string {
  const query = Object.entries(task.query)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
  return `${task.format}:${task.kind}:${task.ids.join("/")}?${query}`;
}

/**
 * Computes a task on `snapshot` (in the view worker, or inline for a small record). The pages' modules
 * (charts: Observable Plot in a linkedom document) load on the first page asked for, as in routes/pages.ts.
 */
export async function runTask(snapshot: Snapshot, task: ViewTask): Promise<TaskResult> {
  const { query, format } = task;
  // The shared forms load their module on first use, as the pages do.
  const share = () => import("../share/outputs.js");
  switch (task.kind) {
    case "member": {
      const data = memberPage(snapshot, resolveMember(task.ids[0]!), query);
      if (format === "json") return { json: JSON.stringify(data) };
      if (format !== "page") {
        const { memberOutput, sharedPath } = await share();
        return { text: memberOutput(data, format, sharedPath("members", task.ids, query)) };
      }
      const { memberPage: memberPageHtml } = await import("../pages/member.js");
      return { parts: memberPageHtml(data, query) };
    }
    case "bloc": {
      const view = blocView(snapshot, task.ids[0]!, query);
      if (format === "json") return { json: JSON.stringify(view) };
      if (format !== "page") {
        const { blocOutput, sharedPath } = await share();
        return { text: blocOutput(view, format, sharedPath("blocs", task.ids, query)) };
      }
      const { blocPage } = await import("../pages/blocs.js");
      return { parts: blocPage(view) };
    }
    case "compare": {
      const view = compareView(snapshot, resolveMember(task.ids[0]!), resolveMember(task.ids[1]!), query);
      if (format === "json") return { json: JSON.stringify(view) };
      if (format !== "page") {
        const { compareOutput, sharedPath } = await share();
        return { text: compareOutput(view, format, sharedPath("compare", task.ids, query)) };
      }
      const { comparePage } = await import("../pages/compare.js");
      return { parts: comparePage(view) };
    }
    default:
      throw new PlenaryError("INTERNAL", `Unknown view task ${JSON.stringify(task.kind)}`);
  }
}
