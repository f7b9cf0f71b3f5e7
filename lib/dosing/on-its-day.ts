import { RuleViolationError } from "../errors";
import { clinicDate, formatClinicDay } from "../protocol/calendar";

/**
 * P11: a dosing day's records (vitals, doses, a hold override, discharge) are made only on the
 * medicine session's own clinic day, so that none is dated before what it records could have
 * happened or written up days later. The ride home alone may be recorded ahead (P10 wants it
 * before check-in). `what` starts the sentence: "vitals are", "a dose is".
 */
export function assertOnItsDay(what: string, startsAt: Date, timeZone: string, now: Date): void {
  if (isItsDay(startsAt, timeZone, now)) return;
  const day = clinicDate(startsAt, timeZone);
  const today = clinicDate(now, timeZone);
  throw new RuleViolationError(
    "P11",
    `P11: ${what} recorded only on the day of the medicine session, ${formatClinicDay(day, timeZone)}; today is ${formatClinicDay(today, timeZone)}.`,
  );
}

/** Whether today, in the clinic's zone, is the medicine session's day (the page offers the forms only then). */
export function isItsDay(startsAt: Date, timeZone: string, now: Date): boolean {
  return clinicDate(startsAt, timeZone) === clinicDate(now, timeZone);
}
