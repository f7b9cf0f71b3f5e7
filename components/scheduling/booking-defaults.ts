// The booking form's defaults, pure (no React, no server): which kinds a couple can book, the
// integration's proposed day (P4) and when a session ends. Unit-tested in tests/unit/booking-defaults.test.ts.
import type { CoupleChoice } from "@/lib/couples/search-couples";
import type { SessionKindName } from "@/lib/sessions/labels";

/** What a couple can book: couples therapy always; a KAP cycle's sessions while a cycle is open. */
export function kindsFor(model: CoupleChoice["model"]): SessionKindName[] {
  if (!model) return ["COUPLES_THERAPY"];
  return ["COUPLES_THERAPY", "INTAKE", "PREPARATION", "MEDICAL_EVALUATION", model === "TAKING_TURNS" ? "MEDICINE_TAKING_TURNS" : "MEDICINE_LOW_DOSE"];
}

/** Every kind the booking form books on its own (an integration is booked with its medicine session, P4). */
export const ALL_KINDS: SessionKindName[] = ["COUPLES_THERAPY", "INTAKE", "PREPARATION", "MEDICAL_EVALUATION", "MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE"];

// Calendar dates as "YYYY-MM-DD": adding days and reading the weekday of a date need no time zone.
function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const isoWeekdayOf = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay() || 7;

/** The first day of the window (P4) the clinic is open, or the window's first day when none is. */
export function firstOpenWindowDay(day: string, window: { min: number; max: number }, open: { weekdays: readonly number[]; closed?: readonly string[] }): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return "";
  for (let n = window.min; n <= window.max; n++) {
    const candidate = plusDays(day, n);
    if (open.weekdays.includes(isoWeekdayOf(candidate)) && !open.closed?.includes(candidate)) return candidate;
  }
  return plusDays(day, window.min);
}

/** "12:30" for a start "HH:MM" plus minutes; null while the time is incomplete. */
export function endOf(time: string, minutes: number): string | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const end = (Number(m[1]) * 60 + Number(m[2]) + minutes) % 1440;
  return `${String(Math.floor(end / 60)).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}`;
}

