import type { Prisma } from "../db/prisma";
import { isMedicine } from "../protocol/cycle";
import type { SessionKind, SessionStatus } from "../protocol/types";
import { can, type Permission, type StaffRoleName } from "./permissions";

// Reach (PROTOCOL.md P11): which records a staff member may act on, the one definition. Each way
// of reaching is written once, as a Prisma filter (for lists and for checking one record by id,
// lib/auth/reach-check.ts) beside the same test on loaded facts (for the protocol engine's P11
// and pages that already hold the couple). tests/integration/reach.test.ts checks on a real
// database that the two sides agree.
//
// - A therapist reaches the couples they treat: the couple's therapist, or either partner's KAP
//   therapist.
// - A psychiatrist reaches the partners they evaluate (a medical evaluation booked with them, or
//   a clearance they recorded), and those partners' dosing days.
// - The front desk reaches every couple of the clinic: names, contact details and schedule.
//   Nothing clinical: that is the role gate's business (can(), permissions.ts).
// - Admins reach no couple (staff, rooms, settings and the audit log are the clinic's own).
// - Notes (P13) are reached by session: a therapist reaches every note of the couples they treat;
//   a psychiatrist the intake notes of the partners they evaluate and the medicine-session notes
//   where such a partner doses; any clinician the note of a session they were a clinician of
//   (its writer). The front desk reaches every session's note *status* (late or not); what a
//   note says is the role gate's business ("note:read" is not theirs). Admins reach no note.
//
// Reach is asked for a permission: a role counts only if it holds that permission, so a
// therapist who also works the front desk completes sessions only for couples they treat.

export type Reacher = { id: string; roles: readonly StaffRoleName[]; clinicId: string };

/** What the test side needs to know of one couple: the engine's snapshot has all of it. */
export type CoupleFacts = {
  couplesTherapistId: string;
  partners: readonly { id: string; kapTherapistId: string }[];
  sessions: readonly SessionFacts[];
  clearances: readonly { clientId: string; psychiatristId?: string | null }[];
};

export type SessionFacts = {
  kind: SessionKind;
  status: SessionStatus;
  clinicianIds: readonly string[];
  partnerIds: readonly string[];
  journeyerId: string | null;
};

/** A therapist treats the couple. */
const treats = {
  where: (userId: string): Prisma.CoupleWhereInput => ({
    OR: [{ couplesTherapistId: userId }, { partnerAKapTherapistId: userId }, { partnerBKapTherapistId: userId }],
  }),
  holds: (userId: string, couple: CoupleFacts): boolean =>
    couple.couplesTherapistId === userId || couple.partners.some((p) => p.kapTherapistId === userId),
};

/** A psychiatrist evaluates the partner: an evaluation booked with them (not cancelled), or a clearance they recorded. */
const evaluates = {
  where: (userId: string): Prisma.ClientWhereInput => ({
    OR: [
      { attendances: { some: { sessionStatus: { not: "CANCELLED" }, session: { kind: "MEDICAL_EVALUATION", clinicians: { some: { userId } } } } } },
      { clearances: { some: { psychiatristId: userId } } },
    ],
  }),
  holds: (userId: string, partnerId: string, couple: CoupleFacts): boolean =>
    couple.sessions.some((s) => s.kind === "MEDICAL_EVALUATION" && s.status !== "CANCELLED" && s.partnerIds.includes(partnerId) && s.clinicianIds.includes(userId)) ||
    couple.clearances.some((c) => c.clientId === partnerId && c.psychiatristId === userId),
};

/** Who doses in a medicine session: the journeyer in Taking Turns, both partners in Low Dose Together. */
function dosingPartnerIds(session: Pick<SessionFacts, "kind" | "partnerIds" | "journeyerId">): readonly string[] {
  if (session.kind === "MEDICINE_LOW_DOSE") return session.partnerIds;
  if (session.kind === "MEDICINE_TAKING_TURNS") return session.journeyerId ? [session.journeyerId] : [];
  return [];
}

/**
 * One role's reach, each part as a filter and the same test on facts. Null filter: nothing;
 * `every`: every record of the clinic (no filter but the clinic's).
 */
type RoleReach = {
  every?: true;
  partner: { where: (userId: string) => Prisma.ClientWhereInput | null; holds: (userId: string, partnerId: string, couple: CoupleFacts) => boolean };
  couple: { where: (userId: string) => Prisma.CoupleWhereInput | null; holds: (userId: string, couple: CoupleFacts) => boolean };
  session: { where: (userId: string) => Prisma.SessionWhereInput | null; holds: (userId: string, couple: CoupleFacts, session: SessionFacts) => boolean };
  /** The sessions whose note (P13) the role reaches. */
  note: { where: (userId: string) => Prisma.SessionWhereInput | null; holds: (userId: string, couple: CoupleFacts, session: SessionFacts) => boolean };
};

/** A clinician of the session: its note is theirs to write, and so to read. */
const clinicianOf = {
  where: (userId: string): Prisma.SessionWhereInput => ({ clinicians: { some: { userId } } }),
  holds: (userId: string, session: SessionFacts): boolean => session.clinicianIds.includes(userId),
};

/** A filter that matches no record, for a caller whose reach is null, where a query still runs. */
export const NOTHING = { id: { in: [] as string[] } };

const ROLE_REACH: Record<StaffRoleName, RoleReach> = {
  THERAPIST: {
    partner: {
      where: (userId) => ({ OR: [{ couplesAsA: { some: treats.where(userId) } }, { couplesAsB: { some: treats.where(userId) } }] }),
      holds: (userId, _partnerId, couple) => treats.holds(userId, couple),
    },
    couple: { where: treats.where, holds: treats.holds },
    session: { where: (userId) => ({ couple: treats.where(userId) }), holds: (userId, couple) => treats.holds(userId, couple) },
    note: {
      where: (userId) => ({ OR: [{ couple: treats.where(userId) }, clinicianOf.where(userId)] }),
      holds: (userId, couple, session) => treats.holds(userId, couple) || clinicianOf.holds(userId, session),
    },
  },
  PSYCHIATRIST: {
    partner: { where: evaluates.where, holds: evaluates.holds },
    couple: {
      where: (userId) => ({ OR: [{ partnerA: evaluates.where(userId) }, { partnerB: evaluates.where(userId) }] }),
      holds: (userId, couple) => couple.partners.some((p) => evaluates.holds(userId, p.id, couple)),
    },
    // Their own evaluations, and the dosing days of the partners they evaluate.
    session: {
      where: (userId) => ({
        OR: [
          { kind: "MEDICAL_EVALUATION", clinicians: { some: { userId } } },
          { kind: "MEDICINE_TAKING_TURNS", journeyer: evaluates.where(userId) },
          { kind: "MEDICINE_LOW_DOSE", attendees: { some: { client: evaluates.where(userId) } } },
        ],
      }),
      holds: (userId, couple, session) =>
        (session.kind === "MEDICAL_EVALUATION" && session.clinicianIds.includes(userId)) ||
        (isMedicine(session) && dosingPartnerIds(session).some((p) => evaluates.holds(userId, p, couple))),
    },
    // P13: intake notes of the partners they evaluate, medicine-session notes where such a partner doses.
    note: {
      where: (userId) => ({
        OR: [
          clinicianOf.where(userId),
          { kind: "INTAKE", attendees: { some: { client: evaluates.where(userId) } } },
          { kind: "MEDICINE_TAKING_TURNS", journeyer: evaluates.where(userId) },
          { kind: "MEDICINE_LOW_DOSE", attendees: { some: { client: evaluates.where(userId) } } },
        ],
      }),
      holds: (userId, couple, session) =>
        clinicianOf.holds(userId, session) ||
        (session.kind === "INTAKE" && session.partnerIds.some((p) => evaluates.holds(userId, p, couple))) ||
        (isMedicine(session) && dosingPartnerIds(session).some((p) => evaluates.holds(userId, p, couple))),
    },
  },
  FRONT_DESK: {
    every: true,
    partner: { where: () => ({}), holds: () => true },
    couple: { where: () => ({}), holds: () => true },
    session: { where: () => ({}), holds: () => true },
    // Whether a note is late, never what it says: no role of the front desk holds "note:read".
    note: { where: () => ({}), holds: () => true },
  },
  ADMIN: {
    partner: { where: () => null, holds: () => false },
    couple: { where: () => null, holds: () => false },
    session: { where: () => null, holds: () => false },
    note: { where: () => null, holds: () => false },
  },
};

/** The staff member's roles that hold the permission: only they count towards reach. */
function rolesFor(staff: Pick<Reacher, "roles">, permission: Permission): StaffRoleName[] {
  return staff.roles.filter((role) => can([role], permission));
}

/** Whether, for this permission, the staff member reaches every couple of the clinic (the front desk). */
export function reachesEveryCouple(staff: Pick<Reacher, "roles">, permission: Permission): boolean {
  return rolesFor(staff, permission).some((role) => ROLE_REACH[role].every === true);
}

/**
 * One filter: the staff member's clinic and any of their roles' filters. Reaching every record
 * short-circuits: inside OR, Prisma's `{}` would match nothing.
 */
function anyOf(staff: Reacher, permission: Permission, part: (reach: RoleReach) => { where: (userId: string) => object | null }): object | null {
  if (reachesEveryCouple(staff, permission)) return { clinicId: staff.clinicId };
  const filters = rolesFor(staff, permission)
    .map((role) => part(ROLE_REACH[role]).where(staff.id))
    .filter((w): w is object => w !== null);
  if (filters.length === 0) return null;
  return { AND: [{ clinicId: staff.clinicId }, filters.length === 1 ? filters[0] : { OR: filters }] };
}

/** The couples the staff member reaches for this permission, as a filter; null means none. */
export function coupleWhere(staff: Reacher, permission: Permission): Prisma.CoupleWhereInput | null {
  return anyOf(staff, permission, (r) => r.couple) as Prisma.CoupleWhereInput | null;
}

/** The partners (clients) the staff member reaches for this permission. */
export function partnerWhere(staff: Reacher, permission: Permission): Prisma.ClientWhereInput | null {
  return anyOf(staff, permission, (r) => r.partner) as Prisma.ClientWhereInput | null;
}

/** The sessions the staff member reaches for this permission. */
export function sessionWhere(staff: Reacher, permission: Permission): Prisma.SessionWhereInput | null {
  return anyOf(staff, permission, (r) => r.session) as Prisma.SessionWhereInput | null;
}

/** The sessions whose note (P13) the staff member reaches for this permission. */
export function noteWhere(staff: Reacher, permission: Permission): Prisma.SessionWhereInput | null {
  return anyOf(staff, permission, (r) => r.note) as Prisma.SessionWhereInput | null;
}

/** A clearance is reached through its partner. */
export function clearanceWhere(staff: Reacher, permission: Permission): Prisma.ClearanceWhereInput | null {
  const partner = partnerWhere(staff, permission);
  return partner && { client: partner };
}

/** The staff accounts an admin reaches: those of their own clinic. */
export function staffWhere(admin: Reacher, permission: Permission = "staff:manage"): Prisma.UserWhereInput | null {
  return can(admin.roles, permission) ? { clinicId: admin.clinicId } : null;
}

/** A calendar feed's kind, and the permission its owner must hold for it to answer. */
export const FEED_PERMISSION = {
  CLINICIAN: "feed:own-sessions",
  ROOM: "feed:schedule",
  CLINIC: "feed:schedule",
} as const satisfies Record<"CLINICIAN" | "ROOM" | "CLINIC", Permission>;
export type FeedScope = keyof typeof FEED_PERMISSION;

/**
 * Calendar feeds (issue 15): the feeds a staff member reaches. With "staff:manage" (an admin
 * revoking anyone's), every feed of their clinic; with any other permission, their own.
 */
export function feedWhere(staff: Reacher, permission: Permission): Prisma.CalendarFeedWhereInput | null {
  if (!can(staff.roles, permission)) return null;
  return permission === "staff:manage" ? { clinicId: staff.clinicId } : { clinicId: staff.clinicId, ownerId: staff.id };
}

/**
 * The sessions a calendar feed shows its owner: a clinician's own feed, the sessions they are a
 * clinician of; a room's, that room's; the clinic's, every session. Always the owner's clinic
 * only. Null when the owner does not (or no longer) hold the feed's permission: the feed then
 * answers nothing, from the next fetch on.
 */
export function feedSessionWhere(owner: Reacher, feed: { scope: FeedScope; roomId: string | null }): Prisma.SessionWhereInput | null {
  if (!can(owner.roles, FEED_PERMISSION[feed.scope])) return null;
  if (feed.scope === "CLINICIAN") return { clinicId: owner.clinicId, ...clinicianOf.where(owner.id) };
  if (feed.scope === "ROOM") return feed.roomId ? { clinicId: owner.clinicId, roomId: feed.roomId } : null;
  return { clinicId: owner.clinicId };
}

/** Lots of controlled substances, and so their log, are the clinic's own. */
export function lotWhere(staff: Reacher, permission: Permission): Prisma.SubstanceLotWhereInput | null {
  return can(staff.roles, permission) ? { clinicId: staff.clinicId } : null;
}

/** Rooms are the clinic's own: an admin reaches those of their clinic. */
export function roomWhere(staff: Reacher, permission: Permission): Prisma.RoomWhereInput | null {
  return can(staff.roles, permission) ? { clinicId: staff.clinicId } : null;
}

/** Whether the staff member reaches the couple (either partner) for this permission. */
export function reachesCouple(staff: Pick<Reacher, "id" | "roles">, permission: Permission, couple: CoupleFacts): boolean {
  return rolesFor(staff, permission).some((role) => ROLE_REACH[role].couple.holds(staff.id, couple));
}

/** Whether the staff member reaches this partner of the couple for this permission. */
export function reachesPartner(staff: Pick<Reacher, "id" | "roles">, permission: Permission, couple: CoupleFacts, partnerId: string): boolean {
  return rolesFor(staff, permission).some((role) => ROLE_REACH[role].partner.holds(staff.id, partnerId, couple));
}

/**
 * Whether the staff member reaches both partners: the couple's joint clinical record (its shared
 * goals, the cycle's protocol status) is both partners', so a psychiatrist who evaluates one of
 * them reads only that partner's records.
 */
export function reachesWholeCouple(staff: Pick<Reacher, "id" | "roles">, permission: Permission, couple: CoupleFacts): boolean {
  return couple.partners.every((p) => reachesPartner(staff, permission, couple, p.id));
}

/** Whether the staff member reaches this session of the couple for this permission. */
export function reachesSession(staff: Pick<Reacher, "id" | "roles">, permission: Permission, couple: CoupleFacts, session: SessionFacts): boolean {
  return rolesFor(staff, permission).some((role) => ROLE_REACH[role].session.holds(staff.id, couple, session));
}

/** Whether the staff member reaches this session's note (P13) for this permission. */
export function reachesNote(staff: Pick<Reacher, "id" | "roles">, permission: Permission, couple: CoupleFacts, session: SessionFacts): boolean {
  return rolesFor(staff, permission).some((role) => ROLE_REACH[role].note.holds(staff.id, couple, session));
}
