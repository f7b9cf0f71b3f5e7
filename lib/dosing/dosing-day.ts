import "server-only";
import type { Staff } from "../auth/session";
import { can } from "../auth/permissions";
import { recordAudit } from "../audit/record";
import { CLEARANCE_FACTS } from "../clearance/facts";
import { clearanceInForce } from "../clearance/in-force";
import { db } from "../db";
import { clinicDate } from "../protocol/calendar";
import { settingsFromClinic } from "../protocol/settings";
import { doseHold } from "./hold";
import { dosingPartners, dosingSessionFor, partnerLabel } from "./session-access";

const MODEL_OF = { MEDICINE_TAKING_TURNS: "TAKING_TURNS", MEDICINE_LOW_DOSE: "LOW_DOSE_TOGETHER" } as const;

/**
 * A medicine session's dosing day. The front desk gets the ride homes only (they record them
 * before check-in, P10); clinicians get vitals, holds, doses and discharge, and that read of each
 * partner's dosing record is audited in the same transaction.
 */
export async function dosingDay(staff: Staff, sessionId: string, now = new Date()) {
  const clinical = can(staff.roles, "dosing:record");
  return db.$transaction(async (tx) => {
    const session = await dosingSessionFor(tx, staff, sessionId, clinical ? "dosing:record" : "dosing:ride-home", { lock: false });
    const zone = session.clinic.timeZone;
    // Only the partners this staff member reaches (P11): a psychiatrist sees those they evaluate.
    const partners = dosingPartners(session).filter((p) => session.reachedPartnerIds.includes(p.id));
    const records = await tx.dosingRecord.findMany({
      where: { sessionId: session.id },
      include: clinical
        ? {
            vitals: { orderBy: { takenAt: "asc" } },
            overrides: { orderBy: { createdAt: "asc" } },
            administrations: { orderBy: { administeredAt: "asc" }, include: { lot: { select: { lotNumber: true } } } },
          }
        : undefined,
    });
    const people = clinical ? await tx.user.findMany({ where: { clinicId: staff.clinicId }, select: { id: true, name: true, roles: true, active: true } }) : [];
    const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? "";
    const clearances = clinical ? await tx.clearance.findMany({ where: { clientId: { in: partners.map((p) => p.id) } }, include: CLEARANCE_FACTS }) : [];
    const day = clinicDate(session.startsAt, zone);
    const model = MODEL_OF[session.kind as keyof typeof MODEL_OF];

    const rows = partners.map((p) => {
      const record = records.find((r) => r.clientId === p.id);
      const base = { clientId: p.id, name: partnerLabel(p), fullName: `${partnerLabel(p)} ${p.lastName}`, rideHomeName: record?.rideHomeName ?? null, rideHomePhone: record?.rideHomePhone ?? null };
      if (!clinical || !("vitals" in (record ?? {}))) return { ...base, clinical: null };
      const r = record as NonNullable<typeof record> & {
        vitals: { id: string; phase: "BEFORE_DOSING" | "DURING" | "BEFORE_DISCHARGE"; takenAt: Date; systolic: number; diastolic: number; heartRate: number; recordedById: string }[];
        overrides: { vitalsReadingId: string; psychiatristId: string; reason: string; createdAt: Date }[];
        administrations: { id: string; doseMg: unknown; route: "SUBLINGUAL_LOZENGE" | "INTRAMUSCULAR"; administeredAt: Date; givenById: string; witnessedById: string; lot: { lotNumber: string } }[];
      };
      return { ...base, clinical: detail(r) };
    });
    // A partner with no record yet still needs the clinical frame (no vitals, hold "no reading").
    const withFrame = rows.map((row) => {
      if (!clinical) return row;
      const inForceId = clearanceInForce(clearances, row.clientId, day, model, settingsFromClinic(session.clinic));
      const c = clearances.find((x) => x.id === inForceId);
      const clearance = c ? { id: c.id, maxDoseMg: Number(c.maxDoseMg), route: c.route! } : null;
      const frame = row.clinical ?? detail({ id: null, vitals: [], overrides: [], administrations: [], dischargedAt: null, dischargedById: null });
      return { ...row, clinical: { ...frame, clearance } };
    });

    function detail(r: {
      id: string | null;
      vitals: { id: string; phase: "BEFORE_DOSING" | "DURING" | "BEFORE_DISCHARGE"; takenAt: Date; systolic: number; diastolic: number; heartRate: number; recordedById: string }[];
      overrides: { vitalsReadingId: string; psychiatristId: string; reason: string; createdAt: Date }[];
      administrations: { id: string; doseMg: unknown; route: "SUBLINGUAL_LOZENGE" | "INTRAMUSCULAR"; administeredAt: Date; givenById: string; witnessedById: string; lot: { lotNumber: string } }[];
      dischargedAt: Date | null;
      dischargedById: string | null;
    }) {
      const last = r.administrations[r.administrations.length - 1];
      const givenMg = r.administrations.reduce((sum, a) => sum + Number(a.doseMg), 0);
      return {
        recordId: r.id,
        hold: doseHold(r.vitals, r.overrides, session.clinic),
        vitals: r.vitals.map((v) => ({ ...v, recordedBy: nameOf(v.recordedById) })),
        overrides: r.overrides.map((o) => ({ ...o, psychiatrist: nameOf(o.psychiatristId) })),
        administrations: r.administrations.map((a) => ({ ...a, doseMg: Number(a.doseMg), givenBy: nameOf(a.givenById), witnessedBy: nameOf(a.witnessedById) })),
        givenMg,
        earliestDischarge: last ? new Date(last.administeredAt.getTime() + session.clinic.dischargeMinMinutes * 60_000) : null,
        dischargedAt: r.dischargedAt,
        dischargedBy: nameOf(r.dischargedById),
        clearance: null as { id: string; maxDoseMg: number; route: "SUBLINGUAL_LOZENGE" | "INTRAMUSCULAR" } | null,
      };
    }

    if (clinical) {
      for (const row of withFrame) {
        await recordAudit(tx, staff, { action: "read", entity: "DosingRecord", entityId: row.clinical?.recordId ?? session.id, clientId: row.clientId, outcome: "ALLOWED" });
      }
    }
    const lots = clinical ? await tx.substanceLot.findMany({ where: { clinicId: staff.clinicId, balanceMg: { gt: 0 } }, orderBy: { lotNumber: "asc" } }) : [];
    return {
      session: { id: session.id, kind: session.kind, status: session.status, startsAt: session.startsAt, endsAt: session.endsAt, coupleId: session.coupleId },
      timeZone: zone,
      limits: { maxSystolic: session.clinic.maxSystolic, maxDiastolic: session.clinic.maxDiastolic, maxHeartRate: session.clinic.maxHeartRate, dischargeMinMinutes: session.clinic.dischargeMinMinutes },
      clinical,
      partners: withFrame,
      lots: lots.map((l) => ({ id: l.id, lotNumber: l.lotNumber, balanceMg: Number(l.balanceMg) })),
      witnesses: people.filter((p) => p.active && p.id !== staff.id && can(p.roles, "substance-log:witness")).map((p) => ({ id: p.id, name: p.name })),
      now,
    };
  });
}

export type DosingDay = Awaited<ReturnType<typeof dosingDay>>;
