/**
 * Defaults a reporter expects (issue 14, item 5), one definition for the CLI, the API and the pages, and
 * each printed where it is used so the reader sees the choice.
 */
import type { Body } from "../core/rollCall.js";

/**
 * The body measures run on unless told otherwise: the General Assembly, where every member votes — the
 * Council's fifteen are a different electorate, and mixing its votes into a pair's agreement counts the
 * same question twice for its members and not at all for the others. `--body SC` (or `all` in the CLI,
 * `?body=all` on /compare) chooses otherwise.
 */
export const DEFAULT_BODY: Body = "GA";

/**
 * The history a vote is set against ("unusual company" in `alongside`, the stories' past agreement):
 * the ten years before it. A member's partners shift over decades — Hungary voted with the United States
 * on 29.9% of the Assembly roll calls since 1946 but on 52.6% over the ten years before ES-11/7 — and a
 * reporter's "unusual" means unusual lately. Ten years span two or three governments of most members
 * and hold hundreds of Assembly roll calls, far above the minimum sample (minimums.ts).
 */
export const RECENT_YEARS = 10;

export const BODY_WORDS: Record<Body | "all", string> = {
  GA: "the General Assembly",
  SC: "the Security Council",
  all: "both bodies",
};
