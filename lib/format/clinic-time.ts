import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import { clinicDate, formatClinicTime } from "../protocol/calendar";

// Times are stored as instants and always shown in the clinic's time zone, whatever the
// viewer's browser or the server's zone. The calendar maths and the short forms the engine's
// messages use live in lib/protocol/calendar.ts; these are the page's longer forms on top.

export { formatClinicTime };

export function formatClinicDate(instant: Date, timeZone: string): string {
  return format(instant, "EEE d MMM yyyy", { in: tz(timeZone) });
}

export function formatClinicRange(start: Date, end: Date, timeZone: string): string {
  return `${formatClinicDate(start, timeZone)}, ${formatClinicTime(start, timeZone)}–${formatClinicTime(end, timeZone)}`;
}

/** The clinic-local calendar date of an instant, as Prisma hands `@db.Date` columns: UTC midnight. */
export function clinicDateOnly(instant: Date, timeZone: string): Date {
  return new Date(`${clinicDate(instant, timeZone)}T00:00:00.000Z`);
}

/** A `@db.Date` value shown as a date ("Tue 3 Mar 2026"): it has no time zone of its own. */
export function formatDateOnly(date: Date): string {
  return format(date, "EEE d MMM yyyy", { in: tz("UTC") });
}

export function formatClinicDateTime(instant: Date, timeZone: string): string {
  return `${formatClinicDate(instant, timeZone)}, ${formatClinicTime(instant, timeZone)}`;
}

/** The start of the clinic-local day that contains `instant`. */
export function startOfClinicDay(instant: Date, timeZone: string): Date {
  const local = new TZDate(instant.getTime(), timeZone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone).getTime());
}
