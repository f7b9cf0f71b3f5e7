"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { correctEntry } from "@/lib/substance-log/correct-entry";
import { ZCorrectionInput, ZCountInput, ZReceiveInput, ZWasteInput } from "@/lib/substance-log/input";
import { receiveLot } from "@/lib/substance-log/receive-lot";
import { recordCount } from "@/lib/substance-log/record-count";
import { recordWaste } from "@/lib/substance-log/record-waste";

type Result = ActionResult<{ message: string }>;
const balance = (mg: number) => `Balance now ${mg} mg.`;

const receive = defineAction({
  permission: "substance-log:write",
  input: ZReceiveInput,
  run: async (input, staff) => {
    const entry = await receiveLot(staff, input);
    revalidatePath("/substance-log");
    return { message: `Received ${input.quantityMg} mg of lot ${input.lotNumber}. ${balance(entry.balanceAfterMg)}` };
  },
});
export async function receiveAction(_p: Result | null, form: FormData): Promise<Result> {
  return receive(form);
}

const waste = defineAction({
  permission: "substance-log:write",
  input: ZWasteInput,
  run: async (input, staff) => {
    const entry = await recordWaste(staff, input);
    revalidatePath("/substance-log");
    return { message: `Waste of ${input.quantityMg} mg recorded. ${balance(entry.balanceAfterMg)}` };
  },
});
export async function wasteAction(_p: Result | null, form: FormData): Promise<Result> {
  return waste(form);
}

const count = defineAction({
  permission: "substance-log:write",
  input: ZCountInput,
  run: async (input, staff) => {
    const entry = await recordCount(staff, input);
    revalidatePath("/substance-log");
    const difference = Number((input.countedMg - entry.balanceAfterMg).toFixed(2));
    return { message: difference === 0 ? "Count recorded: it matches the balance." : `Count recorded: ${difference} mg against the balance of ${entry.balanceAfterMg} mg. Record a correction referencing the entry at fault.` };
  },
});
export async function countAction(_p: Result | null, form: FormData): Promise<Result> {
  return count(form);
}

const correct = defineAction({
  permission: "substance-log:write",
  input: ZCorrectionInput,
  run: async (input, staff) => {
    const entry = await correctEntry(staff, input);
    revalidatePath("/substance-log");
    return { message: `Correction recorded. ${balance(entry.balanceAfterMg)}` };
  },
});
export async function correctionAction(_p: Result | null, form: FormData): Promise<Result> {
  return correct(form);
}
