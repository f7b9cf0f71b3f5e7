"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { bookPlan, PLAN_ROWS, ZPlanInput } from "@/lib/scheduling/book-plan";

export const bookPlanAction = defineAction({
  permission: "cycle:plan",
  reach: { couple: "coupleId" },
  input: ZPlanInput,
  // Eight fields a row, and the rows no more than a plan holds.
  limits: { fields: PLAN_ROWS * 8 + 10, lists: { rows: { max: PLAN_ROWS, message: `A plan has at most ${PLAN_ROWS} sessions.` } } },
  run: async (input, staff) => {
    const { sessionIds, notices } = await bookPlan(staff, input);
    revalidatePath(`/couples/${input.coupleId}`);
    revalidatePath("/calendar");
    return { booked: sessionIds.length, notices: notices.map((n) => n.message) };
  },
  // Booked: the plan is gone from this page, so show the couple's timeline with the news.
  then: (data, input) => redirect(`/couples/${input.coupleId}?booked=${data.booked}`),
});
