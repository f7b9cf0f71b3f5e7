import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, getISODay } from "date-fns";
import { hashPassword } from "../../lib/auth/password";
import type { Db, Tx } from "../../lib/db/prisma";
import { isMedicine } from "../../lib/protocol/cycle";
import { DEFAULT_SETTINGS } from "../../lib/protocol/settings";
import { DEMO_CLINIC, DEMO_COUPLES, DEMO_PASSWORD, DEMO_ROOMS, DEMO_STAFF, type CoupleSeed, type StaffKey } from "./demo-people";
import { stageTimeline, type Step } from "./demo-timelines";
import { seedDemoNotes } from "./demo-notes";
import { seedCoupleMeasures, type SeededSession } from "./demo-measures";

type Kind = Step["kind"];
type Interval = { start: Date; end: Date };

export type DemoOptions = {
  /**
   * Open the demo clinic every day instead of Mon–Sat, so that its dosing day is always the day
   * of seeding. For the end-to-end tests (KAP_DEMO_OPEN_EVERY_DAY=1), which run on any day of the
   * week and can only take vitals on a checked-in session's own day (P11).
   */
  openEveryDay?: boolean;
};

/**
 * Seeds the demo clinic: rooms, staff, twelve couples at every stage of a cycle, clearances,
 * dosing records and the controlled-substance log. Idempotent: a second run finds the clinic
 * and changes nothing. Dates are relative to `now`, so the calendar has this week's sessions.
 */
export async function seedDemoClinic(db: Db, now = new Date(), options: DemoOptions = {}): Promise<{ created: boolean }> {
  const existing = await db.clinic.findFirst({ where: { name: DEMO_CLINIC.name } });
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => seedDemoClinicIn(tx, passwordHash, now, options), { timeout: 120_000, maxWait: 20_000 });
  return { created: true };
}

/** The demo clinic, written in the caller's transaction (the seed's test rolls it back to try another day). */
export async function seedDemoClinicIn(tx: Tx, passwordHash: string, now: Date, options: DemoOptions = {}) {
  const tz = DEMO_CLINIC.timeZone;
  const openWeekdays = options.openEveryDay ? [1, 2, 3, 4, 5, 6, 7] : [...DEFAULT_SETTINGS.openWeekdays];
  const clinic = await tx.clinic.create({ data: { ...DEMO_CLINIC, openWeekdays } });
  const rooms = [];
  for (const room of DEMO_ROOMS) rooms.push(await tx.room.create({ data: { ...room, clinicId: clinic.id } }));
  const staff = {} as Record<StaffKey, string>;
  for (const person of DEMO_STAFF) {
    const user = await tx.user.create({
      data: { clinicId: clinic.id, email: person.email, name: person.name, roles: [...person.roles], passwordHash },
    });
    staff[person.key] = user.id;
  }
  const lot = await tx.substanceLot.create({ data: { clinicId: clinic.id, lotNumber: "KET-2026-014" } });
  await tx.substanceLogEntry.create({
    data: { lotId: lot.id, kind: "RECEIPT", quantityMg: 5000, reason: "Received from pharmacy", recordedById: staff.park, occurredAt: addDays(now, -120) },
  });

  // Busy intervals per room, clinician and partner, so the demo never trips the EXCLUDE constraints.
  const busy = new Map<string, Interval[]>();
  const isFree = (key: string, slot: Interval) => !(busy.get(key) ?? []).some((b) => b.start < slot.end && slot.start < b.end);
  const take = (key: string, slot: Interval) => busy.set(key, [...(busy.get(key) ?? []), slot]);
  const today = new TZDate(now.getTime(), tz);
  const minutes: Record<Kind, number> = {
    INTAKE: 60, PREPARATION: 90, MEDICAL_EVALUATION: 60, MEDICINE_TAKING_TURNS: 180,
    MEDICINE_LOW_DOSE: 120, INTEGRATION: 90, COUPLES_THERAPY: 60,
  };

  for (const [index, seedCouple] of DEMO_COUPLES.entries()) {
    const partnerA = await tx.client.create({ data: clientData(clinic.id, seedCouple.a) });
    const partnerB = await tx.client.create({ data: clientData(clinic.id, seedCouple.b) });
    const couple = await tx.couple.create({
      data: {
        clinicId: clinic.id,
        partnerAId: partnerA.id,
        partnerBId: partnerB.id,
        couplesTherapistId: staff[seedCouple.couplesTherapist],
        partnerAKapTherapistId: staff[seedCouple.kapA],
        partnerBKapTherapistId: staff[seedCouple.kapB],
      },
    });
    const timeline = stageTimeline(seedCouple.stage, index);
    const cycle = timeline.cycle
      ? await tx.kapCycle.create({
          data: { coupleId: couple.id, ...timeline.cycle, sharedGoals: seedCouple.goals },
        })
      : null;

    const partnerId = { a: partnerA.id, b: partnerB.id };
    const created: SeededSession[] = [];
    for (const step of timeline.steps) {
      let day = step.after === undefined ? addDays(startOfClinicDay(today), step.day) : addDays(startOfClinicDay(new TZDate(created[step.after].start.getTime(), tz)), step.day);
      // Every session on a day the clinic is open (P10), an integration on the next one (P4).
      while (!openWeekdays.includes(getISODay(day))) day = addDays(day, 1);
      const attendees = step.partner ? [partnerId[step.partner]] : [partnerA.id, partnerB.id];
      const clinician = clinicianFor(step, seedCouple, staff);
      const medicine = isMedicine(step);
      const roomChoices = step.telehealth ? [null] : medicine ? rooms.filter((r) => r.dosingEquipped) : rooms.filter((r) => !r.dosingEquipped);
      let placed: { slot: Interval; roomId: string | null } | undefined;
      for (let minute = 9 * 60 + (index % 4) * 30; minute + minutes[step.kind] <= 20 * 60 && !placed; minute += 30) {
        const start = addMinutes(day, minute);
        const slot = { start, end: addMinutes(start, minutes[step.kind]) };
        if (![clinician, ...attendees].every((key) => isFree(key, slot))) continue;
        const room = roomChoices.find((r) => r === null || isFree(r.id, slot));
        if (room !== undefined) placed = { slot, roomId: room?.id ?? null };
      }
      if (!placed) throw new Error(`Demo seed: no slot for ${step.kind} of couple ${index + 1}`);
      const { slot, roomId } = placed;
      for (const key of [clinician, ...attendees, ...(roomId ? [roomId] : [])]) take(key, slot);

      // The dosing day is under way only if it is today; on a later open day it waits, scheduled.
      const checkedIn = step.dosingDay === true && startOfClinicDay(new TZDate(slot.start.getTime(), tz)).getTime() === startOfClinicDay(today).getTime();
      const past = !checkedIn && slot.end <= now;
      const session = await tx.session.create({
        data: {
          clinicId: clinic.id,
          coupleId: couple.id,
          cycleId: step.kind === "COUPLES_THERAPY" ? null : cycle?.id,
          kind: step.kind,
          status: checkedIn ? "CHECKED_IN" : past ? "COMPLETED" : "SCHEDULED",
          startsAt: slot.start,
          endsAt: slot.end,
          roomId,
          journeyerId: step.journeyer ? partnerId[step.journeyer] : null,
          medicineSessionId: step.kind === "INTEGRATION" && step.after !== undefined ? created[step.after].id : null,
          createdById: staff.diaz,
          ...(past ? { checkedInAt: slot.start, checkedInById: staff.diaz, completedAt: slot.end, completedById: clinician } : {}),
          ...(checkedIn ? { checkedInAt: slot.start < now ? slot.start : now, checkedInById: staff.diaz } : {}),
          clinicians: { create: [{ userId: clinician }] },
          attendees: {
            create: attendees.map((clientId) => ({
              clientId,
              role: step.journeyer ? (partnerId[step.journeyer] === clientId ? "JOURNEYER" : "SITTER") : "PARTICIPANT",
            })),
          },
        },
      });
      created.push({ id: session.id, start: slot.start, end: slot.end, status: session.status, kind: step.kind, attendees, journeyerId: session.journeyerId, clinicianId: clinician });

      if (step.kind === "MEDICAL_EVALUATION" && past && timeline.clears) {
        const conditional = step.partner === "b" && index % 2 === 0;
        await tx.clearance.create({
          data: {
            clientId: attendees[0],
            psychiatristId: staff[seedCouple.psychiatrist],
            evaluationSessionId: session.id,
            evaluatedOn: clinicDateOnly(slot.start, tz),
            screening: {},
            systolic: 118 + index,
            diastolic: 76,
            heartRate: 70 + index,
            decision: conditional ? "CLEARED_WITH_CONDITIONS" : "CLEARED",
            conditions: conditional ? "Recheck blood pressure before each dose." : "",
            models: [timeline.cycle!.model],
            maxDoseMg: timeline.cycle!.model === "LOW_DOSE_TOGETHER" ? 50 : 100,
            route: "SUBLINGUAL_LOZENGE",
            validUntil: addDays(clinicDateOnly(slot.start, tz), 90),
            signedAt: slot.end,
          },
        });
      }
      if (medicine && step.dosingDay) {
        // P10: a checked-in medicine session has a ride home for each dosing partner; it may be recorded ahead (P11).
        for (const clientId of step.journeyer ? [partnerId[step.journeyer]] : attendees) {
          await tx.dosingRecord.create({ data: { sessionId: session.id, clientId, rideHomeName: "Family member", rideHomePhone: "(415) 555-0199" } });
        }
      }
      if (medicine && past) {
        const dosing = step.journeyer ? [partnerId[step.journeyer]] : attendees;
        for (const clientId of dosing) {
          const record = await tx.dosingRecord.create({
            data: {
              sessionId: session.id,
              clientId,
              rideHomeName: "Family member",
              rideHomePhone: "(415) 555-0199",
              dischargedAt: slot.end,
              dischargedById: clinician,
              alertAndOriented: true,
              escortPresent: true,
            },
          });
          await tx.vitalsReading.create({
            data: { dosingRecordId: record.id, phase: "BEFORE_DOSING", takenAt: slot.start, systolic: 124, diastolic: 80, heartRate: 74, recordedById: clinician },
          });
          const dose = timeline.cycle!.model === "LOW_DOSE_TOGETHER" ? 25 : 75;
          const administration = await tx.administration.create({
            data: {
              dosingRecordId: record.id, doseMg: dose, route: "SUBLINGUAL_LOZENGE", lotId: lot.id,
              administeredAt: addMinutes(slot.start, 15), givenById: staff[seedCouple.psychiatrist], witnessedById: clinician,
            },
          });
          await tx.substanceLogEntry.create({
            data: {
              lotId: lot.id, kind: "ADMINISTRATION", quantityMg: -dose, administrationId: administration.id,
              recordedById: staff[seedCouple.psychiatrist], witnessedById: clinician, occurredAt: administration.administeredAt,
            },
          });
        }
      }
    }
    // Outcome measures: the baseline, P12's PHQ-9 screens, CSI-16 after integrations (demo-measures.ts).
    await seedCoupleMeasures(tx, {
      clinicId: clinic.id, index, partners: [partnerA.id, partnerB.id], cycleCompleted: cycle?.status === "COMPLETED",
      sessions: [...created].sort((x, y) => x.start.getTime() - y.start.getTime()), therapistId: staff[seedCouple.couplesTherapist], now,
    });
  }
  // P13: the session notes, once every couple's sessions and dosing records are in (demo-notes.ts).
  await seedDemoNotes(tx, clinic.id, now);
}

function clientData(clinicId: string, partner: CoupleSeed["a"]) {
  return { clinicId, firstName: partner.first, lastName: partner.last, email: partner.email, phone: partner.phone };
}

function clinicianFor(step: Step, couple: CoupleSeed, staff: Record<StaffKey, string>): string {
  if (step.kind === "INTAKE") return staff[step.partner === "a" ? couple.kapA : couple.kapB];
  if (step.kind === "MEDICAL_EVALUATION") return staff[couple.psychiatrist];
  return staff[couple.couplesTherapist];
}

function startOfClinicDay(date: TZDate): TZDate {
  return new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), date.timeZone!);
}

/** A `@db.Date` value: the clinic-local calendar date at UTC midnight, as Prisma stores dates. */
function clinicDateOnly(instant: Date, tz: string): Date {
  const local = new TZDate(instant.getTime(), tz);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}
