/** English the CLI, the pages and the stories share. */

/** The possessive of a name: "the United States'", "Russia's" (names ending in s take the apostrophe alone). */
export function possessive(text: string): string {
  return text.endsWith("s") ? `${text}'` : `${text}'s`;
}
