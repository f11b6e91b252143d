/**
 * Problems found while importing: reported, never hidden. A data problem (a vote before a member's
 * admission, totals that disagree with the rows, a duplicate vote) is a warning: the import goes on. A
 * row-breaking problem (no id or symbol, an unreadable vote or date, an unknown member) rejects the whole
 * file with a BAD_FILE error naming file, line and field — unless the user asked to skip bad rows, in
 * which case the row is skipped and listed.
 */
import { PlenaryError } from "../../core/errors.js";

export type ProblemKind =
  | "bad-row"
  | "missing-id"
  | "missing-symbol"
  | "bad-symbol"
  | "bad-date"
  | "bad-vote"
  | "bad-number"
  | "unknown-member"
  | "unknown-roll-call"
  | "duplicate-roll-call"
  | "duplicate-vote"
  | "vote-outside-membership"
  | "tally-mismatch"
  | "inconsistent-row"
  | "code-name-mismatch"
  | "not-permanent-member"
  | "veto-columns-disagree"
  | "missing-file";

export type Severity = "warning" | "error";

export interface ImportProblem {
  /** `error`: the row was skipped (only with --skip-bad-rows; otherwise the file is rejected). */
  severity: Severity;
  kind: ProblemKind;
  message: string;
  file: string;
  line: number | null;
  field: string | null;
  /** The source's key of the roll call concerned, when known. */
  key?: string;
}

export interface Where {
  file: string;
  line?: number | null;
  field?: string | null;
  key?: string;
}

const HELP: Partial<Record<ProblemKind, string>> = {
  "unknown-member": "Check the member code or name; if the file is right, the member data needs the name.",
  "bad-vote": "Votes are Y, N, A, X (or NV, empty for non-voting; yes/no/abstain in the research data).",
  "bad-date": "Dates are YYYY-MM-DD (M/D/YYYY in the veto list).",
};

/** The problems of a reading, as counted and kept: what the bundle stores of its readers' problems. */
export interface ProblemsSnapshot {
  warnings: number;
  errors: number;
  byKind: Partial<Record<ProblemKind, number>>;
  items: ImportProblem[];
  omitted: number;
}

/** Keeps the first `limit` problems of each kind in full and counts all of them. */
export class Problems {
  readonly items: ImportProblem[] = [];
  readonly byKind: Partial<Record<ProblemKind, number>> = {};
  warnings = 0;
  errors = 0;
  omitted = 0;

  constructor(
    readonly skipBadRows: boolean,
    private readonly limitPerKind = 1000,
  ) {}

  private add(severity: Severity, kind: ProblemKind, message: string, where: Where): void {
    const count = (this.byKind[kind] ?? 0) + 1;
    this.byKind[kind] = count;
    if (severity === "warning") this.warnings++;
    else this.errors++;
    if (count > this.limitPerKind) {
      this.omitted++;
      return;
    }
    this.items.push({
      severity,
      kind,
      message,
      file: where.file,
      line: where.line ?? null,
      field: where.field ?? null,
      ...(where.key !== undefined ? { key: where.key } : {}),
    });
  }

  snapshot(): ProblemsSnapshot {
    const { warnings, errors, omitted } = this;
    return { warnings, errors, byKind: { ...this.byKind }, items: [...this.items], omitted };
  }

  /** Takes in the problems of a reading done earlier (the bundle replays its readers'), as they were. */
  absorb(earlier: ProblemsSnapshot): void {
    this.warnings += earlier.warnings;
    this.errors += earlier.errors;
    this.omitted += earlier.omitted;
    this.items.push(...earlier.items);
    for (const [kind, count] of Object.entries(earlier.byKind) as [ProblemKind, number][]) {
      this.byKind[kind] = (this.byKind[kind] ?? 0) + count;
    }
  }

  warn(kind: ProblemKind, message: string, where: Where): void {
    this.add("warning", kind, message, where);
  }

  /**
   * A row-breaking problem. Throws BAD_FILE (the import is rolled back) unless bad rows are skipped; then
   * it is listed and the caller skips the row.
   */
  reject(kind: ProblemKind, message: string, where: Where): void {
    if (!this.skipBadRows) {
      const place = [where.file, where.line ?? null].filter((x) => x !== null).join(":");
      throw new PlenaryError("BAD_FILE", `${place}: ${where.field ? `${where.field}: ` : ""}${message}`, {
        file: where.file,
        ...(where.line != null ? { line: where.line } : {}),
        ...(where.field ? { field: where.field } : {}),
        help: `${HELP[kind] ? `${HELP[kind]} ` : ""}Nothing was imported. Fix the file, or run again with --skip-bad-rows to import the rest and list what was skipped.`,
      });
    }
    this.add("error", kind, message, where);
  }
}
