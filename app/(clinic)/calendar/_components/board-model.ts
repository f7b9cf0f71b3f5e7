// The board's columns and blocks, built on the server where the clinic's zone maths lives, and
// sent to the Board client component as flat, already formatted rows: only what it shows.
import { clinicDate, clinicMinuteOfDay, formatClinicDay, formatClinicTimeRange } from "@/lib/protocol/calendar";
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS, type SessionKindName, type SessionStatusName } from "@/lib/sessions/labels";
import type { CalendarSession } from "@/lib/sessions/room-schedule";

/** One clinic day's hours and closures, as openingDaysOf (lib/clinic/opening-hours.ts) gives them: what the board reads of it. */
export type DayOpening = {
  day: string;
  hours: { opensAtMinute: number; closesAtMinute: number } | null;
  open: boolean;
  closures: { roomId: string | null; fromMinute: number; toMinute: number; reason: string }[];
};

/** A span of a column shaded as closed, in minutes after local midnight, with the words shown on it. */
export type Shade = { from: number; to: number; label: string };

/**
 * A column of the board: a room on a day (the day board, a room's week), or a clinician's day.
 * `roomId` is what a free place books (none in a clinician's week: choose a room's column).
 */
export type BoardColumn = {
  key: string;
  day: string;
  /** "Tue 3 Mar", for the free places' names. */
  dayName: string;
  roomId: string | null;
  roomName: string | null;
  title: string;
  dosing: boolean;
  today: boolean;
  shades: Shade[];
  open: { from: number; to: number } | null;
};

/** A session's block: its column, where it starts (minute of the day) and how long it lasts. */
export type BoardBlock = {
  id: string;
  column: number;
  start: number;
  minutes: number;
  startsAt: string;
  roomId: string | null;
  day: string;
  time: string;
  kind: string;
  kindLabel: string;
  label: string;
  clinicians: string;
  status: string;
  room?: string;
};

/** Closed parts of one column: before opening, after closing, and closures of the clinic or of its room. */
function shadesOf(opening: DayOpening, roomId: string | null, roomName?: string): Shade[] {
  if (!opening.hours || !opening.open) {
    // A day closed by a holiday says which (its reason: "Closed: Staff retreat").
    const holiday = opening.closures.find((c) => c.roomId === null);
    return [{ from: 0, to: 1440, label: !opening.hours ? "Closed" : holiday ? `Closed: ${holiday.reason}` : "Closed (holiday)" }];
  }
  const shades: Shade[] = [
    { from: 0, to: opening.hours.opensAtMinute, label: "Closed" },
    { from: opening.hours.closesAtMinute, to: 1440, label: "Closed" },
  ];
  for (const c of opening.closures) {
    if (c.roomId === null) shades.push({ from: c.fromMinute, to: c.toMinute, label: `Closed: ${c.reason}` });
    else if (roomId !== null && c.roomId === roomId) shades.push({ from: c.fromMinute, to: c.toMinute, label: `${roomName ?? "Room"} out of service: ${c.reason}` });
  }
  return shades.filter((s) => s.to > s.from);
}

type Room = { id: string; name: string; dosingEquipped: boolean };

/** The day board: a column per room, all on one day. */
export function roomColumns(rooms: Room[], opening: DayOpening, timeZone: string, today: string): BoardColumn[] {
  const dayName = formatClinicDay(opening.day, timeZone);
  return rooms.map((room) => ({
    key: `${room.id}@${opening.day}`,
    day: opening.day,
    dayName,
    roomId: room.id,
    roomName: room.name,
    title: room.name,
    dosing: room.dosingEquipped,
    today: opening.day === today,
    shades: shadesOf(opening, room.id, room.name),
    open: opening.hours && opening.open ? { from: opening.hours.opensAtMinute, to: opening.hours.closesAtMinute } : null,
  }));
}

/** A week: a column per day, for one room (its free places book that room) or one clinician. */
export function dayColumns(openings: DayOpening[], timeZone: string, today: string, room: Room | null): BoardColumn[] {
  return openings.map((opening) => ({
    key: `${room?.id ?? "clinician"}@${opening.day}`,
    day: opening.day,
    dayName: formatClinicDay(opening.day, timeZone),
    roomId: room?.id ?? null,
    roomName: room?.name ?? null,
    title: formatClinicDay(opening.day, timeZone),
    dosing: room?.dosingEquipped ?? false,
    today: opening.day === today,
    shades: shadesOf(opening, room?.id ?? null, room?.name),
    open: opening.hours && opening.open ? { from: opening.hours.opensAtMinute, to: opening.hours.closesAtMinute } : null,
  }));
}

/**
 * The live sessions as blocks in their columns (by room on a day board, by day in a week), times
 * in the clinic's zone. Cancelled sessions free their place and are not drawn.
 */
export function blocksOf(sessions: CalendarSession[], columns: BoardColumn[], by: "room" | "day", timeZone: string, roomNames?: Map<string, string>): BoardBlock[] {
  const index = new Map(columns.map((c, i) => [by === "room" ? c.roomId : c.day, i]));
  const blocks: BoardBlock[] = [];
  for (const s of sessions) {
    if (s.status === "CANCELLED") continue;
    const day = clinicDate(s.startsAt, timeZone);
    const column = index.get(by === "room" ? s.roomId : day);
    if (column === undefined) continue;
    blocks.push({
      id: s.id,
      column,
      start: clinicMinuteOfDay(s.startsAt, timeZone),
      minutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000),
      startsAt: s.startsAt.toISOString(),
      roomId: s.roomId,
      day,
      time: formatClinicTimeRange(s.startsAt, s.endsAt, timeZone),
      kind: s.kind,
      kindLabel: SESSION_KIND_LABELS[s.kind as SessionKindName],
      label: s.label ?? "Booked",
      clinicians: s.clinicians,
      status: SESSION_STATUS_LABELS[s.status as SessionStatusName],
      ...(roomNames && { room: s.roomId ? roomNames.get(s.roomId) ?? "" : "Telehealth" }),
    });
  }
  return blocks;
}

/** The hours the board shows: the earliest opening to the latest closing of its days, widened to any session outside them, in whole hours. */
export function visibleRange(openings: DayOpening[], blocks: BoardBlock[], fallback: { from: number; to: number }): { from: number; to: number } {
  const open = openings.filter((o) => o.hours && o.open).map((o) => o.hours!);
  let from = open.length ? Math.min(...open.map((h) => h.opensAtMinute)) : fallback.from;
  let to = open.length ? Math.max(...open.map((h) => h.closesAtMinute)) : fallback.to;
  for (const b of blocks) {
    from = Math.min(from, b.start);
    to = Math.max(to, Math.min(1440, b.start + b.minutes));
  }
  return { from: Math.floor(from / 60) * 60, to: Math.min(1440, Math.ceil(to / 60) * 60) };
}
