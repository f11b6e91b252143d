export { draftStory, type StoryOptions } from "./draft.js";
export { storyBodyMarkdown, storyHtml, storyMarkdown, standfirstText, sentenceMarkdown } from "./render.js";
export { historyCount } from "./history.js";
export type { Fact, Paragraph, Sentence, Story, StoryTag, StoryVote, FocusChoice } from "./types.js";
