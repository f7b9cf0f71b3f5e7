"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, formDataToObject, type ActionResult } from "@/lib/actions/define-action";
import { bookPlan, planFormToInput, ZPlanInput } from "@/lib/scheduling/book-plan";

const book = defineAction({
  permission: "cycle:plan",
  input: ZPlanInput,
  run: async (input, staff) => {
    const { sessionIds, notices } = await bookPlan(staff, input);
    revalidatePath(`/couples/${input.coupleId}`);
    revalidatePath("/calendar");
    return { booked: sessionIds.length, notices: notices.map((n) => n.message) };
  },
});

export async function bookPlanAction(_previous: ActionResult<{ booked: number; notices: string[] }> | null, form: FormData) {
  const input = planFormToInput(formDataToObject(form));
  const result = await book(input);
  // Booked: the plan is gone from this page, so show the couple's timeline with the news.
  if (result.ok) redirect(`/couples/${input.coupleId}?booked=${result.data.booked}`);
  return result;
}
