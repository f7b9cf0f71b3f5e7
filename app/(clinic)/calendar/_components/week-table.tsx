import Link from "next/link";
import { addClinicDays, clinicDate, formatClinicDay, formatClinicTime } from "@/lib/protocol/calendar";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import type { CalendarSession } from "@/lib/sessions/room-schedule";
import { RoomHeader } from "./room-header";

/** A week: a row per open day, one column per room, each cell that room's sessions that day. */
export function WeekTable(props: {
  firstDay: string;
  timeZone: string;
  openWeekdays: number[];
  rooms: { id: string; name: string; dosingEquipped: boolean }[];
  sessions: CalendarSession[];
  canBook: boolean;
}) {
  const tz = props.timeZone;
  const days = Array.from({ length: 7 }, (_, i) => addClinicDays(props.firstDay, i, tz)).filter((_, i) => props.openWeekdays.includes(i + 1));
  return (
    <table className="w-full table-fixed border-collapse rounded-lg bg-white text-xs">
      <caption className="sr-only">Rooms this week</caption>
      <RoomHeader first="Day" firstWidth="w-24" rooms={props.rooms} />
      <tbody>
        {days.map((day) => (
          <tr key={day}>
            <th scope="row" className="border border-stone-200 px-2 py-1 text-left align-top">
              <Link className="underline" href={`/calendar?date=${day}`}>
                {formatClinicDay(day, tz)}
              </Link>
            </th>
            {props.rooms.map((room) => {
              const here = props.sessions.filter((s) => s.roomId === room.id && s.status !== "CANCELLED" && clinicDate(s.startsAt, tz) === day);
              return (
                <td key={room.id} className="border border-stone-200 p-1 align-top">
                  <ul className="space-y-1">
                    {here.map((s) => (
                      <li key={s.id}>
                        <Link href={`/calendar?date=${day}&session=${s.id}`} className="block rounded bg-brand-50 px-1 py-0.5 hover:ring-2 hover:ring-brand-600" data-testid="calendar-session">
                          <span className="font-mono">{formatClinicTime(s.startsAt, tz)}</span> {SESSION_KIND_LABELS[s.kind as SessionKindName]}
                          <span className="block text-stone-600">{s.label ?? "Booked"}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                  {props.canBook && (
                    <Link href={`/calendar?date=${day}&room=${room.id}#book`} className="mt-1 inline-block text-brand-700 underline" aria-label={`Book ${room.name} on ${formatClinicDay(day, tz)}`}>
                      Book…
                    </Link>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
