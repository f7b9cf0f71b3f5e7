"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { declareClosure, removeClosure, ZClosureInput, ZRemoveClosure } from "@/lib/clinic/closures";

// Closures (issue 14): the front desk and admins declare a clinic holiday or a room out of
// service, and remove one. The closure names no record of another kind; a room of another clinic
// is refused as a room that does not exist (lib/clinic/closures.ts).

export const declareClosureAction = defineAction({
  permission: "closure:manage",
  reach: "own-clinic",
  input: ZClosureInput,
  run: async (input, staff) => {
    const closure = await declareClosure(staff, input);
    // The calendar, the board and the planner read closures too.
    revalidatePath("/", "layout");
    return closure;
  },
});

export const removeClosureAction = defineAction({
  permission: "closure:manage",
  reach: "own-clinic",
  input: ZRemoveClosure,
  run: async (input, staff) => {
    const removed = await removeClosure(staff, input.closureId);
    revalidatePath("/", "layout");
    return removed;
  },
});
