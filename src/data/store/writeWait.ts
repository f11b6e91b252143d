/**
 * How long a write on SQLite waits for another process's write lock.
 *
 * better-sqlite3 is synchronous: while a statement waits for the lock (SQLite's busy timeout), the whole
 * process waits with it. A command-line import waits as long as it takes (a minute: another import may
 * be finishing). The web server must not: one comment posted during an import froze every request for
 * 8 s. So the server limits its own writes (`Store.limitWriteWait`): each waits at most a few
 * milliseconds (enough for another process's short write, such as `plenary user add`), and once a write
 * has met a busy store, the next ones do not wait at all for a cool-off second — an import holds the
 * lock for seconds, and a queue of writes each waiting its few milliseconds would add up to a stall.
 * A refused write fails with SQLITE_BUSY, which becomes a STORE_BUSY PlenaryError: "try again", 503.
 * Reads never wait: the store runs in WAL mode, where readers see the last commit whatever a writer does.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** What an import or any command-line write waits for the lock. */
export const COMMAND_WRITE_WAIT_MS = 60_000;

export interface WriteWaitLimit {
  /** How long one write waits for the lock. */
  waitMs: number;
  /** After a write met a busy store: how long the next writes do not wait at all. */
  coolOffMs: number;
}

export class WriteWait {
  private limit: WriteWaitLimit | null = null;
  private coolOff: NodeJS.Timeout | null = null;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.set(COMMAND_WRITE_WAIT_MS);
  }

  /** Limits the wait (the web server's writes); returns a function that restores the long wait. */
  restrict(limit: WriteWaitLimit): () => void {
    this.limit = limit;
    this.set(limit.waitMs);
    return () => {
      this.limit = null;
      this.clearCoolOff();
      if (this.sqlite.open) this.set(COMMAND_WRITE_WAIT_MS);
    };
  }

  /** A statement met a busy store: under a limit, stop waiting until the cool-off has passed. */
  busy(): void {
    const limit = this.limit;
    if (!limit) return;
    this.clearCoolOff();
    this.set(0);
    this.coolOff = setTimeout(() => {
      this.coolOff = null;
      if (this.limit === limit && this.sqlite.open) this.set(limit.waitMs);
    }, limit.coolOffMs);
    this.coolOff.unref();
  }

  private clearCoolOff(): void {
    if (this.coolOff) clearTimeout(this.coolOff);
    this.coolOff = null;
  }

  private set(ms: number): void {
    this.sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(ms))}`);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_"));
}

/**
 * The SQLite handle as Kysely sees it, telling `wait` about every statement that met a busy store.
 * Statements are passed through untouched otherwise.
 */
export function watchedDatabase(sqlite: BetterSqlite3.Database, wait: WriteWait): SqliteDatabase {
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (isBusy(error)) wait.busy();
      throw error;
    }
  };
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const statement = sqlite.prepare(sql);
      return {
        reader: statement.reader,
        all: (parameters: ReadonlyArray<unknown>) => guard(() => statement.all(parameters)),
        run: (parameters: ReadonlyArray<unknown>) => guard(() => statement.run(parameters)),
        iterate: (parameters: ReadonlyArray<unknown>) => guard(() => statement.iterate(parameters)),
      };
    },
  };
}
