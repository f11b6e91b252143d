/**
 * Cleaning text people type (names, comments) before it is stored. Control characters go; so do the
 * bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which can make a
 * name or a comment display as something other than what it is ("Trojan Source"). The direction marks
 * (U+200E, U+200F, U+061C) stay: right-to-left writing needs them and they cannot reorder what follows.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Text without control characters or bidi embedding/override/isolate controls (line breaks kept). */
export function cleanText(text: string): string {
  return text.replace(CONTROL, "").replace(BIDI_CONTROLS, "");
}

/** A one-line name: cleaned, runs of white space made one space, trimmed. */
export function cleanName(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim();
}
