"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { bookSeries, previewSeries, ZSeriesInput } from "@/lib/scheduling/book-series";
import { findTimes, ZFindTimeInput } from "@/lib/scheduling/find-time";
import { cancelFollowing, moveFollowing, ZCancelFollowingInput, ZMoveFollowingInput } from "@/lib/scheduling/series-following";
import { formatClinicDay } from "@/lib/protocol/calendar";

// Recurring couples therapy and "find a time" (issue 14), beside the schedule's own actions
// (./actions.ts). defineAction checks the session, the role and the caller's reach to the couple
// or session first; lib/scheduling books through the same path as one session (bookSessions,
// under the protocol engine, in one transaction).

type Done = { message: string; notices: string[] };

function refresh() {
  revalidatePath("/couples/[coupleId]", "page");
  revalidatePath("/calendar");
  revalidatePath("/");
}

/** The clashes each occurrence would meet, before anything is booked. Changes nothing. */
export const previewSeriesAction = defineAction({
  permission: "session:book",
  reach: { couple: "coupleId" },
  input: ZSeriesInput,
  run: (input, staff) => previewSeries(staff, input),
});
export type SeriesPreviewResult = ActionResult<Awaited<ReturnType<typeof previewSeries>>>;

/** Books every occurrence of the series, or none. */
export const bookSeriesAction = defineAction({
  permission: "session:book",
  reach: { couple: "coupleId" },
  input: ZSeriesInput,
  run: async (input, staff): Promise<Done> => {
    const { sessionIds, notices, first, last, timeZone } = await bookSeries(staff, input);
    refresh();
    return { message: `Booked all ${sessionIds.length} sessions of the series, ${formatClinicDay(first, timeZone)} to ${formatClinicDay(last, timeZone)}.`, notices: notices.map((n) => n.message) };
  },
});

/** Cancels an occurrence of a series and every later one still scheduled. */
export const cancelFollowingAction = defineAction({
  permission: "session:cancel",
  reach: { session: "sessionId" },
  input: ZCancelFollowingInput,
  run: async (input, staff): Promise<Done> => {
    const { cancelledIds } = await cancelFollowing(staff, input.sessionId, input.reason);
    refresh();
    return { message: `Cancelled this session and the ${cancelledIds.length - 1} following of its series.`, notices: [] };
  },
});

/** Moves an occurrence of a series and every later one still scheduled by the same shift. */
export const moveFollowingAction = defineAction({
  permission: "session:move",
  reach: { session: "sessionId" },
  input: ZMoveFollowingInput,
  run: async (input, staff): Promise<Done> => {
    const { moved, notices } = await moveFollowing(staff, input);
    refresh();
    return { message: `Moved this session and the ${moved - 1} following of its series.`, notices: notices.map((n) => n.message) };
  },
});

/** The next free slots for a couple and a kind of session. Changes nothing. */
export const findTimeAction = defineAction({
  permission: "session:book",
  reach: { couple: "coupleId" },
  input: ZFindTimeInput,
  run: (input, staff) => findTimes(staff, input),
});
export type FindTimeResult = ActionResult<Awaited<ReturnType<typeof findTimes>>>;
