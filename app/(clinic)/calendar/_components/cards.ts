// The room calendar's tables are client components fed flat, already formatted rows (see
// WeekTable); these build the rows on the server, where the clinic's zone maths lives.
import { addClinicDays, clinicDate, clinicMinuteOfDay, formatClinicDay, formatClinicTime, formatMinuteOfDay } from "@/lib/protocol/calendar";
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS, type SessionKindName, type SessionStatusName } from "@/lib/sessions/labels";
import type { CalendarSession } from "@/lib/sessions/room-schedule";
import type { DayCard, DaySlot } from "./day-grid";
import type { WeekCard } from "./week-table";

type Placed = CalendarSession & { roomId: string };
const placed = (sessions: CalendarSession[]) => sessions.filter((s): s is Placed => s.status !== "CANCELLED" && s.roomId !== null);

/** The week's open days from its Monday, each with its heading. */
export function weekDays(monday: string, timeZone: string, openWeekdays: number[]) {
  return Array.from({ length: 7 }, (_, i) => addClinicDays(monday, i, timeZone))
    .filter((_, i) => openWeekdays.includes(i + 1))
    .map((key) => ({ key, name: formatClinicDay(key, timeZone) }));
}

/** The week's live sessions as the table's cards, times in the clinic's zone. */
export function weekCards(sessions: CalendarSession[], timeZone: string): WeekCard[] {
  return placed(sessions).map((s) => ({
    id: s.id,
    roomId: s.roomId,
    day: clinicDate(s.startsAt, timeZone),
    time: formatClinicTime(s.startsAt, timeZone),
    kind: SESSION_KIND_LABELS[s.kind as SessionKindName],
    label: s.label ?? "Booked",
  }));
}

const SLOT = 30;

/** The day's half hours from opening to closing. */
export function daySlots(opensAtMinute: number, closesAtMinute: number): DaySlot[] {
  const slots: DaySlot[] = [];
  for (let minute = opensAtMinute; minute < closesAtMinute; minute += SLOT) slots.push({ minute, label: formatMinuteOfDay(minute) });
  return slots;
}

/** The day's live sessions, each placed in the half hour it starts in and spanning to its end. */
export function dayCards(sessions: CalendarSession[], timeZone: string, slots: DaySlot[], closesAtMinute: number): DayCard[] {
  const opensAtMinute = slots[0]?.minute ?? closesAtMinute;
  return placed(sessions).map((s) => {
    const start = Math.max(clinicMinuteOfDay(s.startsAt, timeZone), opensAtMinute);
    const first = slots.findLast((slot) => slot.minute <= start)?.minute ?? opensAtMinute;
    const end = Math.min(clinicMinuteOfDay(s.endsAt, timeZone) || 1440, closesAtMinute);
    return {
      id: s.id,
      roomId: s.roomId,
      first,
      span: Math.max(1, Math.ceil((end - first) / SLOT)),
      time: `${formatClinicTime(s.startsAt, timeZone)}–${formatClinicTime(s.endsAt, timeZone)}`,
      kind: s.kind,
      kindLabel: SESSION_KIND_LABELS[s.kind as SessionKindName],
      label: s.label ?? "Booked",
      status: SESSION_STATUS_LABELS[s.status as SessionStatusName],
    };
  });
}
