import "server-only";
import type { Staff } from "../auth/session";
import { coupleScope } from "../auth/permissions";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { addClinicDays, atClinicTime, evaluateChange } from "../protocol";
import { loadCoupleSnapshot } from "./load-snapshot";
import { planCycle, type BusyTimes, type PlanPreferences } from "./plan-cycle";

/**
 * A proposal for the couple's open cycle: the planner's sessions, what it could not place and
 * why, and the engine's verdict on booking it all (empty when the plan can be booked as is).
 */
export async function proposePlan(staff: Staff, coupleId: string, prefs: PlanPreferences, now = new Date()) {
  const scope = coupleScope(staff);
  const couple = scope
    ? await db.couple.findFirst({ where: { AND: [scope, { id: coupleId }] }, include: { cycles: { where: { status: { in: ["PLANNING", "ACTIVE"] } }, take: 1, orderBy: { createdAt: "desc" } } } })
    : null;
  if (!couple) throw new NotFoundError("The couple");
  const cycle = couple.cycles[0];
  if (!cycle) throw new NotFoundError("An open KAP cycle for this couple");
  const snapshot = await loadCoupleSnapshot(db, staff.clinicId, coupleId, cycle.id);
  const tz = snapshot.settings.timeZone;
  const from = atClinicTime(prefs.startDate, 0, tz);
  const to = atClinicTime(addClinicDays(prefs.startDate, 100, tz), 0, tz);
  const plan = planCycle(snapshot, await busyTimes(staff.clinicId, from, to), prefs, now);
  const { violations, notices } = evaluateChange(snapshot, { type: "book", sessions: plan.sessions }, { actor: staff, now });
  return { cycle, snapshot, plan, violations, notices };
}

/** Every non-cancelled session of the clinic in the range, as busy intervals per room, clinician and partner. */
export async function busyTimes(clinicId: string, from: Date, to: Date): Promise<BusyTimes> {
  const sessions = await db.session.findMany({
    // Sessions last hours, never a day: the lower bound on startsAt lets the (clinicId, startsAt)
    // index skip the clinic's whole history, which `endsAt > from` alone cannot.
    where: { clinicId, status: { not: "CANCELLED" }, startsAt: { gte: new Date(from.getTime() - 24 * 3600_000), lt: to }, endsAt: { gt: from } },
    select: { roomId: true, startsAt: true, endsAt: true, clinicians: { select: { userId: true } }, attendees: { select: { clientId: true } } },
  });
  const busy: BusyTimes = new Map();
  for (const s of sessions) {
    const slot = { start: s.startsAt.getTime(), end: s.endsAt.getTime() };
    for (const key of [s.roomId, ...s.clinicians.map((c) => c.userId), ...s.attendees.map((a) => a.clientId)]) {
      if (!key) continue;
      const list = busy.get(key);
      if (list) list.push(slot);
      else busy.set(key, [slot]);
    }
  }
  return busy;
}
