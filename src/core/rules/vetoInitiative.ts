/**
 * The veto initiative (A/RES/76/262 of 26 April 2022): whenever a permanent member casts a veto in the
 * Security Council, the President of the General Assembly convenes a formal meeting of the Assembly
 * within 10 working days to debate it.
 *
 * Working days are Monday to Friday. UN holidays (New Year's Day, Good Friday, Eid al-Fitr, Eid al-Adha,
 * Thanksgiving, Christmas …) are not modelled: the deadline can be a day or two earlier than the one the
 * Secretariat would count, never later.
 */
import { checkIsoDate } from "../council/index.js";

/** The day res. 76/262 was adopted: vetoes from this day on trigger the initiative. */
export const VETO_INITIATIVE_FROM = "2022-04-26";

/** Working days the Assembly has to meet after a veto. */
export const VETO_INITIATIVE_WORKING_DAYS = 10;

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether `date` is a working day (Monday–Friday; UN holidays are not modelled). */
export function isWorkingDay(date: string): boolean {
  const day = toUtc(checkIsoDate(date)).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `days` working days after `date` (the day itself not counted). */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  const current = toUtc(checkIsoDate(date));
  let left = days;
  while (left > 0) {
    current.setUTCDate(current.getUTCDate() + 1);
    const day = current.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return toIso(current);
}

/**
 * The last day on which the General Assembly's meeting on a veto cast on `vetoDate` may take place:
 * 10 working days after the veto. Null for vetoes before 26 April 2022, when there was no such rule.
 */
export function vetoInitiativeDeadline(vetoDate: string): string | null {
  checkIsoDate(vetoDate, "vetoDate");
  if (vetoDate < VETO_INITIATIVE_FROM) return null;
  return addWorkingDays(vetoDate, VETO_INITIATIVE_WORKING_DAYS);
}
