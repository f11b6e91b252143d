/** A story's tags: the topic's members and their regions, the record's issue codes, the bodies. */
import { getMember, type Region } from "../../core/members/index.js";
import { BODY_NAMES } from "../../core/rollCall.js";
import { memberName } from "./english.js";
import type { TextItem } from "./gather.js";
import type { Topic } from "./headline.js";
import type { StoryTag } from "./types.js";

const ISSUE_TOPICS: Record<string, string> = {
  me: "Middle East",
  nu: "Nuclear weapons",
  di: "Disarmament",
  hr: "Human rights",
  co: "Colonialism",
  ec: "Economic development",
};

const REGION_TAGS: Record<Region, string> = {
  African: "Africa",
  "Asia-Pacific": "Asia-Pacific",
  "Eastern European": "Eastern Europe",
  "Latin American and Caribbean": "Latin America and the Caribbean",
  "Western European and Others": "Western Europe and Others",
};

export function storyTags(items: readonly TextItem[], topic: Topic | null): StoryTag[] {
  const tags: StoryTag[] = [];
  for (const id of topic?.ids ?? []) {
    tags.push({ name: memberName(id, items[0]!.rc.date), kind: "topic" });
    const region = getMember(id)?.region;
    if (region && !tags.some((t) => t.name === REGION_TAGS[region]))
      tags.push({ name: REGION_TAGS[region], kind: "region" });
  }
  for (const code of new Set(items.flatMap((i) => i.rc.issues))) {
    const name = ISSUE_TOPICS[code];
    if (name) tags.push({ name, kind: "topic" });
  }
  for (const body of new Set(items.map((i) => i.rc.body)))
    tags.push({ name: BODY_NAMES[body], kind: "topic" });
  return tags;
}
