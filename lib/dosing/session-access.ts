import "server-only";
import type { Staff } from "../auth/session";
import { can, type Permission } from "../auth/permissions";
import { NOTHING, partnerWhere, sessionWhere } from "../auth/reach";
import type { Tx } from "../db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { atClinicTime, clinicDate } from "../protocol/calendar";
import { MEDICINE_KINDS } from "../protocol/cycle";

/**
 * A medicine session for its dosing day, if this staff member reaches it for the permission
 * (P11, lib/auth/reach.ts): a therapist of the couple; a psychiatrist for the dosing days of the
 * partners they evaluate; for the ride home only, the front desk (who check partners in, P10).
 * `reachedPartnerIds` are the partners whose records this staff member may see and make: a
 * psychiatrist who evaluates one partner of a Low Dose Together pair works that partner's
 * record only. Row-locks the session so the dosing day's writes and its completion are ordered.
 */
export async function dosingSessionFor(tx: Tx, staff: Staff, sessionId: string, permission: Permission, options: { lock?: boolean } = {}) {
  if (!can(staff.roles, permission)) throw new ForbiddenError();
  if (options.lock !== false) await tx.$queryRaw`SELECT 1 FROM "Session" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
  const session = await tx.session.findFirst({
    where: { AND: [sessionWhere(staff, permission) ?? NOTHING, { id: sessionId, kind: { in: [...MEDICINE_KINDS] } }] },
    include: {
      couple: { include: { partnerA: true, partnerB: true } },
      clinicians: { select: { userId: true } },
      clinic: true,
    },
  });
  if (!session) throw new NotFoundError("The session");
  const dosing = dosingPartners(session).map((p) => p.id);
  const reached = await tx.client.findMany({ where: { AND: [partnerWhere(staff, permission) ?? NOTHING, { id: { in: dosing } }] }, select: { id: true } });
  return { ...session, reachedPartnerIds: reached.map((p) => p.id) };
}

export type DosingSession = Awaited<ReturnType<typeof dosingSessionFor>>;

/** Who doses: the journeyer in Taking Turns (P5), both partners in Low Dose Together (P6). */
export function dosingPartners<P extends { id: string }>(session: { kind: string; journeyerId: string | null; couple: { partnerA: P; partnerB: P } }): P[] {
  const both = [session.couple.partnerA, session.couple.partnerB];
  return session.kind === "MEDICINE_LOW_DOSE" ? both : both.filter((p) => p.id === session.journeyerId);
}

/** A dosing partner of the session whom this staff member reaches; anyone else is "not a dosing partner", alike. */
export function dosingPartner(session: DosingSession, clientId: string) {
  const partner = dosingPartners(session).find((p) => p.id === clientId && session.reachedPartnerIds.includes(p.id));
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
