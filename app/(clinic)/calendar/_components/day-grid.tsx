"use client";

import { SoftLinks } from "@/components/ui/soft-links";
import { RoomHeader } from "./room-header";

export type DaySlot = { minute: number; label: string };
/** A session placed on the grid: the half hour it starts in (`first`) and how many it spans. */
export type DayCard = { id: string; roomId: string; first: number; span: number; time: string; kind: string; kindLabel: string; label: string; status: string };

const KIND_STYLES: Record<string, string> = {
  MEDICINE_TAKING_TURNS: "border-violet-300 bg-violet-50",
  MEDICINE_LOW_DOSE: "border-violet-300 bg-violet-50",
  INTEGRATION: "border-sky-300 bg-sky-50",
  MEDICAL_EVALUATION: "border-amber-300 bg-amber-50",
};

/**
 * One day, one column per room, a row per half hour; free half hours are links that book.
 * A client component fed flat rows, like WeekTable: 20 rooms × 24 half hours is ~500 cells.
 */
export function DayGrid(props: {
  dateKey: string;
  dayName: string;
  slots: DaySlot[];
  rooms: { id: string; name: string; dosingEquipped: boolean }[];
  cards: DayCard[];
  canBook: boolean;
}) {
  // Which room/slot cells a session covers: its first cell spans the next `span - 1` rows.
  const covered = new Set<string>();
  const starting = new Map<string, DayCard>();
  const row = new Map(props.slots.map((slot, i) => [slot.minute, i]));
  for (const card of props.cards) {
    starting.set(`${card.roomId}@${card.first}`, card);
    const first = row.get(card.first) ?? 0;
    for (const slot of props.slots.slice(first + 1, first + card.span)) covered.add(`${card.roomId}@${slot.minute}`);
  }

  // Hundreds of cells: plain anchors under one SoftLinks listener, not a <Link> each (see SoftLinks).
  return (
    <SoftLinks className="overflow-x-auto">
      {/* Columns stay readable with many rooms; the table scrolls sideways instead. */}
      <table className="w-full table-fixed border-collapse rounded-lg bg-white text-xs" style={{ minWidth: `${4 + props.rooms.length * 7}rem` }}>
        <caption className="sr-only">Rooms on {props.dayName}, by half hour</caption>
        <RoomHeader first="Time" firstWidth="w-16" rooms={props.rooms} />
        <tbody>
          {props.slots.map((slot) => (
            <tr key={slot.minute} className="h-8">
              <th scope="row" className="border border-stone-200 px-2 text-left font-mono font-normal text-stone-600">
                {slot.label}
              </th>
              {props.rooms.map((room) => {
                const key = `${room.id}@${slot.minute}`;
                if (covered.has(key)) return null;
                const card = starting.get(key);
                if (card) {
                  return (
                    <td key={key} rowSpan={card.span} className="border border-stone-200 p-0.5 align-top">
                      <a href={`/calendar?date=${props.dateKey}&session=${card.id}`} className={`cal-card ${KIND_STYLES[card.kind] ?? "border-brand-100 bg-brand-50"}`} data-testid="calendar-session">
                        <span className="block font-mono">{card.time}</span>
                        <span className="block font-medium">{card.kindLabel}</span>
                        <span className="block">{card.label}</span>
                        <span className="block text-stone-600">{card.status}</span>
                      </a>
                    </td>
                  );
                }
                return (
                  <td key={key} className="border border-stone-100 p-0">
                    {props.canBook ? (
                      <a href={`/calendar?date=${props.dateKey}&room=${room.id}&time=${slot.label}#book`} className="cal-free" aria-label={`Book ${room.name} at ${slot.label} on ${props.dayName}`} />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </SoftLinks>
  );
}
