"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cancelSessionAction, checkInSessionAction, completeSessionAction, noShowSessionAction } from "./actions";
import { MoveSessionForm } from "./move-session-form";
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

/** The buttons of one session's life (P10), and the move (with the protocol's verdict first) and cancel forms. */
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
        <MoveSessionForm
          sessionId={session.id}
          label={session.label}
          rooms={rooms}
          initial={{ date: session.date, time: session.time, roomId: session.roomId }}
          integration={session.integration}
          integrationWindow={integrationWindow}
          isMedicine={session.isMedicine}
        />
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
