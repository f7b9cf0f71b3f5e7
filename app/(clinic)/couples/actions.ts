"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { createCouple, ZCoupleInput } from "@/lib/couples/create-couple";

// A new couple names no record yet: the therapists it names must be the clinic's own (createCouple).
export const createCoupleAction = defineAction({
  permission: "couple:write",
  reach: "own-clinic",
  input: ZCoupleInput,
  run: async (input, staff) => {
    const couple = await createCouple(staff, input);
    revalidatePath("/couples");
    return { coupleId: couple.id };
  },
  // Issue 14: a new couple's page is where the next step is (start a cycle, book their therapy).
  then: (data) => redirect(`/couples/${data.coupleId}?added=1`),
});
