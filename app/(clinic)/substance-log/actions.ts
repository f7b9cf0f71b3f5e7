"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { correctEntry } from "@/lib/substance-log/correct-entry";
import { ZCorrectionInput, ZCountInput, ZReceiveInput, ZWasteInput } from "@/lib/substance-log/input";
import { receiveLot } from "@/lib/substance-log/receive-lot";
import { recordCount } from "@/lib/substance-log/record-count";
import { recordWaste } from "@/lib/substance-log/record-waste";

const balance = (mg: number) => `Balance now ${mg} mg.`;

// A receipt names a new lot; the rest name a lot or an entry of the caller's own clinic.
export const receiveAction = defineAction({
  permission: "substance-log:write",
  reach: "own-clinic",
  input: ZReceiveInput,
  run: async (input, staff) => {
    const entry = await receiveLot(staff, input);
    revalidatePath("/substance-log");
    return { message: `Received ${input.quantityMg} mg of lot ${input.lotNumber}. ${balance(entry.balanceAfterMg)}` };
  },
});

export const wasteAction = defineAction({
  permission: "substance-log:write",
  reach: { lot: "lotId" },
  input: ZWasteInput,
  run: async (input, staff) => {
    const entry = await recordWaste(staff, input);
    revalidatePath("/substance-log");
    return { message: `Waste of ${input.quantityMg} mg recorded. ${balance(entry.balanceAfterMg)}` };
  },
});

export const countAction = defineAction({
  permission: "substance-log:write",
  reach: { lot: "lotId" },
  input: ZCountInput,
  run: async (input, staff) => {
    const entry = await recordCount(staff, input);
    revalidatePath("/substance-log");
    const difference = Number((input.countedMg - entry.balanceAfterMg).toFixed(2));
    return { message: difference === 0 ? "Count recorded: it matches the balance." : `Count recorded: ${difference} mg against the balance of ${entry.balanceAfterMg} mg. Record a correction referencing the entry at fault.` };
  },
});

export const correctionAction = defineAction({
  permission: "substance-log:write",
  reach: { logEntry: "entryId" },
  input: ZCorrectionInput,
  run: async (input, staff) => {
    const entry = await correctEntry(staff, input);
    revalidatePath("/substance-log");
    return { message: `Correction recorded. ${balance(entry.balanceAfterMg)}` };
  },
});
