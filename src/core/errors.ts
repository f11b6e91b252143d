/**
 * Typed errors: every failure a user can cause or meet carries a stable `code` (tests assert it), a
 * message that says what is wrong and a `help` hint that says what to do.
 */
export type PlenaryErrorCode =
  | "UNKNOWN_MEMBER"
  | "UNKNOWN_ROLL_CALL"
  | "BAD_INPUT"
  | "BAD_FILE"
  | "BAD_SYMBOL"
  | "NOT_A_COUNCIL_MEMBER"
  | "DUPLICATE_MEMBER"
  | "STORE_ERROR"
  /** The store is busy with another write (an import): try again in a moment. */
  | "STORE_BUSY"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  /** A client asked for more than its share (of requests, or of the server's time). */
  | "RATE_LIMITED"
  | "INTERNAL";

export interface PlenaryErrorOptions {
  help?: string;
  /** Where in a file the problem is: tests and users need file, line and field. */
  file?: string;
  line?: number;
  field?: string;
  /** Close matches for an unknown name or symbol. */
  suggestions?: string[];
  cause?: unknown;
}

export class PlenaryError extends Error {
  readonly code: PlenaryErrorCode;
  readonly help: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly suggestions: string[];

  constructor(code: PlenaryErrorCode, message: string, options: PlenaryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PlenaryError";
    this.code = code;
    this.help = options.help;
    this.file = options.file;
    this.line = options.line;
    this.field = options.field;
    this.suggestions = options.suggestions ?? [];
  }

  /** Whether the user's input caused it (CLI exit code 1) rather than Plenary itself (exit code 2). */
  get isUserError(): boolean {
    return this.code !== "INTERNAL" && this.code !== "STORE_ERROR" && this.code !== "STORE_BUSY";
  }

  toJSON(): Record<string, unknown> {
    return {
      error: this.code,
      message: this.message,
      ...(this.help ? { help: this.help } : {}),
      ...(this.file ? { file: this.file } : {}),
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.field ? { field: this.field } : {}),
      ...(this.suggestions.length ? { suggestions: this.suggestions } : {}),
    };
  }
}

export function isPlenaryError(value: unknown): value is PlenaryError {
  return value instanceof PlenaryError;
}
