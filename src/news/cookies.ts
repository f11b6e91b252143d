/**
 * Every cookie the site sets, in one registry: the Privacy & Cookies Policy page is generated from it,
 * the server refuses to send a cookie that is not listed or that needs consent the reader has not given
 * (src/web/news/plugin.ts), and a test fails if any response sets a cookie missing here.
 *
 * Before a choice, and after Reject, only strictly necessary cookies are set: the newsroom session
 * (editors and authors who sign in), the CSRF secret that protects their forms, and the consent record
 * itself. A reader who is not signed in gets no cookie at all until they choose.
 * The one optional cookie remembers the name a reader last commented under, to fill in the form; it is
 * set only after Accept and deleted on Reject.
 */
export type CookieCategory = "strictly-necessary" | "preferences";

export interface CookieSpec {
  name: string;
  purpose: string;
  category: CookieCategory;
  /** How long it lasts, for people. */
  lifetime: string;
  /** Max-Age in seconds; null: a session cookie (gone when the browser closes). */
  maxAgeSeconds: number | null;
  /** When the site sets it. */
  setWhen: string;
}

export const SESSION_COOKIE = "plenary_session";
export const CSRF_COOKIE = "plenary_csrf";
export const CONSENT_COOKIE = "plenary_consent";
export const READER_COOKIE = "plenary_reader";

/** Bumped when the registry changes in a way readers must be asked about again. */
export const POLICY_VERSION = "1";
export const POLICY_UPDATED = "2026-11-29";

const DAY = 86_400;

export const COOKIES: readonly CookieSpec[] = [
  {
    name: SESSION_COOKIE,
    purpose:
      "Keeps an editor or author signed in to the newsroom. It holds a random token; the server keeps only a hash of it.",
    category: "strictly-necessary",
    lifetime: "Until you sign out or close the browser; the server ends it after 12 hours",
    maxAgeSeconds: null,
    setWhen: "When you sign in to the newsroom",
  },
  {
    name: CSRF_COOKIE,
    purpose:
      "A random secret that lets the site check that a signed-in editor's or author's form was sent from the site's own pages, not forged by another site.",
    category: "strictly-necessary",
    lifetime: "Until you close the browser",
    maxAgeSeconds: null,
    setWhen: "When you are signed in to the newsroom and open a page with a form",
  },
  {
    name: CONSENT_COOKIE,
    purpose: "Remembers whether you accepted or rejected optional cookies, so the banner does not ask again.",
    category: "strictly-necessary",
    lifetime: "180 days",
    maxAgeSeconds: 180 * DAY,
    setWhen: "When you choose Accept or Reject",
  },
  {
    name: READER_COOKIE,
    purpose: "Remembers the name you last used for a comment, to fill in the comment form for you.",
    category: "preferences",
    lifetime: "365 days",
    maxAgeSeconds: 365 * DAY,
    setWhen: "When you post a comment, only if you accepted optional cookies",
  },
];

export function cookieSpec(name: string): CookieSpec | undefined {
  return COOKIES.find((c) => c.name === name);
}

export const CATEGORY_NAMES: Record<CookieCategory, string> = {
  "strictly-necessary": "Strictly necessary",
  preferences: "Preferences (optional)",
};

export type Consent = "accepted" | "rejected";

/** The consent cookie's value: policy version and choice, e.g. `1.accepted`. */
export function consentValue(choice: Consent): string {
  return `${POLICY_VERSION}.${choice}`;
}

/** The reader's choice from the cookie; null when none, or made under an older policy. */
export function parseConsent(value: string | undefined): Consent | null {
  if (!value) return null;
  const [version, choice] = value.split(".");
  if (version !== POLICY_VERSION) return null;
  return choice === "accepted" || choice === "rejected" ? choice : null;
}
