/**
 * HTML is written with ghtml's tagged templates: every `${value}` is escaped; only `!${markup}` inserts
 * markup, and only markup this code built itself is ever passed that way.
 */
export { html } from "ghtml";
