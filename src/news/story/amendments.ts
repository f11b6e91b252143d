/**
 * The amendments and motions voted on before a text, and their fate — a veto told apart from a lack of
 * votes on the Council — grouped by proposer; then the focus member's votes on them when they agree.
 */
import { councilOn } from "../../core/council/index.js";
import { byName, capitalise, countWord, lowerFirst, plural, quoted, tallyPhrase } from "./english.js";
import { decisionFact, linkTo, memberVoteFact, permanentFact, recordFact, sentence } from "./facts.js";
import type { TextItem, VoteItem } from "./gather.js";
import { nameAll, nameOne, type Telling } from "./notes.js";
import type { Fact, FocusChoice, Sentence } from "./types.js";
import { knownTally, verbOn } from "./words.js";

/** "European" from "European amendment to the preamble …"; "Russian" from "Russian amendment …". */
function proposerOf(title: string): string | null {
  const match = /^(.*?)\s+amendments?\b/i.exec(title);
  return match && match[1]!.length <= 40 ? match[1]! : null;
}

/** What distinguishes one amendment of a group: "to the preamble" from "… amendment to the preamble of the … draft". */
function amendmentTarget(title: string): string | null {
  const match = /\bamendments?\s+(.*)$/i.exec(title.replace(/\s*\((?:vetoed|adopted|rejected)\)\s*$/i, ""));
  if (!match) return null;
  // Drop the text it amends: "… of the United States draft", "… to the draft "The path to peace"".
  const rest = match[1]!
    .replace(/\s*\b(?:of|to) the (?:[A-Z][\w-]*\s+)*draft(?:\s+["“].*["”])?\s*$/, "")
    .trim();
  return rest.length ? rest : null;
}

/** One proposer's amendments to a text, as the sentences about them need them. */
interface Group {
  item: TextItem;
  where: string;
  label: string;
  noun: string;
  pluralTitle: boolean;
  members: VoteItem[];
  outcomes: VoteItem["outcome"][];
}

export function amendmentSentences(item: TextItem, focus: FocusChoice | null, telling: Telling): Sentence[] {
  const children = item.children;
  if (!children.length) return [];
  const where = item.rc.body === "GA" ? "the Assembly" : "the Council";
  const out = children.filter((c) => c.rc.kind === "motion").flatMap((m) => motionSentence(m, where));
  const amendments = children.filter((c) => c.rc.kind === "amendment" || c.rc.kind === "paragraph");
  for (const group of groupsOf(item, where, amendments)) out.push(...groupSentences(group, telling));
  const agreed = focus ? focusOnAmendments(amendments, focus, item.rc.date, telling) : null;
  if (agreed) out.push(agreed);
  return out;
}

function motionSentence(motion: VoteItem, where: string): Sentence[] {
  const outcome = motion.outcome;
  if (!outcome) return [];
  const tally = knownTally(motion);
  const tail = tally
    ? `, ${tallyPhrase(tally.yes, tally.no, tally.abstain)}`
    : "; its tally is not in the record";
  return [
    sentence(
      `Before the vote, ${where} ${outcome === "adopted" ? "adopted" : "rejected"} a ${lowerFirst(motion.rc.title)}${tail}.`,
      [recordFact(motion, ["title", "outcome", "tally"])],
      [linkTo(motion, lowerFirst(motion.rc.title))],
    ),
  ];
}

/** The amendments grouped by proposer, in the order the record gives them. */
function groupsOf(item: TextItem, where: string, amendments: VoteItem[]): Group[] {
  const byProposer = new Map<string, VoteItem[]>();
  for (const a of amendments) {
    const key = proposerOf(a.rc.title) ?? "";
    byProposer.set(key, [...(byProposer.get(key) ?? []), a]);
  }
  return [...byProposer].map(([proposer, members]) => {
    const pluralTitle = members.length > 1 || /amendments\b/i.test(members[0]!.rc.title);
    return {
      item,
      where,
      label: proposer ? `${proposer} ` : "",
      noun: pluralTitle ? "amendments" : "amendment",
      pluralTitle,
      members,
      outcomes: members.map((g) => g.outcome),
    };
  });
}

function groupSentences(group: Group, telling: Telling): Sentence[] {
  const { item, members, outcomes } = group;
  if (outcomes.every((o) => o === "adopted")) return [adoptedSentence(group)];
  if (
    item.rc.body === "GA" ||
    (outcomes.every((o) => o === "rejected") && members.every((g) => !knownTally(g)))
  )
    return [failedSentence(group)];
  return mixedCouncilSentences(group, telling);
}

function groupFacts(group: Group): Fact[] {
  return group.members.map((g) => recordFact(g, ["title", "outcome", "tally"]));
}

function adoptedSentence(group: Group): Sentence {
  const { where, label, noun, pluralTitle, members } = group;
  const count = members.length > 1 ? `${countWord(members.length)} ` : "";
  const unknownTallies = members.every((g) => !knownTally(g));
  return sentence(
    `${capitalise(where)} adopted ${count}${label}${noun} to the draft${unknownTallies ? `; ${members.length > 1 || pluralTitle ? "their tallies are" : "its tally is"} not in the record` : ""}.`,
    groupFacts(group),
    [linkTo(members[0]!, `${label}${noun}`)],
  );
}

/** No reasons to tell apart: one sentence for the group. */
function failedSentence(group: Group): Sentence {
  const { item, label, noun, pluralTitle, members, outcomes } = group;
  const count = members.length > 1 ? `${capitalise(countWord(members.length))} ` : pluralTitle ? "" : "A ";
  const verb =
    item.rc.body === "SC"
      ? "failed to obtain the required number of votes"
      : pluralTitle
        ? "were rejected"
        : "was rejected";
  const tail = members.every((g) => !knownTally(g))
    ? `; ${pluralTitle ? "their tallies are" : "its tally is"} not in the record`
    : "";
  const subject = `${count}${label}${noun}`;
  return sentence(
    `${capitalise(subject.trim())} ${verb}${tail}.`,
    [
      ...groupFacts(group),
      ...(item.rc.body === "SC"
        ? [
            {
              query:
                "Art. 27(3) — src/core/rules (a Council draft that is not vetoed fails for lack of votes)",
              values: { outcomes },
            },
          ]
        : []),
    ],
    [linkTo(members[0]!, `${label}${noun}`)],
  );
}

/** Council amendments with mixed fates: tell a veto from a lack of votes. */
function mixedCouncilSentences(group: Group, telling: Telling): Sentence[] {
  const { label, members, outcomes } = group;
  const failed = members.filter((_, i) => outcomes[i] !== "adopted");
  const out = [
    sentence(
      `${capitalise(countWord(failed.length))} ${label}${plural(failed.length, "amendment")} failed.`,
      groupFacts(group),
    ),
  ];
  const short = failed.filter(
    (g) => g.decision?.reason === "insufficient-votes" || (g.outcome === "rejected" && !g.decision),
  );
  const vetoed = failed.filter((g) => g.outcome === "vetoed" || g.decision?.reason === "veto");
  out.push(...short.map(shortOfVotesSentence));
  if (vetoed.length) out.push(vetoedSentence(vetoed, short.length > 0, group.item.rc.date, telling));
  return out;
}

function shortOfVotesSentence(g: VoteItem): Sentence {
  const target = amendmentTarget(g.rc.title);
  const name = target ? `The amendment ${target}` : `The ${quoted(g.rc.title)} amendment`;
  const link = [linkTo(g, target ? `amendment ${target}` : g.rc.title)];
  const tally = knownTally(g);
  if (tally && g.decision) {
    return sentence(
      `${name} received ${tally.yes} ${plural(tally.yes, "vote")} in favour, ${tally.no} against and ${tally.abstain ?? "an unknown number of"} ${plural(tally.abstain ?? 2, "abstention")}, short of the ${g.decision.required} votes required: it failed for lack of votes, not by a veto.`,
      [recordFact(g, ["title", "tally", "outcome"]), decisionFact(g, g.decision)],
      link,
    );
  }
  return sentence(
    `${name} failed to obtain the required number of votes; its tally is not in the record.`,
    [recordFact(g, ["title", "tally", "outcome"])],
    link,
  );
}

/** AFTER_SHORT: amendments that failed for lack of votes were told just before ("The other …"). */
function vetoedSentence(vetoed: VoteItem[], afterShort: boolean, date: string, telling: Telling): Sentence {
  const permanent = councilOn(date).permanent;
  const vetoers = [
    ...new Set(
      vetoed.flatMap((g) =>
        g.decision?.vetoedBy.length ? g.decision.vetoedBy : permanent.filter((id) => g.votes.get(id) === "N"),
      ),
    ),
  ];
  const others = afterShort
    ? vetoed.length === 1
      ? "The other"
      : `The ${countWord(vetoed.length)} others`
    : vetoed.length === 1
      ? "It"
      : "They";
  const by = vetoers.length
    ? `: ${nameAll(telling, byName(vetoers, date), date)}, ${vetoers.length === 1 ? "a permanent member" : "permanent members"}, voted against ${vetoed.length === 1 ? "it" : "them"}`
    : "";
  return sentence(
    `${others} ${vetoed.length === 1 ? "was" : "were"} vetoed${by}.`,
    [
      ...vetoed.map((g) => recordFact(g, ["title", "outcome"])),
      ...vetoed.flatMap((g) => vetoers.map((id) => memberVoteFact(g, id))),
      permanentFact(date, permanent),
    ],
    [linkTo(vetoed[0]!, "vetoed")],
  );
}

/** The focus member's votes on the amendments, when the record gives all of them and they agree. */
function focusOnAmendments(
  amendments: VoteItem[],
  focus: FocusChoice,
  date: string,
  telling: Telling,
): Sentence | null {
  if (amendments.length <= 1) return null;
  const votes = amendments.map((a) => a.votes.get(focus.member));
  const first = votes[0];
  if (!first || first === "X" || !votes.every((v) => v === first)) return null;
  const all = amendments.length === 2 ? "both" : `all ${countWord(amendments.length)}`;
  return sentence(
    `${capitalise(nameOne(telling, focus.member, date))} ${verbOn(first, `${all} amendments`)}.`,
    amendments.map((a) => memberVoteFact(a, focus.member)),
  );
}
