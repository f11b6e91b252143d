/**
 * The votes index: every roll call, newest first, filtered by body, session, year, subject, outcome (and,
 * for the API, dates and kind). One query for the page (/votes) and the API (/api/votes): the catalog
 * in memory, and for a UN subject the store's subject index (data/store/subjects.ts), per data version.
 *
 * A subject is one of the six issue classes of the research record (its code, `hr`, or its label,
 * "Human rights") or a subject the UN indexed the text under (UNBIS, `SANCTIONS`; letter case aside).
 */
import { PlenaryError } from "../../core/errors.js";
import type { Store } from "../../data/store/index.js";
import { OUTCOMES } from "../search/search.js";
import { ISSUE_LABELS, type CatalogEntry } from "./catalog.js";
import type { Snapshot } from "./site.js";

export const VOTES_PER_PAGE = 50;

export interface VoteIndexFilters {
  body: "GA" | "SC" | null;
  session: string | null;
  year: number | null;
  subject: string | null;
  outcome: (typeof OUTCOMES)[number] | null;
  from: string | null;
  to: string | null;
  kind: string | null;
}

const KINDS = ["resolution", "draft", "amendment", "paragraph", "motion"];

function text(query: Record<string, unknown>, key: string): string | null {
  const raw = query[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed === "" ? null : trimmed;
}

function bad(field: string, message: string, help: string): never {
  throw new PlenaryError("BAD_INPUT", message, { field, help });
}

/** The filters of a request's query string, checked (BAD_INPUT names the field). */
export function readVoteFilters(query: Record<string, unknown>): VoteIndexFilters {
  const body = text(query, "body")?.toUpperCase() ?? null;
  if (body !== null && body !== "GA" && body !== "SC")
    bad("body", `"${body}" is not a body.`, "body is GA (General Assembly) or SC (Security Council).");
  const yearText = text(query, "year");
  const year = yearText === null ? null : Number(yearText);
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2999))
    bad("year", `"${yearText}" is not a year.`, "Give a year such as 2019.");
  const outcome = text(query, "outcome")?.toLowerCase() ?? null;
  if (outcome !== null && !(OUTCOMES as readonly string[]).includes(outcome))
    bad("outcome", `"${outcome}" is not an outcome.`, `outcome is one of ${OUTCOMES.join(", ")}.`);
  const kind = text(query, "kind");
  if (kind !== null && !KINDS.includes(kind))
    bad("kind", `"${kind}" is not a kind of roll call.`, `kind is one of ${KINDS.join(", ")}.`);
  for (const key of ["from", "to"]) {
    const date = text(query, key);
    if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      bad(key, `"${date}" is not a date.`, "Dates are YYYY-MM-DD.");
  }
  return {
    body: body as VoteIndexFilters["body"],
    session: text(query, "session")?.toUpperCase() ?? null,
    year,
    subject: text(query, "subject"),
    outcome: outcome as VoteIndexFilters["outcome"],
    from: text(query, "from"),
    to: text(query, "to"),
    kind,
  };
}

/** The issue code a subject names (`hr` or "Human rights"), or null for a UN subject. */
export function issueOf(subject: string): string | null {
  const folded = subject.toLowerCase();
  for (const [code, label] of Object.entries(ISSUE_LABELS)) {
    if (folded === code || folded === label.toLowerCase()) return code;
  }
  return null;
}

/** The roll calls matching `filters`, newest first. */
export async function filterVotes(
  store: Store,
  snapshot: Snapshot,
  filters: VoteIndexFilters,
): Promise<readonly CatalogEntry[]> {
  const { body, session, year, subject, outcome, from, to, kind } = filters;
  const issue = subject === null ? null : issueOf(subject);
  const withSubject =
    subject === null || issue !== null
      ? null
      : await snapshot.memo(
          `subject-ids:${subject.toLowerCase()}`,
          async () => new Set(await store.rollCallIdsWithSubject(subject)),
        );
  const yearText = year === null ? null : String(year);
  return snapshot.catalog.newestFirst.filter(
    (e) =>
      (body === null || e.body === body) &&
      (session === null || e.session === session) &&
      (yearText === null || e.date.startsWith(yearText)) &&
      (issue === null || e.issues.includes(issue)) &&
      (withSubject === null || withSubject.has(e.id)) &&
      (outcome === null || (e.outcome ?? "unknown") === outcome) &&
      (from === null || e.date >= from) &&
      (to === null || e.date <= to) &&
      (kind === null || e.kind === kind),
  );
}

/** The subjects offered in the form: the issue classes, then the UN's most used subjects. */
export function subjectChoices(snapshot: Snapshot, store: Store, limit = 300): Promise<string[]> {
  return snapshot.memo(`subject-choices:${limit}`, async () => [
    ...Object.values(ISSUE_LABELS),
    ...(await store.subjectCounts()).slice(0, limit).map((s) => s.subject),
  ]);
}
