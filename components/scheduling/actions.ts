"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { moveSessions } from "@/lib/scheduling/move-sessions";
import { cancelSession, checkInSession, completeSession, markNoShow } from "@/lib/scheduling/session-life";
import { draftBooking, draftMove, ZBookingInput, ZCancelInput, ZMoveInput, ZSessionRef } from "@/lib/scheduling/session-input";

// The schedule's server actions, shared by the couple page and the room calendar. defineAction
// checks the session, the role and the caller's reach to the couple or session first;
// lib/scheduling runs the protocol engine and the write in one transaction.

type Done = { message: string; notices: string[] };
export type ScheduleResult = ActionResult<Done>;

function refresh() {
  revalidatePath("/couples/[coupleId]", "page");
  revalidatePath("/calendar");
  revalidatePath("/");
}

export const bookSessionAction = defineAction({
  permission: "session:book",
  reach: { couple: "coupleId" },
  input: ZBookingInput,
  run: async (input, staff): Promise<Done> => {
    const { notices, sessionIds } = await bookSessions(staff, await draftBooking(staff, input));
    refresh();
    return { message: sessionIds.length > 1 ? "Booked the medicine session and its integration." : "Session booked.", notices: notices.map((n) => n.message) };
  },
});

export const moveSessionAction = defineAction({
  permission: "session:move",
  reach: { session: "sessionId" },
  input: ZMoveInput,
  run: async (input, staff): Promise<Done> => {
    const moves = await draftMove(staff, input);
    const { notices } = await moveSessions(staff, moves);
    refresh();
    return { message: moves.length > 1 ? "Moved the session and its integration." : "Session moved.", notices: notices.map((n) => n.message) };
  },
});

export const cancelSessionAction = defineAction({
  permission: "session:cancel",
  reach: { session: "sessionId" },
  input: ZCancelInput,
  run: async (input, staff): Promise<Done> => {
    const { cancelledIds } = await cancelSession(staff, input.sessionId, input.reason);
    refresh();
    return { message: cancelledIds.length > 1 ? "Cancelled the medicine session and its integration (P4)." : "Session cancelled.", notices: [] };
  },
});

const lifeStep = (permission: "session:check-in" | "session:complete" | "session:no-show", step: typeof checkInSession, message: string) =>
  defineAction({
    permission,
    reach: { session: "sessionId" },
    input: ZSessionRef,
    run: async (input, staff): Promise<Done> => {
      await step(staff, input.sessionId);
      refresh();
      return { message, notices: [] };
    },
  });

export const checkInSessionAction = lifeStep("session:check-in", checkInSession, "Checked in.");
export const completeSessionAction = lifeStep("session:complete", completeSession, "Session completed.");
export const noShowSessionAction = lifeStep("session:no-show", markNoShow, "Recorded as a no-show.");
