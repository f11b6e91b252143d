/**
 * Facts of the seed votes (../shared/reference/seed-events-2025-02-24.md) that several tests check
 * against: one list, so a test cannot drift from the reference.
 */

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
