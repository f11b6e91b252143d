/**
 * Newsroom accounts and sessions.
 *
 * - Passwords: argon2id (@node-rs/argon2; 19 MiB, 2 passes, 1 lane — the OWASP baseline), at least 12
 *   characters. A sign-in for an unknown e-mail still verifies against a dummy hash, so timing does not
 *   tell which addresses have accounts.
 * - Sessions live in the database (several app instances share them). The cookie carries a random
 *   256-bit token; the table keeps only its SHA-256, so a copy of the database opens no session. A new
 *   session (new token) is created at every sign-in — an id planted before sign-in is never promoted —
 *   and sign-out deletes the row. Sessions end 12 hours after sign-in.
 * - Sign-in rate limit, also in the database: 5 failures per e-mail or 20 per client IP within 15
 *   minutes lock further attempts until the window has passed (even with the right password). The
 *   attempt is counted before the password is checked, atomically (see `reserveAttempt`): however many
 *   sign-ins arrive at once, at most 5 passwords per account are checked in a window.
 * - Accounts can be disabled (their sessions end, sign-in is refused) and given another role.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { Algorithm, hash, verify } from "@node-rs/argon2";
import { sql, type Kysely, type Selectable } from "kysely";
import { PlenaryError } from "../core/errors.js";
import type { Store } from "../data/store/index.js";
import { newsDb, newsTransaction } from "./store/tables.js";
import { isStoreBusy } from "../data/store/errors.js";
import type { NewsDatabase } from "./store/schema.js";
import { checkPassword, MAX_PASSWORD, MIN_PASSWORD } from "./passwords.js";
import type { NewsUsersTable } from "./store/schema.js";
import { cleanName } from "./text.js";

export { checkPassword, MAX_PASSWORD, MIN_PASSWORD };

export type Role = "author" | "editor" | "admin";
export const ROLES: readonly Role[] = ["author", "editor", "admin"];

export interface NewsUser {
  id: number;
  email: string;
  name: string;
  slug: string;
  role: Role;
  bio: string | null;
  active: boolean;
  createdAt: string;
}

export const SESSION_HOURS = 12;
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

function toUser(row: Selectable<NewsUsersTable>): NewsUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    slug: row.slug,
    role: row.role as Role,
    bio: row.bio,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug || "item";
}

/** A plausible e-mail address (no spaces, quotes or brackets; one @; a dot in the domain). */
export const EMAIL = /^[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+$/;

export function checkEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  if (!EMAIL.test(clean) || clean.length > 254) {
    throw new PlenaryError("BAD_INPUT", `Not an e-mail address: ${JSON.stringify(email)}`, {
      field: "email",
    });
  }
  return clean;
}

export function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) {
    throw new PlenaryError("BAD_INPUT", `Unknown role ${JSON.stringify(role)}`, {
      field: "role",
      help: `Roles: ${ROLES.join(", ")}.`,
      suggestions: [...ROLES],
    });
  }
  return role as Role;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  bio?: string | null;
}

export async function addUser(store: Store, input: NewUser, now = new Date()): Promise<NewsUser> {
  const email = checkEmail(input.email);
  const name = cleanName(input.name);
  if (!name || name.length > 100)
    throw new PlenaryError("BAD_INPUT", "Give a name of 1 to 100 characters.", { field: "name" });
  const role = checkRole(input.role);
  checkPassword(input.password);
  const taken = await newsDb(store)
    .selectFrom("news_users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  if (taken)
    throw new PlenaryError("CONFLICT", `There is already an account for ${email}.`, {
      help: "Use `plenary user passwd EMAIL` to reset its password.",
    });
  const base = slugify(name, 60);
  let slug = base;
  for (
    let n = 2;
    await newsDb(store).selectFrom("news_users").select("id").where("slug", "=", slug).executeTakeFirst();
    n++
  )
    slug = `${base}-${n}`;
  const at = now.toISOString();
  const row = await newsDb(store)
    .insertInto("news_users")
    .values({
      email,
      name,
      slug,
      role,
      password_hash: await hashPassword(input.password),
      bio: input.bio ?? null,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function setPassword(
  store: Store,
  email: string,
  password: string,
  now = new Date(),
): Promise<void> {
  checkPassword(password);
  const user = await requireUserByEmail(store, email);
  await newsDb(store)
    .updateTable("news_users")
    .set({ password_hash: await hashPassword(password), updated_at: now.toISOString() })
    .where("id", "=", user.id)
    .execute();
  // A new password ends every open session of the account.
  await newsDb(store).deleteFrom("news_sessions").where("user_id", "=", user.id).execute();
}

/** The account for `email`, or NOT_FOUND. */
async function requireUserByEmail(store: Store, email: string): Promise<NewsUser> {
  const user = await findUserByEmail(store, email);
  if (!user)
    throw new PlenaryError("NOT_FOUND", `No account for ${email}.`, {
      help: "`plenary user list` shows the accounts.",
    });
  return user;
}

/**
 * Disables or enables an account. A disabled account cannot sign in and its open sessions end at once
 * (deleted, not only refused), so a leaver's browser is signed out everywhere; its articles stay.
 */
export async function setActive(
  store: Store,
  email: string,
  active: boolean,
  now = new Date(),
): Promise<NewsUser> {
  const user = await requireUserByEmail(store, email);
  await newsTransaction(store, async (db) => {
    await db
      .updateTable("news_users")
      .set({ active: active ? 1 : 0, updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    if (!active) await db.deleteFrom("news_sessions").where("user_id", "=", user.id).execute();
  });
  return { ...user, active };
}

/** Gives an account another role; takes effect at its next request (sessions read the role each time). */
export async function setRole(
  store: Store,
  email: string,
  role: string,
  now = new Date(),
): Promise<NewsUser> {
  const checked = checkRole(role);
  const user = await requireUserByEmail(store, email);
  await newsDb(store)
    .updateTable("news_users")
    .set({ role: checked, updated_at: now.toISOString() })
    .where("id", "=", user.id)
    .execute();
  return { ...user, role: checked };
}

export async function findUserByEmail(store: Store, email: string): Promise<NewsUser | null> {
  const row = await newsDb(store)
    .selectFrom("news_users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function getUser(store: Store, id: number): Promise<NewsUser | null> {
  const row = await newsDb(store)
    .selectFrom("news_users")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function getUserBySlug(store: Store, slug: string): Promise<NewsUser | null> {
  const row = await newsDb(store)
    .selectFrom("news_users")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(store: Store): Promise<NewsUser[]> {
  const rows = await newsDb(store).selectFrom("news_users").selectAll().orderBy("name").execute();
  return rows.map(toUser);
}

// ---------------------------------------------------------------------------------------------------
// Sessions

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface Session {
  /** The token for the cookie: only ever sent to the browser, never stored. */
  token: string;
  expiresAt: string;
}

export async function createSession(store: Store, userId: number, now = new Date()): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await newsDb(store).deleteFrom("news_sessions").where("expires_at", "<=", now.toISOString()).execute();
  await newsDb(store)
    .insertInto("news_sessions")
    .values({
      id: tokenHash(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expires,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, expiresAt: expires };
}

/** The signed-in user for a session token, or null (unknown, expired, or the account is disabled). */
export async function sessionUser(store: Store, token: string, now = new Date()): Promise<NewsUser | null> {
  if (!token || token.length > 100) return null;
  const row = await newsDb(store)
    .selectFrom("news_sessions")
    .innerJoin("news_users", "news_users.id", "news_sessions.user_id")
    .selectAll("news_users")
    .select(["news_sessions.expires_at as expires_at", "news_sessions.last_seen_at as last_seen_at"])
    .where("news_sessions.id", "=", tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || row.active !== 1) return null;
  // Record activity at most once a minute: sessions are read on every request. "Last seen" is a note,
  // not a guard: when the store is busy with an import the note waits for a later request, and the page
  // is served (a read must never wait for, or fail on, a write).
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    try {
      await newsDb(store)
        .updateTable("news_sessions")
        .set({ last_seen_at: now.toISOString() })
        .where("id", "=", tokenHash(token))
        .execute();
    } catch (error) {
      if (!isStoreBusy(error)) throw error;
    }
  }
  return toUser(row);
}

export async function deleteSession(store: Store, token: string): Promise<void> {
  await newsDb(store).deleteFrom("news_sessions").where("id", "=", tokenHash(token)).execute();
}

// ---------------------------------------------------------------------------------------------------
// Sign-in with its rate limit

export type LoginResult =
  | { ok: true; user: NewsUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** A salted hash of the client IP, for rate limits without keeping addresses. */
export function ipKey(ip: string, salt: string): string {
  return createHmac("sha256", salt).update(ip).digest("hex").slice(0, 32);
}

type Db = Kysely<NewsDatabase>;

async function failures(
  db: Db,
  key: string,
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom("news_login_failures")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("at").as("oldest")])
    .where("key", "=", key)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

/** Thrown inside the reservation's transaction to roll it back: the attempt is over the limit. */
class OverLimit extends Error {
  constructor(readonly oldest: string | null) {
    super("over the sign-in limit");
  }
}

/**
 * Counts a sign-in attempt against each key before its password is checked: one row per key is written
 * as a failure, then the keys' rows in the window are counted; over the limit, the transaction rolls
 * back and the attempt is refused unchecked. Atomic on both stores — SQLite's INSERT takes the database's
 * write lock first, so the count sees every earlier attempt; PostgreSQL takes a transaction-scoped
 * advisory lock per key (in one order, so two attempts cannot deadlock) — whatever the concurrency: the
 * old code read the count before recording a failure, and 150 attempts at once got 43 passwords checked.
 * Returns the rows written (a successful sign-in deletes them), or when to try again.
 */
async function reserveAttempt(
  store: Store,
  keys: readonly (readonly [key: string, max: number])[],
  at: string,
  windowStart: string,
): Promise<{ ok: true; ids: number[] } | { ok: false; oldest: string | null }> {
  try {
    const ids = await newsTransaction(store, async (db) => {
      if (store.dialect === "postgres") {
        for (const key of keys.map(([k]) => k).sort())
          await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
      }
      const written: number[] = [];
      for (const [key] of keys) {
        const row = await db
          .insertInto("news_login_failures")
          .values({ key, at })
          .returning("id")
          .executeTakeFirstOrThrow();
        written.push(row.id);
      }
      for (const [key, max] of keys) {
        const { count, oldest } = await failures(db, key, windowStart);
        if (count > max) throw new OverLimit(oldest);
      }
      return written;
    });
    return { ok: true, ids };
  } catch (error) {
    if (error instanceof OverLimit) return { ok: false, oldest: error.oldest };
    throw error;
  }
}

export async function login(
  store: Store,
  input: { email: string; password: string; ipHash: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const keys = [
    [`email:${email}`, MAX_FAILURES_PER_EMAIL],
    [`ip:${input.ipHash}`, MAX_FAILURES_PER_IP],
  ] as const;
  const attempt = await reserveAttempt(store, keys, at, windowStart);
  if (!attempt.ok) {
    const retry = attempt.oldest
      ? Math.max(
          1,
          Math.ceil((Date.parse(attempt.oldest) + LOGIN_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000),
        )
      : 60;
    return { ok: false, reason: "throttled", retryAfterSeconds: retry };
  }
  const row = await newsDb(store)
    .selectFrom("news_users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  // A password longer than any that can be set is wrong without hashing it (a bounded cost).
  const good =
    input.password.length <= MAX_PASSWORD &&
    (await verifyPassword(row?.password_hash ?? (await dummyHash), input.password));
  if (!row || !good || row.active !== 1) {
    // The reserved rows stay: they are this failure's record.
    await newsDb(store).deleteFrom("news_login_failures").where("at", "<=", windowStart).execute();
    return { ok: false, reason: "invalid" };
  }
  await newsDb(store)
    .deleteFrom("news_login_failures")
    .where((eb) => eb.or([eb("key", "=", `email:${email}`), eb("id", "in", attempt.ids)]))
    .execute();
  return { ok: true, user: toUser(row) };
}

export function canPublish(user: Pick<NewsUser, "role"> | null): boolean {
  return user?.role === "editor" || user?.role === "admin";
}
