/**
 * Facts of the seed votes (../shared/reference/seed-events-2025-02-24.md) that several tests check
 * against: one list, so a test cannot drift from the reference.
 */
import type { MemberVote } from "../core/vote.js";

/** The 18 members that voted against A/RES/ES-11/7 on 24 February 2025. */
export const ES_11_7_AGAINST = [
  "BLR",
  "BFA",
  "BDI",
  "CAF",
  "PRK",
  "GNQ",
  "ERI",
  "HTI",
  "HUN",
  "ISR",
  "MLI",
  "MHL",
  "NIC",
  "NER",
  "PLW",
  "RUS",
  "SDN",
  "USA",
] as const;

/** The Security Council of 2025: the five permanent members, then the ten elected. */
export const COUNCIL_2025 = [
  "CHN",
  "FRA",
  "RUS",
  "GBR",
  "USA",
  "DZA",
  "DNK",
  "GRC",
  "GUY",
  "PAK",
  "PAN",
  "KOR",
  "SLE",
  "SVN",
  "SOM",
] as const;

/** A 2025 Council vote: every member votes `rest` (yes by default), except those in `overrides`. */
export function councilVotes(
  overrides: Record<string, MemberVote>,
  rest: MemberVote = "Y",
): Record<string, MemberVote> {
  return { ...Object.fromEntries(COUNCIL_2025.map((id) => [id, rest])), ...overrides };
}
