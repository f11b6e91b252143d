/**
 * Member codes and names as the sources write them → member ids, checked against membership dates.
 * The resolver of src/core/members caches per distinct input; this adds the import's checks: a code and
 * a name that designate different members on the vote's date (once per distinct disagreement), and a
 * vote outside the member's membership (a warning: the sources' dates are sometimes approximate).
 */
import { dependsOnDate, findMember, isMemberOn, type Member } from "../../core/members/index.js";
import type { Problems } from "./problems.js";

/**
 * A copy of a string that shares no memory with the text it was cut from. Strings read from a file are
 * slices of a megabyte of text; kept in a map (or in the member resolver's cache) a slice keeps all that
 * text alive — a few hundred names would hold hundreds of megabytes of a streamed file.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}

export class MemberResolver {
  /** The disagreements already reported: code, name and the two members they named (once each). */
  private readonly reported = new Set<string>();
  /**
   * code → the name last checked with it, and the date when either of them changes meaning over time
   * (the China seat's `CHN` before 1971 is the Republic of China): such a pair is checked again on
   * another day, any other pair once.
   */
  private readonly lastChecked = new Map<string, { name: string; date: string | null }>();

  constructor(private readonly problems: Problems) {}

  /**
   * The member a row names on `date`: by code, else by name (and the name must agree with the code that
   * day). Null when neither resolves (the caller reports it: a row-breaking problem).
   */
  resolve(code: string, name: string, date: string, file: string, line: number, key?: string): Member | null {
    const byCode = code ? findMember(detach(code), { date }) : null;
    if (!byCode) return name ? findMember(detach(name), { date }) : null;
    const last = this.lastChecked.get(code);
    if (name && (last?.name !== name || (last.date !== null && last.date !== date))) {
      const ownName = detach(name);
      const dated = dependsOnDate(detach(code)) || dependsOnDate(ownName);
      this.lastChecked.set(detach(code), { name: ownName, date: dated ? date : null });
      const byName = findMember(ownName, { date });
      const pair = `${code}\u0000${ownName}\u0000${byCode.id}\u0000${byName?.id ?? ""}`;
      if (byName && byName.id !== byCode.id && !this.reported.has(pair)) {
        this.reported.add(detach(pair));
        this.problems.warn(
          "code-name-mismatch",
          `on ${date} the code ${JSON.stringify(code)} is ${byCode.id} but the name ${JSON.stringify(name)} is ${byName.id}; kept ${byCode.id}`,
          { file, line, field: "code", ...(key !== undefined ? { key } : {}) },
        );
      }
    }
    return byCode;
  }

  /** Warns when `member` was not a Member of the UN on `date`. */
  checkMembership(member: Member, date: string, file: string, line: number, key?: string): void {
    // The same test as isMemberOn (periods include `from`, exclude `to`), without its date checks: the
    // readers pass ISO dates only, and this runs once per vote.
    for (const p of member.membership) {
      if (p.from <= date && (p.to === undefined || date < p.to)) return;
    }
    if (!isMemberOn(member, date)) {
      const periods = member.membership.map((p) => `${p.from}–${p.to ?? ""}`).join(", ");
      this.problems.warn(
        "vote-outside-membership",
        `${member.id} (${member.name}) votes on ${date}, outside its membership (${periods || "never a member"})`,
        { file, line, field: "date", ...(key !== undefined ? { key } : {}) },
      );
    }
  }
}
