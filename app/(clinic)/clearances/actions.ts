"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ZClearanceInput, ZRevokeInput, ZSignInput } from "@/lib/clearance/input";
import { recordClearance } from "@/lib/clearance/record-clearance";
import { revokeClearance } from "@/lib/clearance/revoke-clearance";
import { signClearance } from "@/lib/clearance/sign-clearance";

// Thin actions: the role (P11, psychiatrists only) and the reach (the partners they evaluate)
// are checked by defineAction first, and again in each domain function.

const ZRecordForm = z
  .object({
    intent: z.enum(["draft", "sign"]).default("draft"),
    draftId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  })
  .and(ZClearanceInput);

export const recordClearanceAction = defineAction({
  permission: "clearance:record",
  reach: { partner: "clientId" },
  input: ZRecordForm,
  run: async (input, staff) => {
    const { intent, draftId, ...clearance } = input;
    const result = await recordClearance(staff, clearance, { sign: intent === "sign", draftId });
    revalidatePath(`/partners/${clearance.clientId}/clearances`);
    revalidatePath("/evaluations");
    return result;
  },
  then: (data) => redirect(`/clearances/${data.id}`),
});

export const signClearanceAction = defineAction({
  permission: "clearance:record",
  reach: { clearance: "clearanceId" },
  input: ZSignInput,
  run: async (input, staff) => {
    await signClearance(staff, input.clearanceId);
    revalidatePath(`/clearances/${input.clearanceId}`);
    revalidatePath("/evaluations");
    return { signed: true };
  },
});

export const revokeClearanceAction = defineAction({
  permission: "clearance:revoke",
  reach: { clearance: "clearanceId" },
  input: ZRevokeInput,
  run: async (input, staff) => {
    const { clientId, flaggedSessionIds } = await revokeClearance(staff, input);
    revalidatePath(`/clearances/${input.clearanceId}`);
    revalidatePath(`/partners/${clientId}/clearances`);
    revalidatePath("/evaluations");
    return { revoked: true, blockedSessions: flaggedSessionIds.length };
  },
});
