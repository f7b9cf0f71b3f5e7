import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError } from "../errors";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const ZPartner = z.object({
  firstName: z.string().trim().min(1, "Enter a first name.").max(80, "Keep the first name under 80 characters."),
  lastName: z.string().trim().min(1, "Enter a last name.").max(80, "Keep the last name under 80 characters."),
  email: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email("Enter a valid email address, or leave it empty.").optional()),
  phone: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(/^[0-9+()\-. ]{7,20}$/, "Enter a phone number of digits, spaces and + ( ) - only, or leave it empty.").optional(),
  ),
  /** Email reminders (issue 15): a ticked box ("on") opts the partner out; no field, not ticked. */
  remindersOptOut: z.preprocess((v) => v === "on" || v === true, z.boolean()),
});

export const ZCoupleInput = z
  .object({
    partnerA: ZPartner,
    partnerB: ZPartner,
    couplesTherapistId: z.string().uuid("Choose the couple's therapist."),
    partnerAKapTherapistId: z.string().uuid("Choose the first partner's KAP therapist."),
    partnerBKapTherapistId: z.string().uuid("Choose the second partner's KAP therapist."),
  })
  .refine((c) => !c.partnerA.firstName || `${c.partnerA.firstName} ${c.partnerA.lastName}`.toLowerCase() !== `${c.partnerB.firstName} ${c.partnerB.lastName}`.toLowerCase(), {
    message: "A couple is two different people: the partners' names are the same.",
    path: ["partnerB", "firstName"],
  });
export type TCoupleInput = z.output<typeof ZCoupleInput>;

/** The named therapists must be active therapists of the staff member's clinic. */
export async function assertClinicTherapists(staff: Staff, input: Pick<TCoupleInput, "couplesTherapistId" | "partnerAKapTherapistId" | "partnerBKapTherapistId">) {
  const therapistIds = [...new Set([input.couplesTherapistId, input.partnerAKapTherapistId, input.partnerBKapTherapistId])];
  // The role is checked here, not with `roles: { has }`, which the PGlite adapter sends malformed.
  const candidates = await db.user.findMany({ where: { id: { in: therapistIds }, clinicId: staff.clinicId, active: true }, select: { id: true, roles: true } });
  const known = new Set(candidates.filter((t) => t.roles.includes("THERAPIST")).map((t) => t.id));
  const fieldErrors: Record<string, string[]> = {};
  for (const field of ["couplesTherapistId", "partnerAKapTherapistId", "partnerBKapTherapistId"] as const) {
    if (!known.has(input[field])) fieldErrors[field] = ["Choose an active therapist of this clinic."];
  }
  if (Object.keys(fieldErrors).length) throw new InvalidInputError("Please correct the highlighted fields.", fieldErrors);
}

/** Creates both partners and the couple in one transaction; the therapists must be this clinic's. */
export async function createCouple(staff: Staff, input: TCoupleInput) {
  await assertClinicTherapists(staff, input);
  return db.$transaction(async (tx) => {
    const [partnerA, partnerB] = await Promise.all(
      [input.partnerA, input.partnerB].map((p) => tx.client.create({ data: { clinicId: staff.clinicId, ...p } })),
    );
    const couple = await tx.couple.create({
      data: {
        clinicId: staff.clinicId,
        partnerAId: partnerA.id,
        partnerBId: partnerB.id,
        couplesTherapistId: input.couplesTherapistId,
        partnerAKapTherapistId: input.partnerAKapTherapistId,
        partnerBKapTherapistId: input.partnerBKapTherapistId,
      },
    });
    await recordAudit(tx, staff, { action: "create", entity: "Couple", entityId: couple.id, outcome: "ALLOWED" });
    return couple;
  });
}
