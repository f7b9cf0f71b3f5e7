import "server-only";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { clinicColumnsOf, clinicSettingsOf, ZClinicSettings, type TClinicSettings, type TClinicSettingsInput } from "./settings-input";

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return out;
}

/**
 * An admin changes their own clinic's settings. The engine reads them from the clinic row on its
 * next check (lib/scheduling/load-snapshot.ts), so a new integration window applies at once to
 * every booking and move after it; sessions already booked are not re-judged here. Invalid input
 * (a window whose earliest day is after its latest, say) writes nothing. The change and its audit
 * row commit together.
 */
export async function updateClinicSettings(staff: Staff, input: TClinicSettingsInput): Promise<TClinicSettings> {
  if (!can(staff.roles, "settings:manage")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const clinic = await tx.clinic.findUnique({ where: { id: staff.clinicId }, select: { timeZone: true } });
    if (!clinic) throw new NotFoundError("The clinic");
    const parsed = ZClinicSettings.safeParse({ ...input, timeZone: clinic.timeZone });
    if (!parsed.success) throw new InvalidInputError("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
    const updated = await tx.clinic.update({ where: { id: staff.clinicId }, data: clinicColumnsOf(parsed.data) });
    await recordAudit(tx, staff, { action: "update", entity: "Clinic", entityId: staff.clinicId, outcome: "ALLOWED" });
    return clinicSettingsOf(updated);
  });
}
