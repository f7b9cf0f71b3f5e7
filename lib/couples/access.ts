import type { Prisma } from "../db/prisma";
import type { Staff } from "../auth/session";

/**
 * Which couples a staff member may open (object-level access): therapists their own couples
 * (as the couple's therapist or a partner's KAP therapist), psychiatrists the couples whose
 * partners they evaluate, front desk every couple of the clinic (names, contacts, schedule).
 * Null means none at all.
 */
export function coupleScope(staff: Pick<Staff, "id" | "roles" | "clinicId">): Prisma.CoupleWhereInput | null {
  // An empty filter inside OR matches nothing in Prisma, so "every couple" returns early.
  if (staff.roles.includes("FRONT_DESK")) return { clinicId: staff.clinicId };
  const any: Prisma.CoupleWhereInput[] = [];
  if (staff.roles.includes("THERAPIST")) {
    any.push({ couplesTherapistId: staff.id }, { partnerAKapTherapistId: staff.id }, { partnerBKapTherapistId: staff.id });
  }
  if (staff.roles.includes("PSYCHIATRIST")) {
    any.push({ sessions: { some: { kind: "MEDICAL_EVALUATION", clinicians: { some: { userId: staff.id } } } } });
  }
  if (any.length === 0) return null;
  return { clinicId: staff.clinicId, OR: any };
}

/** Whether the staff member may see this couple's clinical content (goals, protocol status). */
export function seesClinicalContent(staff: Pick<Staff, "roles">): boolean {
  return staff.roles.includes("THERAPIST") || staff.roles.includes("PSYCHIATRIST");
}
