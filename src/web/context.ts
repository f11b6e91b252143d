/**
 * What a page needs to know about the request beyond its own data: who is signed in, what the reader
 * chose about cookies, a signed-in user's CSRF token for forms, the path (for the active nav item and canonical URL).
 * Plugins fill it (sessions, consent, CSRF) through `request.pageContext`; pages only read it.
 */
import type { FastifyRequest } from "fastify";

export interface PageUser {
  id: number;
  name: string;
  role: "author" | "editor" | "admin";
}

export type ConsentChoice = "accepted" | "rejected" | null;

export interface PageContext {
  path: string;
  /** Path and query string as requested: where a form on the page (the cookie banner) returns to. */
  url: string;
  user: PageUser | null;
  consent: ConsentChoice;
  /** A signed-in user's CSRF token for the page's forms (readers who are not signed in get none). */
  csrfToken: string | null;
  /** The page shows something of this reader's own (a remembered name): never cached publicly. */
  personal: boolean;
}

export function emptyPageContext(url = "/"): PageContext {
  return { path: url.split("?", 1)[0]!, url, user: null, consent: null, csrfToken: null, personal: false };
}

declare module "fastify" {
  interface FastifyRequest {
    pageContext: PageContext;
  }
}

/** The request's page context (set up for every request by the server). */
export function pageContext(request: FastifyRequest): PageContext {
  return request.pageContext ?? emptyPageContext(request.url);
}
