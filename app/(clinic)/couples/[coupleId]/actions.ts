"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
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
