/**
 * Member names as the UN's machine-readable resolutions (DGACM) write them — in capitals, with the
 * spellings of their day (`TURKEY`, `TÜRKİYE`, `LIBYAN ARAB JAMAHIRIYA`, `NETHERLANDS (KINGDOM OF THE)`)
 * — resolved through the members module by name and date. Three kinds of damage are repaired, each a
 * rule with the evidence it rests on, never a guess:
 * - a name split over two list entries (`CÔTE.` + `D'IVOIRE` in S/RES/2403 (2018)): joined when neither
 *   part names a member and the two together do;
 * - mojibake (`TÜRKÝYE`, 19 times in 80.json): Turkish text (Windows-1254) read as Windows-1252, so `İ`
 *   arrives as `Ý`; the name is decoded back and must then name a member;
 * - the typing slips listed in {@link NAME_SLIPS}, each seen in the data.
 * A name none of this resolves is reported (a warning naming file, line and name) and its vote left out.
 */
import { findMember, type Member } from "../../core/members/index.js";

/** Exact spellings no rule explains, each seen in the files (where, in the comment). */
export const NAME_SLIPS: Readonly<Record<string, string>> = {
  // sc/2015.json, S/RES/2213 (2015): a stray letter.
  CHILEs: "CHL",
};

const TURKISH = new TextDecoder("windows-1254");

/** The name as Turkish text read back from Windows-1252 bytes, or null when that changes nothing. */
function undoTurkishMojibake(name: string): string | null {
  // Only names written in Latin-1 characters can have gone through that confusion.
  if ([...name].some((c) => c.charCodeAt(0) > 0xff) || !/[\u00c0-\u00ff]/u.test(name)) return null;
  const decoded = TURKISH.decode(Buffer.from(name, "latin1"));
  return decoded === name ? null : decoded;
}

/** The member a single list entry names on `date`, repaired where a rule above applies; null when none. */
export function memberOfName(name: string, date: string): Member | null {
  const text = name.trim();
  const direct = findMember(text, { date });
  if (direct) return direct;
  const slip = NAME_SLIPS[text];
  if (slip) return findMember(slip, { date });
  const decoded = undoTurkishMojibake(text);
  return decoded ? findMember(decoded, { date }) : null;
}

export interface ListedMember {
  /** The entry as written (two entries joined with a space when a name was split). */
  name: string;
  /** Index of the (first) entry in the list. */
  index: number;
  member: Member | null;
}

/** A vote list's entries as members, a name split over two entries joined back. */
export function readNameList(names: readonly string[], date: string): ListedMember[] {
  const out: ListedMember[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const member = memberOfName(name, date);
    const next = names[i + 1];
    if (!member && next !== undefined && !memberOfName(next, date)) {
      const joined = memberOfName(`${name} ${next}`, date);
      if (joined) {
        out.push({ name: `${name} ${next}`, index: i, member: joined });
        i++;
        continue;
      }
    }
    out.push({ name, index: i, member });
  }
  return out;
}
