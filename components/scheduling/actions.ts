"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { moveSessions } from "@/lib/scheduling/move-sessions";
import { cancelSession, checkInSession, completeSession, markNoShow } from "@/lib/scheduling/session-life";
import { draftBooking, draftMove, ZBookingInput, ZCancelInput, ZMoveInput, ZSessionRef } from "@/lib/scheduling/session-input";

// The schedule's server actions, shared by the couple page and the room calendar. Each is a
// public endpoint: defineAction checks the session and the role, zod the input; lib/scheduling
// runs the protocol engine and the write in one transaction.

type Done = { message: string; notices: string[] };
export type ScheduleResult = ActionResult<Done>;

function refresh() {
  revalidatePath("/couples/[coupleId]", "page");
  revalidatePath("/calendar");
  revalidatePath("/");
}

const book = defineAction({
  permission: "session:book",
  input: ZBookingInput,
  run: async (input, staff): Promise<Done> => {
    const { notices, sessionIds } = await bookSessions(staff, await draftBooking(staff, input));
    refresh();
    return { message: sessionIds.length > 1 ? "Booked the medicine session and its integration." : "Session booked.", notices: notices.map((n) => n.message) };
  },
});

const move = defineAction({
  permission: "session:move",
  input: ZMoveInput,
  run: async (input, staff): Promise<Done> => {
    const moves = await draftMove(staff, input);
    const { notices } = await moveSessions(staff, moves);
    refresh();
    return { message: moves.length > 1 ? "Moved the session and its integration." : "Session moved.", notices: notices.map((n) => n.message) };
  },
});

const cancel = defineAction({
  permission: "session:cancel",
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
    input: ZSessionRef,
    run: async (input, staff): Promise<Done> => {
      await step(staff, input.sessionId);
      refresh();
      return { message, notices: [] };
    },
  });

const checkIn = lifeStep("session:check-in", checkInSession, "Checked in.");
const complete = lifeStep("session:complete", completeSession, "Session completed.");
const noShow = lifeStep("session:no-show", markNoShow, "Recorded as a no-show.");

export async function bookSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return book(form);
}
export async function moveSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return move(form);
}
export async function cancelSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return cancel(form);
}
export async function checkInSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return checkIn(form);
}
export async function completeSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return complete(form);
}
export async function noShowSessionAction(_previous: ScheduleResult | null, form: FormData) {
  return noShow(form);
}
