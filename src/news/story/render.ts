/** A drafted story as Markdown (for editing), HTML (sanitised) or plain JSON with every sentence's facts. */
import { html } from "ghtml";
import { escapeMarkdown, renderArticle } from "../markdown.js";
import type { Sentence, Story } from "./types.js";

/** One sentence as Markdown: escaped text, its links on the first occurrence of their text. */
export function sentenceMarkdown(s: Sentence): string {
  let out = escapeMarkdown(s.text);
  for (const link of s.links) {
    const text = escapeMarkdown(link.text);
    const at = out.indexOf(text);
    if (at < 0) continue;
    const before = out.slice(0, at);
    // Not inside a link already written.
    if ((before.match(/\[/g) ?? []).length !== (before.match(/\]\(/g) ?? []).length) continue;
    out = `${before}[${text}](${link.href})${out.slice(at + text.length)}`;
  }
  return out;
}

/** The article body: paragraphs only (headline and standfirst are fields of their own). */
export function storyBodyMarkdown(story: Story): string {
  return story.paragraphs.map((p) => p.sentences.map(sentenceMarkdown).join(" ")).join("\n\n") + "\n";
}

export function standfirstText(story: Story): string {
  return story.standfirst.map((s) => s.text).join(" ");
}

/** The whole story as one Markdown document, with the votes it cites. */
export function storyMarkdown(story: Story): string {
  const lines = [`# ${escapeMarkdown(story.headline.text)}`, ""];
  if (story.standfirst.length) lines.push(`_${story.standfirst.map(sentenceMarkdown).join(" ")}_`, "");
  lines.push(storyBodyMarkdown(story).trimEnd(), "");
  lines.push("## The votes", "");
  for (const v of story.votes) {
    // Roll calls without a symbol (amendments, motions) are named by their title.
    lines.push(
      v.symbol
        ? `- [${escapeMarkdown(v.symbol)}](${v.href}) — ${escapeMarkdown(v.title)}`
        : `- [${escapeMarkdown(v.title)}](${v.href})`,
    );
  }
  if (story.notes.length) {
    lines.push("", "## Notes for the editor", "");
    for (const note of story.notes) lines.push(`- ${escapeMarkdown(note)}`);
  }
  return lines.join("\n") + "\n";
}

/** The story as HTML: the headline escaped by ghtml, everything else through the sanitised Markdown renderer. */
export function storyHtml(story: Story): string {
  return `${html`<h1>${story.headline.text}</h1>`}\n${renderArticle(storyMarkdown(story).replace(/^# .*\n/, ""))}`;
}
