/** Dates as people read them: one formatter for the CLI, the pages and the stories. */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2025-02-24` (or a timestamp starting so) → `24 February 2025`, UN style; anything else as given. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return y && m && d && m <= 12 ? `${d} ${MONTHS[m - 1]} ${y}` : iso;
}

/** `1975-11-01` → `November 1975`: a date known to the month. */
export function monthYear(iso: string): string {
  const [y, m] = iso.slice(0, 7).split("-").map(Number);
  return y && m && m <= 12 ? `${MONTHS[m - 1]} ${y}` : iso;
}

/** The day before an ISO date (membership periods end on the first day no longer a member). */
export function dayBefore(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
