/**
 * Member codes and names as the sources write them → member ids, checked against membership dates.
 * The resolver of src/core/members caches per distinct input; this adds the import's checks: a code and
 * a name that designate different members (once per distinct pair), and a vote outside the member's
 * membership (a warning: the sources' dates are sometimes approximate).
 */
import { findMember, isMemberOn, type Member } from "../../core/members/index.js";
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
  /** code → names already checked against it. */
  private readonly checkedPairs = new Map<string, Set<string>>();
  /** code → the name last seen with it (most rows repeat it: one lookup instead of two). */
  private readonly lastName = new Map<string, string>();

  constructor(private readonly problems: Problems) {}

  /**
   * The member a row names: by code, else by name (and the name must agree with the code). Null when
   * neither resolves (the caller reports it: a row-breaking problem).
   */
  resolve(code: string, name: string, date: string, file: string, line: number, key?: string): Member | null {
    const byCode = code ? findMember(detach(code), { date }) : null;
    if (!byCode) return name ? findMember(detach(name), { date }) : null;
    if (name && this.lastName.get(code) !== name) {
      const ownName = detach(name);
      this.lastName.set(detach(code), ownName);
      let names = this.checkedPairs.get(code);
      if (!names) this.checkedPairs.set(detach(code), (names = new Set()));
      if (!names.has(ownName)) {
        names.add(ownName);
        const byName = findMember(ownName, { date });
        if (byName && byName.id !== byCode.id) {
          this.problems.warn(
            "code-name-mismatch",
            `code ${JSON.stringify(code)} is ${byCode.id} but the name ${JSON.stringify(name)} is ${byName.id}; kept ${byCode.id}`,
            { file, line, field: "code", ...(key !== undefined ? { key } : {}) },
          );
        }
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
