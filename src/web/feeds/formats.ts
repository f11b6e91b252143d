/**
 * A watch feed as Atom (RFC 4287) and as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Written
 * here, as the news feeds' Atom is (news/feeds.ts): every text `type="text"` and XML-escaped, every URL
 * absolute (a feed reader resolves nothing). An entry's id is the permalink of its vote page.
 */
import { xmlText } from "../news/feeds.js";
import { voteHref } from "../pages/components.js";
import type { WatchFeed } from "./watchFeeds.js";

function entryUrl(origin: string, ref: string): string {
  return `${origin}${voteHref(ref)}`;
}

export function watchAtom(feed: WatchFeed, origin: string): string {
  const entries = feed.entries.map((e) => {
    const url = xmlText(entryUrl(origin, e.ref));
    return `  <entry>
    <id>${url}</id>
    <title type="text">${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${url}"/>
    <published>${e.published}</published>
    <updated>${e.updated}</updated>
    <summary type="text">${xmlText(e.summary)}</summary>
  </entry>
`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${xmlText(`${origin}${feed.feedPath}.xml`)}</id>
  <title type="text">${xmlText(feed.title)}</title>
  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>
  <link rel="alternate" type="text/html" href="${xmlText(origin + feed.pagePath)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlText(`${origin}${feed.feedPath}.xml`)}"/>
  <updated>${feed.updated}</updated>
  <author><name>Plenary</name><uri>${xmlText(`${origin}/`)}</uri></author>
  <generator>Plenary</generator>
${entries.join("")}</feed>
`;
}

export function watchJson(feed: WatchFeed, origin: string): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    description: feed.subtitle,
    home_page_url: origin + feed.pagePath,
    feed_url: `${origin}${feed.feedPath}.json`,
    language: "en",
    authors: [{ name: "Plenary", url: `${origin}/` }],
    items: feed.entries.map((e) => ({
      id: entryUrl(origin, e.ref),
      url: entryUrl(origin, e.ref),
      title: e.title,
      content_text: e.summary,
      summary: e.summary,
      date_published: e.published,
      date_modified: e.updated,
    })),
  });
}
