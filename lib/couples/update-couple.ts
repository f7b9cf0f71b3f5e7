import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { coupleWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { assertClinicTherapists, ZCoupleInput } from "./create-couple";

export const ZCoupleUpdate = z.intersection(ZCoupleInput, z.object({ coupleId: z.string().uuid("Choose a couple.") }));
export type TCoupleUpdate = z.output<typeof ZCoupleUpdate>;

/** Updates both partners' details and the couple's therapists, for a couple the staff member may reach. */
export async function updateCouple(staff: Staff, input: TCoupleUpdate) {
  const scope = coupleWhere(staff, "couple:write");
  const couple = scope ? await db.couple.findFirst({ where: { AND: [scope, { id: input.coupleId }] } }) : null;
  if (!couple) throw new NotFoundError("The couple");
  await assertClinicTherapists(staff, input);
  return db.$transaction(async (tx) => {
    await tx.client.update({ where: { id: couple.partnerAId }, data: nullable(input.partnerA) });
    await tx.client.update({ where: { id: couple.partnerBId }, data: nullable(input.partnerB) });
    const updated = await tx.couple.update({
      where: { id: couple.id },
      data: { couplesTherapistId: input.couplesTherapistId, partnerAKapTherapistId: input.partnerAKapTherapistId, partnerBKapTherapistId: input.partnerBKapTherapistId },
    });
    await recordAudit(tx, staff, { action: "update", entity: "Couple", entityId: couple.id, outcome: "ALLOWED" });
    return updated;
  });
}

/** An emptied email or phone is removed, not left as it was. */
function nullable(p: TCoupleUpdate["partnerA"]) {
  return { firstName: p.firstName, lastName: p.lastName, email: p.email ?? null, phone: p.phone ?? null, remindersOptOut: p.remindersOptOut };
}
