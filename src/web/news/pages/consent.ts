/**
 * The cookie banner and the cookie settings: plain HTML forms posting to /consent (they work without
 * JavaScript; the server redirects back). Accept, Reject and Read more are the same size and style.
 */
import { html } from "../../html.js";
import type { PageContext } from "../../context.js";

/**
 * A signed-in user's CSRF token as a hidden field; nothing for a reader who is not signed in (their
 * forms are checked by origin alone, and the page stays the same for every such reader).
 */
export function hiddenCsrf(context: PageContext): string {
  return context.csrfToken ? html`<input type="hidden" name="_csrf" value="${context.csrfToken}" />` : "";
}

function choiceForm(
  choice: "accepted" | "rejected",
  label: string,
  context: PageContext,
  returnTo: string,
): string {
  return html`<form method="post" action="/consent" class="consent-choice">
    !${hiddenCsrf(context)}
    <input type="hidden" name="return" value="${returnTo}" />
    <input type="hidden" name="choice" value="${choice}" />
    <button type="submit" class="button">${label}</button>
  </form>`;
}

/** The two choice forms, for the banner and the settings on /privacy. */
export function consentButtons(context: PageContext, returnTo = context.url): string {
  return `${choiceForm("accepted", "Accept", context, returnTo)}${choiceForm("rejected", "Reject", context, returnTo)}`;
}

/** Shown on every page until the reader chooses; on phones in its short wording (news.css). */
export function cookieBanner(context: PageContext): string {
  if (context.consent !== null) return "";
  return html`<section class="cookie-banner" aria-label="Cookie consent" id="cookie-banner">
    <p>
      <span class="consent-long"
        >Plenary sets only the cookies it needs to work. With your consent it also remembers the name you
        comment under. You can change your choice at any time from “Cookie settings” at the foot of every
        page.</span
      ><span class="consent-short"
        >Only the cookies Plenary needs; with your consent, also the name you comment under.</span
      >
    </p>
    <div class="consent-actions">
      !${consentButtons(context)}
      <a class="button" href="/privacy">Read more</a>
    </div>
  </section>`;
}

/** Footer links: the policy and the settings. */
export function cookieFooterLinks(): string {
  return html`<p class="cookie-links">
    <a href="/privacy">Privacy &amp; Cookies Policy</a> ·
    <a href="/privacy#cookie-settings">Cookie settings</a>
  </p>`;
}
