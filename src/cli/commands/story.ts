import { InvalidArgumentError, type Command } from "commander";
import { PlenaryError } from "../../core/errors.js";
import { print, printJson, withStore, type Io } from "../context.js";

const FORMATS = ["md", "html", "json"] as const;
type Format = (typeof FORMATS)[number];

function parseFormat(value: string): Format {
  if (!FORMATS.includes(value as Format)) throw new InvalidArgumentError(`use ${FORMATS.join(", ")}`);
  return value as Format;
}

export function registerStory(program: Command, io: Io): void {
  program
    .command("story")
    .description("Draft a news story from one vote or a set of votes of the same day or topic")
    .argument("<symbols...>", "resolution or draft symbols (ES-11/7, S/RES/2774) or rc-ID")
    .option(
      "--format <format>",
      "md (default), html, or json: every sentence with the facts behind it",
      parseFormat,
      "md",
    )
    .option("--focus <member>", "the member the story follows (default: chosen from the votes)")
    .option("--no-history", "do not load the vote matrix (co-voters in the fallback order)")
    .option("--save", "also store the draft as an article in the newsroom (needs --author)")
    .option("--author <email>", "the newsroom account the saved draft belongs to")
    .addHelpText(
      "after",
      `
Examples:
  plenary story ES-11/7 ES-11/8 S/RES/2774
  plenary story ES-11/7 --format json       sentences with their facts (query and values)
  plenary story S/RES/2774 --focus France
  plenary story ES-11/7 ES-11/8 S/RES/2774 --save --author editor@example.org`,
    )
    .action(async (symbols: string[], options, command: Command) => {
      const format = options.format as Format;
      const { draftStory, storyHtml, storyMarkdown } = await import("../../news/story/index.js");
      await withStore(command, io, async (store) => {
        const story = await draftStory(store, symbols, {
          ...(options.focus ? { focus: options.focus as string } : {}),
          history: options.history === false ? "none" : "auto",
        });
        let saved: number | null = null;
        if (options.save) {
          if (!options.author)
            throw new PlenaryError("BAD_INPUT", "--save needs --author EMAIL.", { field: "author" });
          const { findUserByEmail } = await import("../../news/accounts.js");
          const author = await findUserByEmail(store, options.author as string);
          if (!author) {
            throw new PlenaryError("NOT_FOUND", `No newsroom account for ${options.author as string}.`, {
              help: "Create one with: plenary user add EMAIL --name NAME --role author",
            });
          }
          const { createArticleFromStory } = await import("../../news/articles.js");
          saved = (await createArticleFromStory(store, story, author)).id;
        }
        if (format === "json") printJson(io, saved === null ? story : { ...story, articleId: saved });
        else print(io, (format === "html" ? storyHtml(story) : storyMarkdown(story)).trimEnd());
        if (saved !== null && format !== "json")
          io.stderr.write(`Saved as draft article ${saved}: /newsroom/articles/${saved}\n`);
      });
    });
}
