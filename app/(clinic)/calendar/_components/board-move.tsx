"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { MoveSessionForm, type MovePlace, type MoveRoom } from "@/components/scheduling/move-session-form";

// Moving a session by dragging its block on the board (issue 14). The board's markup is the
// Board component's; this hangs onto its data attributes only: a block carries data-session-id,
// data-starts-at, data-room-id and data-minutes, a column data-day and data-room-id. Pointer
// events, no library (and not HTML5 drag and drop, whose drag image and drop rules vary between
// browsers and headless ones): the drop opens a dialog that shows the protocol's verdict on the
// new place before anything is saved, and saves on the user's word. Keyboard users move a
// session from its panel's "Move…" form, which is the same form.

const BLOCK = "[data-session-id]";
const COLUMN = "[data-day]:not([data-session-id])";
const SNAP = 15;
/** How far the pointer goes before a press on a block is a drag, not a click. */
const THRESHOLD = 5;

type Drag = {
  block: HTMLElement;
  sessionId: string;
  label: string;
  kind: string | undefined;
  roomId: string | null;
  day: string | undefined;
  /** The block's start, minutes after local midnight, and its pixels per minute. */
  startMinute: number;
  pixelsPerMinute: number;
  /** Where the block was grabbed, from its top; and its top, from its column's top. */
  grabOffset: number;
  topInColumn: number;
};

type Drop = { sessionId: string; label: string; isMedicine: boolean; place: MovePlace; key: number };

/** Minutes after local midnight of an instant, in the clinic's zone. */
function minuteOfDay(iso: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

function blockStart(block: HTMLElement, timeZone: string): number | null {
  const at = block.dataset.startsAt;
  if (!at) return null;
  return /^\d\d:\d\d$/.test(at) ? Number(at.slice(0, 2)) * 60 + Number(at.slice(3)) : minuteOfDay(at, timeZone);
}

/** The column under a point (the blocks and free places in it included). */
function columnAt(x: number, y: number): HTMLElement | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const column = element.closest(COLUMN) as HTMLElement | null;
    if (column) return column;
  }
  return null;
}

/** What a press on a block knows before it becomes a drag. */
function dragOf(block: HTMLElement, pressY: number, timeZone: string): Drag | null {
  const start = blockStart(block, timeZone);
  const minutes = Number(block.dataset.minutes);
  if (start === null || !(minutes > 0)) return null;
  const rect = block.getBoundingClientRect();
  const column = columnAt(rect.left + 1, rect.top + 1);
  return {
    block,
    sessionId: block.dataset.sessionId!,
    // What the block says (its time, kind, couple, people), one line.
    label: (block.getAttribute("aria-label") ?? block.innerText ?? "").replace(/\s+/g, " ").trim().slice(0, 160) || "this session",
    kind: block.dataset.kind,
    roomId: block.dataset.roomId || null,
    day: column?.dataset.day,
    startMinute: start,
    pixelsPerMinute: rect.height / minutes,
    grabOffset: pressY - rect.top,
    topInColumn: column ? rect.top - column.getBoundingClientRect().top : 0,
  };
}

export function BoardMove({ rooms, timeZone, integrationWindow }: { rooms: MoveRoom[]; timeZone: string; integrationWindow: { min: number; max: number } }) {
  const [hint, setHint] = useState<{ x: number; y: number; text: string } | null>(null);
  const [drop, setDrop] = useState<Drop | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const roomNames = useMemo(() => new Map(rooms.map((r) => [r.id, r.name])), [rooms]);

  useEffect(() => {
    let press: { block: HTMLElement; x: number; y: number } | null = null;
    let drag: Drag | null = null;
    let swallowClick = false;

    const placeAt = (current: Drag, x: number, y: number): MovePlace | null => {
      const column = columnAt(x, y);
      const day = column?.dataset.day;
      if (!column || !day) return null;
      const top = y - current.grabOffset - column.getBoundingClientRect().top;
      const moved = (top - current.topInColumn) / current.pixelsPerMinute;
      const minute = Math.round((current.startMinute + moved) / SNAP) * SNAP;
      if (minute < 0 || minute >= 24 * 60) return null;
      return { date: day, time: hhmm(minute), roomId: column.dataset.roomId || current.roomId };
    };
    const end = () => {
      if (drag) drag.block.style.opacity = "";
      document.body.style.userSelect = "";
      document.body.style.cursor = "";
      press = null;
      drag = null;
      setHint(null);
    };

    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0 || !event.isPrimary || event.pointerType === "touch") return;
      const block = event.target instanceof Element ? (event.target.closest(BLOCK) as HTMLElement | null) : null;
      if (block) press = { block, x: event.clientX, y: event.clientY };
    };
    // A press on a block starts neither a text selection nor the browser's own link drag.
    const onMouseDown = (event: MouseEvent) => {
      if (event.button === 0 && event.target instanceof Element && event.target.closest(BLOCK)) event.preventDefault();
    };
    const onDragStart = (event: DragEvent) => {
      if (event.target instanceof Element && event.target.closest(BLOCK)) event.preventDefault();
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!press) return;
      if (!drag) {
        if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < THRESHOLD) return;
        drag = dragOf(press.block, press.y, timeZone);
        if (!drag) return end();
        drag.block.style.opacity = "0.5";
        document.body.style.userSelect = "none";
        document.body.style.cursor = "grabbing";
      }
      const place = placeAt(drag, event.clientX, event.clientY);
      const room = place?.roomId ? roomNames.get(place.roomId) : undefined;
      setHint({ x: event.clientX, y: event.clientY, text: place ? `${room ? `${room}, ` : ""}${place.time}` : "Not here" });
    };
    const onPointerUp = (event: PointerEvent) => {
      const current = drag;
      const place = current && placeAt(current, event.clientX, event.clientY);
      end();
      if (!current) return;
      // The click that follows the release is the drag's, not a click on the block's link.
      swallowClick = true;
      setTimeout(() => (swallowClick = false), 0);
      if (!place || (place.time === hhmm(current.startMinute) && place.roomId === current.roomId && place.date === current.day)) return; // put back where it was
      setDrop({ sessionId: current.sessionId, label: current.label, isMedicine: current.kind?.startsWith("MEDICINE") ?? false, place, key: Date.now() });
    };
    const onClick = (event: MouseEvent) => {
      if (!swallowClick) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && drag) end();
    };

    const listeners: [string, EventListener, boolean][] = [
      ["pointerdown", onPointerDown as EventListener, false],
      ["mousedown", onMouseDown as EventListener, false],
      ["dragstart", onDragStart as EventListener, false],
      ["pointermove", onPointerMove as EventListener, false],
      ["pointerup", onPointerUp as EventListener, false],
      ["pointercancel", end, false],
      ["click", onClick as EventListener, true],
      ["keydown", onKeyDown as EventListener, false],
    ];
    for (const [type, listener, capture] of listeners) document.addEventListener(type, listener, capture);
    return () => {
      end();
      for (const [type, listener, capture] of listeners) document.removeEventListener(type, listener, capture);
    };
  }, [timeZone, roomNames]);

  useEffect(() => {
    if (drop && !dialog.current?.open) dialog.current?.showModal();
  }, [drop]);

  const close = () => {
    dialog.current?.close();
    setDrop(null);
  };

  return (
    <>
      {hint && (
        <div aria-hidden="true" className="pointer-events-none fixed z-50 rounded bg-stone-900 px-2 py-1 text-xs text-white shadow" style={{ left: hint.x + 12, top: hint.y + 12 }}>
          {hint.text}
        </div>
      )}
      <p className="sr-only" role="status" data-testid="board-move-status">
        {announcement}
      </p>
      <dialog ref={dialog} aria-labelledby="board-move-title" className="w-full max-w-2xl rounded-lg p-0 backdrop:bg-stone-900/40" onClose={() => setDrop(null)}>
        {drop && (
          <div className="space-y-3 p-4">
            <div className="flex items-start justify-between gap-4">
              <div>
                <h2 id="board-move-title" className="text-base font-semibold">
                  Move a session
                </h2>
                <p className="text-sm text-stone-600">{drop.label}</p>
              </div>
              <button type="button" onClick={close} className="rounded border border-stone-300 px-2 py-1 text-sm">
                Close
              </button>
            </div>
            <p className="text-sm text-stone-600">Nothing is saved until you confirm. The protocol&apos;s verdict on the new place:</p>
            <MoveSessionForm
              key={drop.key}
              sessionId={drop.sessionId}
              label={drop.label}
              rooms={rooms}
              initial={drop.place}
              integrationWindow={integrationWindow}
              isMedicine={drop.isMedicine}
              checkAtOnce
              onMoved={(message) => {
                setAnnouncement(message);
                close();
              }}
            />
          </div>
        )}
      </dialog>
    </>
  );
}
