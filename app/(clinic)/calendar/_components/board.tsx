"use client";

import { useEffect, useState } from "react";
import { SoftLinks } from "@/components/ui/soft-links";
import type { BoardBlock, BoardColumn } from "./board-model";
import { KIND_STYLES } from "./kinds";

/** Minutes per rem of height: a half hour is 2.5 rem. */
const MINUTES_PER_REM = 12;
const SLOT = 30;
const rem = (minutes: number) => `${minutes / MINUTES_PER_REM}rem`;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** The clinic's wall-clock minute now, in its zone. */
function clinicMinuteNow(timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}

/**
 * The scheduling board: a column per room (or per day of a room's or a clinician's week), time
 * running down, each session one block placed at its start and sized by its length, closed hours
 * shaded, the current time a line on today's columns, and a link on each free half hour of a
 * room's open hours that opens the booking form there.
 *
 * One client component fed flat rows (board-model.ts), not a component per session: as a server
 * component the same markup went to the browser twice, as HTML and again in the RSC payload. Its
 * markup is what drag-to-move hangs on: each column is one element with data-room-id and
 * data-day (and data-from: the minute at its top; MINUTES_PER_REM minutes per rem), each block one
 * element with data-session-id, data-starts-at, data-room-id and data-minutes.
 */
export function Board(props: {
  caption: string;
  columns: BoardColumn[];
  blocks: BoardBlock[];
  from: number;
  to: number;
  /** The page's address without date, session and booking: links keep the view and filters. */
  base: string;
  canBook: boolean;
  timeZone: string;
  /** The clinic's minute now, as the server saw it (the line then moves each minute). */
  now: number;
}) {
  const [now, setNow] = useState(props.now);
  useEffect(() => {
    const tick = setInterval(() => setNow(clinicMinuteNow(props.timeZone)), 60_000);
    return () => clearInterval(tick);
  }, [props.timeZone]);

  const height = rem(props.to - props.from);
  const top = (minute: number) => rem(Math.max(minute, props.from) - props.from);
  const link = (params: string) => `${props.base}${props.base.includes("?") ? "&" : "?"}${params}`;
  const byColumn = props.columns.map(() => [] as BoardBlock[]);
  for (const block of props.blocks) byColumn[block.column]?.push(block);
  const hours: number[] = [];
  for (let m = Math.ceil(props.from / 60) * 60; m < props.to; m += 60) hours.push(m);
  const showNow = now >= props.from && now <= props.to && props.columns.some((c) => c.today);

  return (
    // Hundreds of links: plain anchors under one SoftLinks listener, not a <Link> each (see SoftLinks).
    <SoftLinks className="overflow-x-auto">
      {/* Columns stay readable with many rooms; the board scrolls sideways instead. */}
      <table className="w-full table-fixed border-collapse rounded-lg bg-white text-xs" style={{ minWidth: `${3.5 + props.columns.length * 8}rem` }} data-testid="board">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="w-14 border border-stone-200 px-1 py-1 text-left">
              Time
            </th>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={`overflow-hidden border border-stone-200 px-2 py-1 text-left ${c.today ? "bg-brand-50" : ""}`} data-testid="room-column">
                {c.title}
                {/* Its own line: with many rooms the columns are narrow. */}
                {c.dosing && <span className="block font-normal text-violet-800">dosing</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="border border-stone-200 p-0 align-top">
              <div className="relative" style={{ height }} aria-hidden="true">
                {hours.map((m) => (
                  <span key={m} className="absolute right-1 -translate-y-px font-mono text-stone-600" style={{ top: top(m) }}>
                    {hhmm(m)}
                  </span>
                ))}
                {showNow && (
                  <span className="absolute right-1 z-20 rounded bg-red-700 px-0.5 font-mono text-white" style={{ top: top(now) }}>
                    {hhmm(now)}
                  </span>
                )}
              </div>
            </td>
            {props.columns.map((c, i) => (
              <td key={c.key} className="border border-stone-200 p-0 align-top">
                <div className="relative" style={{ height }} data-testid="board-column" data-room-id={c.roomId ?? undefined} data-day={c.day} data-from={props.from}>
                  {c.shades.map((s) =>
                    s.to > props.from && s.from < props.to ? (
                      <div key={`${s.from}-${s.label}`} className="cal-shade" style={{ top: top(s.from), height: rem(Math.min(s.to, props.to) - Math.max(s.from, props.from)) }}>
                        {Math.min(s.to, props.to) - Math.max(s.from, props.from) >= SLOT ? s.label : null}
                      </div>
                    ) : null,
                  )}
                  {props.canBook && c.roomId && freePlaces(c, byColumn[i]).map((m) => (
                    <a key={m} href={link(`date=${c.day}&book=${c.roomId}&time=${hhmm(m)}#book`)} className="cal-free" style={{ top: top(m), height: rem(SLOT) }} aria-label={`Book ${c.roomName} at ${hhmm(m)} on ${c.dayName}`} />
                  ))}
                  {byColumn[i].map((b) => (
                    <a
                      key={b.id}
                      href={link(`date=${b.day}&session=${b.id}`)}
                      className={`cal-block ${KIND_STYLES[b.kind] ?? ""}`}
                      style={{ top: top(b.start), height: rem(Math.max(15, Math.min(b.start + b.minutes, props.to) - Math.max(b.start, props.from))) }}
                      data-testid="calendar-session"
                      data-session-id={b.id}
                      data-starts-at={b.startsAt}
                      data-room-id={b.roomId ?? ""}
                      data-minutes={b.minutes}
                      data-kind={b.kind}
                    >
                      <span className="block font-mono">{b.time}</span>
                      <span className="block font-semibold">{b.kindLabel}</span>
                      <span className="block">{b.label}</span>
                      <span className="block text-stone-700">
                        {[b.room, b.clinicians, b.status].filter(Boolean).join(" · ")}
                      </span>
                    </a>
                  ))}
                  {c.today && showNow && <div className="cal-now" style={{ top: top(now) }} aria-hidden="true" />}
                </div>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </SoftLinks>
  );
}

/** The column's free half hours: inside its open hours, outside its closures and its sessions. */
function freePlaces(column: BoardColumn, blocks: BoardBlock[]): number[] {
  if (!column.open) return [];
  const places: number[] = [];
  const busy = (from: number, to: number) => blocks.some((b) => b.start < to && b.start + b.minutes > from) || column.shades.some((s) => s.from < to && s.to > from);
  for (let m = column.open.from; m + SLOT <= column.open.to; m += SLOT) if (!busy(m, m + SLOT)) places.push(m);
  return places;
}
