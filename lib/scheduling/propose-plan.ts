import "server-only";
import type { Staff } from "../auth/session";
import { coupleWhere } from "../auth/reach";
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
  const scope = coupleWhere(staff, "cycle:plan");
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
  const { couple: c } = snapshot;
  const people = {
    clinicianIds: [c.couplesTherapistId, ...c.partners.map((p) => p.kapTherapistId), prefs.psychiatristId],
    partnerIds: c.partners.map((p) => p.id),
  };
  const plan = planCycle(snapshot, await busyTimes(staff.clinicId, from, to, people), prefs, now);
  const { violations, notices } = evaluateChange(snapshot, { type: "book", sessions: plan.sessions }, { actor: staff, now });
  return { cycle, snapshot, plan, violations, notices };
}

/**
 * Who is busy in the range: every room of the clinic, and the plan's own clinicians and partners
 * (the planner asks about no one else). Flat rows from the tables that carry each session's time:
 * loading every session of the clinic with its clinicians and attendees (~7,000 sessions in 100
 * days of the bench's clinic) was most of a plan's time.
 */
export async function busyTimes(clinicId: string, from: Date, to: Date, people: { clinicianIds: string[]; partnerIds: string[] }): Promise<BusyTimes> {
  // Sessions last hours, never a day: the lower bound on the start lets the (…, startsAt)
  // indexes skip the clinic's whole history, which `endsAt > from` alone cannot.
  const startsAt = { gte: new Date(from.getTime() - 24 * 3600_000), lt: to };
  const [rooms, clinicians, partners] = await Promise.all([
    // One row per room with its busy times as two arrays of epoch seconds: ~7,000 sessions as
    // rows cost the driver and Prisma's mapping most of a plan's time. (date_part gives a
    // double; EXTRACT gives numeric, and the conversion tripled the query's time.)
    db.$queryRaw<{ roomId: string; starts: number[]; ends: number[] }[]>`
      SELECT "roomId"::text AS "roomId",
             array_agg(date_part('epoch', "startsAt")) AS "starts",
             array_agg(date_part('epoch', "endsAt")) AS "ends"
        FROM "Session"
       WHERE "clinicId" = ${clinicId}::uuid AND "roomId" IS NOT NULL AND "status" <> 'CANCELLED'
         AND "startsAt" >= ${startsAt.gte} AND "startsAt" < ${to} AND "endsAt" > ${from}
       GROUP BY "roomId"`,
    db.sessionClinician.findMany({
      where: { userId: { in: [...new Set(people.clinicianIds)] }, sessionStatus: { not: "CANCELLED" }, sessionStartsAt: startsAt, sessionEndsAt: { gt: from } },
      select: { userId: true, sessionStartsAt: true, sessionEndsAt: true },
    }),
    db.sessionAttendee.findMany({
      where: { clientId: { in: people.partnerIds }, sessionStatus: { not: "CANCELLED" }, sessionStartsAt: startsAt, sessionEndsAt: { gt: from } },
      select: { clientId: true, sessionStartsAt: true, sessionEndsAt: true },
    }),
  ]);
  const busy: BusyTimes = new Map();
  const add = (key: string, start: Date, end: Date) => {
    const slot = { start: start.getTime(), end: end.getTime() };
    const list = busy.get(key);
    if (list) list.push(slot);
    else busy.set(key, [slot]);
  };
  const ms = (seconds: number) => Math.round(Number(seconds) * 1000);
  for (const room of rooms) busy.set(room.roomId, room.starts.map((start, i) => ({ start: ms(start), end: ms(room.ends[i]) })));
  for (const s of clinicians) add(s.userId, s.sessionStartsAt, s.sessionEndsAt);
  for (const s of partners) add(s.clientId, s.sessionStartsAt, s.sessionEndsAt);
  return busy;
}
