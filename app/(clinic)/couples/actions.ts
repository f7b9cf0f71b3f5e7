"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formDataToObject, type ActionResult } from "@/lib/actions/define-action";
import { coupleFormToInput, createCouple, ZCoupleInput } from "@/lib/couples/create-couple";

const create = defineAction({
  permission: "couple:write",
  input: ZCoupleInput,
  run: async (input, staff) => {
    const couple = await createCouple(staff, input);
    revalidatePath("/couples");
    return { coupleId: couple.id };
  },
});

export async function createCoupleAction(_previous: ActionResult<{ coupleId: string }> | null, form: FormData) {
  return create(coupleFormToInput(formDataToObject(form)));
}
