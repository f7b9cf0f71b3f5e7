import Link from "next/link";
import { formatClinicDay, formatClinicTime, formatMinuteOfDay } from "@/lib/protocol/calendar";
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS, type SessionKindName, type SessionStatusName } from "@/lib/sessions/labels";
import type { CalendarSession } from "@/lib/sessions/room-schedule";
import { RoomHeader } from "./room-header";

const SLOT = 30;
const KIND_STYLES: Record<string, string> = {
  MEDICINE_TAKING_TURNS: "border-violet-300 bg-violet-50",
  MEDICINE_LOW_DOSE: "border-violet-300 bg-violet-50",
  INTEGRATION: "border-sky-300 bg-sky-50",
  MEDICAL_EVALUATION: "border-amber-300 bg-amber-50",
};

/** One day, one column per room, a row per half hour; free half hours are links that book. */
export function DayGrid(props: {
  dateKey: string;
  dayStart: Date;
  timeZone: string;
  opensAtMinute: number;
  closesAtMinute: number;
  rooms: { id: string; name: string; dosingEquipped: boolean }[];
  sessions: CalendarSession[];
  canBook: boolean;
}) {
  const { timeZone: tz } = props;
  const live = props.sessions.filter((s) => s.status !== "CANCELLED" && s.roomId);
  const slots: number[] = [];
  for (let m = props.opensAtMinute; m < props.closesAtMinute; m += SLOT) slots.push(m);
  const minuteOf = (d: Date) => {
    const [h, m] = formatClinicTime(d, tz).split(":").map(Number);
    return h * 60 + m;
  };
  // Which room/slot cells a session covers: its first cell spans the rest.
  const covered = new Set<string>();
  const starting = new Map<string, { session: CalendarSession; span: number }>();
  for (const s of live) {
    const start = Math.max(minuteOf(s.startsAt), props.opensAtMinute);
    const first = slots.findLast((m) => m <= start) ?? slots[0];
    const end = Math.min(minuteOf(s.endsAt) || 1440, props.closesAtMinute);
    const span = Math.max(1, Math.ceil((end - first) / SLOT));
    starting.set(`${s.roomId}@${first}`, { session: s, span });
    for (let i = 1; i < span; i++) covered.add(`${s.roomId}@${first + i * SLOT}`);
  }
  const day = formatClinicDay(props.dayStart, tz);

  return (
    <table className="w-full table-fixed border-collapse rounded-lg bg-white text-xs">
      <caption className="sr-only">Rooms on {day}, by half hour</caption>
      <RoomHeader first="Time" firstWidth="w-16" rooms={props.rooms} />
      <tbody>
        {slots.map((minute) => (
          <tr key={minute} className="h-8">
            <th scope="row" className="border border-stone-200 px-2 text-left font-mono font-normal text-stone-600">
              {formatMinuteOfDay(minute)}
            </th>
            {props.rooms.map((room) => {
              const key = `${room.id}@${minute}`;
              if (covered.has(key)) return null;
              const start = starting.get(key);
              if (start) {
                const s = start.session;
                const kind = SESSION_KIND_LABELS[s.kind as SessionKindName];
                return (
                  <td key={key} rowSpan={start.span} className="border border-stone-200 p-0.5 align-top">
                    <Link
                      href={`/calendar?date=${props.dateKey}&session=${s.id}`}
                      className={`block h-full rounded border px-1.5 py-1 hover:ring-2 hover:ring-brand-600 ${KIND_STYLES[s.kind] ?? "border-brand-100 bg-brand-50"}`}
                      data-testid="calendar-session"
                    >
                      <span className="block font-mono">
                        {formatClinicTime(s.startsAt, tz)}–{formatClinicTime(s.endsAt, tz)}
                      </span>
                      <span className="block font-medium">{kind}</span>
                      <span className="block">{s.label ?? "Booked"}</span>
                      <span className="block text-stone-600">{SESSION_STATUS_LABELS[s.status as SessionStatusName]}</span>
                    </Link>
                  </td>
                );
              }
              return (
                <td key={key} className="border border-stone-100 p-0">
                  {props.canBook ? (
                    <Link
                      href={`/calendar?date=${props.dateKey}&room=${room.id}&time=${formatMinuteOfDay(minute)}#book`}
                      className="block h-8 w-full hover:bg-brand-50 focus:bg-brand-50"
                      aria-label={`Book ${room.name} at ${formatMinuteOfDay(minute)} on ${day}`}
                    />
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
