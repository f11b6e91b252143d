/**
 * draftStory: a news story for one vote or a set of votes of the same day or topic, written from the
 * record only. Deterministic templates: the same store and the same symbols give the same story. Every
 * sentence carries its facts (see types.ts); a sentence that has no fact behind it is never written.
 *
 * What it says, in order: a headline and standfirst; for each text (Assembly texts first, then the
 * Council's) the outcome and tally, the drafter the record names, how the focus member voted and with
 * whom, the other known votes worth naming, bloc members breaking with their bloc, the member's past
 * agreement with its company (only when the store holds history), the amendments and motions and their
 * fate — a veto told apart from a lack of votes — and the latest earlier vote on a linked text, saying
 * the link (comparisonLinks.ts); then
 * the Assembly/Council contrast.
 */
import { alongside, type Alongside } from "../../analysis/alongside.js";
import type { VoteMatrix } from "../../analysis/matrix.js";
import { councilOn } from "../../core/council/index.js";
import { getMember, resolveMember, type Region } from "../../core/members/index.js";
import { BODY_NAMES, type Body } from "../../core/rollCall.js";
import type { MemberVote } from "../../core/vote.js";
import type { Store } from "../../data/store/index.js";
import {
  byName,
  capitalise,
  countWord,
  inSentence,
  listAnd,
  longDate,
  lowerFirst,
  memberList,
  memberName,
  monthYear,
  percent,
  plural,
  possessive,
  quoted,
  tallyPhrase,
  yearsBetween,
} from "./english.js";
import {
  alongsideFact,
  blocFact,
  decisionFact,
  descriptionFact,
  linkFact,
  linkTo,
  memberVoteFact,
  membersWithVoteFact,
  permanentFact,
  recordFact,
  sentence,
  undecidedFact,
  voteHref,
} from "./facts.js";
import { blocBreaks } from "./blocBreaks.js";
import { linkWords } from "../comparisonLinks.js";
import { dateNote } from "../../data/approximations.js";
import { describeDispute } from "../../data/rollCallView.js";
import { gatherTexts, membersInTitle, type TextItem, type VoteItem } from "./gather.js";
import { historyCount, MIN_HISTORY } from "./history.js";
import { loadVoteMatrix } from "../../analysis/fromStore.js";
import type { Fact, FocusChoice, Paragraph, Sentence, Story, StoryTag, StoryVote } from "./types.js";

export interface StoryOptions {
  /** The member the story follows (code or name); default: chosen by the focus score. */
  focus?: string;
  /**
   * `auto` (default): build the vote matrix from the store when it holds history for the focus member;
   * `none`: never; or a matrix already built (tests, long-running servers).
   */
  history?: "auto" | "none" | VoteMatrix;
  /** Co-voters named before "and N other states" (default 6). */
  maxNamed?: number;
}

const VERB: Record<MemberVote, string> = {
  Y: "voted in favour",
  N: "voted against",
  A: "abstained",
  X: "did not vote",
};

function verbOn(vote: MemberVote, ref: string): string {
  if (vote === "Y") return `voted in favour of ${ref}`;
  if (vote === "N") return `voted against ${ref}`;
  if (vote === "A") return `abstained on ${ref}`;
  return `did not vote on ${ref}`;
}

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

const BLOC_WORDS: Record<string, string> = { EU: "European Union", AU: "African Union" };

function isText(item: VoteItem): boolean {
  return item.rc.kind === "resolution" || item.rc.kind === "draft";
}

function knownTally(item: VoteItem): { yes: number; no: number; abstain: number | null } | null {
  const t = item.tally;
  return t.yes === null || t.no === null ? null : { yes: t.yes, no: t.no, abstain: t.abstain };
}

function bodyWord(body: Body, first: boolean): string {
  if (body === "GA") return first ? "the General Assembly" : "the Assembly";
  return first ? "the Security Council" : "the Council";
}

/** The choice of focus, said to the editor: the reader named it, or the score and its reasons. */
function focusNote(focus: FocusChoice, date: string): string {
  const who = inSentence(focus.member, date);
  if (focus.how === "given") return `The story follows ${who}, as asked (--focus).`;
  return `The story follows ${who}, chosen by score (${focus.score}: ${focus.reasons.join("; ")}); name another member with --focus.`;
}

/** "on 24 February 2025", or "in November 1975" where the source gives only the month (approximations.ts). */
function onDate(item: VoteItem): string {
  return item.datePrecision === "month" ? `in ${monthYear(item.rc.date)}` : `on ${longDate(item.rc.date)}`;
}

function shortSymbol(item: VoteItem): string {
  return item.rc.symbol ?? item.rc.draftSymbol ?? item.ref;
}

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

interface Topic {
  ids: string[];
  name: string;
}

interface Company {
  named: string[];
  others: number;
  order: "history" | "fallback";
  facts: Fact[];
  alongside: Alongside | null;
}

class StoryWriter {
  private readonly members = new Set<string>();
  private readonly notes: string[] = [];
  private companyOrder: Story["companyOrder"] = null;
  private matrix: Promise<VoteMatrix> | null = null;

  constructor(
    private readonly store: Store,
    private readonly items: TextItem[],
    private readonly options: StoryOptions,
  ) {}

  private name(id: string, date: string): string {
    this.members.add(id);
    return inSentence(id, date);
  }

  private names(ids: readonly string[], date: string): string {
    ids.forEach((id) => this.members.add(id));
    return memberList(ids, date);
  }

  // ------------------------------------------------------------------------------------------------
  // Focus

  /**
   * The member the story follows: the one the reader names (--focus), else the highest score — its own
   * draft abstained on or voted against 3, a veto 3, a vote against an adopted Assembly text 2, drafting
   * an adopted text 1, a permanent seat 1 — plus what makes a vote news rather than routine: a vote that
   * changed since the linked earlier text (comparisonLinks.ts: yes to no or back 3, to or from an
   * abstention 1) and, where the store holds its history, unusual company (up to 2: the share of its
   * co-voters in its lowest quarter of past agreement, `alongside`). Ties go to the English name.
   */
  async chooseFocus(): Promise<FocusChoice | null> {
    const date = this.items[0]!.rc.date;
    if (this.options.focus) {
      const member = resolveMember(this.options.focus, { date });
      return { member: member.id, name: memberName(member.id, date), how: "given", score: 0, reasons: [] };
    }
    const scores = new Map<string, { score: number; reasons: string[] }>();
    const add = (id: string, points: number, reason: string) => {
      const entry = scores.get(id) ?? { score: 0, reasons: [] };
      entry.score += points;
      entry.reasons.push(`${reason} (+${points})`);
      scores.set(id, entry);
    };
    for (const item of this.items) {
      const outcome = item.outcome;
      const ref = shortSymbol(item);
      if (item.sponsor) {
        const own = item.votes.get(item.sponsor.member);
        if (own === "A" || own === "N") add(item.sponsor.member, 3, `${VERB[own]} on its own draft ${ref}`);
        if (outcome === "adopted") add(item.sponsor.member, 1, `drafted ${ref}, adopted`);
      }
      if (outcome === "adopted" && item.rc.body === "GA") {
        for (const [id, vote] of item.votes) {
          if (vote === "N" && id !== item.sponsor?.member) add(id, 2, `voted against ${ref}, adopted`);
        }
      }
      if (outcome === "vetoed") {
        for (const id of item.decision?.vetoedBy ?? []) add(id, 3, `vetoed ${ref}`);
      }
    }
    for (const item of this.items) {
      const earlier = item.earlier;
      if (!earlier) continue;
      for (const [id, now] of item.votes) {
        const then = earlier.votes.get(id);
        if (!then || then === "X" || now === "X" || then === now) continue;
        const points = (then === "Y" && now === "N") || (then === "N" && now === "Y") ? 3 : 1;
        add(id, points, `${verbOn(then, shortSymbol(earlier))}, then ${verbOn(now, shortSymbol(item))}`);
      }
    }
    const permanent = new Set(councilOn(date).permanent);
    for (const id of [...scores.keys()])
      if (permanent.has(id)) add(id, 1, "a permanent member of the Council");
    await this.addUnusualCompany(scores, add);
    const ranked = [...scores.entries()]
      .filter(([, e]) => e.score > 1)
      .sort(
        (a, b) => b[1].score - a[1].score || memberName(a[0], date).localeCompare(memberName(b[0], date)),
      );
    const best = ranked[0];
    if (!best) return null;
    return {
      member: best[0],
      name: memberName(best[0], date),
      how: "score",
      score: best[1].score,
      reasons: best[1].reasons,
    };
  }

  /** Focus points for unusual company, for the members already scored (history needed: alongside). */
  private async addUnusualCompany(
    scores: Map<string, { score: number; reasons: string[] }>,
    add: (id: string, points: number, reason: string) => void,
  ): Promise<void> {
    for (const item of this.items) {
      for (const id of [...scores.keys()].sort()) {
        const vote = item.votes.get(id);
        if (!vote || vote === "X") continue;
        const matrix = await this.matrixFor(item.rc.body, id, item.rc.date);
        if (!matrix || matrix.columnOf(item.rc.id) < 0 || matrix.indexOfMember(id) < 0) continue;
        const result = alongside(matrix, item.rc.id, id);
        if (result.history.threshold === null || !result.members.length) continue;
        const share = result.notable.length / result.members.length;
        const points = Math.round(2 * share * 100) / 100;
        if (points > 0)
          add(
            id,
            points,
            `unusual company on ${shortSymbol(item)}: ${result.notable.length} of ${result.members.length} co-voters in its lowest quarter of past agreement`,
          );
      }
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Company: who voted as the focus member did

  private async matrixFor(body: Body, member: string, date: string): Promise<VoteMatrix | null> {
    const history = this.options.history ?? "auto";
    if (history === "none") return null;
    if (typeof history === "object") return history;
    // Load the matrix only when the store holds this member's history: never for the starter data.
    if ((await historyCount(this.store, body, member, date)) < MIN_HISTORY) return null;
    this.matrix ??= loadVoteMatrix(this.store);
    return this.matrix;
  }

  private async company(item: TextItem, focus: string): Promise<Company | null> {
    const vote = item.votes.get(focus);
    if (!vote || vote === "X") return null;
    const date = item.rc.date;
    const known = [...item.votes].filter(([id, v]) => v === vote && id !== focus).map(([id]) => id);
    if (known.length < 2) return null;
    const key = vote === "Y" ? "yes" : vote === "N" ? "no" : "abstain";
    const official = item.tally[key];
    const total = official === null ? known.length : official - 1;
    const maxNamed = this.options.maxNamed ?? 6;
    const facts: Fact[] = [
      memberVoteFact(item, focus),
      membersWithVoteFact(item, vote, [focus, ...known].sort()),
    ];
    const matrix = await this.matrixFor(item.rc.body, focus, date);
    if (matrix && matrix.columnOf(item.rc.id) >= 0 && matrix.indexOfMember(focus) >= 0) {
      const result = alongside(matrix, item.rc.id, focus, { maxNotable: maxNamed });
      if (result.history.threshold !== null) {
        facts.push(alongsideFact(item, result, maxNamed));
        return {
          named: result.notable,
          others: total - result.notable.length,
          order: "history",
          facts,
          alongside: result,
        };
      }
    }
    const permanent = new Set(councilOn(date).permanent);
    const ordered = [
      ...byName(
        known.filter((id) => permanent.has(id)),
        date,
      ),
      ...byName(
        known.filter((id) => !permanent.has(id)),
        date,
      ),
    ];
    const named = ordered.slice(0, maxNamed);
    facts.push(permanentFact(date, [...permanent]));
    return { named, others: total - named.length, order: "fallback", facts, alongside: null };
  }

  // ------------------------------------------------------------------------------------------------
  // Sentences about one text

  private outcomeSentence(item: TextItem, index: number, bodyIndex: number): Sentence {
    const rc = item.rc;
    const first = bodyIndex === 0;
    // The Council's sentences are passive ("… was adopted"): they start with where, not who.
    const place = first ? "At the Security Council, " : "Also at the Council, ";
    const subject = rc.body === "GA" ? (first ? "The General Assembly" : "The Assembly also") : "";
    const outcome = item.outcome;
    const amended = item.children.some((c) => c.rc.kind === "amendment" && c.outcome === "adopted");
    const tally = knownTally(item);
    const facts = [recordFact(item, ["symbol", "title", "date", "tally", "outcome"])];
    const links = [linkTo(item)];
    const symbol = shortSymbol(item);
    const showTitle = !/^Resolution \d+/.test(rc.title);
    const titled = showTitle ? `${symbol}, ${quoted(rc.title)},` : symbol;
    const when = index === 0 ? ` ${onDate(item)}` : "";
    const how = tally ? ` ${tallyPhrase(tally.yes, tally.no, tally.abstain)}` : "";
    const disputed = item.tallyDispute;
    const unknown = tally
      ? ""
      : disputed
        ? `; the UN's record of the vote gives contradictory tallies (${disputed.claims.map((c) => `${c.from} ${c.value}`).join(", ")})`
        : "; the tally is not in the record";
    if (disputed) this.notes.push(`${symbol}: ${describeDispute(disputed)} The story states no tally.`);
    else if (!tally) this.notes.push(`The tally of ${symbol} is not in the record.`);
    const approximate = dateNote(rc.date, item.datePrecision);
    if (approximate) this.notes.push(`${symbol}: ${approximate}`);
    let text: string;
    if (outcome === "adopted") {
      const what = rc.kind === "resolution" ? "resolution" : "the draft";
      text =
        rc.body === "GA"
          ? `${subject} adopted ${what} ${titled}${when}${amended ? ", as amended," : ""}${how}${unknown}.`
          : `${place}${what} ${titled} was adopted${when}${amended ? " as amended" : ""}${how}${unknown}.`;
    } else if (outcome === "vetoed") {
      const vetoers = item.decision?.vetoedBy ?? [];
      const by = vetoers.length ? `: ${this.names(vetoers, rc.date)} voted against it` : "";
      const support = tally
        ? `, although it received ${tally.yes} ${plural(tally.yes, "vote")} in favour`
        : "";
      text = `${place}the draft ${titled} was vetoed${when}${by}${support}${unknown}.`;
      if (vetoers.length) facts.push(decisionFact(item, item.decision!));
    } else if (outcome === "rejected") {
      text =
        rc.body === "GA"
          ? `${subject.replace(" also", "")} rejected the draft ${titled}${when}${how}${unknown}.`
          : `${place}the draft ${titled} failed${when}${how}${unknown}.`;
    } else {
      text = `${capitalise(bodyWord(rc.body, first))} voted on ${titled}${when}${how}; the outcome is unknown.`;
      if (item.undecided) {
        facts.push(undecidedFact(item, item.undecided));
        this.notes.push(`The outcome of ${symbol} is unknown: ${item.undecided.reason}`);
      }
    }
    return sentence(capitalise(text.replace(/,\./, ".").replace(/,,/g, ",")), facts, links);
  }

  private sponsorSentence(item: TextItem): Sentence | null {
    if (!item.sponsor) return null;
    const draft = item.rc.draftSymbol ? `The draft, ${item.rc.draftSymbol},` : "The draft";
    return sentence(`${draft} was tabled by ${this.name(item.sponsor.member, item.rc.date)}.`, [
      descriptionFact(item, { sponsor: item.sponsor.member, phrase: item.sponsor.phrase }),
      recordFact(item, ["draftSymbol"]),
    ]);
  }

  private async companySentences(
    item: TextItem,
    focus: FocusChoice | null,
  ): Promise<{ sentences: Sentence[]; named: Set<string>; company: Company | null }> {
    const sentences: Sentence[] = [];
    const named = new Set<string>();
    const date = item.rc.date;
    if (!focus) return { sentences, named, company: null };
    const vote = item.votes.get(focus.member);
    if (!vote || vote === "X") return { sentences, named, company: null };
    const company = await this.company(item, focus.member);
    const own = item.sponsor?.member === focus.member;
    const amended = item.children.some((c) => c.rc.kind === "amendment" && c.outcome === "adopted");
    const subject = capitalise(this.name(focus.member, date));
    named.add(focus.member);
    if (company) {
      this.companyOrder = this.companyOrder === "history" ? "history" : company.order;
      company.named.forEach((id) => named.add(id));
      const list = [...company.named.map((id) => this.name(id, date))];
      if (company.others > 0) list.push(`${company.others} other ${plural(company.others, "state")}`);
      const join = vote === "N" ? ", alongside " : vote === "A" ? ", as did " : ", with ";
      const verb = own ? verbOn(vote, `its own draft${amended ? ", as amended" : ""}`) : VERB[vote];
      sentences.push(
        sentence(`${subject} ${verb}${list.length ? join + listAnd(list) : ""}.`, company.facts),
      );
      if (company.order === "fallback") {
        this.notes.push(
          `No voting history of ${inSentence(focus.member, date)} before ${date} in the store: co-voters are named with the permanent members of the Security Council first, then alphabetically (not by notability).`,
        );
      }
    } else {
      const verb = own ? verbOn(vote, `its own draft${amended ? ", as amended" : ""}`) : VERB[vote];
      sentences.push(
        sentence(`${subject} ${verb}.`, [
          memberVoteFact(item, focus.member),
          ...(own ? [descriptionFact(item, { sponsor: focus.member })] : []),
        ]),
      );
    }
    return { sentences, named, company };
  }

  /** Other known votes worth naming: all of them when the record lists five or fewer, else the permanent members'. */
  private knownVotesSentence(item: TextItem, already: Set<string>): Sentence | null {
    const date = item.rc.date;
    const permanent = councilOn(date).permanent;
    if (item.rc.complete) return null;
    const listed = [...item.votes].filter(([, v]) => v !== "X");
    const pool = listed.length <= 5 ? listed.map(([id]) => id) : permanent.filter((id) => item.votes.has(id));
    const rest = pool.filter((id) => !already.has(id));
    const facts: Fact[] = [];
    const clauses: string[] = [];
    for (const vote of ["N", "A", "Y"] as MemberVote[]) {
      const ids = byName(
        rest.filter((id) => item.votes.get(id) === vote),
        date,
      );
      if (!ids.length) continue;
      ids.forEach((id) => facts.push(memberVoteFact(item, id)));
      clauses.push(`${this.names(ids, date)} ${VERB[vote]}`);
    }
    const unknownPermanent = item.rc.body === "GA" ? permanent.filter((id) => !item.votes.has(id)) : [];
    let text = "";
    if (clauses.length) {
      // "other" only when a permanent member was named just before.
      const other = [...already].some((id) => permanent.includes(id)) ? "other " : "";
      const lead = listed.length > 5 ? `Among the ${other}permanent members of the Security Council, ` : "";
      // Lists a disputed tally contradicts are the record's lists, not established votes: said so.
      const source = item.tallyDispute ? "according to the record's lists, " : "";
      text = lead ? `${lead}${source}${listAnd(clauses)}` : `${capitalise(source)}${listAnd(clauses)}`;
    }
    if (unknownPermanent.length && listed.length > 5) {
      facts.push(permanentFact(date, permanent));
      const tail = `the ${plural(unknownPermanent.length, "vote")} of ${this.names(byName(unknownPermanent, date), date)} ${unknownPermanent.length === 1 ? "is" : "are"} not in the record`;
      text = text ? `${text}; ${tail}` : capitalise(tail);
    }
    if (!text) return null;
    return sentence(`${capitalise(text)}.`, facts);
  }

  /** A bloc member voting alone against its bloc (see blocBreaks.ts for when a bloc is judged). */
  private blocSentences(item: TextItem): Sentence[] {
    const date = item.rc.date;
    const out: Sentence[] = [];
    for (const b of blocBreaks(item)) {
      if (b.breakers.length !== 1) continue;
      const breaker = b.breakers[0]!;
      const where = item.rc.body === "SC" ? "on the Council" : "in the Assembly";
      const blocName = BLOC_WORDS[b.bloc] ?? b.bloc;
      const rest = byName(b.majority, date);
      // A complete record has just listed everybody's vote: the others need not be named again.
      const others = rest.length === 1 ? "the other" : `the other ${countWord(rest.length)}`;
      const named = item.rc.complete ? others : `${others}, ${this.names(rest, date)},`;
      const text = `${capitalise(this.name(breaker, date))} was the only ${blocName} member ${where} that ${VERB[item.votes.get(breaker)!]}; ${named} ${VERB[b.plurality]}.`;
      out.push(
        sentence(text, [blocFact(b.bloc, date, b.members), ...b.known.map((id) => memberVoteFact(item, id))]),
      );
    }
    return out;
  }

  /** With history: how rarely the focus member had voted with the notable members of its company. */
  private departureSentence(
    item: TextItem,
    company: Company | null,
    focus: FocusChoice | null,
  ): Sentence | null {
    if (!company?.alongside || !focus) return null;
    const date = item.rc.date;
    const rows = company.alongside.members.filter((m) => m.notable && m.agreementBefore !== null).slice(0, 3);
    if (!rows.length) return null;
    const body = item.rc.body === "GA" ? "Assembly" : "Council";
    const since = company.alongside.history.from ? ` since ${longDate(company.alongside.history.from)}` : "";
    const parts = rows.map((m, i) =>
      i === 0
        ? `as ${this.name(m.id, date)} on ${percent(m.agreementBefore!)} of the ${body} roll calls both had taken part in${since}`
        : `as ${this.name(m.id, date)} on ${percent(m.agreementBefore!)}`,
    );
    const text = `Before this vote, ${this.name(focus.member, date)} had voted the same way ${listAnd(parts)}.`;
    return sentence(text, [alongsideFact(item, company.alongside, rows.length)]);
  }

  private amendmentSentences(item: TextItem, focus: FocusChoice | null): Sentence[] {
    const out: Sentence[] = [];
    const date = item.rc.date;
    const where = item.rc.body === "GA" ? "the Assembly" : "the Council";
    const children = item.children;
    if (!children.length) return out;
    for (const motion of children.filter((c) => c.rc.kind === "motion")) {
      const outcome = motion.outcome;
      if (!outcome) continue;
      const tally = knownTally(motion);
      const tail = tally
        ? `, ${tallyPhrase(tally.yes, tally.no, tally.abstain)}`
        : "; its tally is not in the record";
      out.push(
        sentence(
          `Before the vote, ${where} ${outcome === "adopted" ? "adopted" : "rejected"} a ${lowerFirst(motion.rc.title)}${tail}.`,
          [recordFact(motion, ["title", "outcome", "tally"])],
          [linkTo(motion, lowerFirst(motion.rc.title))],
        ),
      );
    }
    const amendments = children.filter((c) => c.rc.kind === "amendment" || c.rc.kind === "paragraph");
    const groups = new Map<string, VoteItem[]>();
    for (const a of amendments) {
      const key = proposerOf(a.rc.title) ?? "";
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    for (const [proposer, group] of groups) {
      const label = proposer ? `${proposer} ` : "";
      const pluralTitle = group.length > 1 || /amendments\b/i.test(group[0]!.rc.title);
      const noun = pluralTitle ? "amendments" : "amendment";
      const outcomes = group.map((g) => g.outcome);
      const facts = group.map((g) => recordFact(g, ["title", "outcome", "tally"]));
      const unknownTallies = group.every((g) => !knownTally(g));
      if (outcomes.every((o) => o === "adopted")) {
        const count = group.length > 1 ? `${countWord(group.length)} ` : "";
        out.push(
          sentence(
            `${capitalise(where)} adopted ${count}${label}${noun} to the draft${unknownTallies ? `; ${group.length > 1 || pluralTitle ? "their tallies are" : "its tally is"} not in the record` : ""}.`,
            facts,
            [linkTo(group[0]!, `${label}${noun}`)],
          ),
        );
        continue;
      }
      if (
        item.rc.body === "GA" ||
        (outcomes.every((o) => o === "rejected") && group.every((g) => !knownTally(g)))
      ) {
        // No reasons to tell apart: one sentence for the group.
        const count = group.length > 1 ? `${capitalise(countWord(group.length))} ` : pluralTitle ? "" : "A ";
        const verb =
          item.rc.body === "SC"
            ? "failed to obtain the required number of votes"
            : pluralTitle
              ? "were rejected"
              : "was rejected";
        const tail = unknownTallies
          ? `; ${pluralTitle ? "their tallies are" : "its tally is"} not in the record`
          : "";
        const subject = `${count}${label}${noun}`;
        out.push(
          sentence(
            `${capitalise(subject.trim())} ${verb}${tail}.`,
            [
              ...facts,
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
            [linkTo(group[0]!, `${label}${noun}`)],
          ),
        );
        continue;
      }
      // Council amendments with mixed fates: tell a veto from a lack of votes.
      const failed = group.filter((_, i) => outcomes[i] !== "adopted");
      out.push(
        sentence(
          `${capitalise(countWord(failed.length))} ${label}${plural(failed.length, "amendment")} failed.`,
          facts,
        ),
      );
      const short = failed.filter(
        (g) => g.decision?.reason === "insufficient-votes" || (g.outcome === "rejected" && !g.decision),
      );
      const vetoed = failed.filter((g) => g.outcome === "vetoed" || g.decision?.reason === "veto");
      const permanent = councilOn(date).permanent;
      short.forEach((g) => {
        const target = amendmentTarget(g.rc.title);
        const name = target ? `The amendment ${target}` : `The ${quoted(g.rc.title)} amendment`;
        const tally = knownTally(g);
        if (tally && g.decision) {
          out.push(
            sentence(
              `${name} received ${tally.yes} ${plural(tally.yes, "vote")} in favour, ${tally.no} against and ${tally.abstain ?? "an unknown number of"} ${plural(tally.abstain ?? 2, "abstention")}, short of the ${g.decision.required} votes required: it failed for lack of votes, not by a veto.`,
              [recordFact(g, ["title", "tally", "outcome"]), decisionFact(g, g.decision)],
              [linkTo(g, target ? `amendment ${target}` : g.rc.title)],
            ),
          );
        } else {
          out.push(
            sentence(
              `${name} failed to obtain the required number of votes; its tally is not in the record.`,
              [recordFact(g, ["title", "tally", "outcome"])],
              [linkTo(g, target ? `amendment ${target}` : g.rc.title)],
            ),
          );
        }
      });
      if (vetoed.length) {
        const vetoers = [
          ...new Set(
            vetoed.flatMap((g) =>
              g.decision?.vetoedBy.length
                ? g.decision.vetoedBy
                : permanent.filter((id) => g.votes.get(id) === "N"),
            ),
          ),
        ];
        const others = short.length
          ? vetoed.length === 1
            ? "The other"
            : `The ${countWord(vetoed.length)} others`
          : vetoed.length === 1
            ? "It"
            : "They";
        const by = vetoers.length
          ? `: ${this.names(byName(vetoers, date), date)}, ${vetoers.length === 1 ? "a permanent member" : "permanent members"}, voted against ${vetoed.length === 1 ? "it" : "them"}`
          : "";
        out.push(
          sentence(
            `${others} ${vetoed.length === 1 ? "was" : "were"} vetoed${by}.`,
            [
              ...vetoed.map((g) => recordFact(g, ["title", "outcome"])),
              ...vetoed.flatMap((g) => vetoers.map((id) => memberVoteFact(g, id))),
              permanentFact(date, permanent),
            ],
            [linkTo(vetoed[0]!, "vetoed")],
          ),
        );
      }
    }
    // The focus member's votes on the amendments, when the record gives all of them and they agree.
    if (focus && amendments.length > 1) {
      const votes = amendments.map((a) => a.votes.get(focus.member));
      const first = votes[0];
      if (first && first !== "X" && votes.every((v) => v === first)) {
        const all = amendments.length === 2 ? "both" : `all ${countWord(amendments.length)}`;
        out.push(
          sentence(
            `${capitalise(this.name(focus.member, date))} ${verbOn(first, `${all} amendments`)}.`,
            amendments.map((a) => memberVoteFact(a, focus.member)),
          ),
        );
      }
    }
    return out;
  }

  private comparisonSentence(item: TextItem): Sentence | null {
    const earlier = item.earlier;
    if (!earlier) return null;
    const now = knownTally(item);
    const then = knownTally(earlier);
    if (!now || !then) return null;
    const years = yearsBetween(earlier.rc.date, item.rc.date);
    const lead =
      years >= 1
        ? `${capitalise(years === 1 ? "a year" : `${countWord(years)} years`)} earlier, ${onDate(earlier)}`
        : capitalise(onDate(earlier));
    const where = item.rc.body === "GA" ? "the Assembly" : "the Council";
    const verb =
      earlier.outcome === "rejected"
        ? "rejected"
        : earlier.outcome === "vetoed"
          ? "saw vetoed"
          : earlier.outcome === "adopted"
            ? "adopted"
            : "voted on";
    const changes: string[] = [];
    const diff = (a: number, b: number, more: string, fewer: string) => {
      if (a === b) return;
      changes.push(`${Math.abs(a - b)} ${a > b ? "more" : "fewer"} ${a > b ? more : fewer}`);
    };
    diff(now.yes, then.yes, "voted in favour", "voted in favour");
    diff(now.no, then.no, "against", "against");
    if (now.abstain !== null && then.abstain !== null)
      diff(now.abstain, then.abstain, "abstained", "abstained");
    const change = changes.length ? `: this time ${listAnd(changes)}` : ": the same tally";
    const text = `${lead}, ${where} ${verb} ${shortSymbol(earlier)}, ${quoted(earlier.rc.title)}, ${linkWords(earlier.link).clause}, ${tallyPhrase(then.yes, then.no, then.abstain)}${change}.`;
    return sentence(
      text,
      [
        recordFact(earlier, ["symbol", "title", "date", "tally", "outcome"]),
        recordFact(item, ["tally"]),
        linkFact(item, earlier),
      ],
      [linkTo(earlier)],
    );
  }

  private contrastSentences(): Sentence[] {
    const ga = this.items.filter((i) => i.rc.body === "GA" && isText(i));
    const sc = this.items.filter((i) => i.rc.body === "SC" && isText(i));
    if (!ga.length || !sc.length) return [];
    const gaItem = [...ga].sort((a, b) => b.votes.size - a.votes.size)[0]!;
    const scItem = sc[0]!;
    const date = scItem.rc.date;
    const groups = new Map<string, string[]>();
    for (const [id, scVote] of scItem.votes) {
      const gaVote = gaItem.votes.get(id);
      if (!gaVote || gaVote === "X" || scVote === "X" || gaVote === scVote) continue;
      const key = `${gaVote}${scVote}`;
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    if (!groups.size) return [];
    const clauses: string[] = [];
    const facts: Fact[] = [];
    let firstClause = true;
    for (const [key, ids] of [...groups.entries()].sort(
      (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
    )) {
      const gaVote = key[0] as MemberVote;
      const scVote = key[1] as MemberVote;
      const who = this.names(byName(ids, date), date);
      clauses.push(
        firstClause
          ? `${who} ${verbOn(gaVote, shortSymbol(gaItem))} in the Assembly but ${verbOn(scVote, shortSymbol(scItem))} in the Council`
          : `${who} ${VERB[gaVote]} in the Assembly and ${VERB[scVote]} in the Council`,
      );
      firstClause = false;
      for (const id of ids) facts.push(memberVoteFact(gaItem, id), memberVoteFact(scItem, id));
    }
    return [sentence(`${capitalise(clauses.join("; "))}.`, facts, [linkTo(gaItem), linkTo(scItem)])];
  }

  // ------------------------------------------------------------------------------------------------
  // Headline and standfirst

  /**
   * What the texts are about: the member named in the most titles ("… peace in Ukraine"); when two tie
   * ("the Russian Federation-Ukraine conflict"), both, as the titles order them.
   */
  private topic(): Topic | null {
    const counts = new Map<string, number>();
    for (const item of this.items)
      for (const id of membersInTitle(item.rc.title)) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (!counts.size) return null;
    const top = Math.max(...counts.values());
    const ids = [...counts.entries()]
      .filter(([, n]) => n === top)
      .map(([id]) => id)
      .slice(0, 2);
    const date = this.items[0]!.rc.date;
    return { ids, name: listAnd(ids.map((id) => inSentence(id, date))) };
  }

  private headline(focus: FocusChoice | null, topic: Topic | null): Sentence {
    const on = topic ? ` on ${topic.name}` : "";
    const outcomeOf = (i: TextItem) => i.outcome;
    const topicFact: Fact[] = topic
      ? [
          {
            query: "membersInTitle(title) over the story's texts — src/news/story/gather.ts",
            values: { topic: topic.ids, titles: this.items.map((i) => i.rc.title) },
          },
        ]
      : [];
    if (focus) {
      const who = memberName(focus.member, this.items[0]!.rc.date);
      const gaAgainst = this.items.filter(
        (i) =>
          i.rc.body === "GA" &&
          outcomeOf(i) === "adopted" &&
          i.votes.get(focus.member) === "N" &&
          i.sponsor?.member !== focus.member,
      );
      const scOwn = this.items.filter(
        (i) => i.rc.body === "SC" && outcomeOf(i) === "adopted" && i.sponsor?.member === focus.member,
      );
      const vetoes = this.items.filter(
        (i) => outcomeOf(i) === "vetoed" && i.decision?.vetoedBy.includes(focus.member),
      );
      const ownNotYes = this.items.filter(
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
          facts.push(
            descriptionFact(scOwn[0]!, { sponsor: focus.member }),
            recordFact(scOwn[0]!, ["outcome"]),
          );
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
        const amended = i.children.some((c) => c.rc.kind === "amendment" && c.outcome === "adopted");
        return sentence(
          `${who} ${vote === "A" ? "abstains on" : "votes against"} its own ${amended ? "amended " : ""}draft${on}`,
          [memberVoteFact(i, focus.member), descriptionFact(i, { sponsor: focus.member })],
        );
      }
    }
    const lead = this.items[0]!;
    const outcome = outcomeOf(lead);
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

  private standfirst(focus: FocusChoice | null, topic: Topic | null): Sentence[] {
    const out: Sentence[] = [];
    const ga = this.items.find((i) => i.rc.body === "GA" && isText(i) && knownTally(i));
    if (ga) {
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
      out.push(sentence(`${text}.`, facts));
    }
    if (focus) {
      const clauses: string[] = [];
      const facts: Fact[] = [];
      for (const i of this.items.filter((x) => x.rc.body === "GA" && isText(x))) {
        const vote = i.votes.get(focus.member);
        if (!vote || vote === "X" || vote === "Y") continue;
        const own = i.sponsor?.member === focus.member;
        const amended = i.children.some((c) => c.rc.kind === "amendment" && c.outcome === "adopted");
        const it = ga === i ? "it" : own ? `its own draft${amended ? ", as amended" : ""}` : shortSymbol(i);
        clauses.push(vote === "N" ? `voted against ${it}` : `abstained on ${it}`);
        facts.push(memberVoteFact(i, focus.member));
        if (own) facts.push(descriptionFact(i, { sponsor: focus.member }));
      }
      if (clauses.length)
        out.push(
          sentence(
            `${capitalise(inSentence(focus.member, this.items[0]!.rc.date))} ${listAnd(clauses)}.`,
            facts,
          ),
        );
    }
    const sc = this.items.find((i) => i.rc.body === "SC" && isText(i));
    if (sc) {
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
      out.push(
        sentence(
          `At the Security Council, ${whose} ${verb}${t ? ` ${tallyPhrase(t.yes, t.no, t.abstain)}` : ""}.`,
          facts,
        ),
      );
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------

  private councilVotesSentence(item: TextItem): Sentence | null {
    if (!item.rc.complete) return null;
    const date = item.rc.date;
    const clauses: string[] = [];
    const facts: Fact[] = [];
    for (const vote of ["Y", "N", "A"] as MemberVote[]) {
      const ids = byName(
        [...item.votes].filter(([, v]) => v === vote).map(([id]) => id),
        date,
      );
      if (!ids.length) continue;
      facts.push(membersWithVoteFact(item, vote, [...ids].sort()));
      clauses.push(`${this.names(ids, date)} ${VERB[vote]}`);
    }
    const absent = [...item.votes].filter(([, v]) => v === "X").map(([id]) => id);
    if (absent.length) {
      facts.push(membersWithVoteFact(item, "X", absent));
      clauses.push(`${this.names(byName(absent, date), date)} did not vote`);
    }
    if (!clauses.length) return null;
    return sentence(`${capitalise(clauses.join("; "))}.`, facts);
  }

  async write(): Promise<Omit<Story, "request">> {
    const focus = await this.chooseFocus();
    if (focus) this.notes.push(focusNote(focus, this.items[0]!.rc.date));
    const topic = this.topic();
    const paragraphs: Paragraph[] = [];
    const counters = new Map<Body, number>();
    for (const [index, item] of this.items.entries()) {
      const bodyIndex = counters.get(item.rc.body) ?? 0;
      counters.set(item.rc.body, bodyIndex + 1);
      const lede = [this.outcomeSentence(item, index, bodyIndex)];
      const sponsor = this.sponsorSentence(item);
      if (sponsor) lede.push(sponsor);
      paragraphs.push({ topic: "outcome", sentences: lede });
      if (item.rc.complete) {
        const votes = this.councilVotesSentence(item);
        const blocs = this.blocSentences(item);
        if (votes) paragraphs.push({ topic: "votes", sentences: [votes, ...blocs] });
      } else {
        const { sentences, named, company } = await this.companySentences(item, focus);
        const known = this.knownVotesSentence(item, named);
        if (known) sentences.push(known);
        sentences.push(...this.blocSentences(item));
        const departure = this.departureSentence(item, company, focus);
        if (departure) sentences.push(departure);
        if (sentences.length) paragraphs.push({ topic: "votes", sentences });
      }
      const amendments = this.amendmentSentences(item, focus);
      if (amendments.length) paragraphs.push({ topic: "amendments", sentences: amendments });
      const comparison = this.comparisonSentence(item);
      if (comparison) paragraphs.push({ topic: "comparison", sentences: [comparison] });
    }
    const contrast = this.contrastSentences();
    if (contrast.length) paragraphs.push({ topic: "contrast", sentences: contrast });
    const headline = this.headline(focus, topic);
    const standfirst = this.standfirst(focus, topic);
    if (focus) this.members.add(focus.member);
    topic?.ids.forEach((id) => this.members.add(id));
    const votes: StoryVote[] = [];
    for (const item of this.items) {
      for (const v of [item, ...item.children, ...(item.earlier ? [item.earlier] : [])]) {
        votes.push({
          id: v.rc.id,
          ref: v.ref,
          symbol: v.rc.symbol,
          body: v.rc.body,
          date: v.rc.date,
          kind: v.rc.kind,
          title: v.rc.title,
          href: voteHref(v.ref),
        });
      }
    }
    return {
      date: this.items
        .map((i) => i.rc.date)
        .sort()
        .at(-1)!,
      headline,
      standfirst,
      paragraphs,
      votes,
      members: [...this.members].sort(),
      focus,
      companyOrder: this.companyOrder,
      section: this.items[0]!.rc.body === "SC" ? "security-council" : "general-assembly",
      tags: this.tags(topic),
      notes: [...new Set(this.notes)],
    };
  }

  private tags(topic: Topic | null): StoryTag[] {
    const tags: StoryTag[] = [];
    for (const id of topic?.ids ?? []) {
      tags.push({ name: memberName(id, this.items[0]!.rc.date), kind: "topic" });
      const region = getMember(id)?.region;
      if (region && !tags.some((t) => t.name === REGION_TAGS[region]))
        tags.push({ name: REGION_TAGS[region], kind: "region" });
    }
    for (const code of new Set(this.items.flatMap((i) => i.rc.issues))) {
      const name = ISSUE_TOPICS[code];
      if (name) tags.push({ name, kind: "topic" });
    }
    for (const body of new Set(this.items.map((i) => i.rc.body)))
      tags.push({ name: BODY_NAMES[body], kind: "topic" });
    return tags;
  }
}

/** Drafts a story for SYMBOLS (texts, or amendments and motions, which bring their text). */
export async function draftStory(
  store: Store,
  symbols: readonly string[],
  options: StoryOptions = {},
): Promise<Story> {
  const items = await gatherTexts(store, symbols);
  const writer = new StoryWriter(store, items, options);
  return { request: [...symbols], ...(await writer.write()) };
}
