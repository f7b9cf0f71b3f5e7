import { addClinicDays, atClinicTime, clinicDate, type ClinicDay } from "../protocol/calendar";

// When the server takes a clinic's daily backup: once per clinic-local calendar day, at a
// wall-clock time of the clinic's (a setting, minutes after local midnight). Pure: the zone maths
// is lib/protocol/calendar's (date-fns with @date-fns/tz), never a number of hours added.

/** One day's backup: the clinic date it is the backup of, and the instant it is due. */
export type BackupSlot = { day: ClinicDay; at: Date };

/**
 * The backup of a clinic date. A time inside a spring-forward gap is taken forward (02:30 on the
 * day the clocks skip from 02:00 to 03:00 is 03:30); a time that happens twice as the clocks fall
 * back is taken the first time. Either way, one instant per day.
 */
export function slotOn(day: ClinicDay, minuteOfDay: number, timeZone: string): BackupSlot {
  return { day, at: atClinicTime(day, minuteOfDay, timeZone) };
}

/**
 * The latest backup due at `now`: today's once its time has come, else yesterday's. A server that
 * was down at that time (or started for the first time) takes this one when it starts, and only
 * this one: a week offline costs one catch-up backup, not seven.
 */
export function latestSlot(now: Date, minuteOfDay: number, timeZone: string): BackupSlot {
  const today = slotOn(clinicDate(now, timeZone), minuteOfDay, timeZone);
  return today.at.getTime() <= now.getTime() ? today : slotOn(addClinicDays(today.day, -1, timeZone), minuteOfDay, timeZone);
}

/** The next backup after `now` (what the admin's page announces). */
export function nextSlot(now: Date, minuteOfDay: number, timeZone: string): BackupSlot {
  const today = slotOn(clinicDate(now, timeZone), minuteOfDay, timeZone);
  return today.at.getTime() > now.getTime() ? today : slotOn(addClinicDays(today.day, 1, timeZone), minuteOfDay, timeZone);
}
