/**
 * Store failures people can act on — a full disk, a read-only file or database, a store that cannot
 * be reached — turned into PlenaryErrors with a message and a hint instead of a driver stack trace.
 */
import { PlenaryError, isPlenaryError } from "../../core/errors.js";

interface DriverError {
  code?: string;
  message?: string;
}

const SQLITE: Record<string, [string, string]> = {
  SQLITE_FULL: [
    "The disk holding the store is full",
    "Free some space (or move the store with --db) and run the command again; nothing was half-written.",
  ],
  SQLITE_READONLY: [
    "The store is read-only",
    "Check the file's and folder's permissions, or the mount, or point --db at a writable copy.",
  ],
  SQLITE_CANTOPEN: [
    "The store file cannot be opened",
    "Check the path given with --db or PLENARY_DB, and that its folder exists and is writable.",
  ],
  SQLITE_CORRUPT: [
    "The store file is damaged",
    "Restore it from a backup (plenary backup makes one) or re-import the data into a new store.",
  ],
  SQLITE_NOTADB: ["The file given as the store is not a Plenary SQLite database", "Check --db / PLENARY_DB."],
};

/** SQLite's "another connection holds the write lock" (any extended code: SQLITE_BUSY_SNAPSHOT …). */
const BUSY: [string, string] = [
  "The store is busy with another write (an import?)",
  "Wait for it to finish and try again.",
];

const POSTGRES: Record<string, [string, string]> = {
  "53100": [
    "The PostgreSQL server's disk is full",
    "Free space on the database server and run the command again; nothing was half-written.",
  ],
  "25006": [
    "The PostgreSQL database is read-only (a replica, or default_transaction_read_only)",
    "Point PLENARY_DATABASE_URL at the primary.",
  ],
  "57P01": [
    "The PostgreSQL server shut the connection down",
    "Run the command again once the server is back.",
  ],
  "3D000": ["The PostgreSQL database does not exist", "Create it (createdb) or fix PLENARY_DATABASE_URL."],
  "28P01": ["PostgreSQL refused the password", "Check the credentials in PLENARY_DATABASE_URL."],
  ECONNREFUSED: [
    "The PostgreSQL server cannot be reached",
    "Check that it is running and that PLENARY_DATABASE_URL names the right host and port.",
  ],
};

/** A PlenaryError for a known store failure; null when the error is something else. */
export function storeFailure(error: unknown, depth = 0): PlenaryError | null {
  if (error === null || typeof error !== "object" || depth > 5) return null;
  // A PlenaryError already says what went wrong, unless it only wraps a store failure.
  if (isPlenaryError(error) && error.code === "STORE_BUSY") return error;
  if (isPlenaryError(error) && (error.code !== "STORE_ERROR" || error.help)) return null;
  // Importers and drivers wrap errors: look through the causes too.
  const inner = (error as { cause?: unknown }).cause;
  const wrapped = inner === undefined ? null : storeFailure(inner, depth + 1);
  if (wrapped) return wrapped;
  const driver = error as DriverError;
  const code = driver?.code;
  if (typeof code !== "string") return null;
  const busy = code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_");
  const known = busy ? BUSY : (SQLITE[code] ?? SQLITE[code.replace(/_[A-Z]+$/, "")] ?? POSTGRES[code]);
  if (!known) return null;
  return new PlenaryError(busy ? "STORE_BUSY" : "STORE_ERROR", `${known[0]} (${driver.message ?? code}).`, {
    help: known[1],
    cause: error,
  });
}

/** Whether `error` is (or wraps) the store being busy with another write: worth trying again soon. */
export function isStoreBusy(error: unknown): boolean {
  return storeFailure(error)?.code === "STORE_BUSY";
}
