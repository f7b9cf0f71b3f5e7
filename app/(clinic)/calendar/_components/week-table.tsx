"use client";

import { SoftLinks } from "@/components/ui/soft-links";
import { RoomHeader } from "./room-header";

/** One card of the week: already formatted on the server, so this file needs no zone maths. */
export type WeekCard = { id: string; roomId: string; day: string; time: string; kind: string; label: string };

/**
 * A week: a row per open day, one column per room, each cell that room's sessions that day.
 * A client component fed flat rows: as a server component the same table went to the browser
 * twice, as HTML and again as an element tree in the RSC payload (~290 kB for a busy week).
 */
export function WeekTable(props: { days: { key: string; name: string }[]; rooms: { id: string; name: string; dosingEquipped: boolean }[]; cards: WeekCard[]; canBook: boolean }) {
  const byCell = new Map<string, WeekCard[]>();
  for (const card of props.cards) {
    const key = `${card.roomId}@${card.day}`;
    (byCell.get(key) ?? byCell.set(key, []).get(key)!).push(card);
  }
  // Hundreds of cells: plain anchors under one SoftLinks listener, not a <Link> each (see SoftLinks).
  return (
    <SoftLinks className="overflow-x-auto">
      {/* Columns stay readable with many rooms; the table scrolls sideways instead. */}
      <table className="w-full table-fixed border-collapse rounded-lg bg-white text-xs" style={{ minWidth: `${6 + props.rooms.length * 7}rem` }}>
        <caption className="sr-only">Rooms this week</caption>
        <RoomHeader first="Day" firstWidth="w-24" rooms={props.rooms} />
        <tbody>
          {props.days.map((day) => (
            <tr key={day.key}>
              <th scope="row" className="border border-stone-200 px-2 py-1 text-left align-top">
                <a className="underline" href={`/calendar?date=${day.key}`}>
                  {day.name}
                </a>
              </th>
              {props.rooms.map((room) => (
                <td key={room.id} className="border border-stone-200 p-1 align-top">
                  <ul className="space-y-1">
                    {(byCell.get(`${room.id}@${day.key}`) ?? []).map((s) => (
                      <li key={s.id}>
                        <a href={`/calendar?date=${day.key}&session=${s.id}`} className="cal-week-session" data-testid="calendar-session">
                          <span className="font-mono">{s.time}</span> {s.kind}
                          <span className="block text-stone-600">{s.label}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                  {props.canBook && (
                    <a href={`/calendar?date=${day.key}&room=${room.id}#book`} className="mt-1 inline-block text-brand-700 underline" aria-label={`Book ${room.name} on ${day.name}`}>
                      Book…
                    </a>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </SoftLinks>
  );
}
