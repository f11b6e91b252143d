/**
 * What the story is about (its topic), its headline — the focus member's news first, else the lead
 * text's outcome — and its standfirst: the Assembly's tally, the focus member's votes, the Council's fate.
 */
import { linkWords } from "../comparisonLinks.js";
import { capitalise, inSentence, listAnd, memberName, possessive, quoted, tallyPhrase } from "./english.js";
import { decisionFact, descriptionFact, linkFact, memberVoteFact, recordFact, sentence } from "./facts.js";
import { membersInTitle, type TextItem } from "./gather.js";
import type { Fact, FocusChoice, Sentence } from "./types.js";
import { isAmended, isText, knownTally, shortSymbol } from "./words.js";

export interface Topic {
  ids: string[];
  name: string;
}

/**
 * What the texts are about: the member named in the most titles ("… peace in Ukraine"); when two tie
 * ("the Russian Federation-Ukraine conflict"), both, as the titles order them.
 */
export function topicOf(items: readonly TextItem[]): Topic | null {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const id of membersInTitle(item.rc.title)) counts.set(id, (counts.get(id) ?? 0) + 1);
  if (!counts.size) return null;
  const top = Math.max(...counts.values());
  const ids = [...counts.entries()]
    .filter(([, n]) => n === top)
    .map(([id]) => id)
    .slice(0, 2);
  const date = items[0]!.rc.date;
  return { ids, name: listAnd(ids.map((id) => inSentence(id, date))) };
}

export function headline(
  items: readonly TextItem[],
  focus: FocusChoice | null,
  topic: Topic | null,
): Sentence {
  const on = topic ? ` on ${topic.name}` : "";
  const topicFact: Fact[] = topic
    ? [
        {
          query: "membersInTitle(title) over the story's texts — src/news/story/gather.ts",
          values: { topic: topic.ids, titles: items.map((i) => i.rc.title) },
        },
      ]
    : [];
  return (
    (focus && focusHeadline(items, focus, on, topicFact)) ?? outcomeHeadline(items[0]!, topic, on, topicFact)
  );
}

/** The focus member's news: against an adopted Assembly text, a veto, or its own draft not voted for. */
function focusHeadline(
  items: readonly TextItem[],
  focus: FocusChoice,
  on: string,
  topicFact: Fact[],
): Sentence | null {
  const who = memberName(focus.member, items[0]!.rc.date);
  const gaAgainst = items.filter(
    (i) =>
      i.rc.body === "GA" &&
      i.outcome === "adopted" &&
      i.votes.get(focus.member) === "N" &&
      i.sponsor?.member !== focus.member,
  );
  const scOwn = items.filter(
    (i) => i.rc.body === "SC" && i.outcome === "adopted" && i.sponsor?.member === focus.member,
  );
  const vetoes = items.filter((i) => i.outcome === "vetoed" && i.decision?.vetoedBy.includes(focus.member));
  const ownNotYes = items.filter(
    (i) =>
      i.sponsor?.member === focus.member &&
      (i.votes.get(focus.member) === "A" || i.votes.get(focus.member) === "N"),
  );
  if (gaAgainst.length) {
    const first = gaAgainst[0]!;
    const facts = [
      memberVoteFact(first, focus.member),
      recordFact(first, ["outcome", "tally"]),
      ...topicFact,
    ];
    if (scOwn.length) {
      facts.push(descriptionFact(scOwn[0]!, { sponsor: focus.member }), recordFact(scOwn[0]!, ["outcome"]));
      return sentence(`${who} votes against Assembly resolution${on} as Council adopts its text`, facts);
    }
    const t = knownTally(first);
    return sentence(
      `${who} votes against Assembly resolution${on}${t ? `, adopted by ${t.yes} votes to ${t.no}` : ""}`,
      facts,
    );
  }
  if (vetoes.length) {
    return sentence(`${who} vetoes Security Council draft${on}`, [
      decisionFact(vetoes[0]!, vetoes[0]!.decision!),
      ...topicFact,
    ]);
  }
  if (ownNotYes.length) {
    const i = ownNotYes[0]!;
    const vote = i.votes.get(focus.member)!;
    return sentence(
      `${who} ${vote === "A" ? "abstains on" : "votes against"} its own ${isAmended(i) ? "amended " : ""}draft${on}`,
      [memberVoteFact(i, focus.member), descriptionFact(i, { sponsor: focus.member })],
    );
  }
  return null;
}

/** The lead text's outcome. */
function outcomeHeadline(lead: TextItem, topic: Topic | null, on: string, topicFact: Fact[]): Sentence {
  const outcome = lead.outcome;
  const body = lead.rc.body === "GA" ? "General Assembly" : "Security Council";
  const t = knownTally(lead);
  const facts = [recordFact(lead, ["outcome", "tally"]), ...topicFact];
  const subject = topic ? `resolution${on}` : quoted(lead.rc.title);
  if (outcome === "adopted")
    return sentence(`${body} adopts ${subject}${t ? ` by ${t.yes} votes to ${t.no}` : ""}`, facts);
  if (outcome === "vetoed") {
    const vetoers = lead.decision?.vetoedBy ?? [];
    return sentence(
      `${vetoers.length ? `${memberName(vetoers[0]!, lead.rc.date)} vetoes` : "Veto blocks"} Security Council draft${on}`,
      facts,
    );
  }
  if (outcome === "rejected")
    return sentence(`${body} rejects draft${on}${t ? ` by ${t.no} votes to ${t.yes}` : ""}`, facts);
  return sentence(`${body} votes on ${subject}`, facts);
}

export function standfirst(
  items: readonly TextItem[],
  focus: FocusChoice | null,
  topic: Topic | null,
): Sentence[] {
  const ga = items.find((i) => i.rc.body === "GA" && isText(i) && knownTally(i));
  const sc = items.find((i) => i.rc.body === "SC" && isText(i));
  return [
    ga ? assemblyTally(ga, topic) : null,
    focus ? focusAssemblyVotes(items, focus, ga) : null,
    sc ? councilFate(sc) : null,
  ].filter((s): s is Sentence => s !== null);
}

/** "In the General Assembly, 93 members voted for …", and how that moved since the linked earlier text. */
function assemblyTally(ga: TextItem, topic: Topic | null): Sentence {
  const t = knownTally(ga)!;
  const named = membersInTitle(ga.rc.title);
  const onTopic =
    topic && topic.ids.every((id) => named.includes(id))
      ? `the resolution on ${topic.name}`
      : shortSymbol(ga);
  let text = `In the General Assembly, ${t.yes} members voted for ${onTopic}`;
  const facts = [recordFact(ga, ["tally"])];
  const then = ga.earlier ? knownTally(ga.earlier) : null;
  if (ga.earlier && then && then.yes !== t.yes) {
    text += `, ${Math.abs(then.yes - t.yes)} ${then.yes > t.yes ? "fewer" : "more"} than for ${linkWords(ga.earlier.link).standfirst} in ${ga.earlier.rc.date.slice(0, 4)}`;
    facts.push(recordFact(ga.earlier, ["symbol", "date", "tally"]), linkFact(ga, ga.earlier));
  }
  return sentence(`${text}.`, facts);
}

/** The focus member's votes against or abstentions on Assembly texts (GA: the text just told, "it"). */
function focusAssemblyVotes(
  items: readonly TextItem[],
  focus: FocusChoice,
  ga: TextItem | undefined,
): Sentence | null {
  const clauses: string[] = [];
  const facts: Fact[] = [];
  for (const i of items.filter((x) => x.rc.body === "GA" && isText(x))) {
    const vote = i.votes.get(focus.member);
    if (!vote || vote === "X" || vote === "Y") continue;
    const own = i.sponsor?.member === focus.member;
    const it = ga === i ? "it" : own ? `its own draft${isAmended(i) ? ", as amended" : ""}` : shortSymbol(i);
    clauses.push(vote === "N" ? `voted against ${it}` : `abstained on ${it}`);
    facts.push(memberVoteFact(i, focus.member));
    if (own) facts.push(descriptionFact(i, { sponsor: focus.member }));
  }
  if (!clauses.length) return null;
  return sentence(`${capitalise(inSentence(focus.member, items[0]!.rc.date))} ${listAnd(clauses)}.`, facts);
}

/** "At the Security Council, France's text was adopted …". */
function councilFate(sc: TextItem): Sentence {
  const t = knownTally(sc);
  const outcome = sc.outcome;
  const whose = sc.sponsor
    ? `${possessive(inSentence(sc.sponsor.member, sc.rc.date))} text`
    : `the draft ${shortSymbol(sc)}`;
  const verb =
    outcome === "adopted"
      ? "was adopted"
      : outcome === "vetoed"
        ? "was vetoed"
        : outcome === "rejected"
          ? "failed"
          : "was put to the vote";
  const facts = [
    recordFact(sc, ["outcome", "tally"]),
    ...(sc.sponsor ? [descriptionFact(sc, { sponsor: sc.sponsor.member })] : []),
  ];
  return sentence(
    `At the Security Council, ${whose} ${verb}${t ? ` ${tallyPhrase(t.yes, t.no, t.abstain)}` : ""}.`,
    facts,
  );
}
