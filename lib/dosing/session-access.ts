import "server-only";
import type { Staff } from "../auth/session";
import { can, type Permission } from "../auth/permissions";
import type { Tx } from "../db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { atClinicTime, clinicDate } from "../protocol/calendar";

/**
 * A medicine session for its dosing day, if this staff member may work on it: a clinician of the
 * session, a therapist of the couple, any psychiatrist of the clinic (they override holds), and,
 * for the ride home only, the front desk (who check partners in, P10). Row-locks the session so
 * the dosing day's writes and its completion are ordered.
 */
export async function dosingSessionFor(tx: Tx, staff: Staff, sessionId: string, permission: Permission, options: { lock?: boolean } = {}) {
  if (!can(staff.roles, permission)) throw new ForbiddenError();
  if (options.lock !== false) await tx.$queryRaw`SELECT 1 FROM "Session" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
  const session = await tx.session.findFirst({
    where: { id: sessionId, clinicId: staff.clinicId, kind: { in: ["MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE"] } },
    include: {
      couple: { include: { partnerA: true, partnerB: true } },
      clinicians: { select: { userId: true } },
      clinic: true,
    },
  });
  if (!session || !maySee(staff, session, permission)) throw new NotFoundError("The medicine session");
  return session;
}

type SessionForAccess = {
  clinicians: { userId: string }[];
  couple: { couplesTherapistId: string; partnerAKapTherapistId: string; partnerBKapTherapistId: string };
};

function maySee(staff: Staff, s: SessionForAccess, permission: Permission): boolean {
  if (staff.roles.includes("PSYCHIATRIST")) return true;
  if (permission === "dosing:ride-home" && staff.roles.includes("FRONT_DESK")) return true;
  const { couple } = s;
  return [couple.couplesTherapistId, couple.partnerAKapTherapistId, couple.partnerBKapTherapistId, ...s.clinicians.map((c) => c.userId)].includes(staff.id);
}

export type DosingSession = Awaited<ReturnType<typeof dosingSessionFor>>;

/** Who doses: the journeyer in Taking Turns (P5), both partners in Low Dose Together (P6). */
export function dosingPartners(session: Pick<DosingSession, "kind" | "journeyerId" | "couple">) {
  const both = [session.couple.partnerA, session.couple.partnerB];
  return session.kind === "MEDICINE_LOW_DOSE" ? both : both.filter((p) => p.id === session.journeyerId);
}

export function dosingPartner(session: DosingSession, clientId: string) {
  const partner = dosingPartners(session).find((p) => p.id === clientId);
  if (!partner) throw new InvalidInputError("That partner does not dose in this session.", { clientId: ["That partner does not dose in this session."] });
  return partner;
}

export function assertCheckedIn(session: Pick<DosingSession, "status">, what: string) {
  if (session.status !== "CHECKED_IN") {
    throw new InvalidInputError(`${what} is recorded once the session is checked in${session.status === "SCHEDULED" ? "" : `, and this one is ${session.status.toLowerCase().replace("_", "-")}`}.`);
  }
}

/** "HH:mm" on the session's clinic day, or now; never in the future. */
export function instantOf(time: string | undefined, session: Pick<DosingSession, "startsAt" | "clinic">, now: Date): Date {
  if (!time) return now;
  const zone = session.clinic.timeZone;
  const [h, m] = time.split(":").map(Number);
  const at = atClinicTime(clinicDate(session.startsAt, zone), h * 60 + m, zone);
  if (at.getTime() > now.getTime() + 60_000) throw new InvalidInputError("The time cannot be in the future.", { time: ["The time cannot be in the future."] });
  return at;
}

export const partnerLabel = (p: { firstName: string; preferredName: string | null }) => p.preferredName ?? p.firstName;
