"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formDataToObject, type ActionResult } from "@/lib/actions/define-action";
import { coupleFormToInput } from "@/lib/couples/create-couple";
import { updateCouple, ZCoupleUpdate } from "@/lib/couples/update-couple";
import { startCycle, ZStartCycle } from "@/lib/cycles/start-cycle";

const start = defineAction({
  permission: "cycle:plan",
  input: ZStartCycle,
  run: async (input, staff) => {
    const cycle = await startCycle(staff, input);
    revalidatePath(`/couples/${input.coupleId}`);
    return { cycleId: cycle.id };
  },
});

export async function startCycleAction(_previous: ActionResult<{ cycleId: string }> | null, form: FormData) {
  return start(form);
}

const update = defineAction({
  permission: "couple:write",
  input: ZCoupleUpdate,
  run: async (input, staff) => {
    const couple = await updateCouple(staff, input);
    revalidatePath(`/couples/${couple.id}`);
    revalidatePath("/couples");
    return { coupleId: couple.id };
  },
});

export async function updateCoupleAction(_previous: ActionResult<{ coupleId: string }> | null, form: FormData) {
  return update(coupleFormToInput(formDataToObject(form)));
}
