/** ISO calendar dates (`YYYY-MM-DD`) as the rules engine reads them: validated, never parsed loosely. */
import { PlenaryError } from "../errors.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (`2025-02-30` is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Returns `text` when it is an ISO date; throws BAD_INPUT otherwise. */
export function checkIsoDate(text: unknown, field = "date"): string {
  if (typeof text !== "string" || !isIsoDate(text)) {
    throw new PlenaryError(
      "BAD_INPUT",
      `${field} must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(text)}`,
      {
        field,
        help: "Write the date as in 2025-02-24.",
      },
    );
  }
  return text;
}
