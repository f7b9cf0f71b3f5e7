"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { ZClearanceInput, ZRevokeInput, ZSignInput } from "@/lib/clearance/input";
import { recordClearance } from "@/lib/clearance/record-clearance";
import { revokeClearance } from "@/lib/clearance/revoke-clearance";
import { signClearance } from "@/lib/clearance/sign-clearance";

// Thin actions: the permission (P11, psychiatrists only) is checked here by defineAction and
// again in each domain function.

const ZRecordForm = z
  .object({
    intent: z.enum(["draft", "sign"]).default("draft"),
    draftId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  })
  .and(ZClearanceInput);

const record = defineAction({
  permission: "clearance:record",
  input: ZRecordForm,
  run: async (input, staff) => {
    const { intent, draftId, ...clearance } = input;
    const result = await recordClearance(staff, clearance, { sign: intent === "sign", draftId });
    revalidatePath(`/partners/${clearance.clientId}/clearances`);
    revalidatePath("/evaluations");
    return result;
  },
});

export async function recordClearanceAction(_previous: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await record(form);
  if (result.ok) redirect(`/clearances/${result.data.id}`);
  return result;
}

const sign = defineAction({
  permission: "clearance:record",
  input: ZSignInput,
  run: async (input, staff) => {
    await signClearance(staff, input.clearanceId);
    revalidatePath(`/clearances/${input.clearanceId}`);
    revalidatePath("/evaluations");
    return { signed: true };
  },
});

export async function signClearanceAction(_previous: ActionResult<{ signed: boolean }> | null, form: FormData) {
  return sign(form);
}

const revoke = defineAction({
  permission: "clearance:revoke",
  input: ZRevokeInput,
  run: async (input, staff) => {
    const { clientId } = await revokeClearance(staff, input);
    revalidatePath(`/clearances/${input.clearanceId}`);
    revalidatePath(`/partners/${clientId}/clearances`);
    revalidatePath("/evaluations");
    return { revoked: true };
  },
});

export async function revokeClearanceAction(_previous: ActionResult<{ revoked: boolean }> | null, form: FormData) {
  return revoke(form);
}
