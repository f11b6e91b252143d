/**
 * Security Council vetoes: `N` votes of a permanent member on a roll call recorded as vetoed, per
 * member (and the name it sat under) and per permanent seat. For `plenary vetoes` and the Council page.
 */
import type { Kysely } from "kysely";
import { isPermanentMemberOn } from "../../../core/council/index.js";
import { getMember, nameOn } from "../../../core/members/index.js";
import type { Database } from "../schema.js";

export interface MemberVetoes {
  memberId: string;
  /** The name the member sat under (`Soviet Union`, then `Russia`): one row per name. */
  name: string;
  /** The permanent seat: `CHN` for the Republic of China's vetoes too. */
  seat: string;
  vetoes: number;
  first: string;
  last: string;
}

export interface SeatVetoes {
  seat: string;
  name: string;
  vetoes: number;
  /** The members that held the seat and vetoed, with their counts. */
  members: MemberVetoes[];
}

/** The permanent seat a member held: China's seat passed from the Republic of China (TWN) in 1971. */
export function permanentSeatOf(memberId: string): string {
  return memberId === "TWN" ? "CHN" : memberId;
}

/**
 * Vetoes cast: `N` votes of a permanent member on a Security Council roll call recorded as vetoed,
 * counted per member and the name it sat under then. Sorted by seat, then date.
 */
export async function vetoesPerMember(
  db: Kysely<Database>,
  options: { from?: string; to?: string } = {},
): Promise<MemberVetoes[]> {
  let query = db
    .selectFrom("votes")
    .innerJoin("roll_calls", "roll_calls.id", "votes.roll_call_id")
    .select(["votes.member_id as memberId", "roll_calls.date as date"])
    .where("roll_calls.body", "=", "SC")
    .where("roll_calls.recorded_outcome", "=", "vetoed")
    .where("votes.vote", "=", "N");
  if (options.from) query = query.where("roll_calls.date", ">=", options.from);
  if (options.to) query = query.where("roll_calls.date", "<=", options.to);
  const rows = await query.orderBy("roll_calls.date").execute();
  const byKey = new Map<string, MemberVetoes>();
  for (const { memberId, date } of rows) {
    // A no vote of an elected member does not veto.
    if (!isPermanentMemberOn(memberId, date)) continue;
    const member = getMember(memberId);
    const name = member ? nameOn(member, date) : memberId;
    const key = `${memberId}\u0000${name}`;
    const entry = byKey.get(key);
    if (entry) {
      entry.vetoes++;
      entry.last = date;
    } else {
      byKey.set(key, { memberId, name, seat: permanentSeatOf(memberId), vetoes: 1, first: date, last: date });
    }
  }
  return [...byKey.values()].sort((a, b) => a.seat.localeCompare(b.seat) || a.first.localeCompare(b.first));
}

/** Vetoes per permanent seat (the Soviet Union's and Russia's together as one seat). */
export async function vetoesPerSeat(
  db: Kysely<Database>,
  options: { from?: string; to?: string } = {},
): Promise<SeatVetoes[]> {
  const members = await vetoesPerMember(db, options);
  const seats = new Map<string, SeatVetoes>();
  for (const m of members) {
    const seat = seats.get(m.seat) ?? {
      seat: m.seat,
      name: getMember(m.seat)?.name ?? m.seat,
      vetoes: 0,
      members: [],
    };
    seat.vetoes += m.vetoes;
    seat.members.push(m);
    seats.set(m.seat, seat);
  }
  return [...seats.values()].sort((a, b) => b.vetoes - a.vetoes || a.seat.localeCompare(b.seat));
}
