import type { Prisma } from "../db/prisma";

// The one place that says which role may do what (P11), and which records each may reach
// (object-level). Pages, server actions, route handlers and the protocol engine ask here;
// nothing else compares role names. tests/integration/authorization-matrix.test.ts calls every
// server action and route handler as every role and as nobody against these rules.

export const STAFF_ROLES = ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRoleName, string> = {
  THERAPIST: "Therapist",
  PSYCHIATRIST: "Psychiatrist",
  FRONT_DESK: "Front desk",
  ADMIN: "Admin",
};

const PERMISSIONS = {
  /** See couples, partners' names and contact details. */
  "couple:read": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "couple:write": ["THERAPIST", "FRONT_DESK"],
  /** Goals, notes, the protocol panel: clinical content. */
  "clinical:read": ["THERAPIST", "PSYCHIATRIST"],
  "cycle:plan": ["THERAPIST"],
  "session:book": ["THERAPIST", "FRONT_DESK"],
  "session:move": ["THERAPIST", "FRONT_DESK"],
  "session:cancel": ["THERAPIST", "FRONT_DESK"],
  "session:check-in": ["THERAPIST", "FRONT_DESK"],
  "session:complete": ["THERAPIST", "PSYCHIATRIST"],
  "session:no-show": ["THERAPIST", "FRONT_DESK"],
  "calendar:read": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"],
  "clearance:record": ["PSYCHIATRIST"],
  "clearance:revoke": ["PSYCHIATRIST"],
  "clearance:read": ["THERAPIST", "PSYCHIATRIST"],
  /** Whether a partner is cleared for a date, without any clinical detail. */
  "clearance:status": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "dosing:record": ["THERAPIST", "PSYCHIATRIST"],
  /** A dosing partner's ride home (name, phone): recorded before check-in (P10), so the front desk too. */
  "dosing:ride-home": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "dosing:override": ["PSYCHIATRIST"],
  "substance-log:write": ["PSYCHIATRIST", "THERAPIST"],
  "substance-log:read": ["PSYCHIATRIST", "ADMIN"],
  "staff:manage": ["ADMIN"],
  "rooms:manage": ["ADMIN"],
  "settings:manage": ["ADMIN"],
  "audit:read": ["ADMIN"],
} as const satisfies Record<string, readonly StaffRoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly StaffRoleName[], permission: Permission): boolean {
  const allowed: readonly StaffRoleName[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/** Who a staff member is, as far as permissions go. */
type Holder = { id: string; roles: readonly StaffRoleName[]; clinicId: string };

/**
 * Which couples a staff member may open (object-level access): therapists their own couples
 * (as the couple's therapist or a partner's KAP therapist), psychiatrists the couples whose
 * partners they evaluate, front desk every couple of the clinic (names, contacts, schedule).
 * Admins none. Null means none at all.
 */
/** Whether the scope below is the whole clinic (front desk), so callers may skip asking. */
export function seesEveryCouple(staff: Pick<Holder, "roles">): boolean {
  return staff.roles.includes("FRONT_DESK");
}

export function coupleScope(staff: Holder): Prisma.CoupleWhereInput | null {
  // An empty filter inside OR matches nothing in Prisma, so "every couple" returns early.
  if (seesEveryCouple(staff)) return { clinicId: staff.clinicId };
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

/** Whether the staff member may see clinical content (goals, notes, protocol status). */
export function seesClinicalContent(staff: { roles: readonly StaffRoleName[] }): boolean {
  return can(staff.roles, "clinical:read");
}

/** Which staff accounts an admin may manage: those of their own clinic. */
export function staffScope(admin: Holder): Prisma.UserWhereInput | null {
  return can(admin.roles, "staff:manage") ? { clinicId: admin.clinicId } : null;
}
