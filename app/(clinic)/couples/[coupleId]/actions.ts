"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updateCouple, ZCoupleUpdate } from "@/lib/couples/update-couple";
import { startCycle, ZStartCycle } from "@/lib/cycles/start-cycle";

export const startCycleAction = defineAction({
  permission: "cycle:plan",
  reach: { couple: "coupleId" },
  input: ZStartCycle,
  run: async (input, staff) => {
    const cycle = await startCycle(staff, input);
    revalidatePath(`/couples/${input.coupleId}`);
    return { cycleId: cycle.id };
  },
});

export const updateCoupleAction = defineAction({
  permission: "couple:write",
  reach: { couple: "coupleId" },
  input: ZCoupleUpdate,
  run: async (input, staff) => {
    const couple = await updateCouple(staff, input);
    revalidatePath(`/couples/${couple.id}`);
    revalidatePath("/couples");
    return { coupleId: couple.id };
  },
});
