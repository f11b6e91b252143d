/**
 * The `<link rel="alternate">` elements that announce a page's watch feeds (routes/feeds.ts) to browsers
 * and feed readers: member, comparison, bloc and Council pages, by their canonical path.
 */
import { getMember } from "../../core/members/index.js";
import { getBloc } from "../../analysis/blocs.js";
import { html } from "../html.js";

const name = (id: string) => getMember(id)?.name ?? id;

interface Announced {
  title: string;
  feedPath: string;
}

function feedsOf(path: string): Announced | null {
  let match = /^\/members\/([A-Z]{3})$/.exec(path);
  if (match) return { title: `${name(match[1]!)}: new votes`, feedPath: `/members/${match[1]}/feed` };
  match = /^\/compare\/([A-Z]{3})\/([A-Z]{3})$/.exec(path);
  if (match)
    return {
      title: `${name(match[1]!)} and ${name(match[2]!)}: votes against their pattern`,
      feedPath: `/compare/${match[1]}/${match[2]}/feed`,
    };
  match = /^\/blocs\/([A-Za-z0-9]+)$/.exec(path);
  if (match) return { title: `${blocName(match[1]!)}: splits`, feedPath: `/blocs/${match[1]}/feed` };
  if (path === "/council") return { title: "Security Council vetoes", feedPath: "/council/vetoes/feed" };
  return null;
}

/** The feed links for the page at `path` (its canonical path, without a query); "" for other pages. */
export function watchFeedLinks(path: string): string {
  const feed = feedsOf(path.split("?", 1)[0]!);
  if (!feed) return "";
  return html`<link
      rel="alternate"
      type="application/atom+xml"
      title="${feed.title} (Atom)"
      href="${feed.feedPath}.xml"
    />
    <link
      rel="alternate"
      type="application/feed+json"
      title="${feed.title} (JSON Feed)"
      href="${feed.feedPath}.json"
    />`;
}

function blocName(id: string): string {
  try {
    return getBloc(id).name;
  } catch {
    return id;
  }
}
