"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { cancelFollowingAction, moveFollowingAction } from "./series-actions";
import { ResultMessage } from "./result-message";

const field = "rounded border border-stone-300 px-2 py-1";

/**
 * An occurrence of a recurring series: move or cancel it together with every later one (all or
 * nothing). Moving or cancelling it alone is the session's own Move… and Cancel….
 */
export function SeriesSessionActions({ session, rooms, can }: { session: { id: string; label: string; date: string; time: string; roomId: string | null }; rooms: { id: string; name: string }[]; can: { move: boolean; cancel: boolean } }) {
  const [open, setOpen] = useState<"move" | "cancel" | null>(null);
  const { state: moveState, pending: moving, onSubmit: move } = useFormAction(moveFollowingAction);
  const { state: cancelState, pending: cancelling, onSubmit: cancel } = useFormAction(cancelFollowingAction);
  return (
    <div className="mt-2 space-y-2" data-testid={`series-actions-${session.id}`}>
      <div className="flex flex-wrap gap-2">
        {can.move && (
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-expanded={open === "move"} aria-label={`Move ${session.label} and all following`} onClick={() => setOpen(open === "move" ? null : "move")}>
            Move this and following…
          </Button>
        )}
        {can.cancel && (
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-expanded={open === "cancel"} aria-label={`Cancel ${session.label} and all following`} onClick={() => setOpen(open === "cancel" ? null : "cancel")}>
            Cancel this and following…
          </Button>
        )}
      </div>
      {open === "move" && (
        <form onSubmit={move} className="grid gap-2 rounded border border-stone-200 bg-stone-50 p-3 text-sm sm:grid-cols-3" aria-label={`Move ${session.label} and all following`}>
          <input type="hidden" name="sessionId" value={session.id} />
          <p className="sm:col-span-3 text-stone-700">Every later session of the series moves by the same days and hours, at the clinic’s local time.</p>
          <label className="flex flex-col">
            New date
            <input type="date" name="date" defaultValue={session.date} required className={field} />
          </label>
          <label className="flex flex-col">
            New start time
            <input type="time" name="time" defaultValue={session.time} step={900} required className={field} />
          </label>
          <label className="flex flex-col">
            Room
            <select name="roomId" defaultValue={session.roomId ?? ""} className={field}>
              {rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <div className="sm:col-span-3">
            <Button disabled={moving}>{moving ? "Moving…" : "Move this and following"}</Button>
          </div>
          <div className="sm:col-span-3">
            <ResultMessage state={moveState} />
          </div>
        </form>
      )}
      {open === "cancel" && (
        <form onSubmit={cancel} className="space-y-2 rounded border border-red-200 bg-red-50 p-3 text-sm" aria-label={`Cancel ${session.label} and all following`}>
          <input type="hidden" name="sessionId" value={session.id} />
          <label className="flex flex-col">
            Reason for cancelling
            <textarea name="reason" required minLength={3} rows={2} className="rounded border border-stone-300 bg-white px-2 py-1" />
          </label>
          <p className="text-red-800">This session and every later one of its series are cancelled; this cannot be undone.</p>
          <Button variant="danger" disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Yes, cancel this and following"}
          </Button>
          <ResultMessage state={cancelState} />
        </form>
      )}
    </div>
  );
}
