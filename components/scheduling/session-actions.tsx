"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { integrationWindowWords } from "@/lib/protocol/labels";
import { cancelSessionAction, checkInSessionAction, completeSessionAction, moveSessionAction, noShowSessionAction } from "./actions";
import { ResultMessage } from "./result-message";

type Room = { id: string; name: string; dosingEquipped: boolean };

export type ActionableSession = {
  id: string;
  kind: string;
  status: string;
  label: string;
  date: string;
  time: string;
  roomId: string | null;
  isMedicine: boolean;
  integration: { date: string; time: string } | null;
};

/** The buttons of one session's life (P10), and the move and cancel forms. */
export function SessionActions({
  session,
  rooms,
  can,
  integrationWindow,
}: {
  session: ActionableSession;
  rooms: Room[];
  can: { move: boolean; cancel: boolean; checkIn: boolean; complete: boolean; noShow: boolean };
  /** The clinic's integration window (P4), in days after the medicine session. */
  integrationWindow: { min: number; max: number };
}) {
  const [open, setOpen] = useState<"move" | "cancel" | null>(null);
  // Submitted from the client (not `action={…}`): a server action bound as a form's action is
  // encoded into the page for browsers without JavaScript, one suspended segment per button,
  // and a couple's or a day's list holds dozens of them. The app needs JavaScript anyway.
  const { state: checkInState, pending: checkingIn, onSubmit: checkIn } = useFormAction(checkInSessionAction);
  const { state: completeState, pending: completing, onSubmit: complete } = useFormAction(completeSessionAction);
  const { state: noShowState, pending: markingNoShow, onSubmit: noShow } = useFormAction(noShowSessionAction);
  const { state: moveState, pending: moving, onSubmit: move } = useFormAction(moveSessionAction);
  const { state: cancelState, pending: cancelling, onSubmit: cancel } = useFormAction(cancelSessionAction);
  const scheduled = session.status === "SCHEDULED";

  return (
    <div className="space-y-2" data-testid={`session-actions-${session.id}`}>
      <div className="flex flex-wrap gap-2">
        {scheduled && can.checkIn && (
          <form onSubmit={checkIn}>
            <input type="hidden" name="sessionId" value={session.id} />
            <Button variant="secondary" className="px-2 py-1 text-xs" disabled={checkingIn} aria-label={`Check in ${session.label}`}>
              Check in
            </Button>
          </form>
        )}
        {session.status === "CHECKED_IN" && can.complete && (
          <form onSubmit={complete}>
            <input type="hidden" name="sessionId" value={session.id} />
            <Button variant="secondary" className="px-2 py-1 text-xs" disabled={completing} aria-label={`Complete ${session.label}`}>
              Complete
            </Button>
          </form>
        )}
        {scheduled && can.noShow && (
          <form onSubmit={noShow}>
            <input type="hidden" name="sessionId" value={session.id} />
            <Button variant="secondary" className="px-2 py-1 text-xs" disabled={markingNoShow} aria-label={`Record ${session.label} as a no-show`}>
              No-show
            </Button>
          </form>
        )}
        {scheduled && can.move && (
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-expanded={open === "move"} aria-label={`Move ${session.label}`} onClick={() => setOpen(open === "move" ? null : "move")}>
            Move…
          </Button>
        )}
        {scheduled && can.cancel && (
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-expanded={open === "cancel"} aria-label={`Cancel ${session.label}`} onClick={() => setOpen(open === "cancel" ? null : "cancel")}>
            Cancel…
          </Button>
        )}
      </div>
      {[checkInState, completeState, noShowState].map((state, i) => (
        <ResultMessage key={i} state={state} />
      ))}

      {open === "move" && (
        <form onSubmit={move} className="grid gap-2 rounded border border-stone-200 bg-stone-50 p-3 text-sm sm:grid-cols-3" aria-label={`Move ${session.label}`}>
          <input type="hidden" name="sessionId" value={session.id} />
          <label className="flex flex-col">
            New date
            <input type="date" name="date" defaultValue={session.date} required className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <label className="flex flex-col">
            New start time
            <input type="time" name="time" defaultValue={session.time} step={900} required className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <label className="flex flex-col">
            Room
            <select name="roomId" defaultValue={session.roomId ?? ""} className="rounded border border-stone-300 px-2 py-1">
              {session.roomId === null && <option value="">Telehealth (no room)</option>}
              {rooms.filter((r) => !session.isMedicine || r.dosingEquipped).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          {session.integration && (
            <fieldset className="grid gap-2 sm:col-span-3 sm:grid-cols-2">
              <legend className="text-stone-700">Move its integration too (P4: {integrationWindowWords(integrationWindow)} after the medicine session, on a day the clinic is open). Leave as is to keep it where it is.</legend>
              <label className="flex flex-col">
                Integration date
                <input type="date" name="integrationDate" defaultValue={session.integration.date} className="rounded border border-stone-300 px-2 py-1" />
              </label>
              <label className="flex flex-col">
                Integration start time
                <input type="time" name="integrationTime" defaultValue={session.integration.time} step={900} className="rounded border border-stone-300 px-2 py-1" />
              </label>
            </fieldset>
          )}
          <div className="sm:col-span-3">
            <Button disabled={moving}>{moving ? "Moving…" : "Move session"}</Button>
          </div>
          <div className="sm:col-span-3">
            <ResultMessage state={moveState} />
          </div>
        </form>
      )}

      {open === "cancel" && (
        <form onSubmit={cancel} className="space-y-2 rounded border border-red-200 bg-red-50 p-3 text-sm" aria-label={`Cancel ${session.label}`}>
          <input type="hidden" name="sessionId" value={session.id} />
          <label className="flex flex-col">
            Reason for cancelling
            <textarea name="reason" required minLength={3} rows={2} className="rounded border border-stone-300 bg-white px-2 py-1" />
          </label>
          <p className="text-red-800">
            Cancelling cannot be undone{session.isMedicine ? "; its integration session is cancelled with it (P4)" : ""}.
          </p>
          <Button variant="danger" disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Yes, cancel this session"}
          </Button>
          <ResultMessage state={cancelState} />
        </form>
      )}
    </div>
  );
}
