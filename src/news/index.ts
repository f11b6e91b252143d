/** The newsroom: stories drafted from the record, accounts, articles, comments and cookie consent. */
export * from "./story/index.js";
export * from "./newsworthy.js";
export * from "./accounts.js";
export * from "./articles.js";
export * from "./comments.js";
export * from "./cookies.js";
export * from "./markdown.js";
export { sharedSecret } from "./settings.js";
