import "server-only";
import { db } from "../db";
import { addClinicDays, atClinicTime, type ClinicDay } from "../protocol/calendar";
import { openingDays, type OpeningDay } from "../protocol/opening-hours";
import { settingsFromClinic, type ClinicSettingsColumns } from "../protocol/settings";

// The clinic's days as the room calendar and the board show them (issue 14). The rules themselves
// (hours per weekday, which days are open, whether a time falls in a closure) are pure and live in
// lib/protocol/opening-hours.ts: hoursOn, isOpenDay, withinOpeningHours, closureOver, openingDays.

export type { ClosedSpan, OpeningDay } from "../protocol/opening-hours";

/** The closures of a span as the engine reads them, with their room's name for the words. */
export function closuresBetween(clinicId: string, from: Date, to: Date) {
  return db.closure.findMany({
    where: { clinicId, startsAt: { lt: to }, endsAt: { gt: from } },
    select: { id: true, roomId: true, startsAt: true, endsAt: true, reason: true, room: { select: { name: true } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    // A clinic declares a few a year; a week or a month meets a handful.
    take: 500,
  });
}

/**
 * `days` clinic days from `firstDay` ("YYYY-MM-DD"): each day's opening hours (null when the
 * clinic is closed that weekday), whether it is open at all (a holiday may take all its hours),
 * and the closures touching it, the whole clinic's (roomId null) and each room's, clipped to the
 * day in minutes after local midnight with their words, so the board can shade closed hours room
 * by room. Reads only the span's closures; `clinic` is the row the page already has (getClinic).
 */
export async function openingDaysOf(clinic: ClinicSettingsColumns & { id: string }, firstDay: ClinicDay, days: number): Promise<OpeningDay[]> {
  const zone = clinic.timeZone;
  const closures = await closuresBetween(clinic.id, atClinicTime(firstDay, 0, zone), atClinicTime(addClinicDays(firstDay, days, zone), 0, zone));
  return openingDays(settingsFromClinic({ ...clinic, closures }), firstDay, days);
}
